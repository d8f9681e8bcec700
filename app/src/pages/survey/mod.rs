//! The pages residents use to answer a survey: start, one screen per section, review, thanks.
//! Each answer travels as a plain form post (see the server's `web::answering`).

pub mod paper;
pub mod results;
pub mod review;
pub mod section;
pub mod start;
pub mod thanks;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The survey slug of the current route.
pub fn slug_param() -> String {
    use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default()
}
