//! Membership and the people around a group: members, followers, organisers, centre directors and
//! sign-ups.

use super::*;

impl Store {
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
            "SELECT {GROUP_COLUMNS}, m.role AS extra FROM network_groups g \
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
pub(super) fn count_change(before: Option<Membership>, after: Option<Membership>) -> (i64, i64) {
    let weight = |m: Option<Membership>| match m {
        Some(Membership::Organiser | Membership::Member) => (1, 0),
        Some(Membership::Follower) => (0, 1),
        None => (0, 0),
    };
    let (b, a) = (weight(before), weight(after));
    (a.0 - b.0, a.1 - b.1)
}

#[cfg(test)]
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
