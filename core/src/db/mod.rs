//! The database: one [`Store`] over SQLite (the embedded default) or PostgreSQL.
//!
//! Both backends keep their own migration history (`migrations/sqlite`, `migrations/postgres`),
//! in step. SQL is written once where the dialects agree (sqlx accepts `$1` placeholders in
//! SQLite too) and run against the right pool by [`on_pool!`]; each arm is compiled separately
//! for its backend, so a type that one backend cannot decode is a compile error. Where the
//! dialects differ, a method matches on the backend explicitly. The contract tests in
//! `server/tests/store_contract.rs` run the same story against both.

mod audit;
pub mod backup;
mod records;
mod store;
mod writer;

pub use records::*;
pub use store::Store;
pub(crate) use store::{corrupt, is_unique_violation, parse_definition, parse_text, to_json};

use crate::error::{Error, Result};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// A connection pool to one of the supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    /// The embedded default: one file, WAL, foreign keys on.
    Sqlite(SqlitePool),
    /// For a city-wide deployment with several app servers.
    Postgres(PgPool),
}

/// Runs the same expression against whichever pool `db` holds.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Db {
    /// Connects to `url`: `postgres://…` (or `postgresql://…`) or `sqlite://path`. A SQLite
    /// file and its folder are created when missing.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        if !url.starts_with("sqlite:") {
            return Err(Error::Config(
                "the database URL must start with sqlite:// or postgres://".into(),
            ));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL makes every commit reach the disk before the resident is told it is stored.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    /// Brings the schema up to date. Several servers starting at once on PostgreSQL run each
    /// migration once: sqlx holds an advisory lock while it migrates. A database already
    /// migrated by a newer Yoriai is refused, untouched, with a message saying so.
    pub async fn migrate(&self) -> Result<()> {
        let outcome = match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        };
        match outcome {
            Ok(()) => Ok(()),
            Err(sqlx::migrate::MigrateError::VersionMissing(version)) => {
                Err(Error::Config(newer_database(version)))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Which backend this is, for logs.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// The pool's connections now, for the metrics.
    pub fn pool_state(&self) -> PoolState {
        on_pool!(self, |pool| PoolState {
            size: pool.size(),
            idle: pool.num_idle(),
            max: pool.options().get_max_connections(),
        })
    }

    /// Closes every connection (at shutdown).
    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

/// What a server is told when the database was migrated by a newer Yoriai than itself.
fn newer_database(version: i64) -> String {
    format!(
        "this database was brought up to date by a newer Yoriai (its migration {version} is \
         unknown to this one, {}): start that version or a newer one, or restore a backup made \
         before the upgrade; nothing was changed",
        env!("CARGO_PKG_VERSION")
    )
}

/// A connection pool's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// Connections open.
    pub size: u32,
    /// Of those, idle.
    pub idle: usize,
    /// The most it may open.
    pub max: u32,
}

/// `(1,2,3)` for an `IN` list of ids (numbers only, so safe to splice into SQL); `(NULL)` when
/// empty, which matches nothing.
pub(crate) fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "(NULL)".into();
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", list.join(","))
}

/// A `LIKE` pattern matching `s` anywhere, with `%`, `_` and `\` taken literally.
pub(crate) fn contains_pattern(s: &str) -> String {
    let mut p = String::from("%");
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}
