//! `/s/{slug}/review`: every answer given, with a link to change each screen, and the one button
//! that sends them.

use super::slug_param;
use crate::api::request::{RejectedForm, redirect_to};
use crate::api::survey::get_survey_review;
use crate::components::error_page::ErrorPage;
use crate::components::rich::Rich;
use crate::display::answer_text;
use crate::i18n::{Msg, error_title, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::views::ReviewView;

/// The review page.
#[component]
pub fn SurveyReviewPage() -> impl IntoView {
    let slug = slug_param();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (slug, rejected) = (slug.clone(), rejected.clone());
                Suspend::new(async move {
                    match get_survey_review(slug.clone()).await {
                        Ok(Some(review)) if review.submitted => {
                            redirect_to(&format!("/s/{slug}/thanks"));
                            ().into_any()
                        }
                        Ok(Some(review)) => review_view(review, rejected),
                        Ok(None) => {
                            redirect_to(&format!("/s/{slug}"));
                            ().into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn review_view(review: ReviewView, rejected: Option<RejectedForm>) -> AnyView {
    let lang = use_lang();
    let slug = review.slug.clone();
    let def = &review.definition;
    let sections = review
        .shown_sections
        .iter()
        .filter_map(|&i| def.sections().get(i).map(|s| (i, s)))
        .map(|(i, section)| {
            let rows = section
                .questions
                .iter()
                .filter(|q| q.show_if.as_ref().is_none_or(|c| c.holds(&review.answers)))
                .map(|q| {
                    view! {
                        <div class="answer" data-question=q.id.clone()>
                            <dt><Rich text=q.label.get(lang).to_string()/></dt>
                            <dd>{answer_text(lang, q, &review.answers)}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="review-section card">
                    <div class="review-head">
                        <h2><Rich text=section.title.get(lang).to_string()/></h2>
                        <a href=format!("/s/{slug}/p/{}", i + 1)>{t(lang, Msg::Change)}</a>
                    </div>
                    <dl>{rows}</dl>
                </section>
            }
        })
        .collect_view();
    let missing = review.missing.as_ref().map(|(index, _)| {
        let name = def
            .sections()
            .get(*index)
            .map(|s| s.title.plain(lang))
            .unwrap_or_default();
        view! {
            <div class="error-summary" role="alert" data-state="incomplete">
                <h2>{t(lang, Msg::MissingTitle)}</h2>
                <p>
                    <a href=format!("/s/{slug}/p/{}", index + 1)>
                        {name}" — "{t(lang, Msg::GoToPage)}
                    </a>
                </p>
            </div>
        }
    });
    let failure = rejected
        .filter(|r| !matches!(r.error, shared::ApiError::Validation(_)))
        .map(|r| view! { <p class="form-failure" role="alert" data-error=r.error.code()>{error_title(lang, &r.error)}</p> });
    view! {
        <Title text=t(lang, Msg::ReviewTitle)/>
        <article class="survey survey-review">
            <p class="survey-name"><Rich text=review.survey_title.get(lang).to_string()/></p>
            <h1>{t(lang, Msg::ReviewTitle)}</h1>
            <p class="intro">{t(lang, Msg::ReviewIntro)}</p>
            {missing}
            {sections}
            {failure}
            <form method="post" action=format!("/s/{slug}/submit")>
                <button type="submit" class="primary">{t(lang, Msg::Submit)}</button>
            </form>
        </article>
    }
    .into_any()
}
