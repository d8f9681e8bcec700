//! Benchmark: analytics on a large seeded database, against the release server.
//!
//! ```sh
//! cargo leptos build --release
//! cargo run --release -p yoriai-e2e --bin bench-analytics                 # SQLite, 1,000,000
//! BENCH_DB=postgres cargo run --release -p yoriai-e2e --bin bench-analytics
//! BENCH_RESPONSES=100000 BENCH_RUNS=30 cargo run --release -p yoriai-e2e --bin bench-analytics
//! ```
//!
//! 1. A fresh database (SQLite file, or a new PostgreSQL database on 127.0.0.1:5432) gets the
//!    demo data and `BENCH_RESPONSES` synthetic responses to the community-centre survey
//!    (`yoriai seed-responses`: realistic skews, every question kind).
//! 2. The release server starts on it; staff sign in.
//! 3. Measured over loopback, each `BENCH_RUNS` times after the first (cold) call:
//!    the results of every question plus the overview (`/api/results`, no filter), the same
//!    with a filter, one cross-tab (age × Sunday opening) and one with a filter.
//! 4. The CSV export over HTTP: time to the first byte and to the last; and the same export
//!    from the command line (`yoriai export`), with the peak memory (VmHWM) of that process.
//! 5. The respondent's first page, `BENCH_RUNS` × 10 times, on this database and on a fresh one
//!    with no responses: p50 / p99 of both.
//!
//! Medians and 95th percentiles are printed with the settings, so a reader can rerun it.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use yoriai_e2e::bench::{Error, database, drop_database, env_usize};
use yoriai_e2e::{STAFF_EMAIL, STAFF_PASSWORD, SURVEY_PATH, Server, Unavailable, repo_root};

const SLUG: &str = "shimin-center-2026";

fn binary() -> PathBuf {
    repo_root().join("target/release/yoriai")
}

/// Runs the command line against `url`; fails on a non-zero exit.
fn yoriai(url: &str, args: &[&str]) -> Result<String, Error> {
    let out = Command::new(binary())
        .args(args)
        .env("YORIAI_DATABASE_URL", url)
        .env("YORIAI_LOG", "warn")
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "yoriai {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// The peak resident memory of a process (VmHWM), read while it runs.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, mut times: Vec<Duration>) -> (f64, f64) {
    times.sort_unstable();
    let (p50, p95, p99) = (
        percentile(&times, 50.0),
        percentile(&times, 95.0),
        percentile(&times, 99.0),
    );
    println!(
        "{name:<44} p50 {:>8.2} ms   p95 {:>8.2} ms   p99 {:>8.2} ms   (n = {})",
        ms(p50),
        ms(p95),
        ms(p99),
        times.len()
    );
    (ms(p50), ms(p99))
}

async fn sign_in(client: &reqwest::Client, base: &str) -> Result<String, Error> {
    let res = client
        .post(format!("{base}/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", base)
        .body(
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([("email", STAFF_EMAIL), ("password", STAFF_PASSWORD)])
                .finish(),
        )
        .send()
        .await?;
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|p| p.starts_with("yoriai_session="))
        .map(str::to_string)
        .ok_or_else(|| "staff sign-in failed".into())
}

/// One call of the results server function; returns its time and body size.
async fn results(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    survey_id: i64,
    query: &str,
) -> Result<(Duration, usize), Error> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("survey_id", &survey_id.to_string())
        .append_pair("query", query)
        .finish();
    let began = Instant::now();
    let res = client
        .post(format!("{base}/api/results"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(body)
        .send()
        .await?;
    let status = res.status();
    let bytes = res.bytes().await?;
    if !status.is_success() {
        return Err(format!(
            "results {query}: {status} {}",
            String::from_utf8_lossy(&bytes)
        )
        .into());
    }
    Ok((began.elapsed(), bytes.len()))
}

async fn page_times(
    client: &reqwest::Client,
    base: &str,
    n: usize,
) -> Result<Vec<Duration>, Error> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let began = Instant::now();
        let res = client.get(format!("{base}{SURVEY_PATH}")).send().await?;
        let status = res.status();
        res.bytes().await?;
        if !status.is_success() {
            return Err(format!("respondent page: {status}").into());
        }
        times.push(began.elapsed());
    }
    Ok(times)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let responses = env_usize("BENCH_RESPONSES", 1_000_000);
    let runs = env_usize("BENCH_RUNS", 50).max(1);
    let kind = std::env::var("BENCH_DB").unwrap_or_else(|_| "sqlite".into());
    if !binary().exists() {
        return Err("target/release/yoriai is missing: run `cargo leptos build --release`".into());
    }
    let dir = tempfile::tempdir()?;
    let url = database(&kind, dir.path(), "big")?;
    let empty_url = database(&kind, dir.path(), "empty")?;
    let outcome = run(&kind, &url, &empty_url, responses, runs).await;
    drop_database(&kind, &url);
    drop_database(&kind, &empty_url);
    outcome
}

async fn run(
    kind: &str,
    url: &str,
    empty_url: &str,
    responses: usize,
    runs: usize,
) -> Result<(), Error> {
    println!(
        "Yoriai analytics benchmark: {responses} responses to {SLUG}, {kind}, release build, \
         loopback, {} cores, {runs} runs per figure",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    yoriai(url, &["seed-demo"])?;
    yoriai(empty_url, &["seed-demo"])?;
    let began = Instant::now();
    yoriai(
        url,
        &[
            "seed-responses",
            "--survey",
            SLUG,
            "--count",
            &responses.to_string(),
            "--days",
            "60",
        ],
    )?;
    println!("seeding: {:.1} s", began.elapsed().as_secs_f64());

    let server = match Server::start_on(url, false).await {
        Ok(s) => s,
        Err(Unavailable::Missing(m)) => return Err(m.into()),
    };
    let base = server.base.clone();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(600))
        .build()?;
    let cookie = sign_in(&client, &base).await?;
    let surveys = client
        .post(format!("{base}/api/staff_surveys"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .send()
        .await?
        .bytes()
        .await?;
    let surveys: serde_json::Value = serde_json::from_slice(&surveys)?;
    let survey_id = surveys
        .as_array()
        .and_then(|list| list.iter().find(|s| s["slug"] == SLUG))
        .and_then(|s| s["id"].as_i64())
        .ok_or("the seeded survey is not in the staff list")?;

    // The server reads every published survey into its cube in the background at start; a
    // call made before that is done waits for it.
    let (cold, _) = results(&client, &base, &cookie, survey_id, "").await?;
    println!(
        "first results call after start (waits for the background load): {:.2} s",
        cold.as_secs_f64()
    );
    // Each call also computes the overview (per day, district, channel, language) over the
    // same responses.
    let cases = [
        ("one question: Sunday opening (5 points)", "only=sunday"),
        ("one question: household (several picks)", "only=household"),
        ("one question: ranking of 6", "only=priorities"),
        ("one question: matrix 5 × 5", "only=satisfaction"),
        (
            "one question: 0–10 scale, 2 filters",
            "only=recommend&ch=web&a=sunday:5",
        ),
        ("every question (25) + overview", ""),
        ("every question + overview, 2 filters", "ch=web&a=sunday:5"),
        (
            "one cross-tab: age × Sunday opening",
            "only=age&r=q:age&c=q:sunday",
        ),
        (
            "one cross-tab with a filter",
            "only=age&r=q:age&c=q:sunday&a=household:school",
        ),
        (
            "one cross-tab: household × district",
            "only=age&r=q:household&c=district",
        ),
    ];
    for (name, query) in cases {
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let (t, bytes) = results(&client, &base, &cookie, survey_id, query).await?;
            times.push(t);
            size = bytes;
        }
        report(&format!("{name} ({} KB)", size / 1024), times);
    }

    // CSV over HTTP: first byte and last.
    let began = Instant::now();
    let mut res = client
        .get(format!(
            "{base}/staff/surveys/{survey_id}/export?format=csv"
        ))
        .header("cookie", &cookie)
        .send()
        .await?;
    let mut first = None;
    let mut bytes = 0usize;
    while let Some(chunk) = res.chunk().await? {
        if first.is_none() {
            first = Some(began.elapsed());
        }
        bytes += chunk.len();
    }
    let total = began.elapsed();
    println!(
        "CSV export over HTTP: first byte {:.0} ms, all {:.1} s, {:.1} MB",
        ms(first.unwrap_or_default()),
        total.as_secs_f64(),
        bytes as f64 / 1e6
    );

    // The same from the command line, with its peak memory.
    for format in ["csv", "xlsx"] {
        if format == "xlsx" && responses > 1_048_575 {
            continue;
        }
        let began = Instant::now();
        let mut child = Command::new(binary())
            .args([
                "export",
                "--survey",
                SLUG,
                "--format",
                format,
                "--output",
                "/dev/null",
            ])
            .env("YORIAI_DATABASE_URL", url)
            .env("YORIAI_LOG", "warn")
            .stderr(Stdio::null())
            .spawn()?;
        let mut peak = 0;
        loop {
            if let Some(kib) = peak_kib(child.id()) {
                peak = peak.max(kib);
            }
            if let Some(status) = child.try_wait()? {
                if !status.success() {
                    return Err(format!("yoriai export {format} failed").into());
                }
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        println!(
            "{} export, command line: {:.1} s, peak memory {:.0} MiB",
            format.to_uppercase(),
            began.elapsed().as_secs_f64(),
            peak as f64 / 1024.0
        );
    }

    // The respondent's page: a large database against an empty one.
    let n = runs * 10;
    page_times(&client, &base, 20).await?;
    let full = report(
        &format!("respondent page, {responses} responses"),
        page_times(&client, &base, n).await?,
    );
    drop(server);
    let empty = match Server::start_on(empty_url, false).await {
        Ok(s) => s,
        Err(Unavailable::Missing(m)) => return Err(m.into()),
    };
    page_times(&client, &empty.base, 20).await?;
    let none = report(
        "respondent page, no responses",
        page_times(&client, &empty.base, n).await?,
    );
    println!(
        "respondent page p99 ratio (large / empty): {:.2}",
        full.1 / none.1.max(f64::MIN_POSITIVE)
    );
    drop(empty);
    Ok(())
}
