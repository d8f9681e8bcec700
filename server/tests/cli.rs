//! The `yoriai` command line, run as a real process against a fresh SQLite file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

mod common;

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

fn yoriai(db_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoriai"))
        .args(args)
        .env("YORIAI_DATABASE_URL", db_url)
        .env("YORIAI_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yoriai");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// `yoriai serve ARGS` on a free port, its standard output piped (and standard error too, or
/// dropped), left running.
fn spawn_serve(db_url: &str, args: &[&str], stderr: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_yoriai"))
        .arg("serve")
        .args(args)
        .env("YORIAI_DATABASE_URL", db_url)
        .env("YORIAI_ADDR", "127.0.0.1:0")
        .env("YORIAI_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("run yoriai serve")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[tokio::test]
async fn migrate_create_admin_and_seed_demo_work_from_the_command_line() {
    let db = common::TestDb::sqlite();
    let out = yoriai(&db.url, &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("migrated"));
    // The demo first (a database with real accounts refuses it: see below); twice, to show
    // that repeating it duplicates nothing.
    for _ in 0..2 {
        let out = yoriai(&db.url, &["seed-demo"], "");
        assert!(out.status.success(), "{}", text(&out));
    }

    let admin = [
        "create-admin",
        "--email",
        "Admin@Example.JP",
        "--name",
        "区 管理者",
    ];
    let out = yoriai(&db.url, &admin, "short\n");
    assert!(!out.status.success(), "a short password is refused");
    assert!(text(&out).contains("TooShort"), "{}", text(&out));
    let out = yoriai(&db.url, &admin, "a long enough passphrase\n");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("created admin"));
    let out = yoriai(&db.url, &admin, "another long passphrase\n");
    assert!(
        !out.status.success(),
        "the same e-mail address twice is refused"
    );
    assert!(text(&out).contains("exists"), "{}", text(&out));

    let store = db.store().await;
    let core = yoriai_core::Core::new(
        store.clone(),
        yoriai_core::config::Config::for_database(db.url.clone()),
    );
    // The admin signs in with the password typed on standard input (e-mail normalised).
    let signed_in = core
        .sign_in("admin@example.jp", "a long enough passphrase", "127.0.0.1")
        .await
        .expect("admin signs in");
    let me = core
        .user_for_token(&signed_in.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (me.display_name.as_str(), me.role),
        ("区 管理者", shared::account::Role::Admin)
    );
    // Seeding twice duplicated nothing.
    let ward = store
        .upsert_ward("kitakyushu-kokuraminami", "小倉南区", "Kokura Minami Ward")
        .await
        .unwrap();
    assert_eq!(store.districts(ward).await.unwrap().len(), 14);
    assert_eq!(store.centre_count().await.unwrap(), 14);
    // The community-centre survey, a closed one, one per limiting response policy, and a
    // draft in review by a council member (with a comment and a suggestion, once).
    assert_eq!(store.surveys(None, None).await.unwrap().len(), 6);
    let draft = store
        .survey_by_slug(yoriai_core::demo::DEMO_DRAFT_SLUG)
        .await
        .unwrap()
        .unwrap();
    assert!(draft.review_since.is_some());
    assert_eq!(store.reviewers(draft.id).await.unwrap().len(), 1);
    assert_eq!(store.comments(draft.id).await.unwrap().len(), 1);
    assert_eq!(store.suggestions(draft.id).await.unwrap().len(), 1);
    let code_survey = store
        .survey_by_slug(yoriai_core::demo::DEMO_CODE_SLUG)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.code_counts(code_survey.id).await.unwrap(), (5, 0));
    db.cleanup(&store).await;
}

#[tokio::test]
async fn seed_report_and_export_from_the_command_line() {
    let db = common::TestDb::sqlite();
    let slug = yoriai_core::demo::DEMO_SURVEY_SLUG;
    let out = yoriai(&db.url, &["seed-demo"], "");
    assert!(out.status.success(), "{}", text(&out));
    let seed = [
        "seed-responses",
        "--survey",
        slug,
        "--count",
        "300",
        "--seed",
        "4",
    ];
    let out = yoriai(&db.url, &seed, "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("added 300 responses"), "{}", text(&out));
    // A draft cannot be seeded.
    let draft = [
        "seed-responses",
        "--survey",
        yoriai_core::demo::DEMO_DRAFT_SLUG,
        "--count",
        "5",
    ];
    let out = yoriai(&db.url, &draft, "");
    assert!(!out.status.success() && text(&out).contains("not published"));

    // The report: every question and a cross-tab, as JSON; the same twice.
    let report = [
        "report",
        "--survey",
        slug,
        "--rows",
        "q:age",
        "--columns",
        "district",
        "--filter",
        "ch=web",
    ];
    let out = yoriai(&db.url, &report, "");
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = json["dashboard"]["total"]["Count"].as_u64().unwrap();
    let web = json["dashboard"]["by_channel"][0]["count"]["Count"]
        .as_u64()
        .unwrap();
    assert_eq!(total, web, "the filter keeps web responses only");
    assert!(total > 150 && total < 300, "{total}");
    let cells: u64 = json["crosstab"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter())
        .map(|c| c["Count"].as_u64().unwrap())
        .sum();
    assert_eq!(cells, json["crosstab"]["total"]["Count"].as_u64().unwrap());
    assert_eq!(
        yoriai(&db.url, &report, "").stdout,
        out.stdout,
        "reproducible"
    );
    let bad = [
        "report",
        "--survey",
        slug,
        "--rows",
        "q:nope",
        "--columns",
        "district",
    ];
    let out = yoriai(&db.url, &bad, "");
    assert!(!out.status.success() && text(&out).contains("cannot be made"));

    // Exports: CSV to a file (BOM, CRLF, a line per response), JSON to standard output.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    let file_arg = file.to_string_lossy().to_string();
    let export = [
        "export", "--survey", slug, "--format", "csv", "--output", &file_arg,
    ];
    let out = yoriai(&db.url, &export, "");
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(csv.matches("\r\n").count(), 301, "header and 300 lines");
    let out = yoriai(
        &db.url,
        &["export", "--survey", slug, "--format", "json"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["responses"].as_array().unwrap().len(), 300);
    // With the default log level (info), log lines go to standard error: standard output
    // redirected to a file is exactly the CSV, starting with its BOM.
    let out = Command::new(env!("CARGO_BIN_EXE_yoriai"))
        .args(["export", "--survey", slug, "--format", "csv"])
        .env("YORIAI_DATABASE_URL", &db.url)
        .env_remove("YORIAI_LOG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        out.stdout.starts_with(b"\xEF\xBB\xBF"),
        "standard output starts with the BOM, not with {:?}",
        String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(120)])
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches("\r\n").count(),
        301
    );
    let out = yoriai(
        &db.url,
        &["export", "--survey", slug, "--format", "pdf"],
        "",
    );
    assert!(!out.status.success() && text(&out).contains("csv, xlsx or json"));
}

/// Demo data (accounts with published passwords) never goes into a database with real
/// accounts: `seed-demo` and `serve --demo` refuse it, say why, and write nothing.
#[tokio::test]
async fn a_database_with_real_accounts_refuses_the_demo() {
    let db = common::TestDb::sqlite();
    let admin = [
        "create-admin",
        "--email",
        "admin@example.jp",
        "--name",
        "管理者",
    ];
    let out = yoriai(&db.url, &admin, "a long enough passphrase\n");
    assert!(out.status.success(), "{}", text(&out));

    let out = yoriai(&db.url, &["seed-demo"], "");
    assert!(!out.status.success(), "refused: {}", text(&out));
    assert!(text(&out).contains("real accounts"), "{}", text(&out));

    // `serve --demo` stops before listening (a timeout here means it started serving).
    let mut child = spawn_serve(&db.url, &["--demo"], Stdio::piped());
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().expect("kill");
            panic!("serve --demo started on a database with real accounts");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("output");
    assert!(!out.status.success());
    assert!(text(&out).contains("real accounts"), "{}", text(&out));

    let store = db.store().await;
    assert!(
        store.is_empty().await.unwrap(),
        "no demo ward, district or survey"
    );
    assert!(!store.is_demo().await.unwrap());
    assert!(
        store
            .credentials(yoriai_core::demo::DEMO_STAFF_EMAIL)
            .await
            .unwrap()
            .is_none(),
        "no demo account"
    );
    db.cleanup(&store).await;
}

/// A new ward from the command line: `serve` on an empty database says how to set it up;
/// `import-places` takes the example file, and lists every problem of a bad one.
#[tokio::test]
async fn a_new_ward_is_set_up_from_the_command_line() {
    let db = common::TestDb::sqlite();
    let mut serving = spawn_serve(&db.url, &[], Stdio::null());
    let stdout = serving.stdout.take().expect("stdout");
    let (said, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if said.send(line).is_err() {
                break;
            }
        }
    });
    let mut first_run = String::new();
    while let Ok(line) = heard.recv_timeout(std::time::Duration::from_secs(30)) {
        first_run.push_str(&line);
        first_run.push('\n');
        if line.contains("serve --demo") {
            break;
        }
    }
    serving.kill().expect("kill");
    serving.wait().expect("wait");
    assert!(first_run.contains("no account yet"), "{first_run}");
    assert!(first_run.contains("yoriai import-places"), "{first_run}");
    assert!(first_run.contains("create-admin"), "{first_run}");
    // The printed set-up link is the one stored (as a hash).
    let token = first_run
        .split("/setup/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a set-up link")
        .to_string();
    let store = db.store().await;
    assert_eq!(
        store.installation_value("setup_token").await.unwrap(),
        Some(yoriai_core::accounts::token_hash(&token))
    );

    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/kokura-minami-places.csv"
    );
    let out = yoriai(&db.url, &["import-places", example], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("imported 1 ward(s), 14 district(s), 14 community centre(s)"),
        "{}",
        text(&out)
    );
    let dir = std::env::temp_dir().join(format!("yoriai-places-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,district_reading,centre_ja,centre_en\n\
         w,区,Ward,Bad Code,名前,Name,なまえ,,\n\
         w,区,Ward,ok-code,名前,Name,ナマエ,,\n",
    )
    .unwrap();
    let out = yoriai(&db.url, &["import-places", bad.to_str().unwrap()], "");
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("nothing was imported"), "{said}");
    assert!(said.contains("line 2, district_code"), "{said}");
    assert!(said.contains("line 3, district_reading"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
    let store = db.store().await;
    assert_eq!(
        store.ward_ids().await.unwrap().len(),
        1,
        "the bad file added no ward"
    );
    db.cleanup(&store).await;
}
