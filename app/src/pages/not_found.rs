//! The page for addresses that match no route.

use crate::components::error_page::ErrorPage;
use leptos::prelude::*;
use shared::ApiError;

/// A 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=ApiError::NotFound/> }
}
