//! The liaison log's queries: matters, their districts, departments and history.

pub(crate) mod events;
mod lists;
mod photos;

pub(crate) use events::NewEvent;

use crate::db::{Store, id_list, is_unique_violation, on_pool};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use shared::matters::{MatterFields, MatterSource, MatterStatus};

/// A matter as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct MatterRecord {
    pub id: i64,
    pub ward_id: i64,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub status: String,
    pub place: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub source: String,
    pub source_ref: Option<String>,
    pub source_excerpt: Option<String>,
    pub reported_by: Option<i64>,
    pub follow_up_on: Option<NaiveDate>,
    pub shared_with_district: bool,
    pub published: bool,
    pub public_note: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns of [`MatterRecord`], for `SELECT … FROM matters m`.
pub(crate) const MATTER_COLUMNS: &str = "m.id, m.ward_id, m.title, m.description, m.kind, \
     m.status, m.place, m.latitude, m.longitude, m.source, m.source_ref, m.source_excerpt, \
     m.reported_by, m.follow_up_on, m.shared_with_district, m.published, m.public_note, \
     m.done_at, m.created_at, m.updated_at";

/// A matter to store: what was reported and where it came from.
pub(crate) struct NewMatter<'a> {
    pub ward: i64,
    pub fields: &'a MatterFields,
    pub source: MatterSource,
    pub source_ref: Option<String>,
    pub source_excerpt: Option<String>,
    pub reported_by: Option<i64>,
    pub created_by: i64,
    pub form_key: Option<&'a str>,
}

impl Store {
    /// Stores a matter with its districts and its first event ("reported"), in one
    /// transaction. A form sent again with the same key makes nothing new: the first matter's
    /// id is returned.
    pub(crate) async fn insert_matter(&self, m: &NewMatter<'_>, now: DateTime<Utc>) -> Result<i64> {
        let insert = "INSERT INTO matters (ward_id, title, description, kind, status, place, \
                      latitude, longitude, source, source_ref, source_excerpt, reported_by, \
                      created_by, follow_up_on, created_at, updated_at, form_key) \
                      VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                      $14, $14, $15) RETURNING id";
        let district = "INSERT INTO matter_districts (matter_id, district_id) VALUES ($1, $2)";
        let event = "INSERT INTO matter_events (matter_id, at, actor_id, kind, status) \
                     VALUES ($1, $2, $3, 'reported', 'new')";
        let f = m.fields;
        let (lat, lon) = (f.point.map(|p| p.0), f.point.map(|p| p.1));
        let stored: std::result::Result<i64, sqlx::Error> = on_pool!(&self.db, |pool| {
            async {
                let mut tx = pool.begin().await?;
                let id: i64 = sqlx::query_scalar(insert)
                    .bind(m.ward)
                    .bind(&f.title)
                    .bind(&f.description)
                    .bind(f.kind.as_str())
                    .bind(&f.place)
                    .bind(lat)
                    .bind(lon)
                    .bind(m.source.as_str())
                    .bind(&m.source_ref)
                    .bind(&m.source_excerpt)
                    .bind(m.reported_by)
                    .bind(m.created_by)
                    .bind(f.follow_up_on)
                    .bind(now)
                    .bind(m.form_key)
                    .fetch_one(&mut *tx)
                    .await?;
                for d in &f.districts {
                    sqlx::query(district)
                        .bind(id)
                        .bind(d)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(event)
                    .bind(id)
                    .bind(now)
                    .bind(m.created_by)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok::<i64, sqlx::Error>(id)
            }
            .await
        });
        match stored {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) && m.form_key.is_some() => {
                let again = "SELECT id FROM matters WHERE form_key = $1";
                Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(again)
                    .bind(m.form_key)
                    .fetch_one(pool)
                    .await?))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// How many matters a person made since a time.
    pub(crate) async fn matters_created_since(
        &self,
        user: i64,
        since: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM matters WHERE created_by = $1 AND created_at > $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user)
            .bind(since)
            .fetch_one(pool)
            .await?))
    }

    /// One matter.
    pub(crate) async fn matter(&self, id: i64) -> Result<Option<MatterRecord>> {
        let sql = format!("SELECT {MATTER_COLUMNS} FROM matters m WHERE m.id = $1");
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .bind(id)
        .fetch_optional(pool)
        .await?))
    }

    /// The districts of `matters`: (matter, district) pairs.
    pub(crate) async fn matters_districts(&self, matters: &[i64]) -> Result<Vec<(i64, i64)>> {
        let sql = format!(
            "SELECT matter_id, district_id FROM matter_districts WHERE matter_id IN {} \
             ORDER BY matter_id, district_id",
            id_list(matters)
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .fetch_all(pool)
        .await?))
    }

    /// The departments taking part in `matters`: (matter, department, name) in the ward's order.
    pub(crate) async fn matters_departments(
        &self,
        matters: &[i64],
    ) -> Result<Vec<(i64, i64, String)>> {
        let sql = format!(
            "SELECT md.matter_id, d.id, d.name FROM matter_departments md \
             JOIN departments d ON d.id = md.department_id WHERE md.matter_id IN {} \
             ORDER BY md.matter_id, d.position, d.id",
            id_list(matters)
        );
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(
            sqlx::AssertSqlSafe(sql)
        )
        .fetch_all(pool)
        .await?))
    }

    /// A person's display name (`None` for an account that is gone).
    pub(crate) async fn person_name(&self, user: i64) -> Result<Option<String>> {
        let sql = "SELECT display_name FROM users WHERE id = $1 AND deleted_at IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(user)
            .fetch_optional(pool)
            .await?))
    }

    /// A person as a session would see them (for the demo data and tests).
    pub async fn user_by_id(&self, user: i64) -> Result<Option<shared::views::CurrentUser>> {
        let sql = "SELECT id, display_name, role, ward_id, district_id FROM users \
                   WHERE id = $1 AND deleted_at IS NULL";
        type Row = (i64, String, String, Option<i64>, Option<i64>);
        let row: Option<Row> = on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user)
            .fetch_optional(pool)
            .await?);
        Ok(
            row.and_then(|(id, display_name, role, ward_id, district_id)| {
                Some(shared::views::CurrentUser {
                    id,
                    display_name,
                    role: shared::account::Role::parse(&role)?,
                    ward_id,
                    district_id,
                })
            }),
        )
    }

    /// Where to mail a person: address, name, language (`None` for an account that is gone or
    /// deactivated).
    pub(crate) async fn mail_address_of(
        &self,
        user: i64,
    ) -> Result<Option<(String, String, String)>> {
        let sql = "SELECT email, display_name, digest_lang FROM users WHERE id = $1 \
                   AND deleted_at IS NULL AND deactivated_at IS NULL";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(user)
            .fetch_optional(pool)
            .await?))
    }

    /// Asks a department to take part in a matter, records it and queues the mails telling
    /// its staff, in one transaction; `false` (nothing done) when it takes part already.
    pub(crate) async fn assign_department(
        &self,
        id: i64,
        event: &NewEvent<'_>,
        mails: &[crate::mail::Outgoing],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let insert = "INSERT INTO matter_departments (matter_id, department_id, assigned_at) \
                      VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let added = sqlx::query(insert)
                .bind(id)
                .bind(event.department)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if added > 0 {
                events::insert_in!(&mut *tx, id, event, now);
                for mail in mails {
                    crate::mail::queue_in!(&mut *tx, mail, now);
                }
            }
            tx.commit().await?;
            added > 0
        }))
    }

    /// A department no longer takes part in a matter; `false` when it did not.
    pub(crate) async fn unassign_department(
        &self,
        id: i64,
        event: &NewEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let delete = "DELETE FROM matter_departments WHERE matter_id = $1 AND department_id = $2";
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let removed = sqlx::query(delete)
                .bind(id)
                .bind(event.department)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if removed > 0 {
                events::insert_in!(&mut *tx, id, event, now);
            }
            tx.commit().await?;
            removed > 0
        }))
    }

    /// Changes a matter's status and records it (with the note) in its history, in one
    /// transaction, with the mail telling its reporter if there is one. Resolving or sharing
    /// dates it for the public list.
    pub(crate) async fn set_matter_status(
        &self,
        id: i64,
        status: MatterStatus,
        event: &NewEvent<'_>,
        mail: Option<&crate::mail::Outgoing>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let done = matches!(status, MatterStatus::Resolved | MatterStatus::Shared);
        let update = "UPDATE matters SET status = $2, updated_at = $3, \
                      done_at = CASE WHEN $4 THEN $3 ELSE NULL END WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(id)
                .bind(status.as_str())
                .bind(now)
                .bind(done)
                .execute(&mut *tx)
                .await?;
            events::insert_in!(&mut *tx, id, event, now);
            if let Some(mail) = mail {
                crate::mail::queue_in!(&mut *tx, mail, now);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Corrects a matter's title, description, kind, place and districts (not its point or
    /// follow-up date), and records it, in one transaction.
    pub(crate) async fn edit_matter(
        &self,
        id: i64,
        fields: &MatterFields,
        event: &NewEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let update = "UPDATE matters SET title = $2, description = $3, kind = $4, place = $5, \
                      updated_at = $6 WHERE id = $1";
        let clear = "DELETE FROM matter_districts WHERE matter_id = $1";
        let district = "INSERT INTO matter_districts (matter_id, district_id) VALUES ($1, $2)";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(id)
                .bind(&fields.title)
                .bind(&fields.description)
                .bind(fields.kind.as_str())
                .bind(&fields.place)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(clear).bind(id).execute(&mut *tx).await?;
            for d in &fields.districts {
                sqlx::query(district)
                    .bind(id)
                    .bind(d)
                    .execute(&mut *tx)
                    .await?;
            }
            events::insert_in!(&mut *tx, id, event, now);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Sets a matter's follow-up date, its sharing with its districts, or its place on the
    /// public list (with what the ward did), and records the change.
    pub(crate) async fn set_matter_flags(
        &self,
        id: i64,
        flags: &MatterFlags,
        event: &NewEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let update = "UPDATE matters SET follow_up_on = $2, shared_with_district = $3, \
                      published = $4, public_note = $5, updated_at = $6 WHERE id = $1";
        on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(update)
                .bind(id)
                .bind(flags.follow_up_on)
                .bind(flags.shared_with_district)
                .bind(flags.published)
                .bind(&flags.public_note)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            events::insert_in!(&mut *tx, id, event, now);
            tx.commit().await?;
        });
        Ok(())
    }
}

/// What [`Store::set_matter_flags`] sets.
pub(crate) struct MatterFlags {
    pub follow_up_on: Option<NaiveDate>,
    pub shared_with_district: bool,
    pub published: bool,
    pub public_note: Option<String>,
}
