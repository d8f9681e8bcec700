//! Test helpers: a fresh database per test (SQLite file or PostgreSQL database) and the whole
//! application served on a random port.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod smtp;

use server::web::{AppState, router};
use shared::Lang;
use shared::account::Role;
use shared::answer::{Answer, Answers, Channel, FormValues};
use shared::views::CurrentUser;
use std::net::SocketAddr;
use yoriai_core::Core;
use yoriai_core::config::Config;
use yoriai_core::db::{Db, NewResponse, Store};

/// Where the PostgreSQL tests connect to create their throwaway databases.
pub fn postgres_admin_url() -> String {
    std::env::var("YORIAI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database made for one test.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    /// A new, empty SQLite database in a temporary folder.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/yoriai.db", dir.path().display());
        TestDb {
            url,
            backend: Backend::Sqlite,
            _dir: Some(dir),
            pg_name: None,
        }
    }

    /// A new, empty PostgreSQL database, or `None` (with a visible message) when no server
    /// answers. With `YORIAI_REQUIRE_POSTGRES=1` (as in CI) a missing server fails the test.
    pub async fn postgres() -> Option<TestDb> {
        use sqlx::Connection;
        let admin_url = postgres_admin_url();
        let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
            Ok(c) => c,
            Err(e) => {
                if std::env::var("YORIAI_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                    panic!(
                        "PostgreSQL is required (YORIAI_REQUIRE_POSTGRES=1) but {admin_url} failed: {e}"
                    );
                }
                eprintln!("SKIPPED: PostgreSQL test, no server at {admin_url}: {e}");
                return None;
            }
        };
        let name = format!("yoriai_test_{}", random_suffix());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or(admin_url.clone());
        Some(TestDb {
            url: format!("{base}/{name}"),
            backend: Backend::Postgres,
            _dir: None,
            pg_name: Some(name),
        })
    }

    /// Connects and migrates.
    pub async fn store(&self) -> Store {
        let db = Db::connect(&self.url).await.expect("connect");
        db.migrate().await.expect("migrate");
        Store::new(db)
    }

    /// Drops a PostgreSQL test database (SQLite folders go with the value).
    pub async fn cleanup(self, store: &Store) {
        store.db().close().await;
        if let Some(name) = &self.pg_name {
            use sqlx::Connection;
            if let Ok(mut admin) = sqlx::PgConnection::connect(&postgres_admin_url()).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await;
            }
        }
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| char::from(b'a' + rng.gen_range(0..26u8)))
        .collect()
}

/// The application on a random port, with the demo data loaded.
pub struct TestApp {
    pub addr: SocketAddr,
    pub core: Core,
    pub db: TestDb,
    pub client: reqwest::Client,
    /// Dropping it stops the server.
    _serving: tokio::sync::watch::Sender<()>,
}

impl TestApp {
    pub async fn start(db: TestDb) -> TestApp {
        TestApp::start_with(db, |_| {}).await
    }

    /// The application with some settings changed from their defaults.
    pub async fn start_with(db: TestDb, configure: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::launch(db, configure, true).await
    }

    /// The application on an empty database, without the demo data (a real installation).
    /// Starts the server with its mail going to `smtp` (a real SMTP server on this machine).
    #[allow(dead_code, reason = "only the mail tests send mail")]
    pub async fn mailing_to(db: TestDb, smtp: &smtp::SmtpServer) -> TestApp {
        let url = smtp.url();
        TestApp::start_with(db, |c| c.smtp_url = Some(url)).await
    }

    pub async fn without_demo() -> TestApp {
        TestApp::empty(TestDb::sqlite()).await
    }

    /// The application on `db` left empty (no demo data), as a new installation starts.
    pub async fn empty(db: TestDb) -> TestApp {
        TestApp::launch(db, |_| {}, false).await
    }

    async fn launch(db: TestDb, configure: impl FnOnce(&mut Config), demo: bool) -> TestApp {
        // As `yoriai serve` runs by default: responses through the group-commit writer.
        let store = db.store().await.with_group_commit();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut config = Config::for_database(db.url.clone());
        // Links in mail start with the address the server really listens at.
        config.addr = addr;
        configure(&mut config);
        let core = Core::new(store, config);
        if demo {
            yoriai_core::demo::seed(&core).await.expect("seed");
        }
        let app = router(AppState::new(core.clone()));
        // The same accept loop as `yoriai serve` (with its header timeout).
        let serving = server::web::serve::spawn(listener, app, core.config.header_timeout);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            addr,
            core,
            db,
            client,
            _serving: serving,
        }
    }

    pub async fn sqlite() -> TestApp {
        TestApp::start(TestDb::sqlite()).await
    }

    pub async fn postgres() -> Option<TestApp> {
        Some(TestApp::start(TestDb::postgres().await?).await)
    }

    /// Starts the mail sender, as `yoriai serve` does (to the configured SMTP server, or files).
    pub fn spawn_mail_sender(&self) -> tokio::task::JoinHandle<()> {
        let mailer = yoriai_core::mail::Mailer::from_config(&self.core.config).expect("mailer");
        server::background::spawn_mail_sender(self.core.clone(), mailer)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// The page at `path` for someone signed out, which must answer 200.
    pub async fn html(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.expect("a body")
    }

    /// Posts a URL-encoded form the way a browser without JavaScript does.
    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
        self.post_form_with(path, pairs, &[]).await
    }

    pub async fn post_form_with(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let mut req = self
            .client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("origin"))
        {
            req = req.header("origin", format!("http://{}", self.addr));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.expect("POST")
    }

    /// Signs in as the demo staff member and returns the session cookie (`name=value`).
    pub async fn sign_in_staff(&self) -> String {
        let res = self
            .post_form(
                "/sign-in",
                &[
                    ("email", yoriai_core::demo::DEMO_STAFF_EMAIL),
                    ("password", yoriai_core::demo::DEMO_STAFF_PASSWORD),
                    ("next", "/staff"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "staff sign-in should redirect");
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("session cookie")
            .to_string();
        cookie.split(';').next().unwrap_or_default().to_string()
    }

    /// Makes the resident account `resident@example.jp` (once) and returns a browser signed in
    /// to it.
    pub async fn resident(&self) -> Browser<'_> {
        let (email, password) = ("resident@example.jp", "resident password");
        if self
            .core
            .store
            .credentials(email)
            .await
            .expect("query")
            .is_none()
        {
            self.core
                .create_user(
                    email,
                    "住民 太郎",
                    password,
                    shared::account::Role::Resident,
                    None,
                )
                .await
                .expect("resident account");
        }
        let mut browser = Browser::new(self);
        browser
            .post_to("/sign-in", &[("email", email), ("password", password)])
            .await;
        browser
    }

    /// A page's HTML with a cookie, expecting 200.
    pub async fn html_with_cookie(&self, path: &str, cookie: &str) -> String {
        let res = self.get_with_cookie(path, cookie).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.expect("body")
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("GET")
    }

    pub async fn demo_survey_id(&self) -> i64 {
        self.core
            .store
            .survey_by_slug(yoriai_core::demo::DEMO_SURVEY_SLUG)
            .await
            .expect("query")
            .expect("demo survey")
            .id
    }

    pub async fn stop(self) {
        let TestApp {
            core, db, _serving, ..
        } = self;
        drop(_serving);
        db.cleanup(&core.store).await;
    }
}

/// One browser without JavaScript: keeps the cookies the server sets (ignoring their paths,
/// which only matter across surveys) and sends them back.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: Vec<(String, String)>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: Vec::new(),
        }
    }

    pub fn with_cookie(mut self, name: &str, value: &str) -> Browser<'a> {
        self.cookies.push((name.into(), value.into()));
        self
    }

    /// The cookies as a `Cookie` header value.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, res: &reqwest::Response) {
        for value in res.headers().get_all("set-cookie") {
            let Some((pair, _)) = value.to_str().unwrap_or_default().split_once(';') else {
                continue;
            };
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            self.cookies.retain(|(k, _)| k != name);
            if !value.is_empty() {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> reqwest::Response {
        let res = self.app.get_with_cookie(path, &self.cookie_header()).await;
        self.keep_cookies(&res);
        res
    }

    pub async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
        let cookie = self.cookie_header();
        let res = self
            .app
            .post_form_with(path, pairs, &[("cookie", cookie.as_str())])
            .await;
        self.keep_cookies(&res);
        res
    }

    /// Posts and expects a 303 to somewhere; returns where.
    pub async fn post_to(&mut self, path: &str, pairs: &[(&str, &str)]) -> String {
        let res = self.post(path, pairs).await;
        assert_eq!(
            res.status(),
            303,
            "POST {path}: {}",
            res.text().await.unwrap_or_default()
        );
        res.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// A number read with one query (`SELECT COUNT(*) …`), on whichever database the app runs.
#[allow(dead_code, reason = "not every test file reads the database directly")]
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    scalar_in(app.core.store.db(), sql).await
}

/// A number read with one query, on `db` (without an app around it).
pub async fn scalar_in(db: &Db, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match db {
        yoriai_core::db::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        yoriai_core::db::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("query")
}

/// A web response to `survey` (id, version) answering "sunday" with `answer`, stored under
/// the idempotency key `key`. Change fields with `NewResponse { …, ..response(…) }`.
pub fn response(survey: (i64, i64), key: &str, answer: &str) -> NewResponse {
    let mut answers = Answers::default();
    answers
        .0
        .insert("sunday".into(), Answer::Value(answer.into()));
    NewResponse {
        survey_id: survey.0,
        version_id: survey.1,
        district_id: None,
        mark: None,
        code_id: None,
        draft_id: None,
        idempotency_key: key.into(),
        answers_json: serde_json::to_string(&answers).expect("answers"),
        lang: Lang::En,
        channel: Channel::Web,
        submitted_at: chrono::Utc::now(),
        entered_by: None,
        paper_entries: Vec::new(),
        texts: Vec::new(),
        referred_group_id: None,
    }
}

/// The password the tests' own accounts are made with.
pub const PASSWORD: &str = "a long enough password";

/// A new account of `role` (name = e-mail address, no district), signed in: the person as the
/// core sees them.
pub async fn user(app: &TestApp, email: &str, role: Role) -> CurrentUser {
    user_in(app, email, role, None).await
}

/// A new account of `role` living in `district`, signed in.
pub async fn user_in(app: &TestApp, email: &str, role: Role, district: Option<i64>) -> CurrentUser {
    let core = &app.core;
    let id = core
        .create_user(email, email, PASSWORD, role, None)
        .await
        .unwrap();
    if let Some(d) = district {
        let sql = "UPDATE users SET district_id = $1 WHERE id = $2";
        match core.store.db() {
            Db::Sqlite(p) => sqlx::query(sql).bind(d).bind(id).execute(p).await.map(drop),
            Db::Postgres(p) => sqlx::query(sql).bind(d).bind(id).execute(p).await.map(drop),
        }
        .unwrap();
    }
    let signed = core.sign_in(email, PASSWORD, "127.0.0.1").await.unwrap();
    core.user_for_token(&signed.token).await.unwrap().unwrap()
}

/// A session cookie (`name=token`) for an existing account.
pub async fn cookie(app: &TestApp, email: &str, password: &str) -> String {
    let signed = app
        .core
        .sign_in(email, password, "127.0.0.2")
        .await
        .unwrap();
    format!("{}={}", app::api::SESSION_COOKIE, signed.token)
}

/// Form values from pairs, as a posted form would give them.
pub fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues::of(pairs)
}

/// Two tests of one story (`async fn(&TestApp)`): the whole application on SQLite, then on
/// PostgreSQL (skipped with a message when no server answers, required in CI).
#[macro_export]
macro_rules! app_on_both_databases {
    ($story:ident, $on_sqlite:ident, $on_postgres:ident) => {
        #[tokio::test]
        async fn $on_sqlite() {
            let app = common::TestApp::sqlite().await;
            $story(&app).await;
            app.stop().await;
        }

        #[tokio::test]
        async fn $on_postgres() {
            let Some(app) = common::TestApp::postgres().await else {
                return;
            };
            $story(&app).await;
            app.stop().await;
        }
    };
}

/// Two tests of one story (`async fn(&Store)`) against the store alone: SQLite, then
/// PostgreSQL (skipped with a message when no server answers, required in CI).
#[macro_export]
macro_rules! store_on_both_databases {
    ($story:ident, $on_sqlite:ident, $on_postgres:ident) => {
        #[tokio::test]
        async fn $on_sqlite() {
            let db = common::TestDb::sqlite();
            let store = db.store().await;
            $story(&store).await;
            db.cleanup(&store).await;
        }

        #[tokio::test]
        async fn $on_postgres() {
            let Some(db) = common::TestDb::postgres().await else {
                return;
            };
            let store = db.store().await;
            $story(&store).await;
            db.cleanup(&store).await;
        }
    };
}

/// The body of the latest mail of `kind` queued to `to` (the outbox keeps it until sent).
pub async fn mail_to(app: &TestApp, to: &str, kind: &str) -> String {
    let sql = "SELECT body FROM mail_outbox WHERE recipient = $1 AND kind = $2 ORDER BY id DESC";
    match app.core.store.db() {
        Db::Sqlite(p) => {
            sqlx::query_scalar(sql)
                .bind(to)
                .bind(kind)
                .fetch_one(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_scalar(sql)
                .bind(to)
                .bind(kind)
                .fetch_one(p)
                .await
        }
    }
    .expect("a queued mail")
}
