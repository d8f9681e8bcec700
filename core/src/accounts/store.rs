//! Accounts, sessions and failed sign-ins (for the rate limits).

use crate::db::{Store, corrupt, is_unique_violation, on_pool};
use crate::error::Result;
use crate::mail::{Outgoing, queue_in};

mod digest;
mod email;
mod leave;
mod own;
mod signup;

use chrono::{DateTime, Utc};
pub use digest::{DigestReader, DigestSent, UnreadNotice, UnreadNotification};
pub use leave::LEFT_MEMBER_NAME;
pub use own::{AccountRow, OwnRows, SessionRow};
use shared::ApiError;
use shared::account::Role;
use shared::views::CurrentUser;

/// How often a session's activity is written down, at most (minutes).
pub const SESSION_TOUCH_MINUTES: i64 = 5;

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Normalised e-mail address.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// What the account may do.
    pub role: Role,
    /// The ward the account works in (none for an admin of every ward).
    pub ward_id: Option<i64>,
    /// The district the account is limited to, if any.
    pub district_id: Option<i64>,
}

/// What sign-in needs to know about an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Account id.
    pub user_id: i64,
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Whether an administrator deactivated the account.
    pub deactivated: bool,
}

/// Who a mail about an account goes to.
#[derive(Debug, Clone)]
pub struct Addressee {
    /// Account id.
    pub user_id: i64,
    /// Their e-mail address.
    pub email: String,
    /// Their name, for the greeting.
    pub display_name: String,
}

impl Store {
    /// The active account with this (normalised) e-mail address, as a mail's addressee.
    pub async fn addressee(&self, email: &str) -> Result<Option<Addressee>> {
        let sql = "SELECT id, email, display_name FROM users \
                   WHERE email = $1 AND deactivated_at IS NULL";
        let row: Option<(i64, String, String)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(email)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(|(user_id, email, display_name)| Addressee {
            user_id,
            email,
            display_name,
        }))
    }

    /// Stores a reset link's hash and queues its mail, in one transaction.
    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<()> {
        let sql = "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(sql)
                .bind(token_hash)
                .bind(user_id)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Whether a reset link is unused and unexpired at `now`.
    pub async fn password_reset_usable(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM password_resets \
                   WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
    }

    /// Uses a reset link, in one transaction: marks it used (only if unused and unexpired: of
    /// two submits, one wins), sets the password hash, ends the account's sessions, drops its
    /// other reset links, and queues the notice `notice(email, name)` makes. `None` when the
    /// link could not be used.
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
        notice: impl FnOnce(&str, &str) -> Outgoing,
    ) -> Result<Option<i64>> {
        let take = "UPDATE password_resets SET used_at = $2 \
                    WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id";
        let set = "UPDATE users SET password_hash = $2 WHERE id = $1";
        let end_sessions = "DELETE FROM sessions WHERE user_id = $1";
        let other_links = "DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL";
        let person = "SELECT email, display_name FROM users WHERE id = $1";
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let user: Option<i64> = sqlx::query_scalar(take)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            match user {
                None => None,
                Some(user_id) => {
                    sqlx::query(set)
                        .bind(user_id)
                        .bind(password_hash)
                        .execute(&mut *tx)
                        .await?;
                    for sql in [end_sessions, other_links] {
                        sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
                    }
                    let (email, name): (String, String) = sqlx::query_as(person)
                        .bind(user_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    let mail = notice(&email, &name);
                    queue_in!(&mut *tx, mail, now);
                    tx.commit().await?;
                    Some(user_id)
                }
            }
        }))
    }

    /// Forgets reset links that expired before `before`; returns how many.
    pub async fn delete_password_resets_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM password_resets WHERE expires_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }

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
        let sql =
            "SELECT id, password_hash, deactivated_at IS NOT NULL FROM users WHERE email = $1";
        let row: Option<(i64, String, bool)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(email)
            .fetch_optional(pool)
            .await?);
        Ok(
            row.map(|(user_id, password_hash, deactivated)| Credentials {
                user_id,
                password_hash,
                deactivated,
            }),
        )
    }

    /// Opens a session, noting the sign-in on the account.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4)";
        let note = "UPDATE users SET last_sign_in_at = $2 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(sql)
                .bind(token_hash)
                .bind(user_id)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(note)
                .bind(user_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The user of a session that has neither expired nor been idle since `idle_since`, noting
    /// the activity (at most once every [`SESSION_TOUCH_MINUTES`], to spare the writes).
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> Result<Option<CurrentUser>> {
        let sql = "SELECT u.id, u.display_name, u.role, u.ward_id, u.district_id, \
                   COALESCE(s.last_seen_at, s.created_at) FROM sessions s \
                   JOIN users u ON u.id = s.user_id \
                   WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deactivated_at IS NULL \
                   AND COALESCE(s.last_seen_at, s.created_at) > $3";
        let touch = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
        type Row = (i64, String, String, Option<i64>, Option<i64>, DateTime<Utc>);
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(token_hash)
            .bind(now)
            .bind(idle_since)
            .fetch_optional(pool)
            .await?);
        let Some((id, display_name, role, ward_id, district_id, seen)) = row else {
            return Ok(None);
        };
        if now - seen >= chrono::TimeDelta::minutes(SESSION_TOUCH_MINUTES) {
            on_pool!(&self.db, |pool| sqlx::query(touch)
                .bind(token_hash)
                .bind(now)
                .execute(pool)
                .await
                .map(drop)?);
        }
        Ok(Some(CurrentUser {
            id,
            display_name,
            role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
            ward_id,
            district_id,
        }))
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

    /// Forgets the client addresses recorded before `before`: the address in sign-in entries
    /// of the audit log (the entry itself stays, with who and when) and sign-up attempts.
    /// Returns how many records lost their address.
    pub async fn forget_addresses_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let audit = "UPDATE audit_log SET detail = 'address removed' \
                     WHERE action IN ('sign_in', 'sign_in_failed', 'sign_in_deactivated', 'password_reset_requested') AND at < $1 \
                     AND detail LIKE 'address %'";
        let sign_ups = "DELETE FROM sign_up_attempts WHERE at < $1";
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let a = sqlx::query(audit)
                .bind(before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let b = sqlx::query(sign_ups)
                .bind(before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            a + b
        }))
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
}
