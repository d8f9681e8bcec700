//! Benchmark: sending responses with group commit against one transaction per response, in the
//! same run, measured by `wrk` (a real HTTP load generator) over loopback against the release
//! server on SQLite (WAL, `synchronous=FULL`: a response is on disk before it is acknowledged).
//!
//! ```sh
//! apt-get install wrk                      # scripts/install-tools.sh does it
//! cargo leptos build --release
//! cargo run --release -p yoriai-e2e --bin bench-commit
//! BENCH_SENDS=60000 BENCH_CONNECTIONS=128 cargo run --release -p yoriai-e2e --bin bench-commit
//! ```
//!
//! For each mode (`YORIAI_GROUP_COMMIT=true`, then `false`), a fresh server and database: staff
//! build the 20-question survey through the builder; simulated residents start a response and
//! save their page of 20 answers (validated, kept as a draft) until `BENCH_SENDS` drafts (and
//! 1.5 × `BENCH_RATE` × `BENCH_SECONDS` more) wait. Then `wrk` sends them for `BENCH_SECONDS`
//! (10) each time (`tests/bench/submit.lua`, each draft at most once): first as fast as the
//! server answers over `BENCH_CONNECTIONS` (64) connections (the throughput), then paced at
//! `BENCH_RATE` (1,000) per second offered (the latency at that load). Drafts left unsent stay
//! drafts.
//! Only a 303 to the thank-you page counts as acknowledged, and afterwards the stored rows are
//! counted in the database: every acknowledged send must be there (and at most the sends still
//! in flight when wrk stopped besides).

use std::fmt::Write as _;
use std::time::Instant;
use yoriai_core::db::{Db, Store};
use yoriai_e2e::bench::{
    Error, NO_START_LIMIT, SLUG, answered_draft, build_survey, client, env_usize,
};
use yoriai_e2e::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable, repo_root};

/// What one wrk run reported.
#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    acknowledged: u64,
    other: u64,
    errors: u64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

impl Run {
    fn rate(&self) -> f64 {
        self.acknowledged as f64 / self.seconds
    }

    fn parse(output: &str) -> Result<Run, Error> {
        let line = output
            .lines()
            .find(|l| l.starts_with("RESULT "))
            .ok_or_else(|| format!("wrk printed no RESULT line:\n{output}"))?;
        let field = |name: &str| -> Result<u64, Error> {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("no {name} in {line}").into())
        };
        let ms = |us: u64| us as f64 / 1000.0;
        Ok(Run {
            seconds: field("duration_us")? as f64 / 1e6,
            acknowledged: field("acknowledged")?,
            other: field("other")?,
            errors: field("errors")?,
            p50_ms: ms(field("p50_us")?),
            p90_ms: ms(field("p90_us")?),
            p99_ms: ms(field("p99_us")?),
            max_ms: ms(field("max_us")?),
        })
    }
}

/// Saves `count` drafts of 20 answers, `workers` at a time; returns their answer cookies.
async fn drafts(base: &str, count: usize, workers: usize) -> Result<Vec<String>, Error> {
    let client = client(workers)?;
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (client, base, next) = (client.clone(), base.to_string(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < count {
                mine.push(answered_draft(&client, &base).await?);
            }
            Ok::<_, Error>(mine)
        }));
    }
    let mut all = Vec::with_capacity(count);
    for task in tasks {
        all.extend(task.await??);
    }
    Ok(all)
}

/// Sends the drafts in `cookies` with wrk for `seconds`, each at most once; `pace_ms` 0 for as
/// fast as the server answers.
async fn wrk(
    base: &str,
    cookies: &[String],
    connections: usize,
    pace_ms: u64,
    seconds: usize,
    dir: &std::path::Path,
) -> Result<Run, Error> {
    let tokens = dir.join(format!("tokens-{pace_ms}.txt"));
    std::fs::write(&tokens, cookies.join("\n") + "\n")?;
    let threads = 1;
    let output = tokio::process::Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{seconds}s"))
        .arg("--timeout")
        .arg("30s")
        .arg("-s")
        .arg(repo_root().join("tests/bench/submit.lua"))
        .arg(format!("{base}/s/{SLUG}/submit"))
        .env("TOKENS_FILE", &tokens)
        .env("WRK_THREADS", threads.to_string())
        .env("PACE_MS", pace_ms.to_string())
        .env("ORIGIN", base)
        .output()
        .await
        .map_err(|e| format!("cannot run wrk (apt-get install wrk): {e}"))?;
    if !output.status.success() {
        return Err(format!("wrk failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    let run = Run::parse(&String::from_utf8_lossy(&output.stdout))?;
    if run.acknowledged + run.other >= cookies.len() as u64 {
        // wrk runs for its whole duration: a thread that ran out of drafts idled, and the
        // rate would read low.
        return Err(format!(
            "all {} drafts were sent before {seconds} s were over: raise BENCH_SENDS",
            cookies.len()
        )
        .into());
    }
    Ok(run)
}

/// One mode: a fresh server, drafts, a full-speed run and a paced run, and the rows counted.
async fn mode(group_commit: bool) -> Result<(Run, Run, i64), Error> {
    let seconds = env_usize("BENCH_SECONDS", 10).max(1);
    let sends = env_usize("BENCH_SENDS", 40_000);
    let connections = env_usize("BENCH_CONNECTIONS", 64);
    let rate = env_usize("BENCH_RATE", 1_000).max(1);
    // Enough for the paced run with a margin (it is paced, so it never sends more).
    let paced = rate * seconds * 3 / 2;
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}/yoriai.db", dir.path().display());
    let flag = if group_commit { "true" } else { "false" };
    let server = match Server::start_with(
        &url,
        true,
        &[("YORIAI_GROUP_COMMIT", flag), NO_START_LIMIT],
    )
    .await
    {
        Ok(s) => s,
        Err(Unavailable::Missing(m)) => return Err(m.into()),
    };
    let base = server.base.clone();
    build_survey(&client(1)?, &base, STAFF_EMAIL, STAFF_PASSWORD).await?;
    let began = Instant::now();
    let mut cookies = drafts(&base, sends + paced, 16).await?;
    eprintln!(
        "group commit {flag}: {} drafts saved in {:.1} s",
        cookies.len(),
        began.elapsed().as_secs_f64()
    );
    let paced_cookies = cookies.split_off(sends);
    let full = wrk(&base, &cookies, connections, 0, seconds, dir.path()).await?;
    // Paced: connections each pausing 100 ms on average (at random) before each send, so that
    // together they offer `rate` (a little less: wrk pauses after each answer, so the latency
    // adds to the period; the achieved rate is what the table shows).
    let paced_connections = (rate / 10).clamp(1, 1000);
    let pace_ms = (1000 * paced_connections / rate) as u64;
    let slow = wrk(
        &base,
        &paced_cookies,
        paced_connections,
        pace_ms,
        seconds,
        dir.path(),
    )
    .await?;
    drop(server);
    let store = Store::new(Db::connect(&url).await?);
    let survey = store
        .survey_by_slug(SLUG)
        .await?
        .ok_or("the benchmark survey is gone")?;
    let rows = store.count_response_rows(survey.id).await?;
    store.db().close().await;
    Ok((full, slow, rows))
}

fn line(name: &str, run: &Run) -> String {
    format!(
        "| {name} | {:.0} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} |",
        run.rate(),
        run.p50_ms,
        run.p90_ms,
        run.p99_ms,
        run.max_ms,
        run.acknowledged,
        run.other + run.errors,
    )
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let connections = env_usize("BENCH_CONNECTIONS", 64);
    let rate = env_usize("BENCH_RATE", 1_000);
    let (batched, batched_paced, batched_rows) = mode(true).await?;
    let (single, single_paced, single_rows) = mode(false).await?;
    let mut out = String::new();
    writeln!(
        out,
        "Yoriai send benchmark (wrk, loopback): responses of 20 answers, SQLite WAL \
         synchronous=FULL, release build, {} cores",
        std::thread::available_parallelism().map_or(1, usize::from)
    )?;
    writeln!(
        out,
        "\n| mode | sends/s | p50 ms | p90 ms | p99 ms | max ms | acknowledged | not 303 |"
    )?;
    writeln!(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )?;
    writeln!(
        out,
        "{}",
        line(
            &format!("group commit, {connections} connections"),
            &batched
        )
    )?;
    writeln!(
        out,
        "{}",
        line(
            &format!("one transaction each, {connections} connections"),
            &single
        )
    )?;
    writeln!(
        out,
        "{}",
        line(&format!("group commit, {rate}/s offered"), &batched_paced)
    )?;
    writeln!(
        out,
        "{}",
        line(
            &format!("one transaction each, {rate}/s offered"),
            &single_paced
        )
    )?;
    writeln!(
        out,
        "\nthroughput ratio (group commit / one transaction each): {:.2}×",
        batched.rate() / single.rate()
    )?;
    writeln!(
        out,
        "stored rows / acknowledged sends (the rest were in flight when wrk stopped): \
         group commit {} / {}, one transaction each {} / {}",
        batched_rows,
        batched.acknowledged + batched_paced.acknowledged,
        single_rows,
        single.acknowledged + single_paced.acknowledged
    )?;
    print!("{out}");
    // Every acknowledged send is stored; a send still in flight when wrk's time was up may be
    // stored without wrk reading its answer (at most one per connection and run).
    let in_flight = (connections + (rate / 10).clamp(1, 1000)) as u64;
    let expected = |rows: i64, a: &Run, b: &Run| {
        let acknowledged = a.acknowledged + b.acknowledged;
        (acknowledged..=acknowledged + in_flight).contains(&(rows as u64))
    };
    if !expected(batched_rows, &batched, &batched_paced)
        || !expected(single_rows, &single, &single_paced)
    {
        return Err("stored rows do not match the acknowledged sends".into());
    }
    Ok(())
}
