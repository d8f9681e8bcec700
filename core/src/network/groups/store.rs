//! Loose local networks: groups, their districts and tags, memberships (with the counts kept on
//! write), community-centre directors, and sign-up attempts for rate limiting.

use crate::db::{Db, District, Store, contains_pattern, corrupt, id_list, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::network::{
    ContactPolicy, DirectoryQuery, GroupFields, GroupKind, GroupStatus, Membership,
};

/// A group as stored, with its districts and tags.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRecord {
    /// Id.
    pub id: i64,
    /// The ward it belongs to.
    pub ward_id: i64,
    /// Everything the proposal form gives.
    pub fields: GroupFields,
    /// Where it stands.
    pub status: GroupStatus,
    /// Approved by staff or a centre director.
    pub verified: bool,
    /// Who proposed it.
    pub proposed_by: i64,
    /// Why it was declined (or hidden).
    pub decision_reason: String,
    /// Members, organisers included.
    pub member_count: i64,
    /// Followers.
    pub follower_count: i64,
    /// When it was proposed.
    pub created_at: DateTime<Utc>,
}

/// A member of a group, as the organisers may see them.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRecord {
    /// The account.
    pub user_id: i64,
    /// The display name, only if the member shows it to the organisers.
    pub shown_name: Option<String>,
    /// How they belong.
    pub membership: Membership,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
}

/// A district with its ward, as `all_districts` reads it.
#[derive(sqlx::FromRow)]
struct WardDistrict {
    ward_id: i64,
    #[sqlx(flatten)]
    district: District,
}

/// The columns of `network_groups` read into [`GroupRecord`], in this order.
const GROUP_COLUMNS: &str = "g.id, g.ward_id, g.name, g.kind, g.description, g.meeting_place, \
     g.contact_policy, g.contact, g.status, g.verified, g.proposed_by, g.decision_reason, \
     g.member_count, g.follower_count, g.created_at";

type GroupRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    bool,
    i64,
    String,
    i64,
    i64,
    DateTime<Utc>,
);

/// A group row followed by one more text column (the proposer's name, the reader's role).
type GroupRowAnd = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    bool,
    i64,
    String,
    i64,
    i64,
    DateTime<Utc>,
    String,
);

/// Splits a [`GroupRowAnd`] into the group row and the extra column.
fn split_row(r: GroupRowAnd) -> (GroupRow, String) {
    (
        (
            r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14,
        ),
        r.15,
    )
}

/// Group id → district ids and group id → tags, as read for [`Store::attach`].
type Attached = (Vec<(i64, i64)>, Vec<(i64, String)>);

fn group_from_row(row: GroupRow) -> Result<GroupRecord> {
    let (
        id,
        ward_id,
        name,
        kind,
        description,
        meeting_place,
        contact_policy,
        contact,
        status,
        verified,
        proposed_by,
        decision_reason,
        member_count,
        follower_count,
        created_at,
    ) = row;
    Ok(GroupRecord {
        id,
        ward_id,
        fields: GroupFields {
            name,
            kind: GroupKind::parse(&kind).ok_or_else(|| corrupt("group kind", &kind))?,
            description,
            meeting_place,
            contact_policy: ContactPolicy::parse(&contact_policy)
                .ok_or_else(|| corrupt("contact policy", &contact_policy))?,
            contact,
            districts: Vec::new(),
            tags: Vec::new(),
        },
        status: GroupStatus::parse(&status).ok_or_else(|| corrupt("group status", &status))?,
        verified,
        proposed_by,
        decision_reason,
        member_count,
        follower_count,
        created_at,
    })
}

impl Store {
    /// Every district of every ward, with its ward (for the directory, which spans the wards of
    /// this installation).
    pub async fn all_districts(&self) -> Result<Vec<(i64, District)>> {
        let sql = "SELECT ward_id, id, code, name_ja, name_en, name_easy FROM districts \
                   ORDER BY ward_id, position, code";
        let rows: Vec<WardDistrict> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql).fetch_all(pool).await?);
        Ok(rows.into_iter().map(|r| (r.ward_id, r.district)).collect())
    }

    /// Fills in the districts and tags of groups read without them.
    async fn attach(&self, mut groups: Vec<GroupRecord>) -> Result<Vec<GroupRecord>> {
        if groups.is_empty() {
            return Ok(groups);
        }
        let ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
        let list = id_list(&ids);
        let districts = format!(
            "SELECT group_id, district_id FROM group_districts WHERE group_id IN {list} \
             ORDER BY district_id"
        );
        let tags =
            format!("SELECT group_id, tag FROM group_tags WHERE group_id IN {list} ORDER BY tag");
        let (districts, tags): Attached = on_pool!(&self.db, |pool| (
            sqlx::query_as(sqlx::AssertSqlSafe(districts))
                .fetch_all(pool)
                .await?,
            sqlx::query_as(sqlx::AssertSqlSafe(tags))
                .fetch_all(pool)
                .await?
        ));
        for group in &mut groups {
            group.fields.districts = districts
                .iter()
                .filter(|(g, _)| *g == group.id)
                .map(|(_, d)| *d)
                .collect();
            group.fields.tags = tags
                .iter()
                .filter(|(g, _)| *g == group.id)
                .map(|(_, t)| t.clone())
                .collect();
        }
        Ok(groups)
    }

    /// Groups read with one more column, with their districts and tags filled in.
    async fn records_and(&self, rows: Vec<GroupRowAnd>) -> Result<Vec<(GroupRecord, String)>> {
        let mut extras = Vec::with_capacity(rows.len());
        let mut groups = Vec::with_capacity(rows.len());
        for row in rows {
            let (row, extra) = split_row(row);
            groups.push(group_from_row(row)?);
            extras.push(extra);
        }
        Ok(self.attach(groups).await?.into_iter().zip(extras).collect())
    }

    /// Stores a proposed group (pending) with its proposer as its first organiser, who shows
    /// their name to fellow organisers.
    pub async fn create_group(
        &self,
        ward_id: i64,
        fields: &GroupFields,
        proposer: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let insert = "INSERT INTO network_groups (ward_id, name, kind, description, meeting_place, \
                      contact_policy, contact, status, proposed_by, member_count, created_at, \
                      updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, 1, $9, $9) \
                      RETURNING id";
        let member = "INSERT INTO group_members (group_id, user_id, role, show_name, joined_at) \
                      VALUES ($1, $2, 'organiser', TRUE, $3)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(insert)
                .bind(ward_id)
                .bind(&fields.name)
                .bind(fields.kind.as_str())
                .bind(&fields.description)
                .bind(&fields.meeting_place)
                .bind(fields.contact_policy.as_str())
                .bind(&fields.contact)
                .bind(proposer)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(member)
                .bind(id)
                .bind(proposer)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            for district in &fields.districts {
                sqlx::query("INSERT INTO group_districts (group_id, district_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(district)
                    .execute(&mut *tx)
                    .await?;
            }
            for tag in &fields.tags {
                sqlx::query("INSERT INTO group_tags (group_id, tag) VALUES ($1, $2)")
                    .bind(id)
                    .bind(tag)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Replaces a group's fields, districts and tags.
    pub async fn update_group(
        &self,
        id: i64,
        fields: &GroupFields,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let update = "UPDATE network_groups SET name = $1, kind = $2, description = $3, \
                      meeting_place = $4, contact_policy = $5, contact = $6, updated_at = $7 \
                      WHERE id = $8";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(&fields.name)
                .bind(fields.kind.as_str())
                .bind(&fields.description)
                .bind(&fields.meeting_place)
                .bind(fields.contact_policy.as_str())
                .bind(&fields.contact)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM group_districts WHERE group_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM group_tags WHERE group_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for district in &fields.districts {
                sqlx::query("INSERT INTO group_districts (group_id, district_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(district)
                    .execute(&mut *tx)
                    .await?;
            }
            for tag in &fields.tags {
                sqlx::query("INSERT INTO group_tags (group_id, tag) VALUES ($1, $2)")
                    .bind(id)
                    .bind(tag)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Every group of a ward (whatever its status), id and name: labels for the groups that
    /// referred survey responses.
    pub async fn group_names(&self, ward_id: i64) -> Result<Vec<(i64, String)>> {
        let sql = "SELECT id, name FROM network_groups WHERE ward_id = $1 ORDER BY id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward_id)
            .fetch_all(pool)
            .await?))
    }

    /// One group, whatever its status.
    pub async fn group(&self, id: i64) -> Result<Option<GroupRecord>> {
        let sql = format!("SELECT {GROUP_COLUMNS} FROM network_groups g WHERE g.id = $1");
        let row: Option<GroupRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?);
        match row {
            Some(row) => Ok(self.attach(vec![group_from_row(row)?]).await?.pop()),
            None => Ok(None),
        }
    }

    /// The approved groups that match a directory query, by name. The search is a substring
    /// match (Japanese has no spaces between words) in the name, description, meeting place
    /// and tags; `%` and `_` are taken literally.
    pub async fn directory(&self, query: &DirectoryQuery) -> Result<Vec<GroupRecord>> {
        let like = match self.db {
            Db::Sqlite(_) => "LIKE",
            Db::Postgres(_) => "ILIKE",
        };
        let sql = format!(
            "SELECT {GROUP_COLUMNS} FROM network_groups g WHERE g.status = 'approved' \
             AND ($1 IS NULL OR EXISTS (SELECT 1 FROM group_districts d \
                  WHERE d.group_id = g.id AND d.district_id = $1)) \
             AND ($2 IS NULL OR g.kind = $2) \
             AND ($3 IS NULL OR EXISTS (SELECT 1 FROM group_tags t \
                  WHERE t.group_id = g.id AND t.tag = $3)) \
             AND ($4 IS NULL OR g.name {like} $4 ESCAPE '\\' \
                  OR g.description {like} $4 ESCAPE '\\' \
                  OR g.meeting_place {like} $4 ESCAPE '\\' \
                  OR EXISTS (SELECT 1 FROM group_tags t \
                      WHERE t.group_id = g.id AND t.tag {like} $4 ESCAPE '\\')) \
             ORDER BY g.name, g.id LIMIT 500"
        );
        let search = Some(query.search.as_str())
            .filter(|s| !s.is_empty())
            .map(contains_pattern);
        let rows: Vec<GroupRow> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(query.district)
                .bind(query.kind.map(GroupKind::as_str))
                .bind(query.tag.as_deref())
                .bind(search.as_deref())
                .fetch_all(pool)
                .await?);
        let groups = rows
            .into_iter()
            .map(group_from_row)
            .collect::<Result<Vec<_>>>()?;
        self.attach(groups).await
    }

    /// The tags most approved groups use, most used first.
    pub async fn popular_tags(&self, limit: i64) -> Result<Vec<String>> {
        let sql = "SELECT t.tag FROM group_tags t JOIN network_groups g ON g.id = t.group_id \
                   WHERE g.status = 'approved' GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag \
                   LIMIT $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// Proposals waiting for a decision, oldest first: in one ward (`None`: every ward), and
    /// when `districts` is given only those active in one of them.
    pub async fn pending_groups(
        &self,
        ward_id: Option<i64>,
        districts: Option<&[i64]>,
    ) -> Result<Vec<(GroupRecord, String)>> {
        let mut sql = format!(
            "SELECT {GROUP_COLUMNS}, u.display_name FROM network_groups g \
             JOIN users u ON u.id = g.proposed_by \
             WHERE g.status = 'pending' AND ($1 IS NULL OR g.ward_id = $1)"
        );
        if let Some(districts) = districts {
            if districts.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM group_districts d WHERE d.group_id = g.id \
                 AND d.district_id IN {})",
                id_list(districts)
            ));
        }
        sql.push_str(" ORDER BY g.created_at, g.id");
        let rows: Vec<GroupRowAnd> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ward_id)
                .fetch_all(pool)
                .await?);
        self.records_and(rows).await
    }

    /// Approves (verified) or declines a pending group. `false` when it was no longer pending
    /// (decided by someone else meanwhile); nothing changes then.
    pub async fn decide_group(
        &self,
        id: i64,
        approve: bool,
        by: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "UPDATE network_groups SET status = $1, verified = $2, decided_by = $3, \
                   decided_at = $4, decision_reason = $5, updated_at = $4 \
                   WHERE id = $6 AND status = 'pending'";
        let status = if approve {
            GroupStatus::Approved
        } else {
            GroupStatus::Declined
        };
        let changed = on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(status.as_str())
            .bind(approve)
            .bind(by)
            .bind(now)
            .bind(reason)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(changed == 1)
    }

    /// How a user belongs to a group, and whether they show their name to its organisers.
    pub async fn membership(&self, group: i64, user: i64) -> Result<Option<(Membership, bool)>> {
        let sql = "SELECT role, show_name FROM group_members WHERE group_id = $1 AND user_id = $2";
        let row: Option<(String, bool)> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(group)
            .bind(user)
            .fetch_optional(pool)
            .await?);
        row.map(|(role, show)| {
            Membership::parse(&role)
                .map(|m| (m, show))
                .ok_or_else(|| corrupt("membership", &role))
        })
        .transpose()
    }

    /// Joins or follows a group (or changes how), keeping the counts in the same transaction.
    /// An organiser stays an organiser (only whether their name shows changes).
    pub async fn set_membership(
        &self,
        group: i64,
        user: i64,
        membership: Membership,
        show_name: bool,
        now: DateTime<Utc>,
    ) -> Result<Membership> {
        let current = "SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2";
        let upsert = "INSERT INTO group_members (group_id, user_id, role, show_name, joined_at) \
                      VALUES ($1, $2, $3, $4, $5) ON CONFLICT (group_id, user_id) \
                      DO UPDATE SET role = excluded.role, show_name = excluded.show_name";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            // Bumping the row first serialises concurrent joins of one group (PostgreSQL row
            // lock; SQLite takes the write lock), so the counts cannot drift.
            sqlx::query("UPDATE network_groups SET updated_at = updated_at WHERE id = $1")
                .bind(group)
                .execute(&mut *tx)
                .await?;
            let before: Option<String> = sqlx::query_scalar(current)
                .bind(group)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
            let before = before
                .map(|r| Membership::parse(&r).ok_or_else(|| corrupt("membership", &r)))
                .transpose()?;
            let after = match before {
                Some(Membership::Organiser) => Membership::Organiser,
                _ => membership,
            };
            sqlx::query(upsert)
                .bind(group)
                .bind(user)
                .bind(after.as_str())
                .bind(show_name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let (members, followers) = count_change(before, Some(after));
            sqlx::query(
                "UPDATE network_groups SET member_count = member_count + $1, \
                 follower_count = follower_count + $2 WHERE id = $3",
            )
            .bind(members)
            .bind(followers)
            .bind(group)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(after)
        })
    }

    /// Leaves a group. Returns how the user belonged (`None`: they did not). The last organiser
    /// cannot leave: `Conflict`, and nothing changes.
    pub async fn leave_group(&self, group: i64, user: i64) -> Result<Option<Membership>> {
        let current = "SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2";
        let organisers =
            "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = 'organiser'";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE network_groups SET updated_at = updated_at WHERE id = $1")
                .bind(group)
                .execute(&mut *tx)
                .await?;
            let before: Option<String> = sqlx::query_scalar(current)
                .bind(group)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(before) = before else {
                return Ok(None);
            };
            let before =
                Membership::parse(&before).ok_or_else(|| corrupt("membership", &before))?;
            if before == Membership::Organiser {
                let n: i64 = sqlx::query_scalar(organisers)
                    .bind(group)
                    .fetch_one(&mut *tx)
                    .await?;
                if n <= 1 {
                    return Err(ApiError::Conflict.into());
                }
            }
            sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
                .bind(group)
                .bind(user)
                .execute(&mut *tx)
                .await?;
            let (members, followers) = count_change(Some(before), None);
            sqlx::query(
                "UPDATE network_groups SET member_count = member_count + $1, \
                 follower_count = follower_count + $2 WHERE id = $3",
            )
            .bind(members)
            .bind(followers)
            .bind(group)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Some(before))
        })
    }

    /// A group's members and followers, organisers first, then by joining date.
    pub async fn group_members(&self, group: i64) -> Result<Vec<MemberRecord>> {
        let sql = "SELECT m.user_id, CASE WHEN m.show_name THEN u.display_name END, m.role, \
                   m.joined_at FROM group_members m JOIN users u ON u.id = m.user_id \
                   WHERE m.group_id = $1 \
                   ORDER BY CASE m.role WHEN 'organiser' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, \
                   m.joined_at, m.user_id";
        let rows: Vec<(i64, Option<String>, String, DateTime<Utc>)> =
            on_pool!(&self.db, |pool| sqlx::query_as(sql)
                .bind(group)
                .fetch_all(pool)
                .await?);
        rows.into_iter()
            .map(|(user_id, shown_name, role, joined_at)| {
                Ok(MemberRecord {
                    user_id,
                    shown_name,
                    membership: Membership::parse(&role)
                        .ok_or_else(|| corrupt("membership", &role))?,
                    joined_at,
                })
            })
            .collect()
    }

    /// The groups a user belongs to or follows (any status), by name.
    pub async fn groups_of(&self, user: i64) -> Result<Vec<(GroupRecord, Membership)>> {
        let sql = format!(
            "SELECT {GROUP_COLUMNS}, m.role FROM network_groups g \
             JOIN group_members m ON m.group_id = g.id WHERE m.user_id = $1 \
             ORDER BY g.name, g.id"
        );
        let rows: Vec<GroupRowAnd> =
            on_pool!(&self.db, |pool| sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_all(pool)
                .await?);
        self.records_and(rows)
            .await?
            .into_iter()
            .map(|(group, role)| {
                let membership =
                    Membership::parse(&role).ok_or_else(|| corrupt("membership", &role))?;
                Ok((group, membership))
            })
            .collect()
    }

    /// How many proposals of this user are still waiting.
    pub async fn pending_proposals_of(&self, user: i64) -> Result<i64> {
        let sql =
            "SELECT COUNT(*) FROM network_groups WHERE proposed_by = $1 AND status = 'pending'";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user)
            .fetch_one(pool)
            .await?))
    }

    // --- Community-centre directors ----------------------------------------------------------

    /// Makes a user a director of a centre (idempotent).
    pub async fn add_director(&self, centre_id: i64, user_id: i64) -> Result<()> {
        let sql = "INSERT INTO centre_directors (centre_id, user_id) VALUES ($1, $2) \
                   ON CONFLICT DO NOTHING";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(centre_id)
            .bind(user_id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The districts whose centre this user directs.
    pub async fn directed_districts(&self, user_id: i64) -> Result<Vec<i64>> {
        let sql = "SELECT DISTINCT c.district_id FROM centre_directors d \
                   JOIN centres c ON c.id = d.centre_id WHERE d.user_id = $1 ORDER BY 1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await?))
    }

    /// The first centre of a district (by id), if it has one.
    pub async fn centre_of(&self, district_id: i64) -> Result<Option<i64>> {
        let sql = "SELECT id FROM centres WHERE district_id = $1 ORDER BY id LIMIT 1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(district_id)
            .fetch_optional(pool)
            .await?))
    }

    // --- Sign-ups -----------------------------------------------------------------------------

    /// Records a sign-up attempt from an address.
    pub async fn record_sign_up(&self, address: &str, at: DateTime<Utc>) -> Result<()> {
        let sql = "INSERT INTO sign_up_attempts (address, at) VALUES ($1, $2)";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(address)
            .bind(at)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// How many sign-ups an address attempted since `since`.
    pub async fn sign_ups_since(&self, address: &str, since: DateTime<Utc>) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM sign_up_attempts WHERE address = $1 AND at >= $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(address)
            .bind(since)
            .fetch_one(pool)
            .await?))
    }
}

/// How the member and follower counts change when a membership goes from `before` to `after`.
fn count_change(before: Option<Membership>, after: Option<Membership>) -> (i64, i64) {
    let weight = |m: Option<Membership>| match m {
        Some(Membership::Organiser | Membership::Member) => (1, 0),
        Some(Membership::Follower) => (0, 1),
        None => (0, 0),
    };
    let (b, a) = (weight(before), weight(after));
    (a.0 - b.0, a.1 - b.1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail by panicking")]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_every_change_of_membership() {
        use Membership::*;
        assert_eq!(count_change(None, Some(Member)), (1, 0));
        assert_eq!(count_change(None, Some(Follower)), (0, 1));
        assert_eq!(count_change(Some(Follower), Some(Member)), (1, -1));
        assert_eq!(count_change(Some(Member), Some(Follower)), (-1, 1));
        assert_eq!(count_change(Some(Member), Some(Member)), (0, 0));
        assert_eq!(count_change(Some(Organiser), None), (-1, 0));
        assert_eq!(count_change(Some(Follower), None), (0, -1));
    }
}
