//! Several release servers on one PostgreSQL behind a round-robin balancer (see
//! `yoriai_e2e::cluster`): started at once they migrate once; sessions, limits and the mail
//! outbox hold across them; killing one under load loses no acknowledged response; a response
//! sent through one is in the results read through another within the stated bound.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use std::process::{Command, Stdio};
use yoriai_e2e::bench::postgres_admin_url;
use yoriai_e2e::repo_root;

#[tokio::test]
async fn three_servers_on_one_postgres() {
    let binary = repo_root().join("target/release/yoriai");
    let admin = postgres_admin_url();
    let reachable = Command::new("psql")
        .args([admin.as_str(), "-q", "-c", "SELECT 1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let why = match (binary.exists(), reachable) {
        (false, _) => Some(format!("{} is missing", binary.display())),
        (_, false) => Some(format!("no PostgreSQL at {admin}")),
        _ => None,
    };
    if let Some(why) = why {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(!in_ci, "the multi-server test cannot run in CI: {why}");
        eprintln!("SKIPPED: multi-server test: {why}");
        return;
    }
    let report = yoriai_e2e::cluster::run(3).await.expect("multi-server run");
    eprintln!("{report}");
    assert!(report.passed(), "{report}");
}
