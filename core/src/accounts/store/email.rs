//! Changes of address waiting for the new address to confirm them.

use super::*;

impl Store {
    /// Stores a change of address (replacing any earlier one of the account) and queues the
    /// mail to the new address, in one transaction.
    pub async fn create_email_change(
        &self,
        token_hash: &str,
        user_id: i64,
        new_email: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<()> {
        let earlier = "DELETE FROM email_changes WHERE user_id = $1";
        let sql = "INSERT INTO email_changes (token_hash, user_id, new_email, created_at, \
                   expires_at) VALUES ($1, $2, $3, $4, $5)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(earlier).bind(user_id).execute(&mut *tx).await?;
            sqlx::query(sql)
                .bind(token_hash)
                .bind(user_id)
                .bind(new_email)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The new address of an unexpired change, by its link.
    pub async fn usable_email_change(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let sql = "SELECT new_email FROM email_changes WHERE token_hash = $1 AND expires_at > $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?))
    }

    /// Makes a change of address, in one transaction: takes the link (once, unexpired), sets
    /// the address and queues the notice `notice(old, name, new)` makes to the old one. `None`
    /// when the link could not be used, or the new address has an account meanwhile.
    pub async fn take_email_change(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        notice: impl FnOnce(&str, &str, &str) -> Outgoing,
    ) -> Result<Option<i64>> {
        let take = "DELETE FROM email_changes WHERE token_hash = $1 AND expires_at > $2 \
                    RETURNING user_id, new_email";
        let person = "SELECT email, display_name FROM users WHERE id = $1 AND deleted_at IS NULL";
        let set = "UPDATE users SET email = $2 WHERE id = $1";
        let result: std::result::Result<Option<i64>, sqlx::Error> =
            on_pool!(&self.db, |pool| async {
                let mut tx = pool.begin().await?;
                let taken: Option<(i64, String)> = sqlx::query_as(take)
                    .bind(token_hash)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some((user_id, new_email)) = taken else {
                    return Ok(None);
                };
                let Some((old, name)): Option<(String, String)> = sqlx::query_as(person)
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    return Ok(None);
                };
                sqlx::query(set)
                    .bind(user_id)
                    .bind(&new_email)
                    .execute(&mut *tx)
                    .await?;
                let mail = notice(&old, &name, &new_email);
                queue_in!(&mut *tx, mail, now);
                tx.commit().await?;
                Ok(Some(user_id))
            }
            .await);
        match result {
            Ok(done) => Ok(done),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Forgets changes of address whose link expired before `before`; returns how many.
    pub async fn delete_email_changes_before(&self, before: DateTime<Utc>) -> Result<u64> {
        let sql = "DELETE FROM email_changes WHERE expires_at < $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected()))
    }
}
