//! One's own account: its sessions, name and password, and the rows of a copy of one's data.

use super::*;

/// A session as its owner sees it.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// The stored hash of its token.
    pub token_hash: String,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it was last used (noted every few minutes), if since it opened.
    pub last_seen_at: Option<DateTime<Utc>>,
    /// The browser's User-Agent, shortened.
    pub user_agent: Option<String>,
}

/// The account's own row.
#[derive(Debug, Clone)]
pub struct AccountRow {
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Role, as stored.
    pub role: String,
    /// Home district's Japanese name, if any.
    pub district: Option<String>,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// How often a digest is mailed, as stored.
    pub digest: String,
}

/// A notification: kind, detail, when, when read.
pub type NotificationRow = (String, String, DateTime<Utc>, Option<DateTime<Utc>>);

/// A post: group, kind, title, body, status, when.
pub type PostRow = (String, String, String, String, String, DateTime<Utc>);

/// Everything else stored about a person, as rows of text and times (never survey answers,
/// which hold no account).
#[derive(Debug, Clone, Default)]
pub struct OwnRows {
    /// Group, role, name shown to organisers, joined.
    pub memberships: Vec<(String, String, bool, DateTime<Utc>)>,
    /// Groups proposed: name, status, when.
    pub proposals: Vec<(String, String, DateTime<Utc>)>,
    /// Posts: group, kind, title, body, status, when.
    pub posts: Vec<PostRow>,
    /// Events replied "going" to: title, when replied.
    pub rsvps: Vec<(String, DateTime<Utc>)>,
    /// Comments on draft surveys: survey address, text, when.
    pub comments: Vec<(String, String, DateTime<Utc>)>,
    /// Suggested changes to draft surveys: survey address, note, state, when.
    pub suggestions: Vec<(String, String, String, DateTime<Utc>)>,
    /// Notifications: kind, detail, when, read.
    pub notifications: Vec<NotificationRow>,
    /// Reports of posts or groups: reason, status, when.
    pub reports: Vec<(String, String, DateTime<Utc>)>,
}

impl Store {
    /// Notes which browser a new session is (`user_agent` already shortened).
    pub async fn note_session_device(&self, token_hash: &str, user_agent: &str) -> Result<()> {
        let sql = "UPDATE sessions SET user_agent = $2 WHERE token_hash = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(token_hash)
            .bind(user_agent)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The account's sessions that have not expired, newest first.
    pub async fn sessions_of(&self, user_id: i64, now: DateTime<Utc>) -> Result<Vec<SessionRow>> {
        let sql = "SELECT token_hash, created_at, last_seen_at, user_agent FROM sessions \
                   WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC";
        type Row = (String, DateTime<Utc>, Option<DateTime<Utc>>, Option<String>);
        let rows: Vec<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user_id)
            .bind(now)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(token_hash, created_at, last_seen_at, user_agent)| SessionRow {
                    token_hash,
                    created_at,
                    last_seen_at,
                    user_agent,
                },
            )
            .collect())
    }

    /// Ends the account's sessions whose token hash starts with `key` (lowercase hex, checked
    /// by the caller; one session, in practice); returns how many.
    pub async fn end_session_by_key(&self, user_id: i64, key: &str) -> Result<u64> {
        let sql = "DELETE FROM sessions WHERE user_id = $1 AND token_hash LIKE $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(user_id)
            .bind(format!("{key}%"))
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Ends every session of the account but `keep`; returns how many.
    pub async fn end_other_sessions(&self, user_id: i64, keep: &str) -> Result<u64> {
        let sql = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(user_id)
            .bind(keep)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Changes the account's display name.
    pub async fn rename_user(&self, user_id: i64, name: &str) -> Result<()> {
        let sql = "UPDATE users SET display_name = $2 WHERE id = $1";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(user_id)
            .bind(name)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The account's password hash.
    pub async fn password_hash_of(&self, user_id: i64) -> Result<Option<String>> {
        let sql = "SELECT password_hash FROM users WHERE id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user_id)
            .fetch_optional(pool)
            .await?))
    }

    /// Sets a new password hash, in one transaction: every other session and unused reset link
    /// of the account ends, and `mail` (the owner's notice) is queued.
    pub async fn change_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep_session: &str,
        now: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<()> {
        let set = "UPDATE users SET password_hash = $2 WHERE id = $1";
        let others = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
        let links = "DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(set)
                .bind(user_id)
                .bind(password_hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(others)
                .bind(user_id)
                .bind(keep_session)
                .execute(&mut *tx)
                .await?;
            sqlx::query(links).bind(user_id).execute(&mut *tx).await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The account's own row.
    pub async fn account_row(&self, user_id: i64) -> Result<Option<AccountRow>> {
        let sql = "SELECT u.email, u.display_name, u.role, d.name_ja, u.created_at, u.digest \
                   FROM users u LEFT JOIN districts d ON d.id = u.district_id WHERE u.id = $1";
        type Row = (
            String,
            String,
            String,
            Option<String>,
            DateTime<Utc>,
            String,
        );
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user_id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(
            |(email, display_name, role, district, created_at, digest)| AccountRow {
                email,
                display_name,
                role,
                district,
                created_at,
                digest,
            },
        ))
    }

    /// Every other row that names the account.
    pub async fn own_rows(&self, user_id: i64) -> Result<OwnRows> {
        let memberships = "SELECT g.name, m.role, m.show_name, m.joined_at FROM group_members m \
                           JOIN network_groups g ON g.id = m.group_id WHERE m.user_id = $1 \
                           ORDER BY m.joined_at";
        let proposals = "SELECT name, status, created_at FROM network_groups \
                         WHERE proposed_by = $1 ORDER BY created_at";
        let posts = "SELECT g.name, p.kind, p.title, p.body, p.status, p.created_at \
                     FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
                     WHERE p.author_id = $1 ORDER BY p.created_at";
        let rsvps = "SELECT p.title, r.created_at FROM event_rsvps r \
                     JOIN group_posts p ON p.id = r.post_id WHERE r.user_id = $1 \
                     ORDER BY r.created_at";
        let comments = "SELECT s.slug, c.body, c.created_at FROM survey_comments c \
                        JOIN surveys s ON s.id = c.survey_id WHERE c.author_id = $1 \
                        ORDER BY c.created_at";
        let suggestions = "SELECT s.slug, x.note, x.state, x.created_at \
                           FROM survey_suggestions x JOIN surveys s ON s.id = x.survey_id \
                           WHERE x.author_id = $1 ORDER BY x.created_at";
        let notifications = "SELECT kind, detail, created_at, read_at FROM notifications \
                             WHERE user_id = $1 ORDER BY created_at";
        let reports = "SELECT reason, status, created_at FROM reports \
                       WHERE reported_by = $1 ORDER BY created_at";
        Ok(on_pool!(&self.db, |pool| OwnRows {
            memberships: sqlx::query_as(memberships)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
            proposals: sqlx::query_as(proposals)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
            posts: sqlx::query_as(posts).bind(user_id).fetch_all(pool).await?,
            rsvps: sqlx::query_as(rsvps).bind(user_id).fetch_all(pool).await?,
            comments: sqlx::query_as(comments)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
            suggestions: sqlx::query_as(suggestions)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
            notifications: sqlx::query_as(notifications)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
            reports: sqlx::query_as(reports)
                .bind(user_id)
                .fetch_all(pool)
                .await?,
        }))
    }
}
