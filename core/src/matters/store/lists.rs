//! Lists of matters (the staff views, a reporter's own, the public list), departments and
//! meetings.

use super::{MATTER_COLUMNS, MatterRecord};
use crate::db::{Db, Store, contains_pattern, on_pool};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use shared::matters::MatterFilter;

/// The conditions of a [`MatterFilter`] on `matters m`, with their binds from `$2` (after the
/// ward, `$1`): department, district, status, kind, overdue's day, search pattern.
fn filter_sql(like: &str) -> String {
    format!(
        "m.ward_id = $1 \
         AND ($2 IS NULL OR EXISTS (SELECT 1 FROM matter_departments md \
              WHERE md.matter_id = m.id AND md.department_id = $2)) \
         AND ($3 IS NULL OR EXISTS (SELECT 1 FROM matter_districts mdi \
              WHERE mdi.matter_id = m.id AND mdi.district_id = $3)) \
         AND ($4 IS NULL OR m.status = $4) \
         AND ($5 IS NULL OR m.kind = $5) \
         AND ($6 IS NULL OR (m.follow_up_on < $6 \
              AND m.status IN ('new', 'acknowledged', 'in_progress'))) \
         AND ($7 IS NULL OR m.title {like} $7 ESCAPE '\\' OR m.description {like} $7 ESCAPE '\\' \
              OR m.place {like} $7 ESCAPE '\\' OR EXISTS (SELECT 1 FROM matter_events e \
              WHERE e.matter_id = m.id AND e.body {like} $7 ESCAPE '\\'))"
    )
}

/// A department: id, name, shared mailbox.
pub(crate) type DepartmentRow = (i64, String, Option<String>);

impl Store {
    /// Case-insensitive `LIKE` on either database (SQLite's `LIKE` already is, for ASCII).
    pub(crate) fn like(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "LIKE",
            Db::Postgres(_) => "ILIKE",
        }
    }

    /// The matters of a ward that `filter` keeps (`today`: for overdue follow-ups), the most
    /// recently changed first, at most `limit`; and how many there are in all.
    pub(crate) async fn list_matters(
        &self,
        ward: i64,
        filter: &MatterFilter,
        today: NaiveDate,
        limit: i64,
    ) -> Result<(Vec<MatterRecord>, i64)> {
        let conditions = filter_sql(self.like());
        let rows = format!(
            "SELECT {MATTER_COLUMNS} FROM matters m WHERE {conditions} \
             ORDER BY m.updated_at DESC, m.id DESC LIMIT $8"
        );
        let count = format!("SELECT COUNT(*) FROM matters m WHERE {conditions}");
        let overdue = filter.overdue.then_some(today);
        let search = filter.q.as_deref().map(contains_pattern);
        macro_rules! bound {
            ($query:expr) => {
                $query
                    .bind(ward)
                    .bind(filter.department)
                    .bind(filter.district)
                    .bind(filter.status.map(|s| s.as_str()))
                    .bind(filter.kind.map(|k| k.as_str()))
                    .bind(overdue)
                    .bind(search.as_deref())
            };
        }
        Ok(on_pool!(&self.db, |pool| {
            let matters: Vec<MatterRecord> =
                bound!(sqlx::query_as(sqlx::AssertSqlSafe(rows.clone())))
                    .bind(limit)
                    .fetch_all(pool)
                    .await?;
            let total: i64 = bound!(sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone())))
                .fetch_one(pool)
                .await?;
            (matters, total)
        }))
    }

    /// The matters a person reported, the newest first.
    pub(crate) async fn reported_by(&self, user: i64) -> Result<Vec<MatterRecord>> {
        let sql = format!(
            "SELECT {MATTER_COLUMNS} FROM matters m WHERE m.reported_by = $1 \
             ORDER BY m.created_at DESC, m.id DESC"
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(user)
        .fetch_all(pool)
        .await?))
    }

    /// A ward's matters on the public list (published and resolved or shared), of one district
    /// or all, the most recently done first, at most `limit`.
    pub(crate) async fn done_matters(
        &self,
        ward: i64,
        district: Option<i64>,
        limit: i64,
    ) -> Result<Vec<MatterRecord>> {
        let sql = format!(
            "SELECT {MATTER_COLUMNS} FROM matters m WHERE m.ward_id = $1 AND m.published \
             AND m.status IN ('resolved', 'shared') AND m.done_at IS NOT NULL \
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM matter_districts d \
                  WHERE d.matter_id = m.id AND d.district_id = $2)) \
             ORDER BY m.done_at DESC, m.id DESC LIMIT $3"
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(ward)
        .bind(district)
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }

    /// The matters with these ids (any order).
    pub(crate) async fn matters_by_id(&self, ids: &[i64]) -> Result<Vec<MatterRecord>> {
        let sql = format!(
            "SELECT {MATTER_COLUMNS} FROM matters m WHERE m.id IN {} ORDER BY m.id",
            crate::db::id_list(ids)
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .fetch_all(pool)
        .await?))
    }

    /// A ward's departments, in order.
    pub(crate) async fn departments(&self, ward: i64) -> Result<Vec<DepartmentRow>> {
        let sql = "SELECT id, name, email FROM departments WHERE ward_id = $1 \
                   ORDER BY position, id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward)
            .fetch_all(pool)
            .await?))
    }

    /// The staff of a ward's departments: (department, user, display name).
    pub(crate) async fn department_members(&self, ward: i64) -> Result<Vec<(i64, i64, String)>> {
        let sql = "SELECT dm.department_id, u.id, u.display_name FROM department_members dm \
                   JOIN departments d ON d.id = dm.department_id \
                   JOIN users u ON u.id = dm.user_id \
                   WHERE d.ward_id = $1 AND u.deleted_at IS NULL ORDER BY u.display_name, u.id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward)
            .fetch_all(pool)
            .await?))
    }

    /// Whom to tell that a department was asked to take part: its active staff (address,
    /// name, language) and its shared mailbox.
    pub(crate) async fn department_recipients(
        &self,
        department: i64,
    ) -> Result<Vec<(String, String, String)>> {
        let sql = "SELECT u.email, u.display_name, u.digest_lang FROM department_members dm \
                   JOIN users u ON u.id = dm.user_id \
                   WHERE dm.department_id = $1 AND u.deleted_at IS NULL \
                   AND u.deactivated_at IS NULL \
                   UNION SELECT d.email, d.name, 'ja' FROM departments d \
                   WHERE d.id = $1 AND d.email IS NOT NULL ORDER BY 1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(department)
            .fetch_all(pool)
            .await?))
    }

    /// Adds a department to a ward (at the end); `None` when the ward has one of that name.
    pub(crate) async fn insert_department(
        &self,
        ward: i64,
        name: &str,
        email: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let sql = "INSERT INTO departments (ward_id, name, email, position, created_at) \
                   SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4 FROM departments \
                   WHERE ward_id = $1 ON CONFLICT (ward_id, name) DO NOTHING RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward)
            .bind(name)
            .bind(email)
            .bind(now)
            .fetch_optional(pool)
            .await?))
    }

    /// A ward's staff (and its admins): (user id, display name).
    pub(crate) async fn ward_staff(&self, ward: i64) -> Result<Vec<(i64, String)>> {
        let sql = "SELECT id, display_name FROM users WHERE ward_id = $1 \
                   AND role IN ('staff', 'admin') AND deleted_at IS NULL \
                   AND deactivated_at IS NULL ORDER BY display_name, id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward)
            .fetch_all(pool)
            .await?))
    }

    /// Adds (or, `member` false, removes) a person to a department.
    pub(crate) async fn set_department_member(
        &self,
        department: i64,
        user: i64,
        member: bool,
    ) -> Result<()> {
        let sql = if member {
            "INSERT INTO department_members (department_id, user_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM department_members WHERE department_id = $1 AND user_id = $2"
        };
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .bind(department)
            .bind(user)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The departments a person belongs to.
    pub(crate) async fn departments_of(&self, user: i64) -> Result<Vec<i64>> {
        let sql = "SELECT department_id FROM department_members WHERE user_id = $1 ORDER BY 1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user)
            .fetch_all(pool)
            .await?))
    }

    /// A ward's meetings (id, start), the latest first.
    pub(crate) async fn meetings(&self, ward: i64) -> Result<Vec<(i64, DateTime<Utc>)>> {
        let sql = "SELECT id, started_at FROM liaison_meetings WHERE ward_id = $1 \
                   ORDER BY started_at DESC, id DESC";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward)
            .fetch_all(pool)
            .await?))
    }

    /// Begins a meeting now.
    pub(crate) async fn insert_meeting(
        &self,
        ward: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "INSERT INTO liaison_meetings (ward_id, started_at, started_by) \
                   VALUES ($1, $2, $3) RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward)
            .bind(now)
            .bind(by)
            .fetch_one(pool)
            .await?))
    }

    /// How many decisions each of a ward's meetings recorded: (meeting, count).
    pub(crate) async fn decisions_per_meeting(&self, ward: i64) -> Result<Vec<(i64, i64)>> {
        let sql = "SELECT lm.id, COUNT(e.id) FROM liaison_meetings lm \
                   LEFT JOIN matter_events e ON e.meeting_id = lm.id AND e.kind = 'decision' \
                   WHERE lm.ward_id = $1 GROUP BY lm.id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward)
            .fetch_all(pool)
            .await?))
    }
}
