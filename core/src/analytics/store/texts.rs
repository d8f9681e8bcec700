//! The free-text answers: searching them, the survey's themes and tagging answers with them.

use super::*;

/// Stores one free-text answer of a response (nothing when it is there already).
pub(crate) const INSERT_TEXT: &str = "INSERT INTO response_texts (survey_id, response_id, \
     question_id, body) VALUES ($1, $2, $3, $4) ON CONFLICT (response_id, question_id) DO NOTHING";

/// One free-text answer, for the list staff read and code.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRow {
    /// The text's id.
    pub id: i64,
    /// The response it belongs to.
    pub response_id: i64,
    /// When that response was sent.
    pub submitted_at: DateTime<Utc>,
    /// Its district.
    pub district_id: Option<i64>,
    /// The text.
    pub body: String,
    /// The themes it was coded into (tag ids).
    pub tags: Vec<i64>,
}

/// Which texts of a question: all, or those containing a string, or those with a theme.
#[derive(Debug, Clone, Default)]
pub struct TextQuery {
    /// Substring to look for (any script; Japanese has no spaces).
    pub search: Option<String>,
    /// Only texts coded into this theme.
    pub tag: Option<i64>,
}

/// An FTS5 string (a phrase: with the trigram tokenizer, a substring match).
pub(super) fn fts_phrase(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Store {
    /// The condition and its parameter that keep the texts a query asks for (`$3`, `$4` are
    /// the search and the tag; SQLite uses its trigram index for three characters or more,
    /// PostgreSQL its pg_trgm index).
    pub(super) fn text_condition(&self, query: &TextQuery) -> (String, Option<String>) {
        let mut sql = String::new();
        let search = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let param = match (search, &self.db) {
            (Some(s), crate::db::Db::Sqlite(_)) if s.chars().count() >= 3 => {
                sql.push_str(
                    " AND t.id IN (SELECT rowid FROM response_texts_fts \
                              WHERE response_texts_fts MATCH $3)",
                );
                Some(fts_phrase(s))
            }
            (Some(s), crate::db::Db::Sqlite(_)) => {
                sql.push_str(" AND t.body LIKE $3 ESCAPE '\\'");
                Some(contains_pattern(s))
            }
            (Some(s), crate::db::Db::Postgres(_)) => {
                sql.push_str(" AND t.body ILIKE $3 ESCAPE '\\'");
                Some(contains_pattern(s))
            }
            (None, _) => {
                sql.push_str(" AND $3 IS NULL");
                None
            }
        };
        sql.push_str(
            " AND ($4 IS NULL OR EXISTS (SELECT 1 FROM response_text_tags g \
             WHERE g.text_id = t.id AND g.tag_id = $4))",
        );
        (sql, param)
    }

    /// How many of a question's texts are newer than `text_id` (the list is newest first), or
    /// `None` when the text is not one of the question's.
    pub async fn texts_before(
        &self,
        survey_id: i64,
        question: &str,
        text_id: i64,
    ) -> Result<Option<i64>> {
        let sql = "SELECT (SELECT count(*) FROM response_texts n WHERE n.survey_id = t.survey_id \
                   AND n.question_id = t.question_id AND n.id > t.id) \
                   FROM response_texts t WHERE t.id = $1 AND t.survey_id = $2 \
                   AND t.question_id = $3";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(text_id)
            .bind(survey_id)
            .bind(question)
            .fetch_optional(pool)
            .await?))
    }

    /// A page of a question's free-text answers (newest first) and how many match in all.
    pub async fn texts(
        &self,
        survey_id: i64,
        question: &str,
        query: &TextQuery,
        limit: i64,
        offset: i64,
    ) -> Result<(i64, Vec<TextRow>)> {
        let (condition, param) = self.text_condition(query);
        let count = format!(
            "SELECT count(*) FROM response_texts t WHERE t.survey_id = $1 \
             AND t.question_id = $2{condition}"
        );
        let list = format!(
            "SELECT t.id, t.response_id, r.submitted_at, r.district_id, t.body \
             FROM response_texts t JOIN responses r ON r.id = t.response_id \
             WHERE t.survey_id = $1 AND t.question_id = $2{condition} \
             ORDER BY t.id DESC LIMIT $5 OFFSET $6"
        );
        let tags = "SELECT g.text_id, g.tag_id FROM response_text_tags g \
                    JOIN response_texts t ON t.id = g.text_id \
                    WHERE t.survey_id = $1 AND t.question_id = $2";
        type Row = (i64, i64, DateTime<Utc>, Option<i64>, String);
        let (total, rows, assigned): (i64, Vec<Row>, Vec<(i64, i64)>) =
            on_pool!(&self.db, |pool| {
                let total = sqlx::query_scalar(sqlx::AssertSqlSafe(count))
                    .bind(survey_id)
                    .bind(question)
                    .bind(&param)
                    .bind(query.tag)
                    .fetch_one(pool)
                    .await?;
                let rows = sqlx::query_as(sqlx::AssertSqlSafe(list))
                    .bind(survey_id)
                    .bind(question)
                    .bind(&param)
                    .bind(query.tag)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(pool)
                    .await?;
                let assigned = sqlx::query_as(tags)
                    .bind(survey_id)
                    .bind(question)
                    .fetch_all(pool)
                    .await?;
                (total, rows, assigned)
            });
        let mut by_text: std::collections::HashMap<i64, Vec<i64>> = Default::default();
        for (text, tag) in assigned {
            by_text.entry(text).or_default().push(tag);
        }
        let rows = rows
            .into_iter()
            .map(
                |(id, response_id, submitted_at, district_id, body)| TextRow {
                    id,
                    response_id,
                    submitted_at,
                    district_id,
                    body,
                    tags: by_text.remove(&id).unwrap_or_default(),
                },
            )
            .collect();
        Ok((total, rows))
    }

    /// A survey's themes (id, name), by name.
    pub async fn text_tags(&self, survey_id: i64) -> Result<Vec<(i64, String)>> {
        let sql = "SELECT id, name FROM text_tags WHERE survey_id = $1 ORDER BY name";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?))
    }

    /// The theme called `name`, made if new. Returns its id.
    pub async fn text_tag(&self, survey_id: i64, name: &str) -> Result<i64> {
        let insert = "INSERT INTO text_tags (survey_id, name) VALUES ($1, $2) \
                      ON CONFLICT (survey_id, name) DO NOTHING";
        let select = "SELECT id FROM text_tags WHERE survey_id = $1 AND name = $2";
        Ok(on_pool!(&self.db, |pool| {
            sqlx::query(insert)
                .bind(survey_id)
                .bind(name)
                .execute(pool)
                .await?;
            sqlx::query_scalar(select)
                .bind(survey_id)
                .bind(name)
                .fetch_one(pool)
                .await?
        }))
    }

    /// Codes the texts of a question kept by `query` (or only `text_id`) into theme `tag_id`,
    /// or takes the theme off (`on` false). Returns how many changed.
    pub async fn tag_texts(
        &self,
        survey_id: i64,
        question: &str,
        query: &TextQuery,
        text_id: Option<i64>,
        tag_id: i64,
        on: bool,
    ) -> Result<u64> {
        let (condition, param) = self.text_condition(query);
        let chosen = format!(
            "SELECT t.id FROM response_texts t WHERE t.survey_id = $1 AND t.question_id = $2\
             {condition} AND ($6 IS NULL OR t.id = $6)"
        );
        let sql = if on {
            format!(
                "INSERT INTO response_text_tags (text_id, tag_id) SELECT id, $5 FROM ({chosen}) c \
                 WHERE EXISTS (SELECT 1 FROM text_tags WHERE id = $5 AND survey_id = $1) \
                 ON CONFLICT (text_id, tag_id) DO NOTHING"
            )
        } else {
            format!("DELETE FROM response_text_tags WHERE tag_id = $5 AND text_id IN ({chosen})")
        };
        let bump = "UPDATE surveys SET tags_version = tags_version + 1 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let changed = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .bind(question)
                .bind(&param)
                .bind(query.tag)
                .bind(tag_id)
                .bind(text_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(bump).bind(survey_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(changed)
        })
    }

    /// The tagging version and every assignment (response id, question id, tag id), for the
    /// analytics cube.
    pub async fn tag_assignments(&self, survey_id: i64) -> Result<(i64, Vec<(i64, String, i64)>)> {
        let version = "SELECT tags_version FROM surveys WHERE id = $1";
        let sql = "SELECT t.response_id, t.question_id, g.tag_id FROM response_text_tags g \
                   JOIN response_texts t ON t.id = g.text_id WHERE t.survey_id = $1";
        Ok(on_pool!(&self.db, |pool| {
            let v: i64 = sqlx::query_scalar(version)
                .bind(survey_id)
                .fetch_one(pool)
                .await?;
            let rows = sqlx::query_as(sql).bind(survey_id).fetch_all(pool).await?;
            (v, rows)
        }))
    }

    /// The survey's tagging version (changes with every tagging).
    pub async fn tags_version(&self, survey_id: i64) -> Result<i64> {
        let sql = "SELECT tags_version FROM surveys WHERE id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .fetch_optional(pool)
            .await?
            .unwrap_or(0)))
    }

    /// Surveys whose responses from before the text index have not been indexed yet.
    pub async fn surveys_without_text_index(&self) -> Result<Vec<i64>> {
        let sql = "SELECT id FROM surveys WHERE NOT texts_indexed ORDER BY id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .fetch_all(pool)
            .await?))
    }

    /// Stores free-text answers of earlier responses (response id, key, text); repeats are
    /// skipped.
    pub async fn insert_texts(
        &self,
        survey_id: i64,
        texts: &[(i64, String, String)],
    ) -> Result<()> {
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            for (response, question, body) in texts {
                sqlx::query(INSERT_TEXT)
                    .bind(survey_id)
                    .bind(response)
                    .bind(question)
                    .bind(body)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Marks a survey's earlier texts as indexed.
    pub async fn set_texts_indexed(&self, survey_id: i64) -> Result<()> {
        let sql = "UPDATE surveys SET texts_indexed = TRUE WHERE id = $1";
        on_pool!(&self.db, |pool| {
            sqlx::query(sql).bind(survey_id).execute(pool).await?;
        });
        Ok(())
    }
}
