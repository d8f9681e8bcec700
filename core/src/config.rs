//! Configuration, from `YORIAI_`-prefixed environment variables with documented defaults.

use crate::error::{Error, Result};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The sender of mail when `YORIAI_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Yoriai <noreply@localhost>";

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
    /// `YORIAI_TRUST_PROXY`: how many reverse proxies stand in front of the server (`true`
    /// means one); the client address is then the entry of `X-Forwarded-For` that the
    /// outermost of them added, counted from the right (the entries to its left come from the
    /// client, who can write anything there). `false` or `0` by default: the connection's
    /// address.
    pub trusted_proxies: usize,
    /// `YORIAI_PUBLIC_ORIGIN`: an extra origin (such as `https://survey.example.jp`) that form
    /// posts may come from when a proxy rewrites the `Host` header. Empty by default.
    pub public_origin: Option<String>,
    /// `YORIAI_GROUP_COMMIT`: `false` to commit every response in a transaction of its own
    /// instead of batching concurrent ones behind one writer (`db::writer`); `true` by default.
    pub group_commit: bool,
    /// `YORIAI_HEADER_TIMEOUT_SECONDS`: how long a connection may take to send a request's
    /// head, and how long a kept-alive connection may wait idle for its next request, before
    /// it is closed; 10 seconds by default.
    pub header_timeout: std::time::Duration,
    /// `YORIAI_STARTS_PER_MINUTE`: how many new responses one client address may start a
    /// minute, with a burst of twice that (a hall of residents on one Wi-Fi scanning a flyer
    /// together stays under it; a script filling in answers does not); 30 by default, `0` for
    /// no limit.
    pub starts_per_minute: u32,
    /// `YORIAI_METRICS_FROM`: the addresses (comma-separated, with a prefix length for a
    /// network, such as `10.0.0.0/8`) that may read `/metrics`; the client's address as
    /// `YORIAI_TRUST_PROXY` makes it out. This machine only (`127.0.0.1/32, ::1/128`) by
    /// default; empty (`none`) for nobody.
    pub metrics_from: Vec<ipnet::IpNet>,
    /// `YORIAI_SMTP_URL`: the mail server, such as `smtps://user:password@mail.example.jp` or
    /// `smtp://127.0.0.1:25` (lettre's URL form: `smtp://` with `?tls=required` for STARTTLS,
    /// `smtps://` for TLS from the start). Unset by default: mail is written to files in
    /// `mail_dir` instead.
    pub smtp_url: Option<String>,
    /// `YORIAI_MAIL_FROM`: the sender of every mail; `Yoriai <noreply@localhost>` by default.
    pub mail_from: String,
    /// `YORIAI_MAIL_DIR`: where mail goes as `.eml` files when no mail server is set;
    /// `data/mail` by default.
    pub mail_dir: PathBuf,
}

impl Config {
    /// The origin that links in mail start with: `YORIAI_PUBLIC_ORIGIN`, else this server's
    /// own address. Never the `Host` a request named: anyone can write that, and a reset link
    /// to their site would hand them the token.
    pub fn mail_origin(&self) -> String {
        match &self.public_origin {
            Some(origin) => origin.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.addr),
        }
    }

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
        let metrics_from = match var("YORIAI_METRICS_FROM") {
            None => local_only(),
            Some(list) if list.trim() == "none" => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    a.parse::<ipnet::IpNet>()
                        .or_else(|_| a.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                        .map_err(|_| {
                            Error::Config(format!(
                                "YORIAI_METRICS_FROM: {a} is not an address or a network \
                                 (such as 10.0.0.5 or 10.0.0.0/8)"
                            ))
                        })
                })
                .collect::<Result<Vec<_>>>()?,
        };
        let header_timeout = match var("YORIAI_HEADER_TIMEOUT_SECONDS") {
            Some(s) => s
                .parse()
                .ok()
                .filter(|s| (1..=300).contains(s))
                .ok_or_else(|| {
                    Error::Config("YORIAI_HEADER_TIMEOUT_SECONDS must be 1 to 300".into())
                })?,
            None => 10,
        };
        Ok(Config {
            header_timeout: std::time::Duration::from_secs(header_timeout),
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
            trusted_proxies: match var("YORIAI_TRUST_PROXY") {
                None => 0,
                Some(v) => match v.to_ascii_lowercase().as_str() {
                    "true" | "yes" => 1,
                    "false" | "no" => 0,
                    n => n.parse().ok().filter(|n| *n <= 10).ok_or_else(|| {
                        Error::Config(
                            "YORIAI_TRUST_PROXY must be true, false or the number of proxies (0 to 10)"
                                .into(),
                        )
                    })?,
                },
            },
            public_origin: var("YORIAI_PUBLIC_ORIGIN"),
            group_commit: var("YORIAI_GROUP_COMMIT").is_none_or(|_| flag("YORIAI_GROUP_COMMIT")),
            starts_per_minute,
            metrics_from,
            smtp_url: var("YORIAI_SMTP_URL"),
            mail_from: var("YORIAI_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            mail_dir: var("YORIAI_MAIL_DIR")
                .unwrap_or_else(|| "data/mail".into())
                .into(),
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
            trusted_proxies: 0,
            header_timeout: std::time::Duration::from_secs(10),
            public_origin: None,
            group_commit: true,
            starts_per_minute: 30,
            metrics_from: local_only(),
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.into(),
            mail_dir: "data/mail".into(),
        }
    }
}

/// This machine's own addresses: who may read `/metrics` unless told otherwise.
fn local_only() -> Vec<ipnet::IpNet> {
    vec![
        ipnet::IpNet::from(std::net::IpAddr::from([127, 0, 0, 1])),
        ipnet::IpNet::from(std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST)),
    ]
}
