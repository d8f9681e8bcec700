//! Yoriai's core: the rules (who may do what, and what happens when they do) and the database.
//!
//! Everything that decides goes through [`Core`]: pages and server functions (in `app`, under its
//! `ssr` feature), form handlers and the command line (in `server`). This crate knows nothing of
//! HTTP or HTML: it takes plain values and the signed-in user, and answers with the views
//! `shared` defines or a refusal ([`shared::ApiError`]).
//!
//! **One folder per feature area.** Each area holds its rules as `impl Core` methods and, in its
//! `store.rs` (or `store/`), its queries as `impl Store` methods; only those speak SQL, and only
//! the rules call them. The areas, in the order a survey lives:
//!
//! | area | what it decides | start at |
//! | --- | --- | --- |
//! | [`accounts`] | passwords, sessions, sign-in limits, password resets | `Core::sign_in` |
//! | [`surveys`] | the staff gate, lists, settings, publishing; the builder; XLSForm | `Core::staff_survey` (`surveys::builder`) |
//! | [`codesign`] | council review: invitations, comments, suggestions, approvals, revisions | `Core::survey_access` |
//! | [`respond`] | answering: start, one screen at a time, review, one idempotent submit | `Core::start` |
//! | [`paper`] | printed flyers and cards; typed-in paper sheets | `paper::entry` |
//! | [`analytics`] | results (the cube), free-text themes, exports | `Core::results_view` |
//! | [`network`] | groups, posts and events, notices, moderation, calendars | `network::groups` |
//!
//! Who may see what is decided with the gates in [`access`] (wards, the 404-or-403 rule).
//!
//! Under them: [`db`] (the `Store` handle, places (wards, districts, centres), the audit log, the
//! rows several areas share, and the toolkit: `on_pool!`, `corrupt`, `id_list`,
//! `contains_pattern`), [`error`], [`config`]. Beside them: [`mail`] (the outbox and its sender), [`retention`] (the hourly sweep),
//! [`seed`] and [`demo`]. No module cycles: `scripts/check-module-cycles.py` checks.

pub mod access;
pub mod accounts;
pub mod admin;
pub mod analytics;
pub mod codesign;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod installation;
pub mod mail;
pub mod matters;
pub mod metrics;
pub mod network;
pub mod paper;
pub mod places;
pub mod respond;
pub mod retention;
pub mod seed;
pub mod surveys;

pub use config::Config;
pub use error::{Error, Result};

use db::Store;
use respond::limits;
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
    /// Facts about the installation (whether it is the demo).
    pub installation: Arc<installation::Installation>,
    /// Woken when mail is queued, so the sender task delivers it now ([`mail`]).
    pub mail_waiting: Arc<tokio::sync::Notify>,
    /// When the mail sender last went round (Unix seconds; 0: never), for readiness.
    pub mail_round_at: Arc<std::sync::atomic::AtomicI64>,
}

impl Core {
    /// Bundles a store and a configuration.
    pub fn new(store: Store, config: Config) -> Core {
        Core {
            store,
            starts: Arc::new(limits::PerAddress::per_minute(config.starts_per_minute)),
            config: Arc::new(config),
            cubes: Arc::default(),
            installation: Arc::default(),
            mail_waiting: Arc::default(),
            mail_round_at: Arc::default(),
        }
    }
}
