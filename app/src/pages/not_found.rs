//! The page for addresses that match no route.

use crate::components::error_page::ErrorPage;
use leptos::prelude::*;
use shared::ApiError;

/// A 404 page; or, when a form post was refused at an address that is no page (the post's
/// own), the refusal, in words (its status is already set).
#[component]
pub fn NotFound() -> impl IntoView {
    let error =
        use_context::<crate::api::request::RejectedForm>().map_or(ApiError::NotFound, |r| r.error);
    view! { <ErrorPage error=error/> }
}
