//! The crash test: the release server under a load of residents sending responses is killed
//! with SIGKILL at random moments and started again, many times, on one database. Afterwards
//! every response whose send was acknowledged (the 303 to the thank-you page) must be stored
//! exactly once, the counter must equal the rows, and SQLite's `PRAGMA integrity_check` must
//! say `ok`. Sends cut off by the kill may or may not have been stored; they are counted apart.

use crate::bench::{
    Error, SLUG, answered_draft, build_survey, client, database, drop_database, send,
};
use crate::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable};
use rand::Rng;
use server::db::Db;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a crash test found.
#[derive(Debug, Clone)]
pub struct Report {
    /// `sqlite` or `postgres`.
    pub kind: String,
    /// How many times the server was killed.
    pub kills: usize,
    /// Sends answered with the 303 to the thank-you page.
    pub acknowledged: usize,
    /// Of those, how many are stored exactly once (must equal `acknowledged`).
    pub acknowledged_stored_once: usize,
    /// Sends cut off by a kill (no answer): stored or not, both are right.
    pub cut_off: usize,
    /// Of those, how many were stored all the same (committed just before the kill).
    pub cut_off_stored: usize,
    /// Rows of the benchmark survey, and its counter (must be equal).
    pub rows: i64,
    /// The survey's `response_count`.
    pub counter: i64,
    /// `PRAGMA integrity_check` (SQLite); PostgreSQL: `not applicable`.
    pub integrity: String,
}

impl Report {
    /// Whether every check held.
    pub fn passed(&self) -> bool {
        self.acknowledged_stored_once == self.acknowledged
            && self.rows == self.counter
            && (self.integrity == "ok" || self.kind == "postgres")
            && self.acknowledged > 0
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} kills; acknowledged {}, stored exactly once {}; cut off by a kill {} \
             (stored {}); rows {} = counter {}; integrity_check: {}",
            self.kind,
            self.kills,
            self.acknowledged,
            self.acknowledged_stored_once,
            self.cut_off,
            self.cut_off_stored,
            self.rows,
            self.counter,
            self.integrity
        )
    }
}

/// Runs the crash test on a fresh `kind` database ("sqlite" or "postgres"): `kills` rounds of
/// load from `workers` simulated residents, each ended by SIGKILL after 0.2 to 1.2 s.
pub async fn run(kind: &str, kills: usize, workers: usize) -> Result<Report, Error> {
    let dir = tempfile::tempdir()?;
    let url = database(kind, dir.path(), "crash")?;
    let outcome = rounds(kind, &url, kills, workers).await;
    drop_database(kind, &url);
    outcome
}

async fn rounds(kind: &str, url: &str, kills: usize, workers: usize) -> Result<Report, Error> {
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let cut_off = Arc::new(Mutex::new(Vec::<String>::new()));
    for round in 0..kills {
        let server = match Server::start_with(url, round == 0, &[]).await {
            Ok(s) => s,
            Err(Unavailable::Missing(m)) => return Err(m.into()),
        };
        let base = server.base.clone();
        let http = client(workers)?;
        if round == 0 {
            build_survey(&http, &base, STAFF_EMAIL, STAFF_PASSWORD).await?;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        for _ in 0..workers {
            let (http, base, stop) = (http.clone(), base.clone(), stop.clone());
            let (acknowledged, cut_off) = (acknowledged.clone(), cut_off.clone());
            tasks.push(tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let Ok(cookie) = answered_draft(&http, &base).await else {
                        break;
                    };
                    let token = cookie.trim_start_matches("yoriai_answer=").to_string();
                    let sent = send(&http, &base, &cookie).await;
                    let list = if sent.is_ok() {
                        &acknowledged
                    } else {
                        &cut_off
                    };
                    if let Ok(mut list) = list.lock() {
                        list.push(token);
                    }
                    if sent.is_err() {
                        break;
                    }
                }
            }));
        }
        let wait = rand::thread_rng().gen_range(200..1200);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await?;
        }
    }
    let acknowledged = acknowledged.lock().map(|l| l.clone()).unwrap_or_default();
    let cut_off = cut_off.lock().map(|l| l.clone()).unwrap_or_default();
    check(kind, url, kills, &acknowledged, &cut_off).await
}

/// How many responses the draft with this answer token led to (through its `response_id` and
/// through its idempotency key: both must agree on one).
const STORED: &str = "SELECT COUNT(*) FROM responses r JOIN response_drafts d \
     ON r.survey_id = d.survey_id AND r.idempotency_key = d.idempotency_key \
     WHERE d.token_hash = $1 AND d.response_id = r.id";
const ROWS: &str = "SELECT (SELECT COUNT(*) FROM responses r JOIN surveys s ON s.id = r.survey_id \
     WHERE s.slug = $1), (SELECT response_count FROM surveys WHERE slug = $1)";

async fn check(
    kind: &str,
    url: &str,
    kills: usize,
    acknowledged: &[String],
    cut_off: &[String],
) -> Result<Report, Error> {
    let db = Db::connect(url).await?;
    let (mut once, mut cut_off_stored) = (0, 0);
    // The same queries on either pool (each arm compiled for its own backend).
    macro_rules! counted {
        ($pool:expr) => {{
            let pool = $pool;
            for token in acknowledged {
                let n: i64 = sqlx::query_scalar(STORED)
                    .bind(server::services::auth::token_hash(token))
                    .fetch_one(pool)
                    .await?;
                once += usize::from(n == 1);
            }
            for token in cut_off {
                let n: i64 = sqlx::query_scalar(STORED)
                    .bind(server::services::auth::token_hash(token))
                    .fetch_one(pool)
                    .await?;
                cut_off_stored += usize::from(n >= 1);
            }
            let rows: (i64, i64) = sqlx::query_as(ROWS).bind(SLUG).fetch_one(pool).await?;
            rows
        }};
    }
    let ((rows, counter), integrity) = match &db {
        Db::Sqlite(pool) => {
            let rows = counted!(pool);
            let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(pool)
                .await?;
            (rows, integrity)
        }
        Db::Postgres(pool) => (counted!(pool), "not applicable".to_string()),
    };
    db.close().await;
    Ok(Report {
        kind: kind.to_string(),
        kills,
        acknowledged: acknowledged.len(),
        acknowledged_stored_once: once,
        cut_off: cut_off.len(),
        cut_off_stored,
        rows,
        counter,
        integrity,
    })
}
