//! Loose local networks: groups, their districts and tags, memberships (with the counts kept on
//! write), community-centre directors, and sign-up attempts for rate limiting.

use crate::db::{Db, District, Store, contains_pattern, corrupt, id_list, on_pool};
use crate::error::Result;
use chrono::{DateTime, Utc};
use shared::ApiError;
use shared::network::{
    ContactPolicy, DirectoryQuery, GroupFields, GroupKind, GroupStatus, Membership,
};

mod directory;
mod members;

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

/// The columns of `network_groups` read into [`GroupRow`], each named as its field.
const GROUP_COLUMNS: &str = "g.id AS id, g.ward_id AS ward_id, g.name AS name, g.kind AS kind, \
     g.description AS description, g.meeting_place AS meeting_place, \
     g.meeting_times AS meeting_times, g.contact_policy AS contact_policy, g.contact AS contact, \
     g.status AS status, g.verified AS verified, g.proposed_by AS proposed_by, \
     g.decision_reason AS decision_reason, g.member_count AS member_count, \
     g.follower_count AS follower_count, g.created_at AS created_at";

/// A `network_groups` row as [`GROUP_COLUMNS`] reads it.
#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    ward_id: i64,
    name: String,
    kind: String,
    description: String,
    meeting_place: String,
    meeting_times: String,
    contact_policy: String,
    contact: String,
    status: String,
    verified: bool,
    proposed_by: i64,
    decision_reason: String,
    member_count: i64,
    follower_count: i64,
    created_at: DateTime<Utc>,
}

/// A group row followed by one more text column named `extra` (the proposer's name, the
/// reader's role).
#[derive(sqlx::FromRow)]
struct GroupRowAnd {
    #[sqlx(flatten)]
    group: GroupRow,
    extra: String,
}

/// Group id → district ids and group id → tags, as read for [`Store::attach`].
type Attached = (Vec<(i64, i64)>, Vec<(i64, String)>);

fn group_from_row(row: GroupRow) -> Result<GroupRecord> {
    let GroupRow {
        id,
        ward_id,
        name,
        kind,
        description,
        meeting_place,
        meeting_times,
        contact_policy,
        contact,
        status,
        verified,
        proposed_by,
        decision_reason,
        member_count,
        follower_count,
        created_at,
    } = row;
    Ok(GroupRecord {
        id,
        ward_id,
        fields: GroupFields {
            name,
            kind: GroupKind::parse(&kind).ok_or_else(|| corrupt("group kind", &kind))?,
            description,
            meeting_place,
            meeting_times,
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
        for GroupRowAnd { group, extra } in rows {
            groups.push(group_from_row(group)?);
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
                      meeting_times, contact_policy, contact, status, proposed_by, member_count, \
                      created_at, updated_at) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, 1, $10, $10) \
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
                .bind(&fields.meeting_times)
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
                      meeting_place = $4, meeting_times = $5, contact_policy = $6, contact = $7, \
                      updated_at = $8 WHERE id = $9";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(&fields.name)
                .bind(fields.kind.as_str())
                .bind(&fields.description)
                .bind(&fields.meeting_place)
                .bind(&fields.meeting_times)
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
}
