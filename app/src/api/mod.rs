//! Server functions, one file per area. Each checks authorization on the server, because each is
//! also a public HTTP endpoint under `/api/`.

pub mod account;
pub mod admin;
pub mod analytics;
pub mod codesign;
pub mod matters;
pub mod network;
pub mod request;
pub mod staff;
pub mod survey;

/// The server's core (rules and database), which the server hands every page render and server
/// function as context. Each of its methods checks authorization itself: a server function is a
/// public HTTP endpoint, whatever page happens to call it. A missing context is a wiring bug.
#[cfg(feature = "ssr")]
pub fn core() -> Result<yoriai_core::Core, shared::ApiError> {
    leptos::prelude::use_context::<yoriai_core::Core>().ok_or(shared::ApiError::Internal)
}

/// The cookie that carries the session token (HttpOnly, SameSite=Lax).
pub const SESSION_COOKIE: &str = "yoriai_session";
/// The cookie that remembers the chosen interface language.
pub const LANG_COOKIE: &str = "yoriai_lang";
/// The cookie that finds a respondent's saved answers (one per survey, scoped to its path).
pub const ANSWER_COOKIE: &str = "yoriai_answer";
/// The cookie that identifies a browser for one-per-device surveys.
pub const DEVICE_COOKIE: &str = "yoriai_device";
