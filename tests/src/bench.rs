//! What the benchmarks and the crash test share: a 20-question survey built through the staff
//! builder, a resident's answers to it, and the three steps of answering over HTTP.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Any failure of a load run.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The benchmark survey's address name.
pub const SLUG: &str = "bench-20";

/// An environment variable as a number, or the default.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server setting that lifts the per-address limit on starting responses: every simulated
/// resident of a benchmark comes from 127.0.0.1.
pub const NO_START_LIMIT: (&str, &str) = ("YORIAI_STARTS_PER_MINUTE", "0");

/// A URL-encoded form body.
pub fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// An HTTP client that does not follow redirects (a 303 is the answer being looked for).
pub fn client(connections: usize) -> Result<reqwest::Client, Error> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Posts a form as a browser on the same site would; returns the response.
pub async fn post(
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
        .body(form_body(pairs))
        .send()
        .await?)
}

/// The `name=value` of a cookie the response sets.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// Fails unless the response is the 303 of a form that did what it was asked.
pub fn expect_redirect(res: &reqwest::Response, what: &str) -> Result<(), Error> {
    if res.status() == 303 {
        Ok(())
    } else {
        Err(format!("{what}: status {}", res.status()).into())
    }
}

/// Builds and publishes the 20-question survey through the staff builder.
pub async fn build_survey(
    client: &reqwest::Client,
    base: &str,
    staff_email: &str,
    staff_password: &str,
) -> Result<(), Error> {
    let res = post(
        client,
        base,
        "/sign-in",
        "",
        &[("email", staff_email), ("password", staff_password)],
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
    let res = post(
        client,
        base,
        &edit,
        &staff,
        &[("action", "publish"), ("confirmed", "1")],
    )
    .await?;
    expect_redirect(&res, "publish")
}

/// One answer per question, in the form a phone posts.
pub const ANSWERS: &[(&str, &str)] = &[
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

/// Starts a response and saves its one page of 20 answers; returns the answer cookie
/// (`yoriai_answer=…`), ready to send.
pub async fn answered_draft(client: &reqwest::Client, base: &str) -> Result<String, Error> {
    let res = post(client, base, &format!("/s/{SLUG}/start"), "", &[]).await?;
    expect_redirect(&res, "start")?;
    let cookie = set_cookie(&res, "yoriai_answer").ok_or("no answer cookie")?;
    let res = post(client, base, &format!("/s/{SLUG}/p/1"), &cookie, ANSWERS).await?;
    expect_redirect(&res, "page")?;
    Ok(cookie)
}

/// Sends a saved draft; `Ok` only for the 303 to the thank-you page (acknowledged: stored).
pub async fn send(client: &reqwest::Client, base: &str, cookie: &str) -> Result<(), Error> {
    let res = post(client, base, &format!("/s/{SLUG}/submit"), cookie, &[]).await?;
    expect_redirect(&res, "submit")
}

/// The value at percentile `p` (0–100) of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// The PostgreSQL server the benchmarks and tests use (`YORIAI_TEST_POSTGRES_URL`).
pub fn postgres_admin_url() -> String {
    std::env::var("YORIAI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh database: a SQLite file in `dir` (`kind` "sqlite"), or a new PostgreSQL database
/// (`kind` "postgres", made with `psql`). Drop it with [`drop_database`].
pub fn database(kind: &str, dir: &Path, name: &str) -> Result<String, Error> {
    if kind == "postgres" {
        let admin = postgres_admin_url();
        // Several tests of one process may each want one at the same time.
        static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let db = format!("yoriai_bench_{name}_{}_{n}", std::process::id());
        let status = Command::new("psql")
            .args([admin.as_str(), "-q", "-c", &format!("CREATE DATABASE {db}")])
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            return Err(format!("cannot create {db} with psql on {admin}").into());
        }
        let base = admin
            .rsplit_once('/')
            .map_or(admin.clone(), |(b, _)| b.to_string());
        Ok(format!("{base}/{db}"))
    } else {
        Ok(format!("sqlite://{}/{name}.db", dir.display()))
    }
}

/// Drops a PostgreSQL database made by [`database`] (a SQLite file goes with its folder).
pub fn drop_database(kind: &str, url: &str) {
    if kind == "postgres"
        && let Some((_, name)) = url.rsplit_once('/')
    {
        let _ = Command::new("psql")
            .args([
                postgres_admin_url().as_str(),
                "-q",
                "-c",
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ])
            .stdout(Stdio::null())
            .status();
    }
}
