//! Yoriai's core: the rules (who may do what, and what happens when they do) and the database.
//!
//! Everything that decides goes through [`Core`]: pages and server functions (in `app`, under its
//! `ssr` feature), form handlers and the command line (in `server`). Only [`db`] speaks SQL, and
//! only [`Core`]'s methods call it. This crate knows nothing of HTTP or HTML: it takes plain
//! values and the signed-in user, and answers with the views `shared` defines or a refusal
//! ([`shared::ApiError`]).
//!
//! Module order (no cycles; `scripts/check-module-cycles.py` checks): `error`, `config` →
//! `db` → `export`, `xlsform` → `services` → `seed` → `demo`.

pub mod accounts;
pub mod analytics;
pub mod codesign;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod network;
pub mod paper;
pub mod seed;
pub mod services;
pub mod xlsform;

pub use config::Config;
pub use error::{Error, Result};

use db::Store;
use services::limits;
use std::sync::Arc;

/// Everything a request needs, cheap to clone.
#[derive(Clone)]
pub struct Core {
    /// The database.
    pub store: Store,
    /// The configuration.
    pub config: Arc<Config>,
    /// Every survey's responses in columns, for analytics.
    pub cubes: Arc<analytics::Cubes>,
    /// New responses started per client address (`YORIAI_STARTS_PER_MINUTE`).
    pub starts: Arc<limits::PerAddress>,
}

impl Core {
    /// Bundles a store and a configuration.
    pub fn new(store: Store, config: Config) -> Core {
        Core {
            store,
            starts: Arc::new(limits::PerAddress::per_minute(config.starts_per_minute)),
            config: Arc::new(config),
            cubes: Arc::default(),
        }
    }
}
