//! Facts about the installation as a whole. For now: whether it is the demo.
//!
//! Demo data holds accounts whose password is published in the README, so it is only ever
//! loaded into an empty database or one the demo made ([`Core::may_load_demo`]); a database
//! with real accounts refuses it. A demo installation says so on every page
//! ([`Installation::demo`], read by the page frame).

mod privacy;
mod setup;

pub use privacy::PrivacyForm;
pub use setup::{SetupForm, SetupState};

use crate::Core;
use crate::db::{Store, on_pool};
use crate::error::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};

/// What every request may ask of the installation, kept in memory.
#[derive(Debug, Default)]
pub struct Installation {
    demo: AtomicBool,
}

impl Installation {
    /// Whether this is a demo installation (its pages say so).
    pub fn demo(&self) -> bool {
        self.demo.load(Ordering::Relaxed)
    }

    fn set_demo(&self, demo: bool) {
        self.demo.store(demo, Ordering::Relaxed);
    }
}

impl Store {
    /// Whether the demo seed made this database.
    pub async fn is_demo(&self) -> Result<bool> {
        self.any("SELECT COUNT(*) FROM installation WHERE key = 'demo' AND value = 'true'")
            .await
    }

    /// Marks this database as the demo's.
    pub async fn mark_demo(&self) -> Result<()> {
        let sql = "INSERT INTO installation (key, value) VALUES ('demo', 'true') \
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        on_pool!(&self.db, |pool| sqlx::query(sql)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Whether any account exists.
    pub async fn has_accounts(&self) -> Result<bool> {
        self.any("SELECT COUNT(*) FROM users").await
    }
}

impl Core {
    /// Reads the installation's facts from the database (at start-up).
    pub async fn load_installation(&self) -> Result<()> {
        self.installation.set_demo(self.store.is_demo().await?);
        Ok(())
    }

    /// Refuses to load demo data into a database that holds real accounts: only an empty
    /// database, or one the demo made, may take it.
    pub async fn may_load_demo(&self) -> Result<()> {
        if self.store.is_demo().await? || !self.store.has_accounts().await? {
            return Ok(());
        }
        Err(Error::Config(
            "this database holds real accounts, so the demo data (whose passwords are \
             published) is not loaded into it; use an empty database for the demo, such as \
             YORIAI_DATABASE_URL=sqlite://data/demo.db"
                .into(),
        ))
    }

    /// Marks the database (and this process) as the demo's, after checking it may be.
    pub(crate) async fn become_demo(&self) -> Result<()> {
        self.may_load_demo().await?;
        self.store.mark_demo().await?;
        self.installation.set_demo(true);
        Ok(())
    }
}
