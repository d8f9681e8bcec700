//! Benchmark: residents sending a 20-question response, over loopback, against the release
//! server on SQLite (WAL, `synchronous=FULL`: every response is on disk before it is
//! acknowledged).
//!
//! ```sh
//! cargo leptos build --release
//! cargo run --release -p yoriai-e2e --bin bench-submit            # 2,000 responses, 16 at once
//! BENCH_RESPONSES=5000 BENCH_CONCURRENCY=32 cargo run --release -p yoriai-e2e --bin bench-submit
//! ```
//!
//! Staff first build the survey through the builder (20 questions of every kind, one page) and
//! publish it. Then each simulated resident runs the real flow: start (the answer cookie), post
//! the page with 20 answers (validated, saved as a draft), send (the response insert in one
//! transaction). Latencies are measured per step and reported as p50 / p90 / p99 / max, with
//! the throughput of whole responses. Run it on an otherwise idle machine; it prints its
//! settings so a reader can rerun it.

use std::time::{Duration, Instant};
use yoriai_e2e::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable};

type Error = Box<dyn std::error::Error + Send + Sync>;

const SLUG: &str = "bench-20";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Posts a form; returns the response (redirects are not followed).
async fn post(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    cookie: &str,
    pairs: &[(&str, &str)],
) -> Result<reqwest::Response, Error> {
    Ok(client
        .post(format!("{base}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", base)
        .header("cookie", cookie)
        .body(body(pairs))
        .send()
        .await?)
}

/// The `name=value` of a cookie the response sets.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn expect_redirect(res: &reqwest::Response, what: &str) -> Result<(), Error> {
    if res.status() == 303 {
        Ok(())
    } else {
        Err(format!("{what}: status {}", res.status()).into())
    }
}

/// Builds and publishes the 20-question survey through the staff builder.
async fn build_survey(client: &reqwest::Client, base: &str) -> Result<(), Error> {
    let res = post(
        client,
        base,
        "/sign-in",
        "",
        &[("email", STAFF_EMAIL), ("password", STAFF_PASSWORD)],
    )
    .await?;
    let staff = set_cookie(&res, "yoriai_session").ok_or("staff sign-in failed")?;
    let res = post(
        client,
        base,
        "/staff/surveys/new",
        &staff,
        &[
            ("title", "ベンチマーク"),
            ("slug", SLUG),
            ("start", "blank"),
        ],
    )
    .await?;
    expect_redirect(&res, "create")?;
    let edit = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or("no builder address")?
        .to_string();
    // q1 is the blank survey's yes/no; q2..q14 one of every kind; q15..q20 a few more.
    let more = [
        "single_choice",
        "multiple_choice",
        "agreement",
        "scale",
        "short_text",
        "yes_no",
    ];
    let kinds = shared::edit::KIND_NAMES.iter().chain(more.iter());
    for kind in kinds {
        let res = post(
            client,
            base,
            &edit,
            &staff,
            &[
                ("action", "add_question"),
                ("section", "s1"),
                ("kind", kind),
            ],
        )
        .await?;
        expect_redirect(&res, kind)?;
    }
    let res = post(client, base, &edit, &staff, &[("action", "publish")]).await?;
    expect_redirect(&res, "publish")
}

/// One answer per question, in the form a phone posts.
const ANSWERS: &[(&str, &str)] = &[
    ("q.q1", "yes"),
    ("q.q2", "o2"),
    ("q.q3", "o1"),
    ("q.q3", "o3"),
    ("q.q4", "o2"),
    ("q.q5", "no"),
    ("q.q6", "4"),
    ("q.q7", "8"),
    ("q.q8", "5"),
    ("q.q9", "3"),
    ("q.q10", "日曜の午後に行きたいです"),
    (
        "q.q11",
        "子どもと一緒に参加できる講座があればうれしいです。駐車場も広げてほしいです。",
    ),
    ("q.q12", "2026-12-20"),
    ("q.q13.o1", "2"),
    ("q.q13.o2", "1"),
    ("q.q13.o3", "3"),
    ("q.q14.r1", "3"),
    ("q.q14.r2", "2"),
    ("q.q15", "o1"),
    ("q.q16", "o2"),
    ("q.q17", "5"),
    ("q.q18", "10"),
    ("q.q19", "ありがとう"),
    ("q.q20", "yes"),
    ("nav", "next"),
];

/// Step latencies of one response.
struct Sample {
    start: Duration,
    page: Duration,
    submit: Duration,
}

async fn respond(client: &reqwest::Client, base: &str) -> Result<Sample, Error> {
    let t0 = Instant::now();
    let res = post(client, base, &format!("/s/{SLUG}/start"), "", &[]).await?;
    expect_redirect(&res, "start")?;
    let cookie = set_cookie(&res, "yoriai_answer").ok_or("no answer cookie")?;
    let t1 = Instant::now();
    let res = post(client, base, &format!("/s/{SLUG}/p/1"), &cookie, ANSWERS).await?;
    expect_redirect(&res, "page")?;
    let t2 = Instant::now();
    let res = post(client, base, &format!("/s/{SLUG}/submit"), &cookie, &[]).await?;
    expect_redirect(&res, "submit")?;
    let t3 = Instant::now();
    Ok(Sample {
        start: t1 - t0,
        page: t2 - t1,
        submit: t3 - t2,
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} p50 {:>7.2} ms   p90 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 90.0)),
        ms(percentile(&times, 99.0)),
        ms(percentile(&times, 100.0)),
    );
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let responses = env_usize("BENCH_RESPONSES", 2_000);
    let concurrency = env_usize("BENCH_CONCURRENCY", 16).max(1);
    let server = match Server::start().await {
        Ok(s) => s,
        Err(Unavailable::Missing(m)) => return Err(m.into()),
    };
    let base = server.base.clone();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(concurrency)
        .build()?;
    build_survey(&client, &base).await?;
    // Warm up connections and caches.
    for _ in 0..50 {
        respond(&client, &base).await?;
    }
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let began = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, base, next) = (client.clone(), base.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < responses {
                samples.push(respond(&client, &base).await?);
            }
            Ok::<_, Error>(samples)
        }));
    }
    let mut samples = Vec::with_capacity(responses);
    for w in workers {
        samples.extend(w.await??);
    }
    let elapsed = began.elapsed();
    println!(
        "Yoriai submit benchmark: {responses} responses of 20 answers, {concurrency} at once, \
         SQLite (WAL, synchronous=FULL), release build, loopback, {} cores",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!(
        "throughput: {:.0} responses/s ({:.0} requests/s) over {:.1} s",
        responses as f64 / elapsed.as_secs_f64(),
        3.0 * responses as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    report(
        "start (draft + cookie)",
        samples.iter().map(|s| s.start).collect(),
    );
    report(
        "page of 20 answers (saved)",
        samples.iter().map(|s| s.page).collect(),
    );
    report(
        "send (response stored)",
        samples.iter().map(|s| s.submit).collect(),
    );
    report(
        "whole response",
        samples
            .iter()
            .map(|s| s.start + s.page + s.submit)
            .collect(),
    );
    drop(server);
    Ok(())
}
