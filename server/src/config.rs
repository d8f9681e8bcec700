//! Configuration, from `YORIAI_`-prefixed environment variables with documented defaults.

use crate::error::{Error, Result};
use std::net::SocketAddr;
use std::path::PathBuf;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// `YORIAI_DATABASE_URL` (or `DATABASE_URL`): `sqlite://data/yoriai.db` by default;
    /// `postgres://…` selects PostgreSQL.
    pub database_url: String,
    /// `YORIAI_ADDR`: where to listen; `127.0.0.1:3000` by default.
    pub addr: SocketAddr,
    /// `YORIAI_SITE_ROOT`: the folder cargo-leptos built (`target/site` by default), holding
    /// `pkg/` (CSS, JS, WebAssembly) and the public assets.
    pub site_root: PathBuf,
    /// `YORIAI_SECURE_COOKIES`: `true` behind HTTPS (the default is `false` for local use).
    pub secure_cookies: bool,
    /// `YORIAI_SESSION_HOURS`: how long a sign-in lasts; 12 hours by default.
    pub session_hours: i64,
    /// `YORIAI_SESSION_IDLE_MINUTES`: a sign-in also ends after this long without a request;
    /// 120 minutes by default.
    pub session_idle_minutes: i64,
    /// `YORIAI_TRUST_PROXY`: `true` to take the client address from `X-Forwarded-For` (only
    /// behind a proxy that sets it); `false` by default.
    pub trust_proxy: bool,
    /// `YORIAI_PUBLIC_ORIGIN`: an extra origin (such as `https://survey.example.jp`) that form
    /// posts may come from when a proxy rewrites the `Host` header. Empty by default.
    pub public_origin: Option<String>,
    /// `YORIAI_GROUP_COMMIT`: `false` to commit every response in a transaction of its own
    /// instead of batching concurrent ones behind one writer (`db::writer`); `true` by default.
    pub group_commit: bool,
    /// `YORIAI_STARTS_PER_MINUTE`: how many new responses one client address may start a
    /// minute, with a burst of twice that (a hall of residents on one Wi-Fi scanning a flyer
    /// together stays under it; a script filling in answers does not); 30 by default, `0` for
    /// no limit.
    pub starts_per_minute: u32,
}

impl Config {
    /// Reads the configuration from the environment.
    pub fn from_env() -> Result<Config> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let flag = |name: &str| {
            var(name)
                .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
        };
        let addr = var("YORIAI_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr
            .parse()
            .map_err(|_| Error::Config(format!("YORIAI_ADDR `{addr}` is not an address:port")))?;
        let session_hours = match var("YORIAI_SESSION_HOURS") {
            Some(h) => h
                .parse()
                .ok()
                .filter(|h| (1..=24 * 90).contains(h))
                .ok_or_else(|| Error::Config("YORIAI_SESSION_HOURS must be 1 to 2160".into()))?,
            None => 12,
        };
        let session_idle_minutes = match var("YORIAI_SESSION_IDLE_MINUTES") {
            Some(m) => m
                .parse()
                .ok()
                .filter(|m| (5..=24 * 60 * 90).contains(m))
                .ok_or_else(|| {
                    Error::Config("YORIAI_SESSION_IDLE_MINUTES must be 5 to 129600".into())
                })?,
            None => 120,
        };
        let starts_per_minute = match var("YORIAI_STARTS_PER_MINUTE") {
            Some(n) => n.parse().ok().filter(|n| *n <= 100_000).ok_or_else(|| {
                Error::Config("YORIAI_STARTS_PER_MINUTE must be 0 to 100000".into())
            })?,
            None => 30,
        };
        Ok(Config {
            database_url: var("YORIAI_DATABASE_URL")
                .or_else(|| var("DATABASE_URL"))
                .unwrap_or_else(|| "sqlite://data/yoriai.db".into()),
            addr,
            site_root: var("YORIAI_SITE_ROOT")
                .or_else(|| var("LEPTOS_SITE_ROOT"))
                .unwrap_or_else(|| "target/site".into())
                .into(),
            secure_cookies: flag("YORIAI_SECURE_COOKIES"),
            session_hours,
            session_idle_minutes,
            trust_proxy: flag("YORIAI_TRUST_PROXY"),
            public_origin: var("YORIAI_PUBLIC_ORIGIN"),
            group_commit: var("YORIAI_GROUP_COMMIT").is_none_or(|_| flag("YORIAI_GROUP_COMMIT")),
            starts_per_minute,
        })
    }

    /// A configuration for tests: the given database, every other setting at its default.
    pub fn for_database(database_url: impl Into<String>) -> Config {
        Config {
            database_url: database_url.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: "target/site".into(),
            secure_cookies: false,
            session_hours: 12,
            session_idle_minutes: 120,
            trust_proxy: false,
            public_origin: None,
            group_commit: true,
            starts_per_minute: 30,
        }
    }
}
