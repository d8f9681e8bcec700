//! Responses (one at a time, or many in one statement for the group-commit writer), saved
//! answers (drafts), one-per-person marks, and the latest responses staff read.

use crate::db::{DraftRecord, Inserted, NewDraft, NewResponse, Store, corrupt, on_pool, to_json};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use shared::Lang;
use shared::answer::{Answers, Channel};
use shared::views::ResponseRow;

mod drafts;

/// The most rows one multi-row statement writes (SQLite allows 32,766 bound values).
const ROWS_PER_STATEMENT: usize = 1_000;

fn parse_answers(json: &str) -> Result<Answers> {
    serde_json::from_str(json).map_err(|e| corrupt("answers", e))
}

impl Store {
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
}

impl Store {
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
