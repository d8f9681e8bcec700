//! The crash test (see `yoriai_e2e::crash`): SIGKILL the release server under load, again and
//! again, then check that every acknowledged response is stored exactly once.
//!
//! ```sh
//! cargo leptos build --release
//! cargo run --release -p yoriai-e2e --bin crash-test                 # SQLite, 50 kills
//! CRASH_DB=postgres cargo run --release -p yoriai-e2e --bin crash-test
//! CRASH_KILLS=200 CRASH_WORKERS=32 cargo run --release -p yoriai-e2e --bin crash-test
//! CRASH_SIGNAL=term cargo run --release -p yoriai-e2e --bin crash-test  # graceful stops
//! ```

use yoriai_e2e::bench::{Error, env_usize};
use yoriai_e2e::crash::Ending;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let kind = std::env::var("CRASH_DB").unwrap_or_else(|_| "sqlite".into());
    let kills = env_usize("CRASH_KILLS", 50).max(1);
    let workers = env_usize("CRASH_WORKERS", 16).max(1);
    let ending = match std::env::var("CRASH_SIGNAL").as_deref() {
        Ok("term" | "TERM" | "sigterm" | "SIGTERM") => Ending::Terminate,
        _ => Ending::Kill,
    };
    let began = std::time::Instant::now();
    let report = yoriai_e2e::crash::run_ending(&kind, kills, workers, ending).await?;
    println!("{report}");
    println!(
        "({workers} residents at once, {:.0} s)",
        began.elapsed().as_secs_f64()
    );
    if report.passed() {
        Ok(())
    } else {
        Err("the crash test failed".into())
    }
}
