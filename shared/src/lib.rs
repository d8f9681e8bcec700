//! Yoriai's vocabulary, shared by the server and the browser.
//!
//! **Invariant:** this crate does no I/O and depends on nothing that needs an operating system
//! (no tokio, sqlx, axum or argon2), so it compiles to WebAssembly and its tests run in
//! milliseconds. The same validation code runs on both sides, so a browser and the server can
//! never disagree about whether an answer is valid.

pub mod account;
pub mod admin;
pub mod analytics;
pub mod answer;
pub mod codesign;
pub mod edit;
pub mod error;
pub mod invitation;
pub mod lang;
pub mod matters;
pub mod network;
pub mod paper;
pub mod survey;
pub mod template;
pub mod text;
pub mod time;
pub mod views;
pub mod xlsform;

pub use error::{ApiError, FieldError, FieldErrors};
pub use lang::Lang;
