//! The rules: who may do what, and what happens when they do. Pages, server functions and form
//! handlers all come through here; nothing else talks to the store.

pub mod analytics;
pub mod auth;
mod backend;
pub mod builder;
pub mod calendar;
pub mod codesign;
pub mod entry;
pub mod export;
pub mod limits;
pub mod moderation;
pub mod network;
pub mod notices;
pub mod posts;
pub mod print;
pub mod respond;
pub mod retention;
pub mod surveys;
pub mod texts;
pub mod xlsform;

use crate::config::Config;
use crate::db::Store;
use std::sync::Arc;

pub use shared::time::jst_date;

/// Everything a request needs, cheap to clone.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub store: Store,
    /// The configuration.
    pub config: Arc<Config>,
    /// Every survey's responses in columns, for analytics.
    pub cubes: Arc<analytics::Cubes>,
    /// New responses started per client address (`YORIAI_STARTS_PER_MINUTE`).
    pub starts: Arc<limits::PerAddress>,
}

impl Services {
    /// Bundles a store and a configuration.
    pub fn new(store: Store, config: Config) -> Services {
        Services {
            store,
            starts: Arc::new(limits::PerAddress::per_minute(config.starts_per_minute)),
            config: Arc::new(config),
            cubes: Arc::default(),
        }
    }
}
