//! A real SMTP server for the mail tests: Python's `aiosmtpd` (installed by
//! `scripts/install-tools.sh`), delivering every mail it accepts into a Maildir that the test
//! reads. Without Python or aiosmtpd the tests that need it say so and skip, except in CI
//! (`CI=true`), where a missing server fails them.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A received mail, decoded.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub body: String,
}

impl Received {
    /// The first address in the body that starts with `prefix` (a link), up to the line's end.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.body
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with(prefix))
            .map(str::to_string)
    }
}

/// Decodes one mail as a mail reader would (RFC 2047 subjects, base64 or quoted-printable
/// bodies).
pub fn parse(raw: &[u8]) -> Received {
    let message = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a mail message");
    let first = |list: Option<&mail_parser::Address>| {
        list.and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_string()
    };
    Received {
        to: first(message.to()),
        from: first(message.from()),
        subject: message.subject().unwrap_or_default().to_string(),
        body: message.body_text(0).unwrap_or_default().to_string(),
    }
}

/// An SMTP server on a port of its own.
pub struct SmtpServer {
    pub port: u16,
    maildir: tempfile::TempDir,
    child: Option<Child>,
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether aiosmtpd can run here; if not, says so (or fails in CI).
fn available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            !required(),
            "the mail tests need Python's aiosmtpd (scripts/install-tools.sh installs it)"
        );
        eprintln!("SKIPPED: no aiosmtpd here (pip install aiosmtpd); this mail test did not run");
    }
    ok
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl SmtpServer {
    /// A server accepting mail, or `None` (after saying why) where aiosmtpd is missing.
    pub fn start() -> Option<SmtpServer> {
        let mut server = SmtpServer::stopped()?;
        server.resume();
        Some(server)
    }

    /// A port with no server on it yet (mail sent there fails until [`SmtpServer::resume`]).
    pub fn stopped() -> Option<SmtpServer> {
        if !available() {
            return None;
        }
        Some(SmtpServer {
            port: free_port(),
            maildir: tempfile::tempdir().expect("a maildir"),
            child: None,
        })
    }

    /// Starts (or restarts) the server on its port and waits until it accepts connections.
    pub fn resume(&mut self) {
        self.pause();
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.mailbox())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server (the port refuses connections).
    pub fn pause(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The Maildir (made by aiosmtpd, with its `tmp`, `new` and `cur`, when it does not exist).
    fn mailbox(&self) -> PathBuf {
        self.maildir.path().join("Maildir")
    }

    /// The URL for `YORIAI_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.mailbox().join("new"))
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
    }

    /// Every mail received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.files()
            .iter()
            .map(|p| parse(&std::fs::read(p).expect("a delivered mail")))
            .collect()
    }

    /// Waits (up to 20 s) for the `n`th mail (counting from 1) to `to`, and returns it.
    pub async fn wait_for(&self, to: &str, n: usize) -> Received {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mine: Vec<Received> = self.received().into_iter().filter(|m| m.to == to).collect();
            if mine.len() >= n {
                return mine[n - 1].clone();
            }
            assert!(
                Instant::now() < deadline,
                "no mail #{n} to {to} arrived; received: {:?}",
                self.received()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.pause();
    }
}
