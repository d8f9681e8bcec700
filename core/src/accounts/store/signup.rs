//! Sign-ups waiting for their address to be confirmed.

use super::*;
use crate::accounts::signup::PendingSignUp;

impl Store {
    /// The account with this address, active or not, as a mail's addressee.
    pub async fn addressee_any(&self, email: &str) -> Result<Option<Addressee>> {
        let sql = "SELECT id, email, display_name FROM users WHERE email = $1";
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

    /// Stores a sign-up waiting for confirmation and queues its mail, in one transaction.
    pub async fn create_sign_up_request(
        &self,
        token_hash: &str,
        pending: &PendingSignUp,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<()> {
        let sql = "INSERT INTO sign_up_requests (token_hash, email, display_name, password_hash, \
                   ward_id, district_id, next_path, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(sql)
                .bind(token_hash)
                .bind(&pending.email)
                .bind(&pending.display_name)
                .bind(&pending.password_hash)
                .bind(pending.ward_id)
                .bind(pending.district_id)
                .bind(&pending.next_path)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Whether a sign-up link is unexpired at `now`.
    pub async fn sign_up_request_usable(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM sign_up_requests WHERE token_hash = $1 AND expires_at > $2";
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
    }

    /// Takes a sign-up by its link (once: of two confirmations, one gets it), if unexpired.
    pub async fn take_sign_up_request(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingSignUp>> {
        let sql = "DELETE FROM sign_up_requests WHERE token_hash = $1 AND expires_at > $2 \
                   RETURNING email, display_name, password_hash, ward_id, district_id, next_path";
        type Row = (String, String, String, Option<i64>, Option<i64>, String);
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(
            |(email, display_name, password_hash, ward_id, district_id, next_path)| PendingSignUp {
                email,
                display_name,
                password_hash,
                ward_id,
                district_id,
                next_path,
            },
        ))
    }

    /// Forgets sign-ups whose link expired before `before`; returns how many.
    pub async fn delete_sign_up_requests_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM sign_up_requests WHERE expires_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }
}
