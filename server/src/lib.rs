//! Yoriai's server: configuration, database, services (the rules), web routes and the CLI.
//!
//! Request flow: axum receives a request; `web` checks its origin (CSRF), then either a form
//! handler (`web::forms`), a server function (`/api/…`, defined in `app::api`) or a Leptos page
//! handles it. All of them go through [`services::Services`], which is the only code that
//! decides who may do what, and which reaches the database through [`db::Store`].

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod seed;
pub mod services;
pub mod web;
pub mod xlsform;

pub use config::Config;
pub use error::{Error, Result};
