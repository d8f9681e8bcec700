//! Yoriai's user interface: pages, components and server functions.
//!
//! The app runs in Leptos *islands* mode: every page is rendered on the server and works as plain
//! HTML; only components marked `#[island]` ship code to the browser and hydrate. This keeps the
//! resident pages within their weight budget (see `ARCHITECTURE.md`).
//!
//! **Invariant:** no SQL here, and nothing server-only in the browser build. Under `ssr`, server
//! functions call `yoriai_core::Core` directly (see [`api::core`]); the `hydrate` build has no
//! `yoriai-core` in it at all (`scripts/check-wasm-deps.sh` proves it).

pub mod api;
pub mod components;
pub mod display;
pub mod i18n;
pub mod pages;
pub mod shell;
pub mod time;

pub use shell::{App, shell};

/// The browser entry point: hydrates the islands on the page, and nothing else.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
