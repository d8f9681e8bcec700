//! Approvals and notifications.

use super::*;
use crate::db::{Store, on_pool, parse_text};
use crate::error::Result;
use chrono::{DateTime, Utc};

impl Store {
    // --- Approvals ---------------------------------------------------------------------------

    /// Records (or moves forward) a member's approval of revision `revision`.
    pub async fn approve(
        &self,
        survey_id: i64,
        user_id: i64,
        revision: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO survey_approvals (survey_id, user_id, revision, approved_at) \
                   VALUES ($1, $2, $3, $4) ON CONFLICT (survey_id, user_id) \
                   DO UPDATE SET revision = excluded.revision, approved_at = excluded.approved_at";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(survey_id)
            .bind(user_id)
            .bind(revision)
            .bind(now)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Withdraws a member's approval; `false` when there was none.
    pub async fn withdraw_approval(&self, survey_id: i64, user_id: i64) -> Result<bool> {
        let sql = "DELETE FROM survey_approvals WHERE survey_id = $1 AND user_id = $2";
        let n = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(survey_id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(n == 1)
    }

    /// The approvals of a survey's working copy.
    pub async fn approvals(&self, survey_id: i64) -> Result<Vec<ApprovalRecord>> {
        let sql = "SELECT a.user_id, u.display_name, u.district_id, a.revision, a.approved_at \
                   FROM survey_approvals a JOIN users u ON u.id = a.user_id \
                   WHERE a.survey_id = $1 ORDER BY a.approved_at";
        self.approval_rows(sql, survey_id).await
    }

    /// The approvals frozen with a published version.
    pub async fn version_approvals(&self, version_id: i64) -> Result<Vec<ApprovalRecord>> {
        let sql = "SELECT a.user_id, u.display_name, u.district_id, a.revision, a.approved_at \
                   FROM version_approvals a JOIN users u ON u.id = a.user_id \
                   WHERE a.version_id = $1 ORDER BY a.approved_at";
        self.approval_rows(sql, version_id).await
    }

    async fn approval_rows(&self, sql: &'static str, id: i64) -> Result<Vec<ApprovalRecord>> {
        type Row = (i64, String, Option<i64>, i64, DateTime<Utc>);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(id)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(user_id, name, district_id, revision, approved_at)| ApprovalRecord {
                    user_id,
                    name,
                    district_id,
                    revision,
                    approved_at,
                },
            )
            .collect())
    }

    // --- Notifications -----------------------------------------------------------------------

    /// Tells each of `users` (but the actor) that something happened.
    pub async fn notify(
        &self,
        users: &[i64],
        kind: &str,
        survey_id: i64,
        actor_id: i64,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO notifications (user_id, kind, survey_id, actor_id, detail, \
                   created_at) VALUES ($1, $2, $3, $4, $5, $6)";
        let mut users: Vec<i64> = users.iter().copied().filter(|u| *u != actor_id).collect();
        users.sort_unstable();
        users.dedup();
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            for user in &users {
                sqlx::query(sql)
                    .bind(user)
                    .bind(kind)
                    .bind(survey_id)
                    .bind(actor_id)
                    .bind(detail)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// An account's latest notifications, newest first.
    pub async fn notifications(&self, user_id: i64, limit: i64) -> Result<Vec<NotificationRecord>> {
        let sql = "SELECT n.id, n.kind, n.survey_id, s.title, a.display_name, n.detail, \
                   n.created_at, n.read_at FROM notifications n \
                   LEFT JOIN surveys s ON s.id = n.survey_id \
                   LEFT JOIN users a ON a.id = n.actor_id \
                   WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2";
        type Row = (
            i64,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
        );
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user_id)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        rows.into_iter()
            .map(|(id, kind, survey_id, title, actor, detail, at, read)| {
                Ok(NotificationRecord {
                    id,
                    kind,
                    survey_id,
                    survey_title: title.map(|t| parse_text(&t).map(|t| t.ja)).transpose()?,
                    actor,
                    detail,
                    created_at: at,
                    read: read.is_some(),
                })
            })
            .collect()
    }

    /// How many notifications an account has not read.
    pub async fn unread_notifications(&self, user_id: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user_id)
            .fetch_one(pool)
            .await?))
    }

    /// Marks every notification of an account read.
    pub async fn mark_notifications_read(&self, user_id: i64, now: DateTime<Utc>) -> Result<()> {
        let sql = "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(now)
            .bind(user_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
