//! Safe upgrades: a database made by the previous release, with rows in every one of its
//! tables, is migrated by this one with nothing lost, and served.
//!
//! The fixtures (`tests/fixtures/upgrade/sqlite.sql`, `postgres.sql`) are kept in the
//! repository: each is the whole database (schema, `_sqlx_migrations` with its checksums, and
//! the rows) as the release whose last migration is [`FIXTURE_VERSION`] left it. The test loads
//! one into an empty database, reads every row of every table, runs this program's migrations,
//! and reads them again: each table is still there with the same rows (in the columns it had),
//! and the application signs people in and serves the surveys, results, groups and matters
//! they hold. A migration that edits a released migration file (its checksum no longer
//! matches), drops or rewrites data, or cannot run on real data fails here.
//!
//! The fixtures are made by `make_the_upgrade_fixtures` below (ignored; it needs PostgreSQL and
//! `pg_dump`): the demo data and one of everything the demo lacks, on a database migrated only
//! up to [`FIXTURE_VERSION`]. At a release, move `FIXTURE_VERSION` to its last migration and
//! run it again (see `docs/releasing.md`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Backend, TestApp, TestDb, cookie, form};
use shared::Lang;
use shared::survey::Text;
use shared::views::CurrentUser;
use std::collections::BTreeMap;
use std::path::PathBuf;
use yoriai_core::Core;
use yoriai_core::config::Config;
use yoriai_core::db::{Db, NewResponse, Store};
use yoriai_core::demo::{
    DEMO_ADMIN_EMAIL, DEMO_CLOSED_SLUG, DEMO_COUNCIL_EMAIL, DEMO_DEVICE_SLUG, DEMO_DIRECTOR_EMAIL,
    DEMO_DRAFT_SLUG, DEMO_ORGANISER_EMAIL, DEMO_RESIDENT_EMAIL, DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD, DEMO_SURVEY_SLUG,
};

/// The last migration of the release the fixtures were made with.
const FIXTURE_VERSION: i64 = 20261210000001;

fn fixture_path(backend: Backend) -> PathBuf {
    let name = match backend {
        Backend::Sqlite => "sqlite.sql",
        Backend::Postgres => "postgres.sql",
    };
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/upgrade/{name}"))
}

/// Runs a whole SQL script on one connection of its own (a dump sets session settings).
async fn run_script(url: &str, script: String) {
    use sqlx::Connection;
    let script = sqlx::AssertSqlSafe(script);
    if url.starts_with("sqlite:") {
        let options = std::str::FromStr::from_str(url)
            .map(|o: sqlx::sqlite::SqliteConnectOptions| o.create_if_missing(true));
        let mut conn = sqlx::SqliteConnection::connect_with(&options.expect("sqlite url"))
            .await
            .expect("connect");
        sqlx::raw_sql(script)
            .execute(&mut conn)
            .await
            .expect("load");
        conn.close().await.expect("close");
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
        sqlx::raw_sql(script)
            .execute(&mut conn)
            .await
            .expect("load");
        conn.close().await.expect("close");
    }
}

/// Strings read with one query, on whichever database `db` is.
async fn strings(db: &Db, sql: String, bind: Option<&str>) -> Vec<String> {
    let sql = sqlx::AssertSqlSafe(sql);
    match db {
        Db::Sqlite(p) => {
            let q = sqlx::query_scalar::<_, String>(sql);
            match bind {
                Some(b) => q.bind(b.to_string()),
                None => q,
            }
            .fetch_all(p)
            .await
        }
        Db::Postgres(p) => {
            let q = sqlx::query_scalar::<_, String>(sql);
            match bind {
                Some(b) => q.bind(b.to_string()),
                None => q,
            }
            .fetch_all(p)
            .await
        }
    }
    .expect("query")
}

/// The application's tables (not the migration history, not SQLite's own or full-text shadow
/// tables), each with its columns in order.
async fn tables(db: &Db) -> BTreeMap<String, Vec<String>> {
    let names = match db {
        Db::Sqlite(_) => {
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations'"
        }
        Db::Postgres(_) => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = \
             'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'"
        }
    };
    let mut out = BTreeMap::new();
    for table in strings(db, names.into(), None).await {
        let cols = columns(db, &table).await;
        out.insert(table, cols);
    }
    out
}

/// A table's columns, in order.
async fn columns(db: &Db, table: &str) -> Vec<String> {
    let sql = match db {
        Db::Sqlite(_) => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
        Db::Postgres(_) => {
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = \
             'public' AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    strings(db, sql.into(), Some(table)).await
}

/// Every row of `table`, each as the quoted values of `columns`, sorted.
async fn rows(db: &Db, table: &str, columns: &[String]) -> Vec<String> {
    // Names come from the database's own catalogue.
    let quote =
        |f: &str| -> Vec<String> { columns.iter().map(|c| format!("{f}(\"{c}\")")).collect() };
    let sql = match db {
        Db::Sqlite(_) => format!(
            "SELECT {} FROM \"{table}\"",
            quote("quote").join(" || char(31) || ")
        ),
        Db::Postgres(_) => format!(
            "SELECT concat_ws(chr(31), {}) FROM \"{table}\"",
            quote("quote_nullable").join(", ")
        ),
    };
    let mut rows = strings(db, sql, None).await;
    rows.sort_unstable();
    rows
}

/// Every table's rows.
async fn contents(
    db: &Db,
    tables: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (table, columns) in tables {
        out.insert(table.clone(), rows(db, table, columns).await);
    }
    out
}

/// The migrations a database has applied, newest last.
async fn applied(db: &Db) -> Vec<String> {
    strings(
        db,
        "SELECT CAST(version AS TEXT) FROM _sqlx_migrations WHERE success ORDER BY version".into(),
        None,
    )
    .await
}

async fn upgraded_whole(db: TestDb) {
    let script = std::fs::read_to_string(fixture_path(db.backend)).expect("the fixture");
    run_script(&db.url, script).await;
    let old = Db::connect(&db.url).await.expect("connect");
    let before_tables = tables(&old).await;
    let before = contents(&old, &before_tables).await;
    let history = applied(&old).await;
    assert_eq!(
        history.last().map(String::as_str),
        Some(FIXTURE_VERSION.to_string().as_str()),
        "the fixture is of the previous release"
    );
    let empty: Vec<&String> = before
        .iter()
        .filter(|(_, rows)| rows.is_empty())
        .map(|(t, _)| t)
        .collect();
    assert!(empty.is_empty(), "the fixture has no rows in {empty:?}");
    assert!(before_tables.len() >= 50, "{} tables", before_tables.len());

    old.migrate().await.expect("the upgrade");
    let now = applied(&old).await;
    assert!(now.len() > history.len(), "migrations ran: {now:?}");
    assert_eq!(&now[..history.len()], &history[..]);
    let after_tables = tables(&old).await;
    for (table, columns) in &before_tables {
        let kept = after_tables
            .get(table)
            .unwrap_or_else(|| panic!("{table} was dropped by the upgrade"));
        for column in columns {
            assert!(kept.contains(column), "{table}.{column} was dropped");
        }
        let after = rows(&old, table, columns).await;
        let lost: Vec<&String> = before[table]
            .iter()
            .filter(|r| !after.contains(r))
            .collect();
        let new: Vec<&String> = after
            .iter()
            .filter(|r| !before[table].contains(r))
            .collect();
        assert!(
            lost.is_empty() && new.is_empty(),
            "the rows of {table} changed in the upgrade: {} before, {} after; \
             before only: {lost:?}; after only: {new:?}",
            before[table].len(),
            after.len()
        );
    }
    let total: usize = before.values().map(Vec::len).sum();
    eprintln!(
        "upgrade ({:?}): {} tables, {total} rows kept; migrations {} → {}",
        db.backend,
        before_tables.len(),
        history.len(),
        now.len()
    );
    old.close().await;

    // The application serves it: people sign in with the passwords they had, and find what
    // they left.
    let app = TestApp::empty(db).await;
    let staff = cookie(&app, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let surveys = app.html_with_cookie("/staff", &staff).await;
    assert!(surveys.contains("夏祭りふりかえりアンケート"), "{surveys}");
    let closed = app
        .core
        .store
        .survey_by_slug(DEMO_CLOSED_SLUG)
        .await
        .unwrap()
        .unwrap();
    assert!(closed.response_count >= 40, "{}", closed.response_count);
    let results = app
        .get_with_cookie(&format!("/staff/surveys/{}/results", closed.id), &staff)
        .await;
    assert_eq!(results.status(), 200);
    let results = results.text().await.unwrap();
    assert!(
        results.contains(&format!("{}", closed.response_count)),
        "the results count the fixture's responses"
    );
    let texts = app
        .html_with_cookie(
            &format!("/staff/surveys/{}/texts/comment", closed.id),
            &staff,
        )
        .await;
    assert!(texts.contains("駐車場"), "the themes: {texts}");
    let matters = app.html_with_cookie("/matters", &staff).await;
    assert!(
        matters.contains("バス停前の街灯が消えています"),
        "{matters}"
    );
    let public = app.html(&format!("/s/{DEMO_CLOSED_SLUG}/results")).await;
    assert!(
        public.contains("利用の頻度と日曜開館への賛否です。"),
        "{public}"
    );
    let groups = app.html("/groups").await;
    assert!(groups.contains("北方商店会"), "{groups}");
    let director = cookie(&app, DEMO_DIRECTOR_EMAIL, DEMO_STAFF_PASSWORD).await;
    let notices = app.html_with_cookie("/notices", &director).await;
    assert!(notices.contains("旧版からのお知らせ"), "{notices}");
    let answer = app.get(&format!("/s/{DEMO_SURVEY_SLUG}")).await;
    assert_eq!(answer.status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn the_previous_release_upgrades_whole_sqlite() {
    upgraded_whole(TestDb::sqlite()).await;
}

#[tokio::test]
async fn the_previous_release_upgrades_whole_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    upgraded_whole(db).await;
}

// ---------------------------------------------------------------------------------------------
// Making the fixtures.

/// Makes both fixtures: `YORIAI_MAKE_FIXTURES=1 cargo test -p yoriai-server --test upgrade --
/// --ignored --nocapture`.
#[tokio::test]
#[ignore = "makes the fixtures; run by hand at a release"]
async fn make_the_upgrade_fixtures() {
    // `--include-ignored` runs it too: rewrite the kept files only when asked to.
    if std::env::var("YORIAI_MAKE_FIXTURES").is_err() {
        eprintln!("SKIPPED: set YORIAI_MAKE_FIXTURES=1 to rewrite the upgrade fixtures");
        return;
    }
    for db in [Some(TestDb::sqlite()), TestDb::postgres().await] {
        let db = db.expect("PostgreSQL (and pg_dump) to make its fixture");
        let backend = db.backend;
        let pool = Db::connect(&db.url).await.unwrap();
        match &pool {
            Db::Sqlite(p) => sqlx::migrate!("../migrations/sqlite")
                .run_to(FIXTURE_VERSION, p)
                .await
                .unwrap(),
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres")
                .run_to(FIXTURE_VERSION, p)
                .await
                .unwrap(),
        }
        let core = Core::new(
            Store::new(pool.clone()),
            Config::for_database(db.url.clone()),
        );
        fill(&core).await;
        let present = tables(&pool).await;
        let rows = contents(&pool, &present).await;
        let empty: Vec<&String> = rows
            .iter()
            .filter(|(_, r)| r.is_empty())
            .map(|(t, _)| t)
            .collect();
        assert!(empty.is_empty(), "still empty: {empty:?}");
        let dump = match backend {
            Backend::Sqlite => dump_sqlite(&pool).await,
            Backend::Postgres => dump_postgres(&db.url),
        };
        pool.close().await;
        std::fs::create_dir_all(fixture_path(backend).parent().unwrap()).unwrap();
        std::fs::write(fixture_path(backend), dump).unwrap();
        eprintln!(
            "wrote {} ({} tables, {} rows)",
            fixture_path(backend).display(),
            rows.len(),
            rows.values().map(Vec::len).sum::<usize>()
        );
        let store = Store::new(Db::connect(&db.url).await.unwrap());
        db.cleanup(&store).await;
    }
}

fn header() -> String {
    format!(
        "-- Yoriai upgrade fixture: a database as the release whose last migration is\n\
         -- {FIXTURE_VERSION} left it, with rows in every table. Made by\n\
         -- `make_the_upgrade_fixtures` in server/tests/upgrade.rs; do not edit by hand.\n"
    )
}

/// SQLite: the schema as stored, then every table's rows as `INSERT`s (the full-text index is
/// rebuilt by its triggers as the texts go in).
async fn dump_sqlite(db: &Db) -> String {
    let mut out = header();
    out.push_str("PRAGMA foreign_keys = OFF;\nBEGIN;\n");
    let schema = strings(
        db,
        "SELECT m.sql || ';' FROM sqlite_master m \
         LEFT JOIN pragma_table_list l ON l.name = m.name AND l.schema = 'main' \
         WHERE m.sql IS NOT NULL AND m.name <> 'sqlite_sequence' \
         AND COALESCE(l.type, '') <> 'shadow' AND m.type <> 'trigger' ORDER BY m.rowid"
            .into(),
        None,
    )
    .await;
    push_lines(&mut out, schema);
    let mut all = tables(db).await;
    all.insert(
        "_sqlx_migrations".into(),
        columns(db, "_sqlx_migrations").await,
    );
    for (table, columns) in &all {
        let values: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
        let sql = format!(
            "SELECT 'INSERT INTO \"{table}\" VALUES (' || {} || ');' FROM \"{table}\" \
             ORDER BY rowid",
            values.join(" || ', ' || ")
        );
        push_lines(&mut out, strings(db, sql, None).await);
    }
    let triggers = strings(
        db,
        "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid".into(),
        None,
    )
    .await;
    push_lines(&mut out, triggers);
    // The full-text index of the texts, made from the table it indexes.
    out.push_str("INSERT INTO response_texts_fts (response_texts_fts) VALUES ('rebuild');\n");
    // No table uses AUTOINCREMENT, so there is no `sqlite_sequence` to carry over.
    let sequence = strings(
        db,
        "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'".into(),
        None,
    )
    .await;
    assert!(
        sequence.is_empty(),
        "a table uses AUTOINCREMENT: dump sqlite_sequence too"
    );
    out.push_str("COMMIT;\n");
    out
}

/// Appends each statement on a line of its own.
fn push_lines(out: &mut String, statements: Vec<String>) {
    for statement in statements {
        out.push_str(&statement);
        out.push('\n');
    }
}

/// PostgreSQL: `pg_dump` as plain `INSERT`s (loadable without `psql`), without its
/// `\restrict` lines (psql's own, from 15.14).
fn dump_postgres(url: &str) -> String {
    let out = std::process::Command::new("pg_dump")
        .args([
            "--no-owner",
            "--no-privileges",
            "--inserts",
            "--dbname",
            url,
        ])
        .output()
        .expect("pg_dump");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut dump = header();
    for line in text.lines() {
        if line.starts_with("\\restrict") || line.starts_with("\\unrestrict") {
            continue;
        }
        dump.push_str(line);
        dump.push('\n');
    }
    dump
}

/// Signs `email` in (a session, as a browser would have) and returns them as the core sees them.
async fn person(core: &Core, email: &str) -> CurrentUser {
    let signed = core
        .sign_in(email, DEMO_STAFF_PASSWORD, "203.0.113.10")
        .await
        .unwrap();
    core.user_for_token(&signed.token).await.unwrap().unwrap()
}

/// A small JPEG, as a phone's photo after the server has shrunk it.
fn photo() -> Vec<u8> {
    use image::ImageEncoder;
    let picture = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 120])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .write_image(&picture, 64, 48, image::ExtendedColorType::Rgb8)
        .unwrap();
    jpeg
}

/// The demo data, responses, and one of each thing the demo lacks: a row in every table.
async fn fill(core: &Core) {
    yoriai_core::demo::seed(core).await.unwrap();
    yoriai_core::seed::seed_responses(core, DEMO_CLOSED_SLUG, 40, 2025, 45)
        .await
        .unwrap();
    yoriai_core::seed::seed_responses(core, DEMO_SURVEY_SLUG, 12, 2026, 7)
        .await
        .unwrap();
    let staff = person(core, DEMO_STAFF_EMAIL).await;
    let admin = person(core, DEMO_ADMIN_EMAIL).await;
    let resident = person(core, DEMO_RESIDENT_EMAIL).await;
    let council = person(core, DEMO_COUNCIL_EMAIL).await;
    let organiser = person(core, DEMO_ORGANISER_EMAIL).await;
    let director = person(core, DEMO_DIRECTOR_EMAIL).await;
    let ward = staff.ward_id.unwrap();
    let kitagata = core
        .store
        .district_by_code(ward, "kmn-kitagata")
        .await
        .unwrap()
        .unwrap();
    let survey =
        |slug: &'static str| async move { core.store.survey_by_slug(slug).await.unwrap().unwrap() };
    let closed = survey(DEMO_CLOSED_SLUG).await;

    // Accounts: a failed sign-in, a reset asked for (its mail waits in the outbox), an address
    // change, a sign-up waiting for its link, an invitation not yet taken up.
    assert!(
        core.sign_in(DEMO_RESIDENT_EMAIL, "not the password", "203.0.113.11")
            .await
            .is_err()
    );
    core.request_password_reset(DEMO_RESIDENT_EMAIL, Lang::Ja, "203.0.113.12")
        .await
        .unwrap();
    core.request_email_change(
        &resident,
        "yui.kitagata@example.jp",
        DEMO_STAFF_PASSWORD,
        Lang::Ja,
    )
    .await
    .unwrap();
    core.request_sign_up(
        "shinki@example.jp",
        "新規 さん",
        "a long enough password",
        Some(&kitagata.to_string()),
        "/",
        "203.0.113.13",
        Lang::Ja,
    )
    .await
    .unwrap();
    core.store
        .record_sign_up("203.0.113.13", chrono::Utc::now())
        .await
        .unwrap();
    core.invite_person(
        &admin,
        &yoriai_core::admin::InvitationForm {
            form_key: "",
            email: "new-staff@example.jp",
            display_name: "戸畑 三郎",
            scope: yoriai_core::admin::ScopeForm {
                kind: "staff",
                ward: &ward.to_string(),
                ..Default::default()
            },
        },
        Lang::Ja,
    )
    .await
    .unwrap();

    // Surveys: one for a district only; a device's mark; answers saved part way; a paper sheet.
    let device = survey(DEMO_DEVICE_SLUG).await;
    core.update_survey_settings(
        &staff,
        device.id,
        &yoriai_core::surveys::builder::Settings {
            title: device.title.clone(),
            intro: device.intro.clone(),
            policy: device.policy,
            opens_at: device.opens_at,
            closes_at: device.closes_at,
            districts: vec![kitagata],
        },
    )
    .await
    .unwrap();
    core.store_response(NewResponse {
        district_id: Some(kitagata),
        mark: Some("device:fixture".into()),
        ..common::response(
            (device.id, device.current_version_id.unwrap()),
            "fixture-device",
            "1",
        )
    })
    .await
    .unwrap();
    core.start(
        DEMO_SURVEY_SLUG,
        &yoriai_core::respond::Respondent::default(),
        None,
        None,
        "203.0.113.14",
    )
    .await
    .unwrap();
    let open = survey(DEMO_SURVEY_SLUG).await;
    // Typed twice by two people: the first typing waits for the second.
    core.set_double_entry(&staff, open.id, true).await.unwrap();
    core.enter_paper(
        &staff,
        open.id,
        &form(&[
            ("sheet", "1"),
            ("q.use_freq", "4"),
            ("q.sunday", "2"),
            ("q.comment", "紙で回答しました。駐車場がもっとほしい。"),
        ]),
    )
    .await
    .unwrap();

    // Co-design: the council member approves the draft, which is then published.
    let draft = survey(DEMO_DRAFT_SLUG).await;
    core.set_approval(&council, draft.id, true).await.unwrap();
    core.publish_survey(&staff, draft.id).await.unwrap();

    // Analysis: a theme on the free-text answers, results published.
    core.tag_texts(
        &staff,
        closed.id,
        "comment",
        &yoriai_core::analytics::TextQuery {
            search: None,
            tag: None,
        },
        &yoriai_core::analytics::texts::Tagging {
            tag: None,
            new_name: Some("駐車場".into()),
            text: None,
            on: true,
        },
    )
    .await
    .unwrap();
    core.publish_results(
        &staff,
        closed.id,
        &["use_freq".to_string(), "sunday".to_string()],
        &Text::ja("利用の頻度と日曜開館への賛否です。"),
        false,
    )
    .await
    .unwrap();

    // Networks: an event with a reply, a report about it, a notice from the centre.
    let shops = common::scalar_in(
        core.store.db(),
        "SELECT id FROM network_groups WHERE name = '北方商店会'",
    )
    .await;
    let event = core
        .create_post(
            &organiser,
            shops,
            &form(&[
                ("kind", "event"),
                ("title", "年末大売り出し"),
                ("body", "商店街の年末の大売り出しです。"),
                ("date", "2026-12-27"),
                ("start", "10:00"),
                ("end", "16:00"),
                ("place", "北方商店街"),
                ("capacity", "50"),
            ]),
        )
        .await
        .unwrap();
    core.rsvp(&organiser, event, true).await.unwrap();
    core.report(
        &resident,
        &form(&[
            ("group", &shops.to_string()),
            ("post", &event.to_string()),
            ("reason", "日付が去年のままです"),
        ]),
    )
    .await
    .unwrap();
    core.send_notice(
        &director,
        &form(&[
            ("title", "旧版からのお知らせ"),
            ("body", "北方市民センターは年末年始の間お休みです。"),
            ("district", &kitagata.to_string()),
        ]),
    )
    .await
    .unwrap();

    // The liaison log: a matter with a photo, a meeting under way.
    let matter = common::scalar_in(core.store.db(), "SELECT MIN(id) FROM matters").await;
    core.add_matter_photo(&staff, matter, photo())
        .await
        .unwrap();
    core.start_meeting(&staff).await.unwrap();
}
