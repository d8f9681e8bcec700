//! Queries for analytics: reading responses in id order, a row at a time, and the counters
//! kept on write.

use crate::db::{Store, contains_pattern, on_pool};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use shared::Lang;
use shared::answer::Channel;

mod seeded;
mod texts;

pub use seeded::SeedRow;
pub use texts::{TextQuery, TextRow};

/// One stored response as analytics reads it.
#[derive(Debug, Clone)]
pub struct ResponseFacts {
    /// Id (increasing with time on SQLite; see `analytics` (mod.rs) for PostgreSQL).
    pub id: i64,
    /// When it was sent.
    pub submitted_at: DateTime<Utc>,
    /// Its district.
    pub district_id: Option<i64>,
    /// How it arrived.
    pub channel: Channel,
    /// The language it was given in.
    pub lang: Lang,
    /// The answers as stored (JSON).
    pub answers_json: String,
    /// The group whose survey link the respondent came by.
    pub referred_group_id: Option<i64>,
}

/// A survey's counters for analytics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyticsCounts {
    /// Responses stored.
    pub responses: i64,
    /// Web responses started.
    pub started: i64,
    /// Web responses stored.
    pub web: i64,
    /// The smallest group shown to non-staff.
    pub min_cell: i64,
}

type FactsRow = (
    i64,
    DateTime<Utc>,
    Option<i64>,
    String,
    String,
    String,
    Option<i64>,
);

/// The columns of a [`FactsRow`].
const FACTS: &str = "id, submitted_at, district_id, channel, lang, answers, referred_group_id";

fn facts(
    (id, submitted_at, district_id, channel, lang, answers_json, referred_group_id): FactsRow,
) -> Result<ResponseFacts> {
    Ok(ResponseFacts {
        id,
        submitted_at,
        district_id,
        channel: Channel::parse(&channel)
            .ok_or_else(|| Error::Corrupt(format!("response channel {channel}")))?,
        lang: Lang::parse(&lang).ok_or_else(|| Error::Corrupt(format!("response lang {lang}")))?,
        answers_json,
        referred_group_id,
    })
}

impl Store {
    /// Calls `each` on every response of a survey with an id above `after`, in id order, one
    /// row at a time (memory stays flat however many there are). Returns how many were read.
    pub async fn each_response(
        &self,
        survey_id: i64,
        after: i64,
        mut each: impl FnMut(ResponseFacts) -> Result<()> + Send,
    ) -> Result<u64> {
        let sql =
            format!("SELECT {FACTS} FROM responses WHERE survey_id = $1 AND id > $2 ORDER BY id");
        let mut read = 0;
        on_pool!(&self.db, |pool| {
            let mut rows = sqlx::query_as::<_, FactsRow>(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .bind(after)
                .fetch(pool);
            while let Some(row) = rows.try_next().await? {
                each(facts(row)?)?;
                read += 1;
            }
        });
        Ok(read)
    }

    /// Up to `limit` responses of a survey with an id above `after`, in id order: one page of
    /// an export (keyset pagination on the `(survey_id, id)` index).
    pub async fn responses_page(
        &self,
        survey_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ResponseFacts>> {
        let sql = format!(
            "SELECT {FACTS} FROM responses WHERE survey_id = $1 AND id > $2 ORDER BY id LIMIT $3"
        );
        let rows: Vec<FactsRow> = on_pool!(&self.db, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(survey_id)
                .bind(after)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(facts).collect()
    }

    /// How many responses of a survey a group's survey link brought.
    pub async fn count_referred(&self, survey_id: i64, group_id: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM responses WHERE survey_id = $1 AND referred_group_id = $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(group_id)
            .fetch_one(pool)
            .await?))
    }

    /// The counters analytics shows next to the responses.
    pub async fn analytics_counts(&self, survey_id: i64) -> Result<Option<AnalyticsCounts>> {
        let sql = "SELECT response_count, started_count, min_cell, web_count FROM surveys \
                   WHERE id = $1";
        let row: Option<(i64, i64, i64, i64)> = on_pool!(&self.db, |pool| {
            sqlx::query_as(sql)
                .bind(survey_id)
                .fetch_optional(pool)
                .await?
        });
        Ok(
            row.map(|(responses, started, min_cell, web)| AnalyticsCounts {
                responses,
                started,
                web,
                min_cell,
            }),
        )
    }

    /// Sets the smallest group shown to non-staff.
    pub async fn set_min_cell(&self, survey_id: i64, min_cell: i64) -> Result<()> {
        let sql = "UPDATE surveys SET min_cell = $2 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            sqlx::query(sql)
                .bind(survey_id)
                .bind(min_cell)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}

impl Store {
    /// What is published of a survey's results for residents.
    pub async fn publication(
        &self,
        survey_id: i64,
    ) -> Result<Option<shared::analytics::Publication>> {
        let sql = "SELECT questions, summary, published_at FROM published_results \
                   WHERE survey_id = $1";
        let row: Option<(String, String, DateTime<Utc>)> = on_pool!(&self.db, |pool| {
            sqlx::query_as(sql)
                .bind(survey_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(|(questions, summary, published_at)| {
            Ok(shared::analytics::Publication {
                questions: serde_json::from_str(&questions)
                    .map_err(|e| crate::db::corrupt("published questions", e))?,
                summary: crate::db::parse_text(&summary)?,
                published_at,
            })
        })
        .transpose()
    }

    /// Publishes (or republishes) a survey's results for residents.
    pub async fn publish_results(
        &self,
        survey_id: i64,
        questions: &[String],
        summary: &shared::survey::Text,
        by: i64,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO published_results (survey_id, questions, summary, published_at, \
                   published_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (survey_id) DO UPDATE \
                   SET questions = excluded.questions, summary = excluded.summary, \
                   published_at = excluded.published_at, published_by = excluded.published_by";
        let questions = crate::db::to_json(&questions)?;
        let summary = crate::db::to_json(summary)?;
        on_pool!(&self.db, |pool| {
            sqlx::query(sql)
                .bind(survey_id)
                .bind(&questions)
                .bind(&summary)
                .bind(at)
                .bind(by)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Takes a survey's published results down.
    pub async fn withdraw_results(&self, survey_id: i64) -> Result<()> {
        let sql = "DELETE FROM published_results WHERE survey_id = $1";
        on_pool!(&self.db, |pool| {
            sqlx::query(sql).bind(survey_id).execute(pool).await?;
        });
        Ok(())
    }
}
