//! The server's internal error, and how it crosses to the browser.
//!
//! Policy: code in `server` returns [`Result`]. At the edge (a server function or a form
//! handler), an [`Error`] becomes a [`shared::ApiError`]: expected refusals pass through as they
//! are, everything else is logged here with its details and reaches the browser only as
//! `ApiError::Internal`, so no SQL or file path ever leaks into a page.

use shared::ApiError;

/// Anything that can go wrong on the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal the user should see (not found, invalid answers, rate limited, …).
    #[error("{0}")]
    Api(ApiError),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Stored data could not be read back (bad JSON, unknown enum value).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// Password hashing failed or its task was lost.
    #[error("password hashing: {0}")]
    Hash(String),
    /// A file could not be read or written.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A QR code could not be made (an address far too long for one).
    #[error("QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    /// The configuration is unusable.
    #[error("configuration: {0}")]
    Config(String),
}

/// The server's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(e)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Api(api) => api,
            Error::Db(db) if transient(&db) => {
                tracing::warn!(error = %db, "database busy: asked to retry");
                ApiError::Busy
            }
            other => {
                tracing::error!(error = %other, "request failed");
                ApiError::Internal
            }
        }
    }
}

impl From<shared::survey::DefinitionError> for Error {
    fn from(e: shared::survey::DefinitionError) -> Self {
        Error::Corrupt(e.to_string())
    }
}

/// Whether a database failure will likely pass if the request is sent again: no connection
/// free in time, or the database locked, full or unreachable (SQLite's BUSY, LOCKED, IOERR,
/// FULL; PostgreSQL's insufficient resources, operator intervention, serialisation failure,
/// deadlock, lock not available). Its transaction was rolled back: nothing was stored.
pub fn transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => {
            let Some(code) = db.code() else {
                return false;
            };
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLite: an extended code keeps the primary one in its low byte.
                code.parse::<u32>()
                    .is_ok_and(|sqlite| matches!(sqlite & 0xff, 5 | 6 | 10 | 13))
            } else {
                // PostgreSQL's SQLSTATE (all digits for some, such as 40001: the backend,
                // not the shape of the code, says which list applies).
                code.starts_with("53")
                    || code.starts_with("57P0")
                    || matches!(code.as_ref(), "40001" | "40P01" | "55P03")
            }
        }
        _ => false,
    }
}

/// Shorthand for the most common refusal.
pub fn not_found<T>() -> Result<T> {
    Err(Error::Api(ApiError::NotFound))
}
