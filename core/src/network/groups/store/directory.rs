//! The directory and its tags, and the proposed groups staff decide on.

use super::*;

impl Store {
    /// The approved groups that match a directory query, by name. The search is a substring
    /// match (Japanese has no spaces between words) in the name, description, meeting place,
    /// meeting times and tags; `%` and `_` are taken literally.
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
                  OR g.meeting_times {like} $4 ESCAPE '\\' \
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
            "SELECT {GROUP_COLUMNS}, u.display_name AS extra FROM network_groups g \
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
}
