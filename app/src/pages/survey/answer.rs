//! `/s/{slug}`: one survey, ready to answer on a phone.

use crate::api::request::RejectedForm;
use crate::api::survey::get_survey_form;
use crate::components::error_page::ErrorPage;
use crate::components::islands::IslandScripts;
use crate::components::survey_form::SurveyFormIsland;
use crate::i18n::{Msg, t, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::{ApiError, FieldErrors};

/// The survey page. When the server re-renders it after a rejected plain form post, the
/// [`RejectedForm`] in context puts the answers back and the messages next to the fields.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                let slug = slug.clone();
                Suspend::new(async move {
                    match get_survey_form(slug).await {
                        Ok(form) => {
                            let (values, errors, failure) = match rejected {
                                Some(RejectedForm { values, error: ApiError::Validation(e) }) => {
                                    (values, e, None)
                                }
                                Some(RejectedForm { values, error }) => {
                                    (values, FieldErrors::default(), Some(error))
                                }
                                None => Default::default(),
                            };
                            let title = form.title.get(lang).to_string();
                            let intro = form.intro.get(lang).to_string();
                            let deadline = form.closes_at.map(|at| format_jst(at, lang));
                            view! {
                                <Title text=title.clone()/>
                                <article class="survey">
                                    <h1>{title}</h1>
                                    <p class="intro">{intro}</p>
                                    {deadline.map(|d| view! {
                                        <p class="deadline">{t(lang, Msg::Deadline)}": "{d}</p>
                                    })}
                                    <SurveyFormIsland
                                        slug=form.slug
                                        definition=form.definition
                                        idempotency_key=form.idempotency_key
                                        lang
                                        values
                                        errors
                                        failure
                                    />
                                </article>
                                <IslandScripts/>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
