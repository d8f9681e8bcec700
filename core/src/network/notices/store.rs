//! Notices and their deliveries: one row per recipient, made in the notice's transaction.

use crate::db::{Store, id_list, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::network::notices::{NoticeFields, NoticeLine, SentNotice};

impl Store {
    /// Stores a notice and delivers it to every member and follower of its groups, every
    /// account whose home district is one of its districts, and every member and follower of
    /// the approved groups active there; each person once, the sender excepted. Returns the
    /// notice id and how many received it.
    pub async fn send_notice(
        &self,
        ward: i64,
        sender: i64,
        notice: &NoticeFields,
        now: DateTime<Utc>,
    ) -> Result<(i64, u64)> {
        let insert = "INSERT INTO notices (ward_id, sender_id, title, body, group_ids, \
                      district_ids, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        let (groups, districts) = (id_list(&notice.groups), id_list(&notice.districts));
        let deliver = format!(
            "INSERT INTO notice_deliveries (notice_id, user_id) \
             SELECT $1, r.user_id FROM ( \
               SELECT m.user_id FROM group_members m WHERE m.group_id IN {groups} \
               UNION SELECT u.id FROM users u WHERE u.district_id IN {districts} \
               UNION SELECT m.user_id FROM group_members m \
                 JOIN network_groups g ON g.id = m.group_id AND g.status = 'approved' \
                 JOIN group_districts d ON d.group_id = m.group_id \
                 WHERE d.district_id IN {districts} \
             ) r WHERE r.user_id <> $2"
        );
        let group_json = serde_json::to_string(&notice.groups).unwrap_or_else(|_| "[]".into());
        let district_json =
            serde_json::to_string(&notice.districts).unwrap_or_else(|_| "[]".into());
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(insert)
                .bind(ward)
                .bind(sender)
                .bind(&notice.title)
                .bind(&notice.body)
                .bind(&group_json)
                .bind(&district_json)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let delivered = sqlx::query(sqlx::AssertSqlSafe(deliver))
                .bind(id)
                .bind(sender)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok((id, delivered))
        })
    }

    /// Notices sent in a ward (`None`: every ward), and only by `sender` when given, newest
    /// first, with how many received and read each.
    pub async fn sent_notices(
        &self,
        ward: Option<i64>,
        sender: Option<i64>,
        limit: i64,
    ) -> Result<Vec<SentNotice>> {
        let sql = "SELECT n.id, n.title, u.display_name, n.created_at, \
                   (SELECT COUNT(*) FROM notice_deliveries d WHERE d.notice_id = n.id), \
                   (SELECT COUNT(d.read_at) FROM notice_deliveries d WHERE d.notice_id = n.id) \
                   FROM notices n JOIN users u ON u.id = n.sender_id \
                   WHERE ($1 IS NULL OR n.ward_id = $1) AND ($2 IS NULL OR n.sender_id = $2) \
                   ORDER BY n.id DESC LIMIT $3";
        let rows: Vec<(i64, String, String, DateTime<Utc>, i64, i64)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(ward)
                .bind(sender)
                .bind(limit)
                .fetch_all(pool)
                .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, title, sender, created_at, delivered, read)| SentNotice {
                    id,
                    title,
                    sender,
                    created_at,
                    delivered,
                    read,
                },
            )
            .collect())
    }

    /// The notices delivered to a user, newest first; those not read before are marked read
    /// now (and come back with `new`).
    pub async fn notices_for(
        &self,
        user: i64,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<NoticeLine>> {
        let sql = "SELECT n.id, n.title, n.body, u.display_name, n.created_at, \
                   d.read_at IS NULL FROM notice_deliveries d \
                   JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = n.sender_id \
                   WHERE d.user_id = $1 ORDER BY n.id DESC LIMIT $2";
        let read = "UPDATE notice_deliveries SET read_at = $1 \
                    WHERE user_id = $2 AND read_at IS NULL";
        let rows: Vec<(i64, String, String, String, DateTime<Utc>, bool)> =
            on_pool!(&self.db, |pool| {
                let rows = sqlx::query_as(sql)
                    .bind(user)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?;
                sqlx::query(read).bind(now).bind(user).execute(pool).await?;
                rows
            });
        Ok(rows
            .into_iter()
            .map(|(id, title, body, sender, created_at, new)| NoticeLine {
                id,
                title,
                body,
                sender,
                created_at,
                new,
            })
            .collect())
    }
}
