//! Yoriai's user interface: pages, components and server functions.
//!
//! The app runs in Leptos *islands* mode: every page is rendered on the server and works as plain
//! HTML; only components marked `#[island]` ship code to the browser and hydrate. This keeps the
//! resident pages within their weight budget (see `ARCHITECTURE.md`).
//!
//! **Invariant:** no SQL and no server-only crate here. Server functions reach the database through
//! the [`ports::Backend`] trait, which the `server` crate implements and provides as context.

pub mod api;
pub mod components;
pub mod display;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod shell;
pub mod time;

pub use shell::{App, shell};

/// The browser entry point: hydrates the islands on the page, and nothing else.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
