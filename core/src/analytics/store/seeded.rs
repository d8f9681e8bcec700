//! Synthetic responses for measuring (yoriai seed-responses), written in batches.

use super::texts::INSERT_TEXT;
use super::*;

/// A synthetic response (`yoriai seed-responses`): web, paper or staff, never tied to a
/// device, code or draft.
#[derive(Debug, Clone)]
pub struct SeedRow {
    /// The respondent's district.
    pub district_id: Option<i64>,
    /// Unique per survey (`seed:{n}`), so seeding twice with the same numbers adds nothing.
    pub idempotency_key: String,
    /// Answers as JSON.
    pub answers_json: String,
    /// Language answered in.
    pub lang: Lang,
    /// How it arrived.
    pub channel: Channel,
    /// When it arrived.
    pub submitted_at: DateTime<Utc>,
    /// Its free-text answers.
    pub texts: Vec<(String, String)>,
}

impl Store {
    /// Stores synthetic responses in one transaction, counters included. Returns how many were
    /// new.
    pub async fn insert_seeded(
        &self,
        survey_id: i64,
        version_id: i64,
        rows: &[SeedRow],
    ) -> Result<u64> {
        let insert = "INSERT INTO responses (survey_id, version_id, district_id, idempotency_key, \
                      answers, lang, channel, submitted_at) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                      ON CONFLICT (survey_id, idempotency_key) DO NOTHING RETURNING id";
        // Like real ones, some synthetic web respondents start and never send: one in six.
        let count = "UPDATE surveys SET response_count = response_count + $2, \
                     web_count = web_count + $3, started_count = started_count + $3 + $3 / 5, \
                     last_response_at = CASE WHEN last_response_at IS NULL \
                     OR last_response_at < $4 THEN $4 ELSE last_response_at END WHERE id = $1";
        let Some(latest) = rows.iter().map(|r| r.submitted_at).max() else {
            return Ok(0);
        };
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let mut added = 0u64;
            let mut web = 0i64;
            for row in rows {
                let n: Option<i64> = sqlx::query_scalar(insert)
                    .bind(survey_id)
                    .bind(version_id)
                    .bind(row.district_id)
                    .bind(&row.idempotency_key)
                    .bind(&row.answers_json)
                    .bind(row.lang.code())
                    .bind(row.channel.as_str())
                    .bind(row.submitted_at)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(id) = n else { continue };
                for (question, body) in &row.texts {
                    sqlx::query(INSERT_TEXT)
                        .bind(survey_id)
                        .bind(id)
                        .bind(question)
                        .bind(body)
                        .execute(&mut *tx)
                        .await?;
                }
                added += 1;
                if row.channel == Channel::Web {
                    web += 1;
                }
            }
            sqlx::query(count)
                .bind(survey_id)
                .bind(i64::try_from(added).unwrap_or(i64::MAX))
                .bind(web)
                .bind(latest)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(added)
        })
    }
}
