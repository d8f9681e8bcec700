//! Reports of groups and posts, and the moderation decisions that close them.

use crate::db::{Store, id_list, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::network::reports::{Action, ReportedItem, Target};
use std::collections::HashMap;

/// The change a decision makes to the item itself, if any (`$1` the reason it keeps, `$2` the
/// post, 0 for a group, `$3` the group). Each only applies from the state it expects, so a
/// decision made twice changes nothing.
fn item_change(target: Target, action: Action) -> Option<&'static str> {
    match (target.post, action) {
        (Some(_), Action::Hide) => Some(
            "UPDATE group_posts SET status = 'hidden', moderation_reason = $1 \
             WHERE id = $2 AND group_id = $3 AND status = 'visible'",
        ),
        (Some(_), Action::Remove) => Some(
            "UPDATE group_posts SET status = 'removed', moderation_reason = $1 \
             WHERE id = $2 AND group_id = $3 AND status IN ('visible', 'hidden')",
        ),
        (Some(_), Action::Restore) => Some(
            "UPDATE group_posts SET status = 'visible', moderation_reason = $1 \
             WHERE id = $2 AND group_id = $3 AND status = 'hidden'",
        ),
        (None, Action::Hide) => Some(
            "UPDATE network_groups SET status = 'hidden', decision_reason = $1 \
             WHERE $2 = 0 AND id = $3 AND status = 'approved'",
        ),
        (None, Action::Restore) => Some(
            "UPDATE network_groups SET status = 'approved', decision_reason = $1 \
             WHERE $2 = 0 AND id = $3 AND status = 'hidden'",
        ),
        (None, Action::Remove) | (_, Action::Dismiss) => None,
    }
}

impl Store {
    /// Records a report, unless the same person already has one open on the same item.
    /// `true` when a report was stored.
    pub async fn add_report(
        &self,
        target: Target,
        by: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "INSERT INTO reports (group_id, post_id, reported_by, reason, created_at) \
                   SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM reports \
                   WHERE group_id = $1 AND post_id IS NOT DISTINCT FROM $2 \
                   AND reported_by = $3 AND status = 'open')";
        let stored = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(target.group)
            .bind(target.post)
            .bind(by)
            .bind(reason)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(stored == 1)
    }

    /// How many reports a person made since `since` (for the rate limit).
    pub async fn reports_by_since(&self, by: i64, since: DateTime<Utc>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM reports WHERE reported_by = $1 AND created_at >= $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(by)
            .bind(since)
            .fetch_one(pool)
            .await?))
    }

    /// Applies a moderation decision in one transaction: changes the item (hide, restore,
    /// remove) and closes its open reports with the decision. `false` when there was nothing
    /// to decide (the item was no longer in the state the decision expects, or, for a
    /// dismissal, no report was open); nothing changes then.
    pub async fn moderate(
        &self,
        target: Target,
        action: Action,
        by: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let close = "UPDATE reports SET status = $1, decided_by = $2, decided_at = $3, \
                     decision_reason = $4 \
                     WHERE group_id = $5 AND post_id IS NOT DISTINCT FROM $6 AND status = 'open'";
        let change = item_change(target, action);
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            if let Some(change) = change {
                // A restored item keeps no reason; the reports keep the decision's.
                let kept = if action == Action::Restore {
                    ""
                } else {
                    reason
                };
                let changed = sqlx::query(change)
                    .bind(kept)
                    .bind(target.post.unwrap_or(0))
                    .bind(target.group)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
            }
            let closed = sqlx::query(close)
                .bind(action.report_status())
                .bind(by)
                .bind(now)
                .bind(reason)
                .bind(target.group)
                .bind(target.post)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if change.is_none() && closed == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The moderation queue of a ward (every ward for `None`): items with open reports, most
    /// reported first, then items hidden now without open reports.
    pub async fn moderation_queue(
        &self,
        ward_id: Option<i64>,
    ) -> Result<(Vec<ReportedItem>, Vec<ReportedItem>)> {
        let open = "SELECT r.group_id, r.post_id, r.reason, r.created_at FROM reports r \
                    JOIN network_groups g ON g.id = r.group_id \
                    WHERE r.status = 'open' AND ($1 IS NULL OR g.ward_id = $1) \
                    ORDER BY r.created_at DESC, r.id DESC";
        let hidden_groups = "SELECT id FROM network_groups \
                             WHERE status = 'hidden' AND ($1 IS NULL OR ward_id = $1) \
                             ORDER BY updated_at DESC";
        let hidden_posts = "SELECT p.group_id, p.id FROM group_posts p \
                            JOIN network_groups g ON g.id = p.group_id \
                            WHERE p.status = 'hidden' AND ($1 IS NULL OR g.ward_id = $1) \
                            ORDER BY p.id DESC";
        type OpenRow = (i64, Option<i64>, String, DateTime<Utc>);
        let (reports, groups, posts): (Vec<OpenRow>, Vec<i64>, Vec<(i64, i64)>) =
            on_pool!(&self.db, |pool| {
                let reports = sqlx::query_as(open).bind(ward_id).fetch_all(pool).await?;
                let groups = sqlx::query_scalar(hidden_groups)
                    .bind(ward_id)
                    .fetch_all(pool)
                    .await?;
                let posts = sqlx::query_as(hidden_posts)
                    .bind(ward_id)
                    .fetch_all(pool)
                    .await?;
                (reports, groups, posts)
            });
        // Open reports, one entry per item in the order first seen (newest report first).
        let mut open_items: Vec<(Target, Vec<String>, DateTime<Utc>)> = Vec::new();
        for (group, post, reason, at) in reports {
            let target = Target { group, post };
            match open_items.iter_mut().find(|(t, _, _)| *t == target) {
                Some((_, reasons, _)) => reasons.push(reason),
                None => open_items.push((target, vec![reason], at)),
            }
        }
        open_items.sort_by_key(|(_, reasons, _)| std::cmp::Reverse(reasons.len()));
        let hidden: Vec<Target> = groups
            .into_iter()
            .map(|group| Target { group, post: None })
            .chain(posts.into_iter().map(|(group, post)| Target {
                group,
                post: Some(post),
            }))
            .filter(|t| !open_items.iter().any(|(o, _, _)| o == t))
            .collect();
        let targets: Vec<Target> = open_items
            .iter()
            .map(|(t, _, _)| *t)
            .chain(hidden.iter().copied())
            .collect();
        let details = self.item_details(&targets).await?;
        let item = |target: Target, reasons: Vec<String>, at: Option<DateTime<Utc>>| {
            let d = details.get(&target)?;
            Some(ReportedItem {
                target,
                group_name: d.group_name.clone(),
                post_title: d.post_title.clone(),
                text: d.text.clone(),
                hidden: d.hidden,
                hidden_reason: d.hidden_reason.clone(),
                reasons,
                last_reported_at: at,
            })
        };
        let open = open_items
            .into_iter()
            .filter_map(|(t, reasons, at)| item(t, reasons, Some(at)))
            .collect();
        let hidden = hidden
            .into_iter()
            .filter_map(|t| item(t, Vec::new(), None))
            .collect();
        Ok((open, hidden))
    }

    /// The group of a post that has not been removed.
    pub async fn post_group(&self, post: i64) -> Result<Option<i64>> {
        let sql = "SELECT group_id FROM group_posts WHERE id = $1 AND status <> 'removed'";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(post)
            .fetch_optional(pool)
            .await?))
    }

    /// What the queue shows of each item (removed posts are left out: nothing more to do).
    async fn item_details(&self, targets: &[Target]) -> Result<HashMap<Target, Details>> {
        let group_ids: Vec<i64> = targets.iter().map(|t| t.group).collect();
        let post_ids: Vec<i64> = targets.iter().filter_map(|t| t.post).collect();
        let groups = format!(
            "SELECT id, name, description, status, decision_reason FROM network_groups \
             WHERE id IN {}",
            id_list(&group_ids)
        );
        let posts = format!(
            "SELECT id, group_id, title, body, status, moderation_reason FROM group_posts \
             WHERE status <> 'removed' AND id IN {}",
            id_list(&post_ids)
        );
        type GroupRow = (i64, String, String, String, String);
        type PostRow = (i64, i64, String, String, String, String);
        let (groups, posts): (Vec<GroupRow>, Vec<PostRow>) = on_pool!(&self.db, |pool| {
            let groups = sqlx::query_as(sqlx::AssertSqlSafe(groups))
                .fetch_all(pool)
                .await?;
            let posts = sqlx::query_as(sqlx::AssertSqlSafe(posts))
                .fetch_all(pool)
                .await?;
            (groups, posts)
        });
        let names: HashMap<i64, String> = groups
            .iter()
            .map(|(id, name, ..)| (*id, name.clone()))
            .collect();
        let mut details = HashMap::new();
        for (id, name, description, status, reason) in groups {
            let hidden = status == "hidden";
            details.insert(
                Target {
                    group: id,
                    post: None,
                },
                Details {
                    group_name: name,
                    post_title: None,
                    text: description,
                    hidden,
                    hidden_reason: if hidden { reason } else { String::new() },
                },
            );
        }
        for (id, group, title, body, status, reason) in posts {
            details.insert(
                Target {
                    group,
                    post: Some(id),
                },
                Details {
                    group_name: names.get(&group).cloned().unwrap_or_default(),
                    post_title: Some(title),
                    text: body,
                    hidden: status == "hidden",
                    hidden_reason: reason,
                },
            );
        }
        Ok(details)
    }
}

/// One item's details for the queue.
struct Details {
    group_name: String,
    post_title: Option<String>,
    text: String,
    hidden: bool,
    hidden_reason: String,
}
