//! Every query Yoriai makes, behind one type.

use super::{
    AuditEntry, Credentials, Db, District, Inserted, NewResponse, NewSurvey, NewUser, SurveyRecord,
    on_pool,
};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use shared::account::Role;
use shared::answer::Answers;
use shared::survey::{SurveyDefinition, Text};
use shared::views::{Channel, CurrentUser, ResponseRow, SurveyStatus, SurveySummary};
use shared::{ApiError, Lang};

/// The storage interface. Cheap to clone (it holds a pool).
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

type SurveyRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    i64,
    Option<DateTime<Utc>>,
);

const SURVEY_COLUMNS: &str = "id, ward_id, slug, title, intro, status, definition, opens_at, \
     closes_at, response_count, last_response_at";

fn corrupt(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("{what}: {e}"))
}

fn parse_text(json: &str) -> Result<Text> {
    serde_json::from_str(json).map_err(|e| corrupt("survey text", e))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| corrupt("json", e))
}

fn survey_record(row: SurveyRow) -> Result<SurveyRecord> {
    let (id, ward_id, slug, title, intro, status, definition, opens_at, closes_at, count, last) =
        row;
    Ok(SurveyRecord {
        id,
        ward_id,
        slug,
        title: parse_text(&title)?,
        intro: parse_text(&intro)?,
        status: SurveyStatus::parse(&status).ok_or_else(|| corrupt("survey status", &status))?,
        definition: SurveyDefinition::parse_json(&definition)
            .map_err(|e| corrupt("survey definition", e))?,
        opens_at,
        closes_at,
        response_count: count,
        last_response_at: last,
    })
}

fn summary(record: &SurveyRecord) -> SurveySummary {
    SurveySummary {
        id: record.id,
        slug: record.slug.clone(),
        title: record.title.clone(),
        status: record.status,
        response_count: record.response_count,
        last_response_at: record.last_response_at,
    }
}

/// True when the database refused a row because a unique value already exists.
fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Store {
    /// Wraps a connected database.
    pub fn new(db: Db) -> Store {
        Store { db }
    }

    /// The underlying database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    // --- Wards, districts, centres -------------------------------------------------------

    /// Creates the ward with this code, or renames it; returns its id.
    pub async fn upsert_ward(&self, code: &str, name_ja: &str, name_en: &str) -> Result<i64> {
        let sql = "INSERT INTO wards (code, name_ja, name_en) VALUES ($1, $2, $3) \
                   ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, \
                   name_en = excluded.name_en RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(code)
            .bind(name_ja)
            .bind(name_en)
            .fetch_one(pool)
            .await?))
    }

    /// Creates the district with this code, or renames it; returns its id.
    pub async fn upsert_district(
        &self,
        ward_id: i64,
        code: &str,
        name_ja: &str,
        name_en: &str,
    ) -> Result<i64> {
        let sql = "INSERT INTO districts (ward_id, code, name_ja, name_en) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, \
                   name_en = excluded.name_en RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward_id)
            .bind(code)
            .bind(name_ja)
            .bind(name_en)
            .fetch_one(pool)
            .await?))
    }

    /// Creates a community centre in a district, or renames it; returns its id.
    pub async fn upsert_centre(
        &self,
        district_id: i64,
        name_ja: &str,
        name_en: &str,
    ) -> Result<i64> {
        let sql = "INSERT INTO centres (district_id, name_ja, name_en) VALUES ($1, $2, $3) \
                   ON CONFLICT (district_id, name_ja) DO UPDATE SET name_en = excluded.name_en \
                   RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(district_id)
            .bind(name_ja)
            .bind(name_en)
            .fetch_one(pool)
            .await?))
    }

    /// The districts of a ward, by code.
    pub async fn districts(&self, ward_id: i64) -> Result<Vec<District>> {
        let sql = "SELECT id, code, name_ja FROM districts WHERE ward_id = $1 ORDER BY code";
        let rows: Vec<(i64, String, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward_id)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(|(id, code, name_ja)| District { id, code, name_ja })
            .collect())
    }

    /// How many community centres are stored.
    pub async fn centre_count(&self) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM centres";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await?))
    }

    /// Whether the database has no ward yet (a new installation).
    pub async fn is_empty(&self) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM wards";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await?);
        Ok(n == 0)
    }

    // --- Accounts and sessions -----------------------------------------------------------

    /// Stores a new account; a taken e-mail address is `Conflict`.
    pub async fn create_user(&self, user: &NewUser, now: DateTime<Utc>) -> Result<i64> {
        let sql = "INSERT INTO users (email, display_name, password_hash, role, ward_id, \
                   district_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let result = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(&user.email)
            .bind(&user.display_name)
            .bind(&user.password_hash)
            .bind(user.role.as_str())
            .bind(user.ward_id)
            .bind(user.district_id)
            .bind(now)
            .fetch_one(pool)
            .await);
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// The password hash of the account with this (normalised) e-mail address.
    pub async fn credentials(&self, email: &str) -> Result<Option<Credentials>> {
        let sql = "SELECT id, password_hash FROM users WHERE email = $1";
        let row: Option<(i64, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(email)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(|(user_id, password_hash)| Credentials {
            user_id,
            password_hash,
        }))
    }

    /// Opens a session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The user of an unexpired session.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<CurrentUser>> {
        let sql = "SELECT u.id, u.display_name, u.role FROM sessions s \
                   JOIN users u ON u.id = s.user_id \
                   WHERE s.token_hash = $1 AND s.expires_at > $2";
        let row: Option<(i64, String, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?);
        row.map(|(id, display_name, role)| {
            Ok(CurrentUser {
                id,
                display_name,
                role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
            })
        })
        .transpose()
    }

    /// Ends a session (sign-out).
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let sql = "DELETE FROM sessions WHERE token_hash = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(token_hash)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Forgets expired sessions; returns how many.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM sessions WHERE expires_at <= $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Records a failed sign-in under a rate-limit key (`account:…` or `address:…`).
    pub async fn record_sign_in_failure(&self, key: &str, at: DateTime<Utc>) -> Result<()> {
        let sql = "INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(key)
            .bind(at)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// How many failures were recorded under `key` since `since`.
    pub async fn sign_in_failures_since(&self, key: &str, since: DateTime<Utc>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at > $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(key)
            .bind(since)
            .fetch_one(pool)
            .await?))
    }

    /// Forgets failures older than `before` under every key; returns how many.
    pub async fn delete_sign_in_failures_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM sign_in_failures WHERE at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Forgets the failures under `key` (after a successful sign-in).
    pub async fn clear_sign_in_failures(&self, key: &str) -> Result<()> {
        let sql = "DELETE FROM sign_in_failures WHERE key = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(key)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    // --- Surveys and responses -----------------------------------------------------------

    /// Stores a new survey; a taken slug is `Conflict`.
    pub async fn create_survey(&self, survey: &NewSurvey, now: DateTime<Utc>) -> Result<i64> {
        let sql = "INSERT INTO surveys (ward_id, slug, title, intro, status, definition, \
                   opens_at, closes_at, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
        let title = to_json(&survey.title)?;
        let intro = to_json(&survey.intro)?;
        let definition = to_json(&survey.definition)?;
        let result = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey.ward_id)
            .bind(&survey.slug)
            .bind(&title)
            .bind(&intro)
            .bind(survey.status.as_str())
            .bind(&definition)
            .bind(survey.opens_at)
            .bind(survey.closes_at)
            .bind(now)
            .fetch_one(pool)
            .await);
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Changes a survey's status.
    pub async fn set_survey_status(&self, survey_id: i64, status: SurveyStatus) -> Result<()> {
        let sql = "UPDATE surveys SET status = $1 WHERE id = $2";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(status.as_str())
            .bind(survey_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The survey with this slug.
    pub async fn survey_by_slug(&self, slug: &str) -> Result<Option<SurveyRecord>> {
        let sql = format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE slug = $1");
        let row: Option<SurveyRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(slug)
                .fetch_optional(pool)
                .await?);
        row.map(survey_record).transpose()
    }

    /// The survey with this id.
    pub async fn survey_by_id(&self, id: i64) -> Result<Option<SurveyRecord>> {
        let sql = format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE id = $1");
        let row: Option<SurveyRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?);
        row.map(survey_record).transpose()
    }

    /// Surveys with the given status (all but archived ones when `None`), newest first.
    pub async fn surveys(&self, status: Option<SurveyStatus>) -> Result<Vec<SurveySummary>> {
        let sql = format!(
            "SELECT {SURVEY_COLUMNS} FROM surveys \
             WHERE ($1 IS NULL AND status <> 'archived') OR status = $1 ORDER BY id DESC"
        );
        let status = status.map(SurveyStatus::as_str);
        let rows: Vec<SurveyRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(status)
                .fetch_all(pool)
                .await?);
        rows.into_iter()
            .map(|row| survey_record(row).map(|r| summary(&r)))
            .collect()
    }

    /// Stores a response and counts it, in one transaction. A key seen before for the same
    /// survey stores nothing and returns the earlier response's id.
    pub async fn insert_response(&self, response: &NewResponse) -> Result<Inserted> {
        let insert = "INSERT INTO responses (survey_id, idempotency_key, answers, lang, channel, \
                      submitted_at) VALUES ($1, $2, $3, $4, $5, $6) \
                      ON CONFLICT (survey_id, idempotency_key) DO NOTHING RETURNING id";
        let count = "UPDATE surveys SET response_count = response_count + 1, \
                     last_response_at = $2 WHERE id = $1";
        let earlier = "SELECT id FROM responses WHERE survey_id = $1 AND idempotency_key = $2";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar(insert)
                .bind(response.survey_id)
                .bind(&response.idempotency_key)
                .bind(&response.answers_json)
                .bind(response.lang.code())
                .bind(response.channel.as_str())
                .bind(response.submitted_at)
                .fetch_optional(&mut *tx)
                .await?;
            let outcome = match id {
                Some(id) => {
                    sqlx::query(count)
                        .bind(response.survey_id)
                        .bind(response.submitted_at)
                        .execute(&mut *tx)
                        .await?;
                    Inserted::New(id)
                }
                None => Inserted::Repeat(
                    sqlx::query_scalar(earlier)
                        .bind(response.survey_id)
                        .bind(&response.idempotency_key)
                        .fetch_one(&mut *tx)
                        .await?,
                ),
            };
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// The latest responses to a survey, newest first.
    pub async fn latest_responses(&self, survey_id: i64, limit: i64) -> Result<Vec<ResponseRow>> {
        let sql = "SELECT id, submitted_at, channel, lang, answers FROM responses \
                   WHERE survey_id = $1 ORDER BY id DESC LIMIT $2";
        let rows: Vec<(i64, DateTime<Utc>, String, String, String)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(survey_id)
                .bind(limit)
                .fetch_all(pool)
                .await?);
        rows.into_iter()
            .map(|(id, submitted_at, channel, lang, answers)| {
                Ok(ResponseRow {
                    id,
                    submitted_at,
                    channel: match channel.as_str() {
                        "paper" => Channel::Paper,
                        _ => Channel::Web,
                    },
                    lang: Lang::parse(&lang).unwrap_or_default(),
                    answers: serde_json::from_str::<Answers>(&answers)
                        .map_err(|e| corrupt("answers", e))?,
                })
            })
            .collect()
    }

    /// How many responses are stored for a survey, counted row by row (the stored counter is
    /// what pages use; this is for checks and tests).
    pub async fn count_response_rows(&self, survey_id: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM responses WHERE survey_id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .fetch_one(pool)
            .await?))
    }

    // --- Audit log -------------------------------------------------------------------------

    /// Appends to the audit log.
    pub async fn audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO audit_log (at, actor_id, action, detail) VALUES ($1, $2, $3, $4)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(at)
            .bind(actor_id)
            .bind(action)
            .bind(detail)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub async fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        let sql = "SELECT actor_id, action, detail FROM audit_log ORDER BY id DESC LIMIT $1";
        let rows: Vec<(Option<i64>, String, String)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(limit)
                .fetch_all(pool)
                .await?);
        Ok(rows
            .into_iter()
            .map(|(actor_id, action, detail)| AuditEntry {
                actor_id,
                action,
                detail,
            })
            .collect())
    }
}
