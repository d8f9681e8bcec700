//! Running Yoriai as a ward's IT department would: readiness for a load balancer, metrics for
//! Prometheus (only for the allowed addresses), backups made while residents answer and
//! restored with the `yoriai` command (refused while a server runs), `pg_dump` for
//! PostgreSQL, and a database newer than the program refused untouched.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use common::{TestApp, TestDb, scalar};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use yoriai_core::db::{Db, NewResponse};

fn yoriai(db_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoriai"))
        .args(args)
        .env("YORIAI_DATABASE_URL", db_url)
        .env("YORIAI_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run yoriai")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A response to the demo survey with one answer (1 to 5, from the key).
fn response(survey: (i64, i64), key: &str) -> NewResponse {
    common::response(survey, key, &((key.len() % 5) + 1).to_string())
}

async fn demo_survey(app: &TestApp) -> (i64, i64) {
    let id = app.demo_survey_id().await;
    let survey = app.core.store.survey_by_id(id).await.unwrap().unwrap();
    (id, survey.current_version_id.unwrap())
}

/// The value of the first sample of `name` whose labels contain `labels` in `/metrics`.
fn sample(metrics: &str, name: &str, labels: &str) -> Option<f64> {
    metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.starts_with(name) && l.contains(labels))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn readiness_and_metrics_for_the_allowed_addresses_only() {
    server::web::metrics::install();
    let app = TestApp::sqlite().await;

    // Not ready until the mail sender goes round; the reason is named.
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 503);
    let body = res.text().await.unwrap();
    assert!(body.contains("outbox"), "{body}");
    let _sender = app.spawn_mail_sender();
    let mut ready = false;
    for _ in 0..50 {
        if app.get("/readyz").await.status() == 200 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "ready once the mail sender runs");
    assert_eq!(app.get("/readyz").await.text().await.unwrap(), "ready\n");

    // Some traffic: a page, an unknown address, responses through the writer, the results.
    assert_eq!(app.get("/").await.status(), 200);
    assert_eq!(app.get("/no-such-page").await.status(), 404);
    let survey = demo_survey(&app).await;
    let writes: Vec<_> = (0..20)
        .map(|i| {
            let store = app.core.store.clone();
            tokio::spawn(async move {
                store
                    .insert_response(&response(survey, &format!("metrics-{i}")))
                    .await
            })
        })
        .collect();
    for w in writes {
        w.await.unwrap().unwrap();
    }
    let staff = app.sign_in_staff().await;
    let results = app
        .get_with_cookie(&format!("/staff/surveys/{}/results", survey.0), &staff)
        .await;
    assert_eq!(results.status(), 200);

    let res = app.get("/metrics").await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let metrics = res.text().await.unwrap();
    for (name, labels) in [
        ("yoriai_http_requests_total", r#"class="page",status="200""#),
        (
            "yoriai_http_requests_total",
            r#"class="unmatched",status="404""#,
        ),
        (
            "yoriai_http_request_duration_seconds_bucket",
            r#"class="page",le="+Inf""#,
        ),
    ] {
        assert!(
            sample(&metrics, name, labels).is_some_and(|n| n >= 1.0),
            "{name}{{{labels}}} counted: {metrics}"
        );
    }
    // Twenty responses in batches: the histogram counts every response once.
    assert!(
        sample(&metrics, "yoriai_writer_batch_size_sum", "").is_some_and(|n| n >= 20.0),
        "{metrics}"
    );
    assert_eq!(sample(&metrics, "yoriai_writer_queue", ""), Some(0.0));
    assert_eq!(
        sample(&metrics, "yoriai_db_pool_max_connections", ""),
        Some(8.0)
    );
    assert!(sample(&metrics, "yoriai_db_pool_connections", "").is_some_and(|n| n >= 1.0));
    let backlog = scalar(
        &app,
        "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .await;
    assert_eq!(
        sample(&metrics, "yoriai_mail_outbox_backlog", ""),
        Some(backlog as f64)
    );
    assert!(
        sample(&metrics, "yoriai_cube_refreshes_total", "how=").is_some_and(|n| n >= 1.0),
        "{metrics}"
    );
    assert!(sample(&metrics, "yoriai_cube_rows_read_total", "").is_some_and(|n| n >= 20.0));
    app.stop().await;

    // Nobody allowed: 404, as if nothing were there.
    let closed = TestApp::start_with(TestDb::sqlite(), |c| c.metrics_from = Vec::new()).await;
    assert_eq!(closed.get("/metrics").await.status(), 404);
    closed.stop().await;
    // Behind a trusted proxy, the client the proxy names decides, not the proxy.
    let proxied = TestApp::start_with(TestDb::sqlite(), |c| c.trusted_proxies = 1).await;
    let res = proxied
        .client
        .get(proxied.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = proxied
        .client
        .get(proxied.url("/metrics"))
        .header("x-forwarded-for", "127.0.0.1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    proxied.stop().await;
}

/// The responses of a SQLite file, in order: (id, answers).
async fn responses_in(url: &str) -> Vec<(i64, String)> {
    let db = Db::connect(url).await.unwrap();
    let Db::Sqlite(pool) = &db else {
        panic!("a SQLite database")
    };
    let rows = sqlx::query_as("SELECT id, answers FROM responses ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap();
    db.close().await;
    rows
}

#[tokio::test]
async fn a_backup_made_while_residents_answer_is_restored_whole() {
    let app = TestApp::sqlite().await;
    let survey = demo_survey(&app).await;
    let before = scalar(&app, "SELECT COUNT(*) FROM responses").await;

    // Residents answer all the while (eight at a time, through the writer).
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load: Vec<_> = (0..8)
        .map(|w| {
            let store = app.core.store.clone();
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    store
                        .insert_response(&response(survey, &format!("load-{w}-{n}")))
                        .await
                        .unwrap();
                    n += 1;
                }
                n
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yoriai-backup.db");
    let file_arg = file.to_str().unwrap().to_string();
    let url = app.db.url.clone();
    let out = tokio::task::spawn_blocking(move || yoriai(&url, &["backup", "--output", &file_arg]))
        .await
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("backed up to"), "{}", text(&out));
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut written = 0;
    for l in load {
        written += l.await.unwrap();
    }
    let after = scalar(&app, "SELECT COUNT(*) FROM responses").await;
    assert_eq!(after, before + written);

    // A backup never overwrites.
    let out = yoriai(&app.db.url, &["backup", "--output", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(text(&out).contains("never overwrites"), "{}", text(&out));

    // Restored into a new place: every response it holds is the live one, nothing torn.
    let restored_url = format!("sqlite://{}/restored.db", dir.path().display());
    let out = yoriai(&restored_url, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let restored = responses_in(&restored_url).await;
    let live = responses_in(&app.db.url).await;
    assert!(
        restored.len() as i64 > before && (restored.len() as i64) < after,
        "made during the load: {} of {before}..{after}",
        restored.len()
    );
    assert_eq!(
        restored[..],
        live[..restored.len()],
        "the backup is the live database as of one moment"
    );
    // The counter kept with the survey agrees with its rows in the copy too.
    let db = Db::connect(&restored_url).await.unwrap();
    let Db::Sqlite(pool) = &db else { panic!() };
    let (rows, counted): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM responses WHERE survey_id = $1), \
         (SELECT response_count FROM surveys WHERE id = $1)",
    )
    .bind(survey.0)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(rows, counted);
    db.close().await;

    // A running server keeps it from being restored over; stopped, the restore goes ahead
    // and keeps what it replaced.
    let mut serving = Command::new(env!("CARGO_BIN_EXE_yoriai"))
        .arg("serve")
        .env("YORIAI_DATABASE_URL", &restored_url)
        .env("YORIAI_ADDR", "127.0.0.1:0")
        .env("YORIAI_LOG", "warn")
        .env("YORIAI_MAIL_DIR", dir.path().join("mail"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines =
        std::io::BufRead::lines(std::io::BufReader::new(serving.stdout.take().unwrap()));
    let running = lines
        .find(|l| l.as_ref().is_ok_and(|l| l.contains("is running at")))
        .and_then(Result::ok)
        .unwrap_or_default();
    assert!(running.contains("http://"), "{running}");
    let out = yoriai(&restored_url, &["restore", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(text(&out).contains("a server is running"), "{}", text(&out));
    assert_eq!(responses_in(&restored_url).await.len(), restored.len());
    serving.kill().unwrap();
    serving.wait().unwrap();
    let out = yoriai(&restored_url, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("kept as"), "{}", text(&out));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .count();
    assert_eq!(kept, 1);

    // Not a database, or not Yoriai's: refused, nothing replaced.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let out = yoriai(&restored_url, &["restore", junk.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("not a SQLite database"),
        "{}",
        text(&out)
    );
    assert_eq!(responses_in(&restored_url).await.len(), restored.len());
    app.stop().await;
}

#[tokio::test]
async fn postgres_is_backed_up_with_pg_dump() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    // `yoriai backup` says what to use instead.
    let out = yoriai(
        &app.db.url,
        &["backup", "--output", "/tmp/never-written.db"],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("pg_dump --format=custom"),
        "{}",
        text(&out)
    );

    let survey = demo_survey(&app).await;
    for i in 0..10 {
        app.core
            .store
            .insert_response(&response(survey, &format!("pg-{i}")))
            .await
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("yoriai.dump");
    let out = Command::new("pg_dump")
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(&app.db.url)
        .output()
        .expect("pg_dump is installed with the PostgreSQL client");
    assert!(out.status.success(), "{}", text(&out));
    let target = TestDb::postgres().await.unwrap();
    let out = Command::new("pg_restore")
        .args(["--no-owner", "--dbname", &target.url])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    // The restored database: the same rows, and the program starts on it (nothing to migrate).
    let restored = target.store().await;
    for table in [
        "responses",
        "users",
        "surveys",
        "matters",
        "group_posts",
        "audit_log",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let Db::Postgres(pool) = restored.db() else {
            panic!()
        };
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(n, scalar(&app, &sql).await, "{table}");
    }
    target.cleanup(&restored).await;
    app.stop().await;
}

/// A database migrated by a newer Yoriai: refused with a message, and left as it was.
async fn newer_database_refused(db: TestDb) {
    let store = db.store().await;
    let future = 99_991_231_000_001_i64;
    let insert = "INSERT INTO _sqlx_migrations \
                  (version, description, success, checksum, execution_time) \
                  VALUES ($1, 'from the future', TRUE, $2, 1)";
    let count = "SELECT COUNT(*) FROM _sqlx_migrations";
    let before: i64 = match store.db() {
        Db::Sqlite(p) => {
            sqlx::query(insert)
                .bind(future)
                .bind(vec![0_u8; 48])
                .execute(p)
                .await
                .unwrap();
            sqlx::query_scalar(count).fetch_one(p).await.unwrap()
        }
        Db::Postgres(p) => {
            sqlx::query(insert)
                .bind(future)
                .bind(vec![0_u8; 48])
                .execute(p)
                .await
                .unwrap();
            sqlx::query_scalar(count).fetch_one(p).await.unwrap()
        }
    };
    let again = Db::connect(&db.url).await.unwrap();
    let refusal = again.migrate().await.unwrap_err().to_string();
    assert!(refusal.contains("newer Yoriai"), "{refusal}");
    assert!(refusal.contains(&future.to_string()), "{refusal}");
    again.close().await;
    // The command line says the same and exits with failure.
    let out = yoriai(&db.url, &["migrate"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("newer Yoriai"), "{}", text(&out));
    let after: i64 = match store.db() {
        Db::Sqlite(p) => sqlx::query_scalar(count).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(count).fetch_one(p).await.unwrap(),
    };
    assert_eq!(after, before, "nothing was changed");
    db.cleanup(&store).await;
}

#[tokio::test]
async fn a_newer_database_is_refused_sqlite() {
    newer_database_refused(TestDb::sqlite()).await;
}

#[tokio::test]
async fn a_newer_database_is_refused_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    newer_database_refused(db).await;
}
