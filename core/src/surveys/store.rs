//! Surveys: creating, listing and settings; published versions (parsed once, cached); the
//! survey's districts; invitation codes.

use crate::db::{
    CodeRecord, NewSurvey, Store, SurveyRecord, VersionRecord, corrupt, is_unique_violation,
    on_pool, parse_definition, parse_text, to_json,
};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use shared::ApiError;
use shared::survey::{ResponsePolicy, SurveyStatus};
use shared::views::SurveySummary;
use std::sync::Arc;

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
    String,
    Option<i64>,
    bool,
    i64,
    Option<DateTime<Utc>>,
);

const SURVEY_COLUMNS: &str = "id, ward_id, slug, title, intro, status, definition, opens_at, \
     closes_at, response_count, last_response_at, policy, current_version_id, double_entry, \
     revision, review_since";

fn survey_record(row: SurveyRow) -> Result<SurveyRecord> {
    let (
        id,
        ward_id,
        slug,
        title,
        intro,
        status,
        definition,
        opens_at,
        closes_at,
        count,
        last,
        policy,
        current_version_id,
        double_entry,
        revision,
        review_since,
    ) = row;
    Ok(SurveyRecord {
        id,
        ward_id,
        slug,
        title: parse_text(&title)?,
        intro: parse_text(&intro)?,
        status: SurveyStatus::parse(&status).ok_or_else(|| corrupt("survey status", &status))?,
        definition: parse_definition(&definition)?,
        policy: ResponsePolicy::parse(&policy).ok_or_else(|| corrupt("survey policy", &policy))?,
        current_version_id,
        double_entry,
        opens_at,
        closes_at,
        response_count: count,
        last_response_at: last,
        revision,
        review_since,
    })
}

type CodeRow = (i64, String, Option<i64>, Option<NaiveDate>);

fn code_record((id, code, district_id, used_on): CodeRow) -> CodeRecord {
    CodeRecord {
        id,
        code,
        district_id,
        used: used_on.is_some(),
    }
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

impl Store {
    /// Stores a new survey and its first revision; a taken slug is `Conflict`.
    pub async fn create_survey(&self, survey: &NewSurvey, now: DateTime<Utc>) -> Result<i64> {
        let sql = "INSERT INTO surveys (ward_id, slug, title, intro, status, definition, \
                   opens_at, closes_at, created_at, policy, revision, texts_indexed) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, TRUE) RETURNING id";
        let first = "INSERT INTO survey_revisions (survey_id, number, title, intro, definition, \
                     author_id, note, created_at) VALUES ($1, 1, $2, $3, $4, $5, 'start', $6)";
        let title = to_json(&survey.title)?;
        let intro = to_json(&survey.intro)?;
        let definition = survey.definition.to_json();
        let result = on_pool!(&self.db, |pool| async {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(sql)
                .bind(survey.ward_id)
                .bind(&survey.slug)
                .bind(&title)
                .bind(&intro)
                .bind(survey.status.as_str())
                .bind(&definition)
                .bind(survey.opens_at)
                .bind(survey.closes_at)
                .bind(now)
                .bind(survey.policy.as_str())
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(first)
                .bind(id)
                .bind(&title)
                .bind(&intro)
                .bind(&definition)
                .bind(survey.created_by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<i64, sqlx::Error>(id)
        }
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

    /// Surveys with the given status (all but archived ones when `None`), of one ward or of
    /// every ward (`None`), newest first.
    pub async fn surveys(
        &self,
        status: Option<SurveyStatus>,
        ward: Option<i64>,
    ) -> Result<Vec<SurveySummary>> {
        let sql = format!(
            "SELECT {SURVEY_COLUMNS} FROM surveys \
             WHERE (($1 IS NULL AND status <> 'archived') OR status = $1) \
             AND ($2 IS NULL OR ward_id = $2) ORDER BY id DESC"
        );
        let status = status.map(SurveyStatus::as_str);
        let rows: Vec<SurveyRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(status)
                .bind(ward)
                .fetch_all(pool)
                .await?);
        rows.into_iter()
            .map(|row| survey_record(row).map(|r| summary(&r)))
            .collect()
    }

    /// Changes a survey's policy, times and target districts, in one transaction.
    pub async fn update_settings(
        &self,
        survey_id: i64,
        policy: ResponsePolicy,
        opens_at: Option<DateTime<Utc>>,
        closes_at: Option<DateTime<Utc>>,
        districts: &[i64],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let update = "UPDATE surveys SET policy = $1, opens_at = $2, closes_at = $3, \
                      updated_at = $4 WHERE id = $5";
        let clear = "DELETE FROM survey_districts WHERE survey_id = $1";
        let add = "INSERT INTO survey_districts (survey_id, district_id) VALUES ($1, $2)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(policy.as_str())
                .bind(opens_at)
                .bind(closes_at)
                .bind(now)
                .bind(survey_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(clear).bind(survey_id).execute(&mut *tx).await?;
            for district in districts {
                sqlx::query(add)
                    .bind(survey_id)
                    .bind(district)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Every ward's id, oldest first.
    pub async fn ward_ids(&self) -> Result<Vec<i64>> {
        let sql = "SELECT id FROM wards ORDER BY id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .fetch_all(pool)
            .await?))
    }

    /// The districts a survey is meant for.
    pub async fn survey_districts(&self, survey_id: i64) -> Result<Vec<i64>> {
        let sql = "SELECT s.district_id FROM survey_districts s \
                   JOIN districts d ON d.id = s.district_id WHERE s.survey_id = $1 \
                   ORDER BY d.position, d.code";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?))
    }

    /// Publishes the survey's working copy as its next version and makes it current.
    pub async fn publish_version(
        &self,
        survey_id: i64,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let insert = "INSERT INTO survey_versions (survey_id, number, title, intro, definition, \
                      published_at, published_by, revision) \
                      SELECT id, COALESCE((SELECT MAX(number) FROM survey_versions \
                                           WHERE survey_id = $1), 0) + 1, \
                             title, intro, definition, $2, $3, revision \
                      FROM surveys WHERE id = $1 RETURNING id";
        let current = "UPDATE surveys SET current_version_id = $1, updated_at = $2, \
                       review_since = NULL WHERE id = $3";
        // Who had approved which revision, frozen with the version.
        let approvals = "INSERT INTO version_approvals (version_id, user_id, revision, approved_at) \
                         SELECT $1, user_id, revision, approved_at FROM survey_approvals \
                         WHERE survey_id = $2";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let version: Option<i64> = sqlx::query_scalar(insert)
                .bind(survey_id)
                .bind(now)
                .bind(by)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(version) = version else {
                return Err(ApiError::NotFound.into());
            };
            sqlx::query(current)
                .bind(version)
                .bind(now)
                .bind(survey_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(approvals)
                .bind(version)
                .bind(survey_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(version)
        })
    }

    /// A published version, parsed once and kept (versions are never changed).
    pub async fn version(&self, id: i64) -> Result<Option<Arc<VersionRecord>>> {
        if let Some(version) = self.versions.get(&id) {
            return Ok(Some(version));
        }
        let sql = "SELECT id, survey_id, number, title, intro, definition \
                   FROM survey_versions WHERE id = $1";
        let row: Option<(i64, i64, i64, String, String, String)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(id)
                .fetch_optional(pool)
                .await?);
        let Some((id, survey_id, number, title, intro, definition)) = row else {
            // Not cached: a version that does not exist yet may be written later.
            return Ok(None);
        };
        let version = Arc::new(VersionRecord {
            id,
            survey_id,
            number,
            title: parse_text(&title)?,
            intro: parse_text(&intro)?,
            definition: parse_definition(&definition)?,
        });
        self.versions.insert(id, version.clone());
        Ok(Some(version))
    }

    /// How many invitation codes a survey has, and how many were used.
    pub async fn code_counts(&self, survey_id: i64) -> Result<(i64, i64)> {
        let sql = "SELECT COUNT(*), COUNT(used_on) FROM invitation_codes WHERE survey_id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_one(pool)
            .await?))
    }

    /// A survey's invitation codes, oldest first.
    pub async fn codes(&self, survey_id: i64) -> Result<Vec<CodeRecord>> {
        let sql = "SELECT id, code, district_id, used_on FROM invitation_codes \
                   WHERE survey_id = $1 ORDER BY id";
        let rows: Vec<CodeRow> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(code_record).collect())
    }

    /// Stores new invitation codes for a survey (already normalised and unique); a code that
    /// exists anywhere already is `Conflict` and nothing is stored.
    pub async fn create_codes(
        &self,
        survey_id: i64,
        codes: &[String],
        district_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO invitation_codes (survey_id, code, district_id, created_at) \
                   VALUES ($1, $2, $3, $4)";
        // An async block, so that `?` stops here and the error can be looked at below.
        let result: std::result::Result<(), sqlx::Error> = on_pool!(&self.db, |pool| async {
            let mut tx = pool.begin().await?;
            for code in codes {
                sqlx::query(sql)
                    .bind(survey_id)
                    .bind(code)
                    .bind(district_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        }
        .await);
        match result {
            Ok(()) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// The invitation code of a survey, if it exists.
    pub async fn code(&self, survey_id: i64, code: &str) -> Result<Option<CodeRecord>> {
        let sql = "SELECT id, code, district_id, used_on FROM invitation_codes \
                   WHERE survey_id = $1 AND code = $2";
        let row: Option<CodeRow> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(code)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(code_record))
    }

    /// An invitation code by id.
    pub async fn code_by_id(&self, id: i64) -> Result<Option<CodeRecord>> {
        let sql = "SELECT id, code, district_id, used_on FROM invitation_codes WHERE id = $1";
        let row: Option<CodeRow> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(code_record))
    }
}
