//! Leaving: the groups one runs alone, and deleting one's account.

use super::*;

/// The name a deleted account's posts and comments are shown under.
pub const LEFT_MEMBER_NAME: &str = "退会したメンバー";

impl Store {
    /// The groups `user` organises alone while others belong to them (id, name): they hand
    /// these over before leaving.
    pub async fn groups_run_alone(&self, user: i64) -> Result<Vec<(i64, String)>> {
        let sql = "SELECT g.id, g.name FROM group_members m JOIN network_groups g ON g.id = m.group_id \
                   WHERE m.user_id = $1 AND m.role = 'organiser' \
                   AND NOT EXISTS (SELECT 1 FROM group_members o WHERE o.group_id = m.group_id \
                       AND o.user_id <> $1 AND o.role = 'organiser') \
                   AND EXISTS (SELECT 1 FROM group_members o WHERE o.group_id = m.group_id \
                       AND o.user_id <> $1) \
                   ORDER BY g.name, g.id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user)
            .fetch_all(pool)
            .await?))
    }

    /// Deletes an account, in one transaction. Its row stays (surveys, comments and the audit
    /// log point at it) but holds nothing personal: the address becomes
    /// `deleted-{id}@deleted.invalid`, the name [`LEFT_MEMBER_NAME`], the password unusable,
    /// the home district none. Sessions, reset links, memberships, RSVPs, notifications and
    /// centre directorships go. Its posts stay under the new name, or with `remove_posts`
    /// are removed with their text emptied. The goodbye `mail` to the old address is queued.
    pub async fn delete_account(
        &self,
        user: i64,
        remove_posts: bool,
        now: DateTime<Utc>,
        mail: &Outgoing,
    ) -> Result<()> {
        let posts = "UPDATE group_posts SET status = 'removed', title = '', body = '', place = '' \
                     WHERE author_id = $1";
        // The events they were coming to count one fewer.
        let uncount = "UPDATE group_posts SET going_count = going_count - 1 \
                       WHERE id IN (SELECT post_id FROM event_rsvps WHERE user_id = $1)";
        let gone = [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM password_resets WHERE user_id = $1",
            "DELETE FROM group_members WHERE user_id = $1",
            "DELETE FROM event_rsvps WHERE user_id = $1",
            "DELETE FROM notifications WHERE user_id = $1",
            "DELETE FROM notice_deliveries WHERE user_id = $1",
            "DELETE FROM survey_reviewers WHERE user_id = $1",
            "DELETE FROM centre_directors WHERE user_id = $1",
        ];
        let forget = "UPDATE users SET email = $2, display_name = $3, password_hash = '!', \
                      district_id = NULL, deactivated_at = $4, deleted_at = $4, \
                      last_sign_in_at = NULL WHERE id = $1";
        let address = format!("deleted-{user}@deleted.invalid");
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            if remove_posts {
                sqlx::query(posts).bind(user).execute(&mut *tx).await?;
            }
            sqlx::query(uncount).bind(user).execute(&mut *tx).await?;
            for sql in gone {
                sqlx::query(sql).bind(user).execute(&mut *tx).await?;
            }
            sqlx::query(forget)
                .bind(user)
                .bind(&address)
                .bind(LEFT_MEMBER_NAME)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            queue_in!(&mut *tx, mail, now);
            tx.commit().await?;
        });
        Ok(())
    }
}
