//! Revisions of a working copy, saved only on top of the revision they started from.

use super::*;
use crate::db::{Store, on_pool, parse_definition, parse_text, to_json};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::codesign::Content;

impl Store {
    // --- Revisions ---------------------------------------------------------------------------

    /// Saves new content on top of revision `base` as the next revision. Returns its number,
    /// or `None` when the working copy is no longer at `base` (someone saved in between);
    /// nothing is written then.
    pub async fn save_content(
        &self,
        survey_id: i64,
        base: i64,
        content: &Content,
        author: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let update = "UPDATE surveys SET title = $1, intro = $2, definition = $3, \
                      updated_at = $4, revision = revision + 1 \
                      WHERE id = $5 AND revision = $6 RETURNING revision";
        let insert = "INSERT INTO survey_revisions (survey_id, number, title, intro, \
                      definition, author_id, note, created_at) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        let (title, intro) = (to_json(&content.title)?, to_json(&content.intro)?);
        let definition = content.definition.to_json();
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let number: Option<i64> = sqlx::query_scalar(update)
                .bind(&title)
                .bind(&intro)
                .bind(&definition)
                .bind(now)
                .bind(survey_id)
                .bind(base)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(number) = number else {
                return Ok(None);
            };
            sqlx::query(insert)
                .bind(survey_id)
                .bind(number)
                .bind(&title)
                .bind(&intro)
                .bind(&definition)
                .bind(author)
                .bind(note)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Some(number))
        })
    }

    /// Whether someone other than `author` saved a revision after `base` (an edit made by
    /// nobody else in between is never a conflict: an autosave and the save button, two tabs).
    pub async fn others_saved_since(&self, survey_id: i64, base: i64, author: i64) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM survey_revisions WHERE survey_id = $1 AND number > $2 \
                   AND (author_id IS NULL OR author_id <> $3)";
        let count: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(base)
            .bind(author)
            .fetch_one(pool)
            .await?);
        Ok(count > 0)
    }

    /// A survey's revisions, newest first.
    pub async fn revisions(&self, survey_id: i64) -> Result<Vec<RevisionRecord>> {
        let sql = "SELECT r.number, u.display_name, r.note, r.created_at \
                   FROM survey_revisions r LEFT JOIN users u ON u.id = r.author_id \
                   WHERE r.survey_id = $1 ORDER BY r.number DESC";
        let rows: Vec<(i64, Option<String>, String, DateTime<Utc>)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(survey_id)
                .fetch_all(pool)
                .await?);
        Ok(rows
            .into_iter()
            .map(|(number, author, note, created_at)| RevisionRecord {
                number,
                author,
                note,
                created_at,
            })
            .collect())
    }

    /// The content of one revision.
    pub async fn revision_content(&self, survey_id: i64, number: i64) -> Result<Option<Content>> {
        let sql = "SELECT title, intro, definition FROM survey_revisions \
                   WHERE survey_id = $1 AND number = $2";
        let row: Option<(String, String, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(number)
            .fetch_optional(pool)
            .await?);
        row.map(|(title, intro, definition)| {
            Ok(Content {
                title: parse_text(&title)?,
                intro: parse_text(&intro)?,
                definition: parse_definition(&definition)?,
            })
        })
        .transpose()
    }

    /// The revision each published version froze (version number, revision), oldest first.
    pub async fn published_revisions(&self, survey_id: i64) -> Result<Vec<(i64, Option<i64>)>> {
        let sql = "SELECT number, revision FROM survey_versions WHERE survey_id = $1 \
                   ORDER BY number";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?))
    }
}
