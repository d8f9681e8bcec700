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
use yoriai_e2e::bench::{
    ANSWERS, Error, NO_START_LIMIT, SLUG, build_survey, client, env_usize, expect_redirect,
    percentile, post, set_cookie,
};
use yoriai_e2e::{STAFF_EMAIL, STAFF_PASSWORD, Server, Unavailable};

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
    let data = tempfile::tempdir()?;
    let url = format!("sqlite://{}/yoriai.db", data.path().display());
    let server = match Server::start_with(&url, true, &[NO_START_LIMIT]).await {
        Ok(s) => s,
        Err(Unavailable::Missing(m)) => return Err(m.into()),
    };
    let base = server.base.clone();
    let client = client(concurrency)?;
    build_survey(&client, &base, STAFF_EMAIL, STAFF_PASSWORD).await?;
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
