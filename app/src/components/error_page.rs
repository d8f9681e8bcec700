//! A page-sized explanation of why a page cannot be shown.

use crate::api::request::set_status;
use crate::i18n::{Msg, error_title, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ApiError;

/// Shows an error as a page and sets the matching HTTP status.
#[component]
pub fn ErrorPage(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    set_status(error.status());
    let title = error_title(lang, &error);
    // A closed survey's page points on to its results, which the ward may have published.
    let closed_results = (error == ApiError::SurveyClosed)
        .then(|| {
            let path = leptos_router::hooks::use_location()
                .pathname
                .get_untracked();
            let slug = path.strip_prefix("/s/")?.split('/').next()?.to_string();
            Some(view! {
                <p>
                    <a href=format!("/s/{slug}/results")>
                        {crate::i18n::tre(lang, "集計結果を見る", "See the results", "けっかを みる")}
                    </a>
                </p>
            })
        })
        .flatten();
    let body = match error {
        ApiError::NotFound => Some(t(lang, Msg::NotFoundBody)),
        ApiError::SurveyClosed => Some(t(lang, Msg::ClosedBody)),
        ApiError::Internal => Some(t(lang, Msg::InternalBody)),
        _ => None,
    };
    view! {
        <Title text=title/>
        <section class="notice" data-error=error.code()>
            <h1>{title}</h1>
            {body.map(|b| view! { <p>{b}</p> })}
            {closed_results}
            <p>
                <a href="/">{t(lang, Msg::BackHome)}</a>
            </p>
        </section>
    }
}
