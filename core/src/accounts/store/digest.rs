//! Digest mails: who wants one, what they have not read, and the step that queues one.

use super::*;

/// Someone whose digest is due.
#[derive(Debug, Clone)]
pub struct DigestReader {
    /// Their account.
    pub user_id: i64,
    /// Their address.
    pub email: String,
    /// Their name.
    pub display_name: String,
    /// Whether they see the staff pages (where a published survey's notification leads).
    pub staff: bool,
    /// The language they chose the digest in, as stored.
    pub lang: String,
    /// When they turned the digest on: nothing older goes into it.
    pub from: DateTime<Utc>,
    /// Whether it is a weekly digest (else daily).
    pub weekly: bool,
}

/// A notification not read: its id, kind, survey, the survey's title (JSON text), who, when.
pub type UnreadNotification = (
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
);

/// A notice not read: its id, title, sender, when.
pub type UnreadNotice = (i64, String, String, DateTime<Utc>);

/// What went into a digest: the ids of its notifications and of its notices.
#[derive(Debug, Clone, Default)]
pub struct DigestSent {
    /// Notifications.
    pub notifications: Vec<i64>,
    /// Notices.
    pub notices: Vec<i64>,
}

impl Store {
    /// Sets how often an account is mailed a digest, in which language. Turning it on (from
    /// off) starts it from `now`: no digest holds anything older.
    pub async fn set_digest(
        &self,
        user_id: i64,
        digest: &str,
        lang: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE users SET digest = $2, digest_lang = $3, \
                   digest_from = CASE WHEN digest = 'off' OR digest_from IS NULL THEN $4 \
                   ELSE digest_from END, \
                   digest_since = CASE WHEN digest = 'off' OR digest_since IS NULL THEN $4 \
                   ELSE digest_since END WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(user_id)
            .bind(digest)
            .bind(lang)
            .bind(now)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Up to `limit` active accounts whose daily digest has not been made since `daily`, or
    /// weekly digest since `weekly`.
    pub async fn due_digests(
        &self,
        daily: DateTime<Utc>,
        weekly: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DigestReader>> {
        let sql = "SELECT id, email, display_name, role, digest_lang, digest_from, digest \
                   FROM users \
                   WHERE deactivated_at IS NULL AND deleted_at IS NULL \
                   AND digest_from IS NOT NULL \
                   AND ((digest = 'daily' AND digest_since < $1) \
                     OR (digest = 'weekly' AND digest_since < $2)) \
                   ORDER BY id LIMIT $3";
        type Row = (i64, String, String, String, String, DateTime<Utc>, String);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(daily)
            .bind(weekly)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(user_id, email, display_name, role, lang, from, digest)| DigestReader {
                    user_id,
                    email,
                    display_name,
                    staff: Role::parse(&role).is_some_and(Role::is_staff),
                    lang,
                    from,
                    weekly: digest == "weekly",
                },
            )
            .collect())
    }

    /// What an account has not read, nor had in a digest, that came after `from` and by
    /// `until`: notifications and notices, oldest first.
    pub async fn undigested(
        &self,
        user_id: i64,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<(Vec<UnreadNotification>, Vec<UnreadNotice>)> {
        let notifications = "SELECT n.id, n.kind, n.survey_id, s.title, a.display_name, \
                             n.created_at FROM notifications n \
                             LEFT JOIN surveys s ON s.id = n.survey_id \
                             LEFT JOIN users a ON a.id = n.actor_id \
                             WHERE n.user_id = $1 AND n.read_at IS NULL \
                             AND n.digested_at IS NULL \
                             AND n.created_at > $2 AND n.created_at <= $3 ORDER BY n.id";
        let notices = "SELECT n.id, n.title, u.display_name, n.created_at \
                       FROM notice_deliveries d \
                       JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = n.sender_id \
                       WHERE d.user_id = $1 AND d.read_at IS NULL AND d.digested_at IS NULL \
                       AND n.created_at > $2 AND n.created_at <= $3 ORDER BY n.id";
        Ok(on_pool!(&self.db, |pool| {
            let a = sqlx::query_as(notifications)
                .bind(user_id)
                .bind(from)
                .bind(until)
                .fetch_all(pool)
                .await?;
            let b = sqlx::query_as(notices)
                .bind(user_id)
                .bind(from)
                .bind(until)
                .fetch_all(pool)
                .await?;
            (a, b)
        }))
    }

    /// Marks an account's digest made at `now`, the notifications and notices of `sent` as
    /// digested, and queues its mail (if there was anything to say), in one transaction, only
    /// if it was still due (made before `due`): when several servers run, one of them makes
    /// it. Returns whether this call made it.
    pub async fn complete_digest(
        &self,
        user_id: i64,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
        sent: &DigestSent,
        mail: Option<&Outgoing>,
    ) -> Result<bool> {
        let sql = "UPDATE users SET digest_since = $3 \
                   WHERE id = $1 AND digest <> 'off' AND digest_since < $2";
        let notification = "UPDATE notifications SET digested_at = $3 \
                            WHERE id = $1 AND user_id = $2";
        let notice = "UPDATE notice_deliveries SET digested_at = $3 \
                      WHERE notice_id = $1 AND user_id = $2";
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let claimed = sqlx::query(sql)
                .bind(user_id)
                .bind(due)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if claimed {
                for (sql, ids) in [(notification, &sent.notifications), (notice, &sent.notices)] {
                    for id in ids {
                        sqlx::query(sql)
                            .bind(id)
                            .bind(user_id)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                if let Some(mail) = mail {
                    queue_in!(&mut *tx, mail, now);
                }
                tx.commit().await?;
            }
            claimed
        }))
    }
}
