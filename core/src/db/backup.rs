//! Backups and restores of the embedded SQLite database, and the lock that tells a restore a
//! server is using the file.
//!
//! A backup is `VACUUM INTO`: SQLite writes a consistent copy of the database as one read
//! transaction sees it, while the server goes on serving (in WAL mode writers do not wait for
//! it). The copy is a plain SQLite file, compacted, with no `-wal` beside it.
//!
//! A restore puts such a file in the database's place, only when no server has the database
//! open: each `yoriai serve` holds a shared lock on `<database>.lock` while it runs, and a
//! restore needs that lock exclusively. The file is checked first (SQLite's integrity check,
//! Yoriai's migration table); the database it replaces is kept beside it.
//!
//! PostgreSQL has its own tools for both (`pg_dump`, `pg_restore`): the commands say so.

use crate::error::{Error, Result};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What PostgreSQL users are told to run instead of `yoriai backup`.
pub const PG_DUMP_HINT: &str = "For PostgreSQL, use its own tool while the servers run: \
    pg_dump --format=custom --file=yoriai.dump \"$YORIAI_DATABASE_URL\" \
    (and pg_restore --clean --if-exists --dbname=… yoriai.dump to restore, with the servers stopped).";

/// The SQLite file a `sqlite:` URL names; `None` for PostgreSQL or an in-memory database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty() && file != Path::new(":memory:")).then(|| file.to_path_buf())
}

/// Opens (making it and its folder if need be) the lock file beside a database file,
/// `<database>.lock`, unlocked.
fn open_lock(database: &Path) -> Result<File> {
    if let Some(parent) = database.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    Ok(File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?)
}

/// Held by a running server: a shared lock on `<database>.lock` (released when dropped, or
/// by the system when the process ends however it ends).
#[derive(Debug)]
pub struct ServingLock {
    _file: File,
}

/// Takes the serving lock of the database `url` names (nothing to lock for PostgreSQL).
pub fn lock_for_serving(url: &str) -> Result<Option<ServingLock>> {
    let Some(database) = sqlite_file(url) else {
        return Ok(None);
    };
    let file = open_lock(&database)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(ServingLock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Config(format!(
            "{} is being restored; start the server when the restore is done",
            database.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Responses in it.
    pub responses: i64,
}

/// Writes a consistent copy of the SQLite database `url` names to `output` (which must not
/// exist), while servers may go on using it.
pub async fn backup(url: &str, output: &Path) -> Result<BackupSummary> {
    let Some(database) = sqlite_file(url) else {
        return Err(Error::Config(PG_DUMP_HINT.into()));
    };
    if !database.exists() {
        return Err(Error::Config(format!(
            "there is no database at {}",
            database.display()
        )));
    }
    if output.exists() {
        return Err(Error::Config(format!(
            "{} exists: give a new file's name (a backup never overwrites)",
            output.display()
        )));
    }
    let target = output
        .to_str()
        .ok_or_else(|| Error::Config("the backup's file name must be UTF-8".into()))?;
    let options = SqliteConnectOptions::new()
        .filename(&database)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(30));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let checked = check_backup(output).await?;
    Ok(BackupSummary {
        path: output.to_path_buf(),
        bytes: std::fs::metadata(output)?.len(),
        responses: checked,
    })
}

/// Checks that `file` is a whole Yoriai SQLite database; returns how many responses it holds.
async fn check_backup(file: &Path) -> Result<i64> {
    let refused = |why: &str| Error::Config(format!("{}: {why}", file.display()));
    if !file.is_file() {
        return Err(refused("no such file"));
    }
    let options = SqliteConnectOptions::new().filename(file).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|_| refused("not a SQLite database"))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| refused("not a SQLite database"))?;
    if integrity != "ok" {
        return Err(refused(&format!("damaged ({integrity})")));
    }
    let migrated: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| refused("not a Yoriai database (no migration history)"))?;
    if migrated.is_none() {
        return Err(refused("not a Yoriai database (no migration applied)"));
    }
    let responses: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM responses")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| refused("not a Yoriai database (no responses table)"))?;
    conn.close().await?;
    Ok(responses)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    /// Responses in the restored database.
    pub responses: i64,
    /// Where the database it replaced was kept, if there was one.
    pub kept: Option<PathBuf>,
}

/// Puts the backup `file` in place of the SQLite database `url` names. Refused while a
/// server has the database open, and for a file that is not a whole Yoriai database; the
/// replaced database is kept as `<database>.before-restore-<time>`. The next start migrates
/// the restored database if it is older than the program.
pub async fn restore(url: &str, file: &Path) -> Result<RestoreSummary> {
    let Some(database) = sqlite_file(url) else {
        return Err(Error::Config(PG_DUMP_HINT.into()));
    };
    let responses = check_backup(file).await?;
    let lock = open_lock(&database)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::Config(format!(
                "a server is running on {}: stop it (every one), then restore",
                database.display()
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
    }
    // Copied beside the database first, so the swap is a rename on one file system.
    let mut incoming = database.as_os_str().to_owned();
    incoming.push(".restoring");
    let incoming = PathBuf::from(incoming);
    std::fs::copy(file, &incoming)?;
    File::open(&incoming)?.sync_all()?;
    let kept = if database.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut name = database.as_os_str().to_owned();
        name.push(format!(".before-restore-{stamp}"));
        let kept = PathBuf::from(name);
        // The old database's last writes may still be in its WAL: fold them in before moving.
        checkpoint(&database).await?;
        std::fs::rename(&database, &kept)?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let mut side = database.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::rename(&incoming, &database)?;
    drop(lock);
    Ok(RestoreSummary { responses, kept })
}

/// Writes a database's WAL back into its main file.
async fn checkpoint(database: &Path) -> Result<()> {
    let options = SqliteConnectOptions::new().filename(database);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;
    use std::path::Path;

    #[test]
    fn only_sqlite_files_are_backed_up_here() {
        assert_eq!(
            sqlite_file("sqlite://data/yoriai.db").as_deref(),
            Some(Path::new("data/yoriai.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/yoriai/yoriai.db?mode=rwc").as_deref(),
            Some(Path::new("/var/lib/yoriai/yoriai.db"))
        );
        assert_eq!(sqlite_file("postgres://localhost/yoriai"), None);
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
