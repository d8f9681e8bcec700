//! The end-to-end harness: starts the release build of Yoriai on a random port with a fresh
//! SQLite database and the demo data, and a headless Chromium (Debian's `chromium` driven by its
//! `chromedriver`) at a phone-sized 390×844 viewport, with JavaScript on or off.
//!
//! Both the server and chromedriver run in process groups of their own, and the whole group is
//! killed when the harness is dropped, so no Chromium outlives a test.

pub mod bench;
pub mod cluster;
pub mod crash;
pub mod qr;
pub mod steps;

use fantoccini::{Client, ClientBuilder};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use yoriai_core::demo::{
    DEMO_CLOSED_SLUG, DEMO_CODE_SLUG, DEMO_COUNCIL_EMAIL, DEMO_DEVICE_SLUG, DEMO_DIRECTOR_EMAIL,
    DEMO_DRAFT_SLUG, DEMO_OPERATOR_EMAIL, DEMO_ORGANISER_EMAIL, DEMO_RESIDENT_EMAIL,
    DEMO_RESIDENT_SLUG, DEMO_STAFF_EMAIL as STAFF_EMAIL, DEMO_STAFF_PASSWORD as STAFF_PASSWORD,
    demo_codes,
};

/// The demo survey's path.
pub const SURVEY_PATH: &str = "/s/shimin-center-2026";

/// Why the harness could not start.
#[derive(Debug)]
pub enum Unavailable {
    /// Something needed is missing; outside CI the test is skipped with this message.
    Missing(String),
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A child process in its own process group, killed with its whole group on drop.
struct Group(Child);

impl Group {
    fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0).spawn().map(Group)
    }
}

impl Group {
    /// SIGTERM to the whole group, then waits up to `within` for the process to end; its exit
    /// status, or `None` if it was still running (the drop kills it then).
    fn terminate(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let began = Instant::now();
        while began.elapsed() < within {
            match self.0.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(_) => return None,
            }
        }
        None
    }

    /// SIGKILL to the whole group, then waits for the process (the drop finds it gone).
    fn kill_now(&mut self) {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &pgid]).status();
        let _ = self.0.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.0.id());
        // Quietly: after `kill_now` the group is already gone.
        let kill = |signal: &str| {
            let _ = Command::new("kill")
                .args([signal, "--", &pgid])
                .stderr(Stdio::null())
                .status();
        };
        kill("-TERM");
        std::thread::sleep(Duration::from_millis(200));
        kill("-KILL");
        let _ = self.0.wait();
    }
}

/// A Chrome DevTools Protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// A new browser session from chromedriver at `driver_url`: headless Debian Chromium with its
/// own profile folder, scripts on or off, at phone size.
async fn open_browser(
    driver_url: &str,
    profile: &Path,
    javascript: bool,
) -> Result<Client, Unavailable> {
    let missing = |m: String| Unavailable::Missing(m);
    let mut prefs = serde_json::Map::new();
    if !javascript {
        prefs.insert(
            "profile.managed_default_content_settings.javascript".into(),
            serde_json::json!(2),
        );
    }
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": std::env::var("YORIAI_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--lang=ja",
                "--window-size=390,844",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": prefs,
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        return Err(missing("capabilities must be an object".into()));
    };
    let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(driver_url)
        .await
        .map_err(|e| missing(format!("cannot open a browser session: {e}")))?;
    // A phone-sized viewport (an iPhone 12–15 class screen): headless windows cannot be
    // narrower than 500 px, and chromedriver's `mobileEmulation` hangs clicks when
    // JavaScript is off, so the viewport is set through the DevTools protocol instead.
    browser
        .issue_cmd(Cdp {
            cmd: "Emulation.setDeviceMetricsOverride",
            params: serde_json::json!({
                "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true
            }),
        })
        .await
        .map_err(|e| missing(format!("cannot set the phone viewport: {e}")))?;
    Ok(browser)
}

/// A running server and a browser.
pub struct Harness {
    /// The browser session.
    pub browser: Client,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    driver_url: String,
    _driver: Group,
    _server: Server,
    // Dropped after the server has stopped.
    _database: Option<DroppedDatabase>,
}

/// A PostgreSQL database made for one test, dropped when the test ends.
struct DroppedDatabase(String);

impl Drop for DroppedDatabase {
    fn drop(&mut self) {
        bench::drop_database("postgres", &self.0);
    }
}

/// Returns `Ok(None)` and prints a visible message when a test must be skipped; in CI
/// (`CI=true`) a missing piece is an error instead.
pub fn skip_or_fail(reason: Unavailable) -> Option<Harness> {
    let Unavailable::Missing(msg) = reason;
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("browser test cannot run in CI: {msg}");
    }
    eprintln!("SKIPPED: browser test: {msg}");
    None
}

async fn wait_for_http(port: u16, deadline: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < deadline {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// The release server on a random port with a fresh SQLite database and the demo data.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The folder holding the database (removed on drop).
    pub data: tempfile::TempDir,
    process: Group,
}

impl Server {
    /// Starts `target/release/yoriai serve --demo` on a fresh SQLite database.
    pub async fn start() -> Result<Server, Unavailable> {
        let data = tempfile::tempdir().map_err(|e| Unavailable::Missing(e.to_string()))?;
        let url = format!("sqlite://{}/yoriai.db", data.path().display());
        Server::launch(&url, true, data).await
    }

    /// Starts the release server on an existing database (`sqlite://…` or `postgres://…`),
    /// loading the demo data first when `demo` is set.
    pub async fn start_on(database_url: &str, demo: bool) -> Result<Server, Unavailable> {
        let data = tempfile::tempdir().map_err(|e| Unavailable::Missing(e.to_string()))?;
        Server::launch(database_url, demo, data).await
    }

    /// Like [`Server::start_on`], with extra environment variables for the server (such as
    /// `YORIAI_GROUP_COMMIT=false`).
    pub async fn start_with(
        database_url: &str,
        demo: bool,
        env: &[(&str, &str)],
    ) -> Result<Server, Unavailable> {
        let data = tempfile::tempdir().map_err(|e| Unavailable::Missing(e.to_string()))?;
        Server::launch_with(database_url, demo, data, env).await
    }

    /// Kills the server at once with SIGKILL (no shutdown, no flushing): a crash.
    pub fn kill(mut self) {
        self.process.kill_now();
    }

    /// Asks the server to stop with SIGTERM (as `systemctl stop` or `docker stop` do) and
    /// waits up to `within` for it to finish what it was doing and exit; its exit status, or
    /// `None` if it did not exit in time.
    pub async fn terminate(mut self, within: Duration) -> Option<std::process::ExitStatus> {
        tokio::task::spawn_blocking(move || self.process.terminate(within))
            .await
            .ok()
            .flatten()
    }

    async fn launch(
        database_url: &str,
        demo: bool,
        data: tempfile::TempDir,
    ) -> Result<Server, Unavailable> {
        Server::launch_with(database_url, demo, data, &[]).await
    }

    async fn launch_with(
        database_url: &str,
        demo: bool,
        data: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> Result<Server, Unavailable> {
        let missing = |m: String| Unavailable::Missing(m);
        let root = repo_root();
        let binary = root.join("target/release/yoriai");
        let site = root.join("target/site");
        if !binary.exists() || !site.join("pkg/yoriai.wasm").exists() {
            return Err(missing(format!(
                "{} or {}/pkg/yoriai.wasm is missing: run `cargo leptos build --release` first",
                binary.display(),
                site.display()
            )));
        }
        let port = free_port().map_err(|e| missing(e.to_string()))?;
        // What the server prints (the set-up link of a new installation) is kept in a file.
        let printed = std::fs::File::create(data.path().join("stdout.log"))
            .map_err(|e| missing(e.to_string()))?;
        let args: &[&str] = if demo {
            &["serve", "--demo"]
        } else {
            &["serve"]
        };
        let process = Group::spawn(
            Command::new(&binary)
                .args(args)
                .env("YORIAI_DATABASE_URL", database_url)
                .env("YORIAI_ADDR", format!("127.0.0.1:{port}"))
                .env("YORIAI_SITE_ROOT", &site)
                .env("YORIAI_LOG", "warn")
                // Mail (no SMTP server set) goes to files in the data folder.
                .env("YORIAI_MAIL_DIR", data.path().join("mail"))
                .envs(env.iter().copied())
                .stdout(Stdio::from(printed)),
        )
        .map_err(|e| missing(format!("cannot start the server: {e}")))?;
        if !wait_for_http(port, Duration::from_secs(30)).await {
            return Err(missing("the server did not start within 30 s".into()));
        }
        Ok(Server {
            base: format!("http://127.0.0.1:{port}"),
            data,
            process,
        })
    }
}

impl Harness {
    /// Starts the server and a browser; `javascript` turns scripts on or off.
    pub async fn start(javascript: bool) -> Result<Harness, Unavailable> {
        Harness::on(Server::start().await?, javascript).await
    }

    /// Starts the server on an empty database without the demo (a new installation, which
    /// prints its set-up link: [`Harness::printed`]) and a browser.
    pub async fn start_new_installation(javascript: bool) -> Result<Harness, Unavailable> {
        Harness::start_new_installation_on("sqlite", javascript).await
    }

    /// Like [`Harness::start_new_installation`], on a new database of `kind` (`sqlite`, or
    /// `postgres`: a database of its own on the test server, dropped with the harness).
    pub async fn start_new_installation_on(
        kind: &str,
        javascript: bool,
    ) -> Result<Harness, Unavailable> {
        let data = tempfile::tempdir().map_err(|e| Unavailable::Missing(e.to_string()))?;
        let url = bench::database(kind, data.path(), "journey").map_err(|e| {
            Unavailable::Missing(format!(
                "no {kind} database ({e}) at {}",
                bench::postgres_admin_url()
            ))
        })?;
        let dropped = (kind == "postgres").then(|| DroppedDatabase(url.clone()));
        let mut h = Harness::on(Server::launch(&url, false, data).await?, javascript).await?;
        h._database = dropped;
        Ok(h)
    }

    /// What the server has printed on its standard output so far.
    pub fn printed(&self) -> String {
        std::fs::read_to_string(self.data_dir().join("stdout.log")).unwrap_or_default()
    }

    async fn on(server: Server, javascript: bool) -> Result<Harness, Unavailable> {
        let missing = |m: String| Unavailable::Missing(m);
        let driver_path =
            std::env::var("YORIAI_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        if !Path::new(&driver_path).exists() {
            return Err(missing(format!(
                "{driver_path} not found (apt-get install chromium-driver)"
            )));
        }
        let driver_port = free_port().map_err(|e| missing(e.to_string()))?;
        let driver = Group::spawn(
            Command::new(&driver_path)
                .arg(format!("--port={driver_port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .map_err(|e| missing(format!("cannot start chromedriver: {e}")))?;
        if !wait_for_http(driver_port, Duration::from_secs(20)).await {
            return Err(missing("chromedriver did not start within 20 s".into()));
        }
        let driver_url = format!("http://127.0.0.1:{driver_port}");
        let browser = open_browser(
            &driver_url,
            &server.data.path().join("chrome-profile"),
            javascript,
        )
        .await?;
        Ok(Harness {
            browser,
            base: server.base.clone(),
            driver_url,
            _driver: driver,
            _server: server,
            _database: None,
        })
    }

    /// A second browser on the same server, with its own cookies (another person, or the
    /// same person's second session), at phone width.
    pub async fn another_browser(
        &self,
        name: &str,
        javascript: bool,
    ) -> Result<Client, Unavailable> {
        open_browser(
            &self.driver_url,
            &self
                ._server
                .data
                .path()
                .join(format!("chrome-profile-{name}")),
            javascript,
        )
        .await
    }

    /// Changes the viewport width (the height stays 844), as a narrower phone would have it.
    pub async fn set_width(&self, width: u32) -> Result<(), fantoccini::error::CmdError> {
        self.browser
            .issue_cmd(Cdp {
                cmd: "Emulation.setDeviceMetricsOverride",
                params: serde_json::json!({
                    "width": width, "height": 844, "deviceScaleFactor": 1, "mobile": true
                }),
            })
            .await
            .map(drop)
    }

    /// A desktop viewport (1366×768), as at a ward office's desk.
    pub async fn desktop(&self) -> Result<(), fantoccini::error::CmdError> {
        desktop(&self.browser).await
    }

    /// Waits (at most `within`) for one finished download in `dir` (Chromium writes a
    /// `.crdownload` file first and renames it when the download is complete) and returns its
    /// path.
    pub async fn downloaded(&self, dir: &Path, within: Duration) -> Option<PathBuf> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            let files: Vec<PathBuf> = std::fs::read_dir(dir)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            let partial = files
                .iter()
                .any(|f| f.extension().is_some_and(|x| x == "crdownload"));
            if !partial && let [file] = files.as_slice() {
                return Some(file.clone());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        None
    }

    /// The mails the server has written (no SMTP server is set in these tests), oldest first,
    /// as raw messages.
    pub fn mails(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.data_dir().join("mail"))
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// A folder that lives as long as the harness (the server's data folder).
    pub fn data_dir(&self) -> &Path {
        self._server.data.path()
    }

    /// The absolute URL of a path on the server under test.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Saves the whole page, not only the viewport, under `target/screenshots/NAME.png`.
    pub async fn full_screenshot(&self, name: &str) {
        use base64::Engine;
        let cdp = |cmd, params| Cdp { cmd, params };
        let Ok(metrics) = self
            .browser
            .issue_cmd(cdp("Page.getLayoutMetrics", serde_json::json!({})))
            .await
        else {
            return;
        };
        let size = &metrics["cssContentSize"];
        let clip = serde_json::json!({
            "x": 0, "y": 0, "scale": 1,
            "width": size["width"].as_f64().unwrap_or(390.0),
            "height": size["height"].as_f64().unwrap_or(844.0),
        });
        let shot = self
            .browser
            .issue_cmd(cdp(
                "Page.captureScreenshot",
                serde_json::json!({ "format": "png", "captureBeyondViewport": true, "clip": clip }),
            ))
            .await;
        let dir = repo_root().join("target/screenshots");
        if let Ok(shot) = shot
            && let Some(data) = shot["data"].as_str()
            && let Ok(png) = base64::engine::general_purpose::STANDARD.decode(data)
            && std::fs::create_dir_all(&dir).is_ok()
        {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Saves a screenshot under `target/screenshots/NAME.png` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        save_screenshot(&self.browser, name).await;
    }

    /// Another person's browser on the same server, with its own cookies, at phone width
    /// (see [`Harness::another_browser`]); the shared steps work in it as in the harness's.
    pub async fn person(&self, name: &str, javascript: bool) -> Result<Person, Unavailable> {
        Ok(Person {
            browser: self.another_browser(name, javascript).await?,
            base: self.base.clone(),
        })
    }
}

/// A desktop viewport: 1366×768, the most common office screen.
async fn desktop(browser: &Client) -> Result<(), fantoccini::error::CmdError> {
    browser
        .issue_cmd(Cdp {
            cmd: "Emulation.setDeviceMetricsOverride",
            params: serde_json::json!({
                "width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": false
            }),
        })
        .await
        .map(drop)
}

async fn save_screenshot(browser: &Client, name: &str) {
    let dir = repo_root().join("target/screenshots");
    if std::fs::create_dir_all(&dir).is_ok()
        && let Ok(png) = browser.screenshot().await
    {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

/// A browser on the server under test, as the shared [`steps`] drive it: the harness's own,
/// or another [`Person`]'s.
pub trait Browse {
    /// The WebDriver session.
    fn client(&self) -> &Client;
    /// The absolute URL of a path on the server.
    fn url(&self, path: &str) -> String;
}

impl Browse for Harness {
    fn client(&self) -> &Client {
        &self.browser
    }
    fn url(&self, path: &str) -> String {
        Harness::url(self, path)
    }
}

/// Another person's browser, beside the harness's own ([`Harness::person`]).
pub struct Person {
    /// The browser session.
    pub browser: Client,
    base: String,
}

impl Browse for Person {
    fn client(&self) -> &Client {
        &self.browser
    }
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Person {
    /// Saves a screenshot under `target/screenshots/NAME.png` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        save_screenshot(&self.browser, name).await;
    }

    /// A desktop viewport (1366×768), as at a ward office's desk.
    pub async fn desktop(&self) -> Result<(), fantoccini::error::CmdError> {
        desktop(&self.browser).await
    }
}
