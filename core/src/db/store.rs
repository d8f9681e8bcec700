//! Every query Yoriai makes, behind one type.

use super::{
    CodeRecord, Db, District, DraftRecord, Inserted, NewDistrict, NewDraft, NewResponse, NewSurvey,
    SurveyRecord, VersionRecord, on_pool,
};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use shared::answer::Answers;
use shared::survey::{SurveyDefinition, Text};
use shared::views::{Channel, ResponsePolicy, ResponseRow, SurveyStatus, SurveySummary};
use shared::{ApiError, Lang};
use std::sync::Arc;

/// The storage interface. Cheap to clone (it holds a pool).
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) db: Db,
    /// The group-commit writer that batches responses, when on.
    writer: Option<super::writer::Writer>,
    /// Published versions, parsed once: a version is never changed after it is written, and
    /// every screen and send of a response needs its questions.
    versions: Arc<VersionCache>,
    /// District ids by ward and code: a district keeps its id and code for good (renaming
    /// changes only its names), and a web response's district is looked up by code.
    district_ids: Arc<quick_cache::sync::Cache<(i64, String), i64>>,
}

/// Parsed survey versions by id (see [`Store::version`]).
type VersionCache = quick_cache::sync::Cache<i64, Arc<VersionRecord>>;

/// The most rows one multi-row statement writes (SQLite allows 32,766 bound values).
const ROWS_PER_STATEMENT: usize = 1_000;

/// How many district ids are kept (a city has a few hundred districts).
const CACHED_DISTRICTS: usize = 4_096;

/// How many parsed versions are kept (a ward publishes a few dozen a year).
const CACHED_VERSIONS: usize = 512;

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

pub(crate) fn corrupt(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("{what}: {e}"))
}

pub(crate) fn parse_text(json: &str) -> Result<Text> {
    serde_json::from_str(json).map_err(|e| corrupt("survey text", e))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| corrupt("json", e))
}

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

pub(crate) fn parse_definition(json: &str) -> Result<SurveyDefinition> {
    SurveyDefinition::parse_json(json).map_err(|e| corrupt("survey definition", e))
}

fn parse_answers(json: &str) -> Result<Answers> {
    serde_json::from_str(json).map_err(|e| corrupt("answers", e))
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
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Store {
    /// Wraps a connected database.
    pub fn new(db: Db) -> Store {
        Store {
            db,
            writer: None,
            versions: Arc::new(VersionCache::new(CACHED_VERSIONS)),
            district_ids: Arc::new(quick_cache::sync::Cache::new(CACHED_DISTRICTS)),
        }
    }

    /// The same store, with responses written by one task that commits whatever arrived
    /// together in one transaction (group commit; see [`super::writer`]). Needs a Tokio
    /// runtime; the task ends when the last clone of the returned store is dropped.
    pub fn with_group_commit(self) -> Store {
        let writer = super::writer::Writer::spawn(Store {
            writer: None,
            ..self.clone()
        });
        Store {
            writer: Some(writer),
            ..self
        }
    }

    /// Whether responses are written in batches.
    pub fn group_commit(&self) -> bool {
        self.writer.is_some()
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

    /// Creates the district with this code, or renames it and moves it to `position` in the
    /// ward's order; returns its id.
    pub async fn upsert_district(&self, ward_id: i64, district: &NewDistrict<'_>) -> Result<i64> {
        let sql = "INSERT INTO districts (ward_id, code, name_ja, name_en, name_easy, position) \
                   VALUES ($1, $2, $3, $4, $5, $6) \
                   ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, \
                   name_en = excluded.name_en, name_easy = excluded.name_easy, \
                   position = excluded.position RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward_id)
            .bind(district.code)
            .bind(district.name_ja)
            .bind(district.name_en)
            .bind(district.name_easy)
            .bind(district.position)
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

    /// The districts of a ward, in the ward's order.
    pub async fn districts(&self, ward_id: i64) -> Result<Vec<District>> {
        let sql = "SELECT id, code, name_ja, name_en, name_easy FROM districts \
                   WHERE ward_id = $1 ORDER BY position, code";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward_id)
            .fetch_all(pool)
            .await?))
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

    // --- Surveys and responses -----------------------------------------------------------

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

    /// Stores a response and counts it, in one transaction that also marks the respondent,
    /// uses up the invitation code and clears the draft, as the response asks. A key seen
    /// before for the same survey stores nothing and returns the earlier response's id; a mark
    /// or code seen before stores nothing at all. With group commit on ([`Store::with_group_commit`])
    /// the response joins the next batch and this returns once that batch is durable.
    pub async fn insert_response(&self, response: &NewResponse) -> Result<Inserted> {
        if let Some(writer) = &self.writer {
            return writer.insert(response.clone()).await;
        }
        let mut outcomes = self.insert_responses(&[response]).await?;
        outcomes
            .pop()
            .unwrap_or_else(|| Err(corrupt("batch", "no outcome")))
    }

    /// Stores several responses in one transaction (group commit). Returns each response's
    /// outcome in order, once the transaction is committed (durable: `synchronous=FULL` on
    /// SQLite, the WAL flush on PostgreSQL). A failure that concerns the whole transaction (the
    /// database locked, full or gone; the commit refused) is the outer error: then nothing of
    /// the batch was stored.
    ///
    /// Responses nothing can refuse (no respondent mark, no invitation code, no paper sheet)
    /// are written together: one statement for their rows, one for their drafts, one for their
    /// texts, inside a savepoint. Every other response, and all of them if writing together
    /// fails for a reason of one response, goes in a savepoint of its own, so that one refused
    /// (a repeated mark, a used code) or failing response leaves the others as they are.
    pub async fn insert_responses(&self, batch: &[&NewResponse]) -> Result<Vec<Result<Inserted>>> {
        use sqlx::Acquire;
        let insert = "INSERT INTO responses (survey_id, version_id, district_id, idempotency_key, \
                      answers, lang, channel, submitted_at, entered_by, referred_group_id) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                      ON CONFLICT (survey_id, idempotency_key) DO NOTHING RETURNING id";
        let count = "UPDATE surveys SET response_count = response_count + $4, \
                     web_count = web_count + $3, last_response_at = $2 WHERE id = $1";
        let earlier = "SELECT id FROM responses WHERE survey_id = $1 AND idempotency_key = $2";
        let mark = "INSERT INTO respondent_marks (survey_id, mark) VALUES ($1, $2) \
                    ON CONFLICT (survey_id, mark) DO NOTHING";
        let code = "UPDATE invitation_codes SET used_on = $1 \
                    WHERE id = $2 AND survey_id = $3 AND used_on IS NULL";
        let draft = "UPDATE response_drafts SET answers = '{}', code_id = NULL, response_id = $1, \
                     updated_at = $2 WHERE id = $3";
        let entry = "UPDATE paper_entries SET response_id = $1, code = NULL WHERE id = $2";
        // Where in the batch the responses are that nothing can refuse but a repeated key.
        let plain: Vec<(usize, &NewResponse)> = batch
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, r)| r.mark.is_none() && r.code_id.is_none() && r.paper_entries.is_empty())
            .collect();
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            // Each response's outcome, by its place in the batch.
            let mut outcomes: Vec<Option<Result<Inserted>>> = batch.iter().map(|_| None).collect();
            if !plain.is_empty() {
                let mut together = (&mut tx).begin().await?;
                let written: Result<Vec<(usize, Inserted)>> = async {
                    let mut rows = sqlx::QueryBuilder::new(
                        "INSERT INTO responses (survey_id, version_id, district_id, \
                         idempotency_key, answers, lang, channel, submitted_at, entered_by, \
                         referred_group_id) ",
                    );
                    rows.push_values(&plain, |mut row, (_, r)| {
                        row.push_bind(r.survey_id)
                            .push_bind(r.version_id)
                            .push_bind(r.district_id)
                            .push_bind(&r.idempotency_key)
                            .push_bind(&r.answers_json)
                            .push_bind(r.lang.code())
                            .push_bind(r.channel.as_str())
                            .push_bind(r.submitted_at)
                            .push_bind(r.entered_by)
                            .push_bind(r.referred_group_id);
                    });
                    rows.push(
                        " ON CONFLICT (survey_id, idempotency_key) DO NOTHING \
                         RETURNING id, survey_id, idempotency_key",
                    );
                    let stored: Vec<(i64, i64, String)> =
                        rows.build_query_as().fetch_all(&mut *together).await?;
                    let mut fresh: std::collections::HashMap<(i64, &str), i64> = stored
                        .iter()
                        .map(|(id, survey, key)| ((*survey, key.as_str()), *id))
                        .collect();
                    let mut done = Vec::with_capacity(plain.len());
                    let mut new_rows = Vec::with_capacity(plain.len());
                    for &(at, r) in &plain {
                        let outcome = match fresh.remove(&(r.survey_id, r.idempotency_key.as_str()))
                        {
                            Some(id) => {
                                new_rows.push((r, id));
                                Inserted::New(id)
                            }
                            // Stored before, by an earlier batch or an earlier row of this one.
                            None => Inserted::Repeat(
                                sqlx::query_scalar(earlier)
                                    .bind(r.survey_id)
                                    .bind(&r.idempotency_key)
                                    .fetch_one(&mut *together)
                                    .await?,
                            ),
                        };
                        done.push((at, outcome));
                    }
                    let drafts: Vec<(i64, i64, DateTime<Utc>)> = new_rows
                        .iter()
                        .filter_map(|(r, id)| r.draft_id.map(|d| (d, *id, r.submitted_at)))
                        .collect();
                    for chunk in drafts.chunks(ROWS_PER_STATEMENT) {
                        let mut sent = sqlx::QueryBuilder::new(
                            "UPDATE response_drafts SET answers = '{}', code_id = NULL, \
                             response_id = v.column2, updated_at = v.column3 FROM (",
                        );
                        sent.push_values(chunk, |mut row, (draft, id, at)| {
                            row.push_bind(*draft).push_bind(*id).push_bind(*at);
                        });
                        sent.push(") AS v WHERE response_drafts.id = v.column1");
                        sent.build().execute(&mut *together).await?;
                    }
                    let texts: Vec<(i64, i64, &str, &str)> = new_rows
                        .iter()
                        .flat_map(|(r, id)| {
                            r.texts
                                .iter()
                                .map(|(q, body)| (r.survey_id, *id, q.as_str(), body.as_str()))
                        })
                        .collect();
                    for chunk in texts.chunks(ROWS_PER_STATEMENT) {
                        let mut rows = sqlx::QueryBuilder::new(
                            "INSERT INTO response_texts (survey_id, response_id, question_id, body) ",
                        );
                        rows.push_values(chunk, |mut row, (survey, id, question, body)| {
                            row.push_bind(*survey)
                                .push_bind(*id)
                                .push_bind(*question)
                                .push_bind(*body);
                        });
                        rows.push(" ON CONFLICT (response_id, question_id) DO NOTHING");
                        rows.build().execute(&mut *together).await?;
                    }
                    Ok(done)
                }
                .await;
                match written {
                    Ok(done) => {
                        together.commit().await?;
                        for (at, outcome) in done {
                            outcomes[at] = Some(Ok(outcome));
                        }
                    }
                    Err(Error::Db(e)) if crate::error::transient(&e) => return Err(Error::Db(e)),
                    Err(e) => {
                        // One of them is at fault: each goes on its own below.
                        tracing::warn!(error = %e, "responses written one by one");
                        together.rollback().await?;
                    }
                }
            }
            for (slot, response) in outcomes.iter_mut().zip(batch) {
                if slot.is_some() {
                    continue;
                }
                // The day in Japan, so the code table cannot be matched to a response's time.
                let used_on = shared::time::jst_date(response.submitted_at);
                let mut one = (&mut tx).begin().await?;
                let outcome: Result<Inserted> = async {
                    let id: Option<i64> = sqlx::query_scalar(insert)
                        .bind(response.survey_id)
                        .bind(response.version_id)
                        .bind(response.district_id)
                        .bind(&response.idempotency_key)
                        .bind(&response.answers_json)
                        .bind(response.lang.code())
                        .bind(response.channel.as_str())
                        .bind(response.submitted_at)
                        .bind(response.entered_by)
                        .bind(response.referred_group_id)
                        .fetch_optional(&mut *one)
                        .await?;
                    let Some(id) = id else {
                        let earlier: i64 = sqlx::query_scalar(earlier)
                            .bind(response.survey_id)
                            .bind(&response.idempotency_key)
                            .fetch_one(&mut *one)
                            .await?;
                        return Ok(Inserted::Repeat(earlier));
                    };
                    if let Some(m) = &response.mark {
                        let marked = sqlx::query(mark)
                            .bind(response.survey_id)
                            .bind(m)
                            .execute(&mut *one)
                            .await?
                            .rows_affected();
                        if marked == 0 {
                            return Ok(Inserted::AlreadyAnswered);
                        }
                    }
                    if let Some(code_id) = response.code_id {
                        let used = sqlx::query(code)
                            .bind(used_on)
                            .bind(code_id)
                            .bind(response.survey_id)
                            .execute(&mut *one)
                            .await?
                            .rows_affected();
                        if used == 0 {
                            return Ok(Inserted::CodeUsed);
                        }
                    }
                    if let Some(draft_id) = response.draft_id {
                        sqlx::query(draft)
                            .bind(id)
                            .bind(response.submitted_at)
                            .bind(draft_id)
                            .execute(&mut *one)
                            .await?;
                    }
                    if !response.texts.is_empty() {
                        // One statement for all of a response's texts.
                        let mut texts = sqlx::QueryBuilder::new(
                            "INSERT INTO response_texts (survey_id, response_id, question_id, body) ",
                        );
                        texts.push_values(&response.texts, |mut row, (question, body)| {
                            row.push_bind(response.survey_id)
                                .push_bind(id)
                                .push_bind(question)
                                .push_bind(body);
                        });
                        texts.push(" ON CONFLICT (response_id, question_id) DO NOTHING");
                        texts.build().execute(&mut *one).await?;
                    }
                    for entry_id in &response.paper_entries {
                        sqlx::query(entry)
                            .bind(id)
                            .bind(entry_id)
                            .execute(&mut *one)
                            .await?;
                    }
                    Ok(Inserted::New(id))
                }
                .await;
                match outcome {
                    Ok(Inserted::New(id)) => {
                        one.commit().await?;
                        *slot = Some(Ok(Inserted::New(id)));
                    }
                    // The database itself is in trouble: the whole batch is retried later.
                    Err(Error::Db(e)) if crate::error::transient(&e) => return Err(Error::Db(e)),
                    other => {
                        one.rollback().await?;
                        *slot = Some(other);
                    }
                }
            }
            // The counters, once per survey of the batch: responses stored, of which on the
            // web, the latest time.
            let mut counts: Vec<(i64, i64, i64, DateTime<Utc>)> = Vec::new();
            for (outcome, response) in outcomes.iter().zip(batch) {
                if !matches!(outcome, Some(Ok(Inserted::New(_)))) {
                    continue;
                }
                let web = i64::from(response.channel == Channel::Web);
                match counts.iter_mut().find(|c| c.0 == response.survey_id) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 += web;
                        c.3 = c.3.max(response.submitted_at);
                    }
                    None => counts.push((response.survey_id, 1, web, response.submitted_at)),
                }
            }
            for (survey_id, stored, web, last) in counts {
                sqlx::query(count)
                    .bind(survey_id)
                    .bind(last)
                    .bind(web)
                    .bind(stored)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(outcomes
                .into_iter()
                .map(|o| o.unwrap_or_else(|| Err(corrupt("batch", "no outcome"))))
                .collect())
        })
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

    // --- Saved answers (drafts) -------------------------------------------------------------

    /// Starts saving answers for a respondent, found later by the hash of their cookie token.
    pub async fn create_draft(&self, draft: &NewDraft<'_>, now: DateTime<Utc>) -> Result<i64> {
        let sql = "INSERT INTO response_drafts (survey_id, version_id, token_hash, \
                   idempotency_key, answers, code_id, referred_group_id, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, '{}', $5, $6, $7, $7) RETURNING id";
        // Counted on write, like responses, for the completion rate.
        let started = "UPDATE surveys SET started_count = started_count + 1 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(sql)
                .bind(draft.survey_id)
                .bind(draft.version_id)
                .bind(draft.token_hash)
                .bind(draft.idempotency_key)
                .bind(draft.code_id)
                .bind(draft.referred_group_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(started)
                .bind(draft.survey_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// The draft of a survey with this token hash.
    pub async fn draft(&self, survey_id: i64, token_hash: &str) -> Result<Option<DraftRecord>> {
        let sql = "SELECT id, survey_id, version_id, idempotency_key, answers, code_id, \
                   response_id, referred_group_id FROM response_drafts \
                   WHERE survey_id = $1 AND token_hash = $2";
        type Row = (
            i64,
            i64,
            i64,
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(token_hash)
            .fetch_optional(pool)
            .await?);
        row.map(
            |(id, survey_id, version_id, idempotency_key, answers, code_id, response_id, via)| {
                Ok(DraftRecord {
                    id,
                    survey_id,
                    version_id,
                    idempotency_key,
                    answers: parse_answers(&answers)?,
                    code_id,
                    response_id,
                    referred_group_id: via,
                })
            },
        )
        .transpose()
    }

    /// Saves a draft's answers (only while it has not been sent).
    pub async fn save_draft(
        &self,
        draft_id: i64,
        answers: &Answers,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE response_drafts SET answers = $1, updated_at = $2 \
                   WHERE id = $3 AND response_id IS NULL";
        let answers = to_json(answers)?;
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(&answers)
            .bind(now)
            .bind(draft_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Deletes drafts untouched since `before` (sent ones included: they hold no answers).
    pub async fn delete_drafts_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM response_drafts WHERE updated_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    // --- Response policies -------------------------------------------------------------------

    /// Whether this respondent mark has answered the survey.
    pub async fn has_mark(&self, survey_id: i64, mark: &str) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM respondent_marks WHERE survey_id = $1 AND mark = $2";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(survey_id)
            .bind(mark)
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
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

    /// The district with this code in a ward.
    pub async fn district_by_code(&self, ward_id: i64, code: &str) -> Result<Option<i64>> {
        let key = (ward_id, code.to_string());
        if let Some(id) = self.district_ids.get(&key) {
            return Ok(Some(id));
        }
        let sql = "SELECT id FROM districts WHERE ward_id = $1 AND code = $2";
        let id: Option<i64> = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward_id)
            .bind(code)
            .fetch_optional(pool)
            .await?);
        // Only found ones: a district may be added later.
        if let Some(id) = id {
            self.district_ids.insert(key, id);
        }
        Ok(id)
    }

    /// The latest responses to a survey, newest first.
    pub async fn latest_responses(&self, survey_id: i64, limit: i64) -> Result<Vec<ResponseRow>> {
        let sql = "SELECT r.id, r.submitted_at, r.channel, r.lang, r.answers, v.number, d.name_ja, \
                   u.display_name \
                   FROM responses r \
                   LEFT JOIN survey_versions v ON v.id = r.version_id \
                   LEFT JOIN districts d ON d.id = r.district_id \
                   LEFT JOIN users u ON u.id = r.entered_by \
                   WHERE r.survey_id = $1 ORDER BY r.id DESC LIMIT $2";
        type Row = (
            i64,
            DateTime<Utc>,
            String,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        rows.into_iter()
            .map(
                |(id, submitted_at, channel, lang, answers, version, district, entered_by)| {
                    Ok(ResponseRow {
                        id,
                        submitted_at,
                        channel: Channel::parse(&channel)
                            .ok_or_else(|| corrupt("response channel", &channel))?,
                        lang: Lang::parse(&lang).unwrap_or_default(),
                        version,
                        district,
                        entered_by,
                        answers: parse_answers(&answers)?,
                    })
                },
            )
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
}
