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

/// Shorthand for the most common refusal.
pub fn not_found<T>() -> Result<T> {
    Err(Error::Api(ApiError::NotFound))
}
