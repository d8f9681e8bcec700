//! Server functions, one file per area. Each checks authorization on the server, because each is
//! also a public HTTP endpoint under `/api/`.

pub mod analytics;
pub mod codesign;
pub mod network;
pub mod request;
pub mod staff;
pub mod survey;

/// The cookie that carries the session token (HttpOnly, SameSite=Lax).
pub const SESSION_COOKIE: &str = "yoriai_session";
/// The cookie that remembers the chosen interface language.
pub const LANG_COOKIE: &str = "yoriai_lang";
/// The cookie that finds a respondent's saved answers (one per survey, scoped to its path).
pub const ANSWER_COOKIE: &str = "yoriai_answer";
/// The cookie that identifies a browser for one-per-device surveys.
pub const DEVICE_COOKIE: &str = "yoriai_device";
