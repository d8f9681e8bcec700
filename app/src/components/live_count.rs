//! A response count that keeps itself up to date while staff watch answers arrive.

use leptos::prelude::*;

/// How often the count is refreshed, in seconds.
pub const REFRESH_SECONDS: u64 = 10;

/// The number of responses to a survey. Without JavaScript it is the count at page load; with
/// it, the count is fetched again every [`REFRESH_SECONDS`] and announced politely to screen
/// readers when it changes.
#[island]
pub fn LiveCount(survey_id: i64, initial: i64) -> impl IntoView {
    let count = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    {
        let refresh = move || {
            leptos::task::spawn_local(async move {
                // A failed poll (no signal, expired session) keeps the last known count.
                if let Ok(n) = crate::api::staff::get_response_count(survey_id).await {
                    count.set(n);
                }
            });
        };
        if let Ok(handle) =
            set_interval_with_handle(refresh, std::time::Duration::from_secs(REFRESH_SECONDS))
        {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = survey_id;
    view! {
        <span class="response-count" aria-live="polite" data-survey-id=survey_id>
            {move || count.get()}
        </span>
    }
}
