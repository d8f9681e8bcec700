//! Group posts (news and events), RSVPs with the head count kept on write and the capacity
//! enforced in the same transaction, and the feed queries.

use crate::db::{Store, corrupt, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::network::posts::{EventTime, PostFields, PostKind, PostView};

/// The columns read into [`PostView`], in this order (`$1` is the reader, 0 when signed out).
const POST_COLUMNS: &str = "p.id, p.group_id, g.name, p.kind, p.title, p.body, p.starts_at, \
     p.ends_at, p.place, p.capacity, p.going_count, \
     EXISTS (SELECT 1 FROM event_rsvps r WHERE r.post_id = p.id AND r.user_id = $1), \
     p.created_at, p.status, p.moderation_reason";

/// The condition "an event not yet over at `now`" (a placeholder such as `$5`), or with
/// `upcoming` false its opposite: news, and events over by then.
fn upcoming_filter(upcoming: bool, now: &str) -> String {
    let not_over = format!("(p.kind = 'event' AND COALESCE(p.ends_at, p.starts_at) >= {now})");
    if upcoming {
        not_over
    } else {
        format!("(NOT {not_over})")
    }
}

type PostRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    String,
    Option<i64>,
    i64,
    bool,
    DateTime<Utc>,
    String,
    String,
);

fn post_from_row(row: PostRow) -> Result<PostView> {
    let (
        id,
        group_id,
        group_name,
        kind,
        title,
        body,
        starts_at,
        ends_at,
        place,
        capacity,
        going,
        i_am_going,
        created_at,
        status,
        moderation_reason,
    ) = row;
    let kind = PostKind::parse(&kind).ok_or_else(|| corrupt("post kind", &kind))?;
    let event = match (kind, starts_at) {
        (PostKind::Event, Some(starts_at)) => Some(EventTime {
            starts_at,
            ends_at,
            place,
            capacity,
        }),
        (PostKind::Event, None) => return Err(corrupt("event without a start", id)),
        (PostKind::News, _) => None,
    };
    Ok(PostView {
        id,
        group_id,
        group_name,
        kind,
        title,
        body,
        event,
        going,
        i_am_going,
        created_at,
        hidden: (status == "hidden").then_some(moderation_reason),
    })
}

/// What an RSVP did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rsvp {
    /// The reader's answer is stored (or was already).
    Done,
    /// The event is full; nothing was stored.
    Full,
}

impl Store {
    /// Stores a post by an organiser.
    pub async fn create_post(
        &self,
        group: i64,
        author: i64,
        post: &PostFields,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "INSERT INTO group_posts (group_id, author_id, kind, title, body, starts_at, \
                   ends_at, place, capacity, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
        let event = post.event.as_ref();
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(group)
            .bind(author)
            .bind(post.kind.as_str())
            .bind(&post.title)
            .bind(&post.body)
            .bind(event.map(|e| e.starts_at))
            .bind(event.and_then(|e| e.ends_at))
            .bind(event.map(|e| e.place.as_str()).unwrap_or_default())
            .bind(event.and_then(|e| e.capacity))
            .bind(now)
            .fetch_one(pool)
            .await?))
    }

    /// Rewrites a post's title, text and (for an event) time, place and capacity; its kind,
    /// group, author, head count and moderation state stay. False when there is no such post
    /// (or it was removed).
    pub async fn update_post(&self, id: i64, post: &PostFields) -> Result<bool> {
        let sql = "UPDATE group_posts SET title = $2, body = $3, starts_at = $4, ends_at = $5, \
                   place = $6, capacity = $7 WHERE id = $1 AND status <> 'removed'";
        let event = post.event.as_ref();
        let updated = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .bind(&post.title)
            .bind(&post.body)
            .bind(event.map(|e| e.starts_at))
            .bind(event.and_then(|e| e.ends_at))
            .bind(event.map(|e| e.place.as_str()).unwrap_or_default())
            .bind(event.and_then(|e| e.capacity))
            .execute(pool)
            .await?
            .rows_affected());
        Ok(updated > 0)
    }

    /// Deletes a post, with its RSVPs and the reports about it. False when there was none.
    pub async fn delete_post(&self, id: i64) -> Result<bool> {
        let sql = "DELETE FROM group_posts WHERE id = $1";
        let deleted = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(deleted > 0)
    }

    /// Who said they will come to a group's events, by post, in the order they said so: the
    /// display name of those who show it to the group's organisers (members and followers who
    /// chose to), `None` for the rest.
    pub async fn event_attendees(&self, group: i64) -> Result<Vec<(i64, Option<String>)>> {
        let sql = "SELECT r.post_id, CASE WHEN m.show_name THEN u.display_name END \
                   FROM event_rsvps r JOIN group_posts p ON p.id = r.post_id \
                   JOIN users u ON u.id = r.user_id \
                   LEFT JOIN group_members m ON m.group_id = p.group_id AND m.user_id = r.user_id \
                   WHERE p.group_id = $1 AND p.kind = 'event' \
                   ORDER BY r.post_id, r.created_at, r.user_id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(group)
            .fetch_all(pool)
            .await?))
    }

    /// How many posts a user wrote since `since` (for the posting rate limit).
    pub async fn posts_by_since(&self, author: i64, since: DateTime<Utc>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM group_posts WHERE author_id = $1 AND created_at >= $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(author)
            .bind(since)
            .fetch_one(pool)
            .await?))
    }

    /// One visible post, as `reader` sees it.
    pub async fn post(&self, id: i64, reader: i64) -> Result<Option<PostView>> {
        self.post_where(id, reader, "p.status = 'visible'").await
    }

    /// One post, visible or hidden by the ward (for its organisers and staff).
    pub async fn post_not_removed(&self, id: i64, reader: i64) -> Result<Option<PostView>> {
        self.post_where(id, reader, "p.status <> 'removed'").await
    }

    async fn post_where(&self, id: i64, reader: i64, status: &str) -> Result<Option<PostView>> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
             WHERE p.id = $2 AND {status}"
        );
        let row: Option<PostRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(reader)
                .bind(id)
                .fetch_optional(pool)
                .await?);
        row.map(post_from_row).transpose()
    }

    /// A group's visible posts; with `with_hidden` (its organisers, staff), the hidden ones
    /// too. `upcoming`: its events not yet over, soonest first; otherwise the rest (news and
    /// past events), newest first.
    pub async fn group_posts(
        &self,
        group: i64,
        reader: i64,
        with_hidden: bool,
        (upcoming, now): (bool, DateTime<Utc>),
        limit: i64,
    ) -> Result<Vec<PostView>> {
        let which = upcoming_filter(upcoming, "$5");
        let order = if upcoming {
            "p.starts_at, p.id"
        } else {
            "p.created_at DESC, p.id DESC"
        };
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
             WHERE p.group_id = $2 AND (p.status = 'visible' OR ($4 AND p.status = 'hidden')) \
             AND {which} ORDER BY {order} LIMIT $3"
        );
        let rows: Vec<PostRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(reader)
                .bind(group)
                .bind(limit)
                .bind(with_hidden)
                .bind(now)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(post_from_row).collect()
    }

    /// The latest visible news and past events of the approved groups a user belongs to or
    /// follows (their upcoming events are listed by date, by [`Store::upcoming_events`]).
    pub async fn feed_posts(
        &self,
        reader: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<PostView>> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
             JOIN group_members m ON m.group_id = p.group_id AND m.user_id = $1 \
             WHERE p.status = 'visible' AND g.status = 'approved' AND {} \
             ORDER BY p.created_at DESC, p.id DESC LIMIT $2",
            upcoming_filter(false, "$3")
        );
        let rows: Vec<PostRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(reader)
                .bind(limit)
                .bind(now)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(post_from_row).collect()
    }

    /// Upcoming visible events (not yet over) of approved groups that are active in `district`
    /// or that the reader belongs to or follows, soonest first.
    pub async fn upcoming_events(
        &self,
        reader: i64,
        district: Option<i64>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<PostView>> {
        let upcoming = upcoming_filter(true, "$2");
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
             WHERE {upcoming} AND p.status = 'visible' AND g.status = 'approved' \
             AND (EXISTS (SELECT 1 FROM group_districts d WHERE d.group_id = g.id \
                          AND d.district_id = $3) \
                  OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id \
                          AND m.user_id = $1)) \
             ORDER BY p.starts_at, p.id LIMIT $4"
        );
        let rows: Vec<PostRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(reader)
                .bind(now)
                .bind(district)
                .bind(limit)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(post_from_row).collect()
    }

    /// Visible events of approved groups that end (or start) at or after `since`, of one group
    /// or of the groups active in one district, soonest first.
    pub async fn events_since(
        &self,
        group: Option<i64>,
        district: Option<i64>,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<PostView>> {
        let upcoming = upcoming_filter(true, "$2");
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM group_posts p JOIN network_groups g ON g.id = p.group_id \
             WHERE {upcoming} AND p.status = 'visible' AND g.status = 'approved' \
             AND ($3 IS NULL OR p.group_id = $3) \
             AND ($4 IS NULL OR EXISTS (SELECT 1 FROM group_districts d \
                  WHERE d.group_id = g.id AND d.district_id = $4)) \
             ORDER BY p.starts_at, p.id LIMIT $5"
        );
        let rows: Vec<PostRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(0_i64)
                .bind(since)
                .bind(group)
                .bind(district)
                .bind(limit)
                .fetch_all(pool)
                .await?);
        rows.into_iter().map(post_from_row).collect()
    }

    /// Says the user will come to an event (`going`) or no longer will. The head count changes
    /// in the same transaction, and only while it is below the capacity.
    pub async fn rsvp(
        &self,
        post: i64,
        user: i64,
        going: bool,
        now: DateTime<Utc>,
    ) -> Result<Rsvp> {
        let insert = "INSERT INTO event_rsvps (post_id, user_id, created_at) VALUES ($1, $2, $3) \
                      ON CONFLICT DO NOTHING";
        let take = "UPDATE group_posts SET going_count = going_count + 1 WHERE id = $1 \
                    AND (capacity IS NULL OR going_count < capacity)";
        let delete = "DELETE FROM event_rsvps WHERE post_id = $1 AND user_id = $2";
        let give_back = "UPDATE group_posts SET going_count = going_count - 1 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            if going {
                let inserted = sqlx::query(insert)
                    .bind(post)
                    .bind(user)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if inserted == 0 {
                    return Ok(Rsvp::Done);
                }
                let taken = sqlx::query(take)
                    .bind(post)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if taken == 0 {
                    // Full: the transaction is dropped, so the RSVP row goes too.
                    return Ok(Rsvp::Full);
                }
            } else {
                let deleted = sqlx::query(delete)
                    .bind(post)
                    .bind(user)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if deleted == 1 {
                    sqlx::query(give_back).bind(post).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok(Rsvp::Done)
        })
    }

    /// How many RSVP rows an event has (to check the kept count in tests and repairs).
    pub async fn rsvp_rows(&self, post: i64) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM event_rsvps WHERE post_id = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(post)
            .fetch_one(pool)
            .await?))
    }
}
