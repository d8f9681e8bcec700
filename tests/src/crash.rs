//! The crash test: the release server under a load of residents sending responses is killed
//! with SIGKILL at random moments and started again, many times, on one database. Afterwards
//! every response whose send was acknowledged (the 303 to the thank-you page) must be stored
//! exactly once, the counter must equal the rows, and SQLite's `PRAGMA integrity_check` must
//! say `ok`. Sends cut off by the kill may or may not have been stored; they are counted apart.
//!
//! The same load ended by SIGTERM instead checks the graceful stop: the server must exit by
//! itself with status 0, every send it took must be answered (some after the signal: drained)
//! and stored once, and a send it refused while stopping must not be stored.

use crate::bench::{
    Error, NO_START_LIMIT, SLUG, answered_draft, build_survey, client, database, drop_database,
    send,
};
use crate::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable};
use rand::Rng;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yoriai_core::db::Db;

/// How each round of load ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// SIGKILL: a crash (power cut, out-of-memory kill). Nothing is finished.
    Kill,
    /// SIGTERM: a deliberate stop (an update, `systemctl stop`). Sends already being handled
    /// must be finished and answered; new connections are refused.
    Terminate,
}

/// What a crash (or stop) test found.
#[derive(Debug, Clone)]
pub struct Report {
    /// `sqlite` or `postgres`.
    pub kind: String,
    /// How the rounds ended.
    pub ending: Ending,
    /// How many times the server was killed (or stopped).
    pub kills: usize,
    /// Stops after which the server exited by itself with status 0 (SIGTERM only).
    pub clean_exits: usize,
    /// Sends answered with the 303 to the thank-you page.
    pub acknowledged: usize,
    /// Of those, how many are stored exactly once (must equal `acknowledged`).
    pub acknowledged_stored_once: usize,
    /// Of those, how many were answered after the signal: sends the stopping server finished.
    pub answered_after_signal: usize,
    /// Sends cut off by a kill or refused by a stopping server (no answer).
    pub cut_off: usize,
    /// Of those, how many were stored all the same (after SIGKILL: committed just before the
    /// kill, which is right; after SIGTERM it must be 0: a send the server took is answered).
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
        let common = self.acknowledged_stored_once == self.acknowledged
            && self.rows == self.counter
            && (self.integrity == "ok" || self.kind == "postgres")
            && self.acknowledged > 0;
        match self.ending {
            Ending::Kill => common,
            Ending::Terminate => {
                common
                    && self.clean_exits == self.kills
                    && self.cut_off_stored == 0
                    && self.answered_after_signal > 0
            }
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ending {
            Ending::Kill => write!(
                f,
                "{}: {} kills; acknowledged {}, stored exactly once {}; cut off by a kill {} \
                 (stored {})",
                self.kind,
                self.kills,
                self.acknowledged,
                self.acknowledged_stored_once,
                self.cut_off,
                self.cut_off_stored,
            )?,
            Ending::Terminate => write!(
                f,
                "{}: {} SIGTERMs under load, {} clean exits; acknowledged {}, stored exactly \
                 once {}, answered after the signal {}; refused while stopping {} (stored {})",
                self.kind,
                self.kills,
                self.clean_exits,
                self.acknowledged,
                self.acknowledged_stored_once,
                self.answered_after_signal,
                self.cut_off,
                self.cut_off_stored,
            )?,
        }
        write!(
            f,
            "; rows {} = counter {}; integrity_check: {}",
            self.rows, self.counter, self.integrity
        )
    }
}

/// Runs the crash test on a fresh `kind` database ("sqlite" or "postgres"): `kills` rounds of
/// load from `workers` simulated residents, each ended by SIGKILL after 0.2 to 1.2 s.
pub async fn run(kind: &str, kills: usize, workers: usize) -> Result<Report, Error> {
    run_ending(kind, kills, workers, Ending::Kill).await
}

/// Like [`run`], with the rounds ended by `ending`.
pub async fn run_ending(
    kind: &str,
    count: usize,
    workers: usize,
    ending: Ending,
) -> Result<Report, Error> {
    let dir = tempfile::tempdir()?;
    let url = database(kind, dir.path(), "crash")?;
    let outcome = rounds(kind, &url, count, workers, ending).await;
    drop_database(kind, &url);
    outcome
}

/// One send: the answer token, whether it was acknowledged, and when it ended.
type Sent = (String, bool, Instant);

/// How long a stopping server may take to finish what it was doing.
const STOP_WITHIN: Duration = Duration::from_secs(30);

async fn rounds(
    kind: &str,
    url: &str,
    kills: usize,
    workers: usize,
    ending: Ending,
) -> Result<Report, Error> {
    let sends = Arc::new(Mutex::new(Vec::<Sent>::new()));
    let (mut clean_exits, mut answered_after_signal) = (0, 0);
    for round in 0..kills {
        let server = match Server::start_with(url, round == 0, &[NO_START_LIMIT]).await {
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
        let before = sends.lock().map(|l| l.len()).unwrap_or_default();
        for _ in 0..workers {
            let (http, base, stop, sends) =
                (http.clone(), base.clone(), stop.clone(), sends.clone());
            tasks.push(tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let Ok(cookie) = answered_draft(&http, &base).await else {
                        break;
                    };
                    let token = cookie.trim_start_matches("yoriai_answer=").to_string();
                    let sent = send(&http, &base, &cookie).await.is_ok();
                    if let Ok(mut list) = sends.lock() {
                        list.push((token, sent, Instant::now()));
                    }
                    if !sent {
                        break;
                    }
                }
            }));
        }
        let wait = rand::thread_rng().gen_range(200..1200);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        let signalled = Instant::now();
        match ending {
            Ending::Kill => server.kill(),
            Ending::Terminate => {
                let status = server.terminate(STOP_WITHIN).await;
                clean_exits += usize::from(status.is_some_and(|s| s.success()));
            }
        }
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await?;
        }
        if let Ok(list) = sends.lock() {
            answered_after_signal += list[before..]
                .iter()
                .filter(|(_, acknowledged, at)| *acknowledged && *at > signalled)
                .count();
        }
    }
    let sends = sends.lock().map(|l| l.clone()).unwrap_or_default();
    let tokens = |acknowledged: bool| -> Vec<String> {
        sends
            .iter()
            .filter(|(_, a, _)| *a == acknowledged)
            .map(|(t, _, _)| t.clone())
            .collect()
    };
    let mut report = check(kind, url, kills, &tokens(true), &tokens(false)).await?;
    report.ending = ending;
    report.clean_exits = clean_exits;
    report.answered_after_signal = answered_after_signal;
    Ok(report)
}

/// How many responses the draft with this answer token led to (through its `response_id` and
/// through its idempotency key: both must agree on one).
pub(crate) const STORED: &str = "SELECT COUNT(*) FROM responses r JOIN response_drafts d \
     ON r.survey_id = d.survey_id AND r.idempotency_key = d.idempotency_key \
     WHERE d.token_hash = $1 AND d.response_id = r.id";
pub(crate) const ROWS: &str = "SELECT (SELECT COUNT(*) FROM responses r JOIN surveys s ON s.id = r.survey_id \
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
                    .bind(yoriai_core::accounts::token_hash(token))
                    .fetch_one(pool)
                    .await?;
                once += usize::from(n == 1);
            }
            for token in cut_off {
                let n: i64 = sqlx::query_scalar(STORED)
                    .bind(yoriai_core::accounts::token_hash(token))
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
        ending: Ending::Kill,
        kills,
        clean_exits: 0,
        answered_after_signal: 0,
        acknowledged: acknowledged.len(),
        acknowledged_stored_once: once,
        cut_off: cut_off.len(),
        cut_off_stored,
        rows,
        counter,
        integrity,
    })
}
