//! Several app servers on one PostgreSQL, behind a load balancer: what a city-wide deployment
//! runs. The release servers are started on one fresh database and reached through
//! [`Balancer`], a round-robin TCP balancer over their ports (one connection each, so each
//! request of a client that opens a connection per request goes to the next server).
//!
//! [`run`] checks, in order:
//! 1. all servers started at the same moment on an empty database come up, and each migration
//!    is applied once (sqlx's migrator holds a PostgreSQL advisory lock while it migrates);
//! 2. a session made on one server is honoured by every other;
//! 3. the per-address limits: password-reset requests are counted in the database, so the
//!    limit holds for the whole cluster; new responses started are counted in each server's
//!    memory, so an address may start `servers ×` the configured number (stated in the README);
//! 4. the mail outbox, shared by every server's sender, sends each mail once;
//! 5. killing one server (SIGKILL) under load loses no acknowledged response;
//! 6. a response sent through one server is in the results read through another within
//!    [`READ_AFTER_WRITE_BOUND`].
//!
//! [`throughput`] measures sends per second through the balancer for a number of servers (the
//! `bench-cluster` program).

use crate::bench::{
    Error, NO_START_LIMIT, SLUG, answered_draft, build_survey, client, database, drop_database,
    post, send, set_cookie,
};
use crate::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use yoriai_core::db::Db;

/// How soon a response sent through one server must be in the results read through another.
pub const READ_AFTER_WRITE_BOUND: Duration = Duration::from_secs(1);

/// New responses one address may start per minute on each server, during the limit check.
const STARTS_PER_MINUTE: u32 = 4;

/// What each server lets one address start at once: its burst, twice the per-minute figure.
const STARTS_BURST: usize = 2 * STARTS_PER_MINUTE as usize;

/// A round-robin TCP balancer on a random local port: each connection goes to the next
/// backend that accepts one (a backend that refuses, such as a killed server, is skipped, as a
/// balancer's health check would).
pub struct Balancer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    backends: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Balancer {
    /// Listens on a random port, forwarding to `backends` (`http://127.0.0.1:PORT` each).
    pub async fn start(backends: &[String]) -> Result<Balancer, Error> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let backends = Arc::new(Mutex::new(
            backends
                .iter()
                .map(|b| b.trim_start_matches("http://").to_string())
                .collect::<Vec<_>>(),
        ));
        let next = Arc::new(AtomicUsize::new(0));
        let shared = backends.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut incoming, _)) = listener.accept().await {
                let (backends, next) = (shared.clone(), next.clone());
                tokio::spawn(async move {
                    let list = backends.lock().map(|b| b.clone()).unwrap_or_default();
                    for _ in 0..list.len() {
                        let i = next.fetch_add(1, Ordering::Relaxed) % list.len();
                        if let Ok(mut outgoing) = TcpStream::connect(&list[i]).await {
                            let _ =
                                tokio::io::copy_bidirectional(&mut incoming, &mut outgoing).await;
                            return;
                        }
                    }
                });
            }
        });
        Ok(Balancer {
            base,
            backends,
            task,
        })
    }

    /// Forwards to these backends from now on.
    pub fn set_backends(&self, backends: &[String]) {
        if let Ok(mut list) = self.backends.lock() {
            *list = backends
                .iter()
                .map(|b| b.trim_start_matches("http://").to_string())
                .collect();
        }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What the multi-server run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// How many servers.
    pub servers: usize,
    /// Servers that came up when all were started at once on an empty database.
    pub started_together: usize,
    /// Migrations in the repository, and rows of sqlx's migration table afterwards (one per
    /// migration, all successful, each applied once).
    pub migrations: (usize, i64),
    /// Servers (other than the one it was made on) that honoured a session.
    pub sessions_honoured: usize,
    /// Password-reset requests sent through the balancer from one address, and how many were
    /// accepted (the limit is the whole cluster's: it must equal the limit).
    pub resets: (usize, usize),
    /// Mails the accepted resets queued, and how many were sent (files written by all the
    /// servers' senders), and how many of those were duplicates.
    pub mails: (usize, usize, usize),
    /// New responses started through the balancer from one address, and how many were
    /// accepted (`servers ×` the burst: each server counts its own).
    pub starts: (usize, usize),
    /// Sends acknowledged while one server was killed, and how many are stored exactly once.
    pub acknowledged: (usize, usize),
    /// Sends cut off by the kill (no answer).
    pub cut_off: usize,
    /// The benchmark survey's rows and counter (must be equal).
    pub rows: (i64, i64),
    /// The slowest time, over several tries, for a response sent through one server to be in
    /// the results read through another.
    pub read_after_write: Duration,
}

impl Report {
    /// Whether every check held.
    pub fn passed(&self) -> bool {
        let n = self.servers;
        self.started_together == n
            && self.migrations.0 as i64 == self.migrations.1
            && self.sessions_honoured == n - 1
            && self.resets.1
                == yoriai_core::accounts::recovery::MAX_RESET_REQUESTS_PER_ADDRESS as usize
            && self.mails.0 == self.mails.1
            && self.mails.2 == 0
            && self.starts.1 == n * STARTS_BURST
            && self.acknowledged.0 > 0
            && self.acknowledged.0 == self.acknowledged.1
            && self.rows.0 == self.rows.1
            && self.read_after_write <= READ_AFTER_WRITE_BOUND
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} servers on one PostgreSQL:", self.servers)?;
        writeln!(
            f,
            "  started at once: {} up; migrations {} in the repository, {} applied",
            self.started_together, self.migrations.0, self.migrations.1
        )?;
        writeln!(
            f,
            "  a session made on one server honoured by {} others",
            self.sessions_honoured
        )?;
        writeln!(
            f,
            "  password resets from one address: {} sent, {} accepted (limit {} for the cluster)",
            self.resets.0,
            self.resets.1,
            yoriai_core::accounts::recovery::MAX_RESET_REQUESTS_PER_ADDRESS
        )?;
        writeln!(
            f,
            "  mails queued {}, sent {}, duplicates {}",
            self.mails.0, self.mails.1, self.mails.2
        )?;
        writeln!(
            f,
            "  responses started from one address: {} tried, {} accepted (a burst of {} per \
             server)",
            self.starts.0, self.starts.1, STARTS_BURST
        )?;
        writeln!(
            f,
            "  one server killed under load: acknowledged {}, stored exactly once {}, cut off {}; \
             rows {} = counter {}",
            self.acknowledged.0, self.acknowledged.1, self.cut_off, self.rows.0, self.rows.1
        )?;
        write!(
            f,
            "  read after write through another server: at most {} ms (bound {} ms)",
            self.read_after_write.as_millis(),
            READ_AFTER_WRITE_BOUND.as_millis()
        )
    }
}

/// Starts `n` release servers on `url` at the same moment.
async fn start_together(
    url: &str,
    n: usize,
    env: &[(&str, &str)],
) -> Result<Vec<Server>, Unavailable> {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let starting: Vec<_> = (0..n)
        .map(|_| {
            let (url, env) = (url.to_string(), env.clone());
            tokio::spawn(async move {
                let env: Vec<(&str, &str)> =
                    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                Server::start_with(&url, false, &env).await
            })
        })
        .collect();
    let mut servers = Vec::new();
    for started in starting {
        let started = started
            .await
            .map_err(|e| Unavailable::Missing(e.to_string()))?;
        servers.push(started?);
    }
    Ok(servers)
}

fn missing(u: Unavailable) -> Error {
    let Unavailable::Missing(m) = u;
    m.into()
}

/// Signs the demo staff member in at `base`; their session cookie.
async fn staff_session(http: &reqwest::Client, base: &str) -> Result<String, Error> {
    let res = post(
        http,
        base,
        "/sign-in",
        "",
        &[("email", STAFF_EMAIL), ("password", STAFF_PASSWORD)],
    )
    .await?;
    set_cookie(&res, "yoriai_session").ok_or_else(|| "staff sign-in failed".into())
}

/// Whether `base` knows the session: the account server function answers with its address.
async fn honours(http: &reqwest::Client, base: &str, cookie: &str) -> Result<bool, Error> {
    let res = http
        .post(format!("{base}/api/account"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .send()
        .await?;
    Ok(res.status().is_success() && res.text().await?.contains(STAFF_EMAIL))
}

/// The benchmark survey's id.
async fn survey_id(url: &str) -> Result<i64, Error> {
    let db = Db::connect(url).await?;
    let Db::Postgres(pool) = &db else {
        return Err("the cluster runs on PostgreSQL".into());
    };
    let id: i64 = sqlx::query_scalar("SELECT id FROM surveys WHERE slug = $1")
        .bind(SLUG)
        .fetch_one(pool)
        .await?;
    db.close().await;
    Ok(id)
}

/// The survey's total responses as the results read at `base` show them.
async fn results_total(
    http: &reqwest::Client,
    base: &str,
    cookie: &str,
    survey: i64,
) -> Result<u64, Error> {
    let res = post(
        http,
        base,
        "/api/results",
        cookie,
        &[("survey_id", &survey.to_string()), ("query", "")],
    )
    .await?;
    if !res.status().is_success() {
        return Err(format!("results at {base}: {}", res.status()).into());
    }
    let view: shared::analytics::ResultsView = serde_json::from_str(&res.text().await?)?;
    match view.dashboard.total {
        shared::analytics::Cell::Count(n) => Ok(n),
        other => Err(format!("the total is not shown: {other:?}").into()),
    }
}

/// The password-reset mails written by every server's sender, as files: (count, duplicates:
/// mails with a link another already had).
fn mails_sent(servers: &[Server]) -> (usize, usize) {
    let mut links: Vec<String> = servers
        .iter()
        .flat_map(|s| {
            std::fs::read_dir(s.data.path().join("mail"))
                .map(|dir| {
                    dir.filter_map(|e| e.ok())
                        .filter_map(|e| std::fs::read(e.path()).ok())
                        .filter_map(|raw| reset_link(&raw))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    let count = links.len();
    links.sort();
    links.dedup();
    (count, count - links.len())
}

/// The password-reset link in a mail as written to a file, if it is one.
fn reset_link(raw: &[u8]) -> Option<String> {
    let message = mail_parser::MessageParser::default().parse(raw)?;
    let body = message.body_text(0)?;
    let start = body.find("/reset/")?;
    Some(
        body[start..]
            .split(|c: char| c.is_whitespace())
            .next()?
            .to_string(),
    )
}

/// Runs every check with `n` servers on a fresh PostgreSQL database.
pub async fn run(n: usize) -> Result<Report, Error> {
    let dir = tempfile::tempdir()?;
    let url = database("postgres", dir.path(), "cluster")?;
    let outcome = checks(&url, n.max(2)).await;
    drop_database("postgres", &url);
    outcome
}

async fn checks(url: &str, n: usize) -> Result<Report, Error> {
    let mut report = Report {
        servers: n,
        ..Report::default()
    };
    let limit = STARTS_PER_MINUTE.to_string();
    let limited = [("YORIAI_STARTS_PER_MINUTE", limit.as_str())];

    // 1. All at once on an empty database.
    let mut servers = start_together(url, n, &limited).await.map_err(missing)?;
    report.started_together = servers.len();
    let files = std::fs::read_dir(crate::repo_root().join("migrations/postgres"))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "sql"))
        .count();
    let db = Db::connect(url).await?;
    let Db::Postgres(pool) = &db else {
        return Err("the cluster runs on PostgreSQL".into());
    };
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await?;
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await?;
    report.migrations = (files, if rows == applied { applied } else { -rows });
    db.close().await;

    // The first server again, with the demo data (its staff member).
    let first = servers.remove(0);
    first.terminate(Duration::from_secs(30)).await;
    let first = Server::start_with(url, true, &limited)
        .await
        .map_err(missing)?;
    servers.insert(0, first);
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    let balancer = Balancer::start(&bases).await?;
    // One connection per request: round robin per request.
    let http = client(0)?;

    // 2. Sessions: made on the first, honoured by the others; the survey is built through
    // the balancer, each step on the next server.
    let cookie = staff_session(&http, &bases[0]).await?;
    for base in &bases[1..] {
        report.sessions_honoured += usize::from(honours(&http, base, &cookie).await?);
    }
    build_survey(&http, &balancer.base, STAFF_EMAIL, STAFF_PASSWORD).await?;

    // 3 and 4. Password resets from one address through the balancer: the database's limit
    // holds for the cluster; the mails they queue are sent once, by whichever sender claims
    // each.
    let people = [
        crate::STAFF_EMAIL,
        crate::DEMO_OPERATOR_EMAIL,
        crate::DEMO_RESIDENT_EMAIL,
        crate::DEMO_COUNCIL_EMAIL,
        crate::DEMO_ORGANISER_EMAIL,
        crate::DEMO_DIRECTOR_EMAIL,
        yoriai_core::demo::DEMO_ADMIN_EMAIL,
    ];
    let tries = yoriai_core::accounts::recovery::MAX_RESET_REQUESTS_PER_ADDRESS as usize + 5;
    for i in 0..tries {
        let res = post(
            &http,
            &balancer.base,
            "/forgot",
            "",
            &[("email", people[i % people.len()])],
        )
        .await?;
        report.resets.0 += 1;
        report.resets.1 += usize::from(res.status() == 303);
    }
    // Each account gets at most 3 mails; every accepted request here is within that.
    report.mails.0 = report.resets.1;
    let waited = Instant::now();
    loop {
        let (sent, duplicates) = mails_sent(&servers);
        (report.mails.1, report.mails.2) = (sent, duplicates);
        if sent >= report.mails.0 || waited.elapsed() > Duration::from_secs(120) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // A little longer: a second sender sending the same mail would show now.
    tokio::time::sleep(Duration::from_secs(2)).await;
    (report.mails.1, report.mails.2) = mails_sent(&servers);

    // 3. New responses started from one address: each server counts its own.
    let tries = 3 * n * STARTS_BURST;
    for _ in 0..tries {
        let res = post(&http, &balancer.base, &format!("/s/{SLUG}/start"), "", &[]).await?;
        report.starts.0 += 1;
        report.starts.1 += usize::from(res.status() == 303);
    }

    // 5. Every server again without the start limit; one killed under load.
    for server in servers.drain(..) {
        server.terminate(Duration::from_secs(30)).await;
    }
    let mut servers = start_together(url, n, &[NO_START_LIMIT])
        .await
        .map_err(missing)?;
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    balancer.set_backends(&bases);
    let (acknowledged, cut_off) = load(&balancer.base, 8, Duration::from_millis(1500), || {
        let victim = servers.remove(n - 1);
        victim.kill();
    })
    .await?;
    let (once, rows) = stored_once(url, &acknowledged).await?;
    report.acknowledged = (acknowledged.len(), once);
    report.cut_off = cut_off;
    report.rows = rows;

    // 6. Read after write: sent through one server, read through another.
    let survey = survey_id(url).await?;
    let cookie = staff_session(&http, &bases[0]).await?;
    let pairs = servers.len();
    for round in 0..5 {
        let (writer, reader) = (
            &servers[round % pairs].base,
            &servers[(round + 1) % pairs].base,
        );
        let before = results_total(&http, reader, &cookie, survey).await?;
        let draft = answered_draft(&http, writer).await?;
        send(&http, writer, &draft).await?;
        let sent = Instant::now();
        loop {
            if results_total(&http, reader, &cookie, survey).await? > before {
                break;
            }
            if sent.elapsed() > READ_AFTER_WRITE_BOUND * 10 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        report.read_after_write = report.read_after_write.max(sent.elapsed());
    }
    drop(balancer);
    for server in servers {
        server.terminate(Duration::from_secs(30)).await;
    }
    Ok(report)
}

/// `workers` residents answering and sending through `base` for `length`; halfway, `midway`
/// runs (a kill). The answer tokens of the acknowledged sends, and how many sends got no answer.
async fn load(
    base: &str,
    workers: usize,
    length: Duration,
    midway: impl FnOnce(),
) -> Result<(Vec<String>, usize), Error> {
    let http = client(0)?;
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let cut_off = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (http, base, stop, acknowledged, cut_off) = (
            http.clone(),
            base.to_string(),
            stop.clone(),
            acknowledged.clone(),
            cut_off.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                // A draft cut off before it was sent is simply abandoned, as a resident whose
                // page failed would start again.
                let Ok(cookie) = answered_draft(&http, &base).await else {
                    continue;
                };
                if send(&http, &base, &cookie).await.is_ok() {
                    let token = cookie.trim_start_matches("yoriai_answer=").to_string();
                    if let Ok(mut list) = acknowledged.lock() {
                        list.push(token);
                    }
                } else {
                    cut_off.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    tokio::time::sleep(length / 2).await;
    midway();
    tokio::time::sleep(length / 2).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await?;
    }
    let acknowledged = acknowledged.lock().map(|l| l.clone()).unwrap_or_default();
    Ok((acknowledged, cut_off.load(Ordering::Relaxed)))
}

/// How many of the acknowledged answer tokens are stored exactly once, and the benchmark
/// survey's rows and counter.
async fn stored_once(url: &str, acknowledged: &[String]) -> Result<(usize, (i64, i64)), Error> {
    let db = Db::connect(url).await?;
    let Db::Postgres(pool) = &db else {
        return Err("the cluster runs on PostgreSQL".into());
    };
    let mut once = 0;
    for token in acknowledged {
        let n: i64 = sqlx::query_scalar(crate::crash::STORED)
            .bind(yoriai_core::accounts::token_hash(token))
            .fetch_one(pool)
            .await?;
        once += usize::from(n == 1);
    }
    let rows: (i64, i64) = sqlx::query_as(crate::crash::ROWS)
        .bind(SLUG)
        .fetch_one(pool)
        .await?;
    db.close().await;
    Ok((once, rows))
}

/// Sends per second through the balancer with `n` servers on a fresh PostgreSQL database, from
/// `workers` residents for `length` (after a warm-up of a tenth of it): (sends/s, sends).
pub async fn throughput(n: usize, workers: usize, length: Duration) -> Result<(f64, usize), Error> {
    let dir = tempfile::tempdir()?;
    let url = database("postgres", dir.path(), "cluster_bench")?;
    let outcome = async {
        let first = Server::start_with(&url, true, &[NO_START_LIMIT])
            .await
            .map_err(missing)?;
        let mut servers = vec![first];
        servers.extend(
            start_together(&url, n.saturating_sub(1), &[NO_START_LIMIT])
                .await
                .map_err(missing)?,
        );
        let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
        let balancer = Balancer::start(&bases).await?;
        let http = client(0)?;
        build_survey(&http, &balancer.base, STAFF_EMAIL, STAFF_PASSWORD).await?;
        load(&balancer.base, workers, length / 10, || {}).await?;
        let began = Instant::now();
        let (sent, _) = load(&balancer.base, workers, length, || {}).await?;
        let rate = sent.len() as f64 / began.elapsed().as_secs_f64();
        drop(balancer);
        for server in servers {
            server.terminate(Duration::from_secs(30)).await;
        }
        Ok::<_, Error>((rate, sent.len()))
    }
    .await;
    drop_database("postgres", &url);
    outcome
}
