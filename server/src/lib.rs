//! Yoriai's server: HTTP (axum routes, form handlers, sessions, CSRF) and the command line.
//!
//! Request flow: axum receives a request; `web` checks its origin (CSRF), then either a form
//! handler (`web::<area>`, each with its `routes()`; what they share in `web::forms`), a server function (`/api/…`, defined in `app::api`) or a Leptos page
//! handles it. All of them go through [`yoriai_core::Core`], which is the only code that decides
//! who may do what, and which reaches the database through `yoriai_core::db::Store`.

pub mod background;
pub mod cli;
pub mod web;
