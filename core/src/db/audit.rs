//! The audit log: who did what, when, to which survey (or to none: signing in, say).

use super::{AuditEntry, Store, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::codesign::views::AuditLine;

impl Store {
    /// Appends to the audit log (an action on no survey in particular: signing in, say).
    pub async fn audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.insert_audit(actor_id, action, None, detail, (None, None), at)
            .await
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

    /// Appends a survey action to the audit log, with what it changed.
    #[allow(clippy::too_many_arguments, reason = "one row's columns")]
    pub async fn audit_survey(
        &self,
        actor_id: i64,
        action: &str,
        survey_id: i64,
        detail: &str,
        old_value: Option<&str>,
        new_value: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.insert_audit(
            Some(actor_id),
            action,
            Some(survey_id),
            detail,
            (old_value, new_value),
            at,
        )
        .await
    }

    /// One line of the audit log.
    pub(crate) async fn insert_audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        survey_id: Option<i64>,
        detail: &str,
        (old_value, new_value): (Option<&str>, Option<&str>),
        at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO audit_log (at, actor_id, action, detail, survey_id, old_value, \
                   new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(at)
            .bind(actor_id)
            .bind(action)
            .bind(detail)
            .bind(survey_id)
            .bind(old_value)
            .bind(new_value)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The latest audit log lines, newest first, optionally of one survey only.
    pub async fn audit_log(
        &self,
        survey_id: Option<i64>,
        ward: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditLine>> {
        // A ward's entries: those about its surveys, and the others made by its people.
        let sql = "SELECT l.at, u.display_name, l.action, l.survey_id, l.detail, l.old_value, \
                   l.new_value FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id \
                   WHERE ($1 IS NULL OR l.survey_id = $1) \
                   AND ($3 IS NULL \
                        OR l.survey_id IN (SELECT id FROM surveys WHERE ward_id = $3) \
                        OR (l.survey_id IS NULL AND u.ward_id = $3)) \
                   ORDER BY l.id DESC LIMIT $2";
        type Row = (
            DateTime<Utc>,
            Option<String>,
            String,
            Option<i64>,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(survey_id)
            .bind(limit)
            .bind(ward)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(at, actor, action, survey_id, detail, old_value, new_value)| AuditLine {
                    at,
                    actor,
                    action,
                    survey_id,
                    detail,
                    old_value,
                    new_value,
                },
            )
            .collect())
    }
}
