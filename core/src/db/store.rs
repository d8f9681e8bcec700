//! The one handle every query hangs off ([`Store`]: the pool, the group-commit writer, the
//! caches), the places every area refers to (wards, districts, community centres), and the
//! helpers the areas' queries share. Each area's own queries are in its `store.rs`.

use super::{Db, District, NewDistrict, VersionRecord, on_pool};
use crate::error::{Error, Result};
use shared::survey::{SurveyDefinition, Text};
use std::sync::Arc;

/// The storage interface. Cheap to clone (it holds a pool).
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) db: Db,
    /// The group-commit writer that batches responses, when on.
    pub(super) writer: Option<super::writer::Writer>,
    /// Published versions, parsed once: a version is never changed after it is written, and
    /// every screen and send of a response needs its questions.
    pub(crate) versions: Arc<VersionCache>,
    /// District ids by ward and code: a district keeps its id and code for good (renaming
    /// changes only its names), and a web response's district is looked up by code.
    pub(crate) district_ids: Arc<quick_cache::sync::Cache<(i64, String), i64>>,
}

/// Parsed survey versions by id (see [`Store::version`]).
type VersionCache = quick_cache::sync::Cache<i64, Arc<VersionRecord>>;

/// How many district ids are kept (a city has a few hundred districts).
const CACHED_DISTRICTS: usize = 4_096;

/// How many parsed versions are kept (a ward publishes a few dozen a year).
const CACHED_VERSIONS: usize = 512;

pub(crate) fn corrupt(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("{what}: {e}"))
}

pub(crate) fn parse_text(json: &str) -> Result<Text> {
    serde_json::from_str(json).map_err(|e| corrupt("survey text", e))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| corrupt("json", e))
}

pub(crate) fn parse_definition(json: &str) -> Result<SurveyDefinition> {
    SurveyDefinition::parse_json(json).map_err(|e| corrupt("survey definition", e))
}

/// True when the database refused a row because a unique value already exists.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Store {
    /// Wraps a connected database.
    pub fn new(db: Db) -> Store {
        Store {
            db,
            writer: None,
            versions: Arc::new(VersionCache::new(CACHED_VERSIONS)),
            district_ids: Arc::new(quick_cache::sync::Cache::new(CACHED_DISTRICTS)),
        }
    }

    /// The same store, with responses written by one task that commits whatever arrived
    /// together in one transaction (group commit; see [`super::writer`]). Needs a Tokio
    /// runtime; the task ends when the last clone of the returned store is dropped.
    pub fn with_group_commit(self) -> Store {
        let writer = super::writer::Writer::spawn(Store {
            writer: None,
            ..self.clone()
        });
        Store {
            writer: Some(writer),
            ..self
        }
    }

    /// Whether responses are written in batches.
    pub fn group_commit(&self) -> bool {
        self.writer.is_some()
    }

    /// The underlying database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    // --- Wards, districts, centres -------------------------------------------------------

    /// Creates the ward with this code, or renames it; returns its id.
    pub async fn upsert_ward(&self, code: &str, name_ja: &str, name_en: &str) -> Result<i64> {
        let sql = "INSERT INTO wards (code, name_ja, name_en) VALUES ($1, $2, $3) \
                   ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, \
                   name_en = excluded.name_en RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(code)
            .bind(name_ja)
            .bind(name_en)
            .fetch_one(pool)
            .await?))
    }

    /// Creates the district with this code, or renames it and moves it to `position` in the
    /// ward's order; returns its id.
    pub async fn upsert_district(&self, ward_id: i64, district: &NewDistrict<'_>) -> Result<i64> {
        let sql = "INSERT INTO districts (ward_id, code, name_ja, name_en, name_easy, position) \
                   VALUES ($1, $2, $3, $4, $5, $6) \
                   ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, \
                   name_en = excluded.name_en, name_easy = excluded.name_easy, \
                   position = excluded.position RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(ward_id)
            .bind(district.code)
            .bind(district.name_ja)
            .bind(district.name_en)
            .bind(district.name_easy)
            .bind(district.position)
            .fetch_one(pool)
            .await?))
    }

    /// Creates a community centre in a district, or renames it; returns its id.
    pub async fn upsert_centre(
        &self,
        district_id: i64,
        name_ja: &str,
        name_en: &str,
    ) -> Result<i64> {
        let sql = "INSERT INTO centres (district_id, name_ja, name_en) VALUES ($1, $2, $3) \
                   ON CONFLICT (district_id, name_ja) DO UPDATE SET name_en = excluded.name_en \
                   RETURNING id";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(district_id)
            .bind(name_ja)
            .bind(name_en)
            .fetch_one(pool)
            .await?))
    }

    /// The districts of a ward, in the ward's order.
    pub async fn districts(&self, ward_id: i64) -> Result<Vec<District>> {
        let sql = "SELECT id, code, name_ja, name_en, name_easy FROM districts \
                   WHERE ward_id = $1 ORDER BY position, code";
        Ok(on_pool!(&self.db, |pool| sqlx::query_as(sql)
            .bind(ward_id)
            .fetch_all(pool)
            .await?))
    }

    /// How many community centres are stored.
    pub async fn centre_count(&self) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM centres";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .fetch_one(pool)
            .await?))
    }

    /// Whether the database has no ward yet (a new installation).
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(!self.any("SELECT COUNT(*) FROM wards").await?)
    }

    /// Whether a `SELECT COUNT(*) …` without parameters counts anything.
    pub(crate) async fn any(&self, count_sql: &'static str) -> Result<bool> {
        let n: i64 = on_pool!(&self.db, |pool| sqlx::query_scalar(count_sql)
            .fetch_one(pool)
            .await?);
        Ok(n > 0)
    }
}
