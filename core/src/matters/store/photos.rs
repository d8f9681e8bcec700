//! A matter's photos, stored in the database (so that every app server, and every backup, has
//! them).

use super::events::{NewEvent, insert_in};
use crate::db::{Store, on_pool};
use crate::error::Result;
use crate::matters::photos::Photo;
use chrono::{DateTime, Utc};
use shared::matters::EventKind;

impl Store {
    /// Stores a photo of a matter (already made smaller and without metadata) and records it.
    pub(crate) async fn insert_matter_photo(
        &self,
        matter: i64,
        photo: &Photo,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let insert = "INSERT INTO matter_photos (matter_id, jpeg, width, height, added_by, \
                      created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let event = NewEvent::by(by, EventKind::Photo);
        Ok(on_pool!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(insert)
                .bind(matter)
                .bind(&photo.jpeg)
                .bind(i64::from(photo.width))
                .bind(i64::from(photo.height))
                .bind(by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            insert_in!(&mut *tx, matter, &event, now);
            tx.commit().await?;
            id
        }))
    }

    /// A photo of a matter, as JPEG.
    pub(crate) async fn matter_photo(&self, matter: i64, photo: i64) -> Result<Option<Vec<u8>>> {
        let sql = "SELECT jpeg FROM matter_photos WHERE matter_id = $1 AND id = $2";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(matter)
            .bind(photo)
            .fetch_optional(pool)
            .await?))
    }
}
