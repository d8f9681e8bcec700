//! The route's parameters, as pages read them.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the route (a survey, a group, a draft…); 0 when it is not a number, which the
/// server answers with 404.
pub fn id_param() -> i64 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}
