//! Sends per second through a round-robin balancer with one, two and three release servers on
//! one PostgreSQL (see `yoriai_e2e::cluster`), each on a fresh database.
//!
//! ```sh
//! cargo leptos build --release
//! cargo run --release -p yoriai-e2e --bin bench-cluster
//! CLUSTER_SECONDS=20 CLUSTER_WORKERS=32 CLUSTER_RUNS=5 cargo run --release -p yoriai-e2e --bin bench-cluster
//! CLUSTER_SERVERS=3 cargo run --release -p yoriai-e2e --bin bench-cluster   # only three
//! ```
//!
//! A "send" is a whole response as a resident makes it: start, one page of 20 answers, send
//! (three requests through the balancer).

use std::time::Duration;
use yoriai_e2e::bench::{Error, env_usize};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let seconds = env_usize("CLUSTER_SECONDS", 10).max(1);
    let workers = env_usize("CLUSTER_WORKERS", 16).max(1);
    let runs = env_usize("CLUSTER_RUNS", 3).max(1);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "sends/s through the balancer, {workers} residents at once, {seconds} s per run, \
         median of {runs} runs, {cores} cores"
    );
    let counts: Vec<usize> = std::env::var("CLUSTER_SERVERS")
        .unwrap_or_else(|_| "1,2,3".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .filter(|n| *n > 0)
        .collect();
    let mut one = None;
    for servers in counts {
        let mut rates = Vec::new();
        for _ in 0..runs {
            let (rate, _) = yoriai_e2e::cluster::throughput(
                servers,
                workers,
                Duration::from_secs(seconds as u64),
            )
            .await?;
            rates.push(rate);
        }
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        let base = *one.get_or_insert(median);
        println!(
            "{servers} server(s): median {median:.0} sends/s (runs: {}), {:.2}× the first line",
            rates
                .iter()
                .map(|r| format!("{r:.0}"))
                .collect::<Vec<_>>()
                .join(", "),
            median / base
        );
    }
    Ok(())
}
