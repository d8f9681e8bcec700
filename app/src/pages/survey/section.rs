//! `/s/{slug}/p/{n}`: one screen of questions, with a progress bar, back and next.

use super::slug_param;
use crate::api::request::{RejectedForm, redirect_to};
use crate::api::survey::get_survey_section;
use crate::components::error_page::ErrorPage;
use crate::components::question::{condition_note, input_id, question_field};
use crate::components::rich::Rich;
use crate::components::show_if::show_if_css;
use crate::i18n::{Msg, field_error, page_of, t, use_lang};
use leptos::prelude::*;
use leptos_meta::{Style, Title};
use leptos_router::hooks::use_params_map;
use shared::answer::field_name;
use shared::views::{SectionPage, SectionView};
use shared::{ApiError, FieldErrors, Lang};

/// A screen of questions. After a rejected post, the server renders it again with the
/// [`RejectedForm`] in context: what was typed stays, and each message sits by its field.
#[component]
pub fn SurveySectionPage() -> impl IntoView {
    let slug = slug_param();
    let number: usize = use_params_map()
        .read_untracked()
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (slug, rejected) = (slug.clone(), rejected.clone());
                Suspend::new(async move {
                    match get_survey_section(slug, number).await {
                        Ok(SectionPage::Show(view)) => section_view(*view, rejected),
                        Ok(SectionPage::Redirect(to)) => {
                            redirect_to(&to);
                            ().into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn section_view(page: SectionView, rejected: Option<RejectedForm>) -> AnyView {
    let lang = use_lang();
    let (values, errors, failure) = match rejected {
        Some(RejectedForm {
            values,
            error: ApiError::Validation(errors),
        }) => (values, errors, None),
        Some(RejectedForm { values, error }) => (values, FieldErrors::default(), Some(error)),
        None => (page.values.clone(), FieldErrors::default(), None),
    };
    if let Some(error) = failure {
        return view! { <ErrorPage error/> }.into_any();
    }
    let section = &page.section;
    let summary = (!errors.is_empty()).then(|| {
        let items = errors
            .0
            .iter()
            .map(|(field, e)| {
                let q = section
                    .questions
                    .iter()
                    .find(|q| field_name(&q.id) == *field);
                let label = q.map(|q| q.label.plain(lang)).unwrap_or_default();
                let anchor = q
                    .map(|q| format!("#{}", input_id(&q.id)))
                    .unwrap_or_default();
                // A Japanese label is a sentence (it ends in 。): quote it rather than add a colon.
                let line = match lang {
                    Lang::En => format!("{label}: {}", field_error(lang, e)),
                    _ => format!(
                        "「{}」{}",
                        label.trim_end_matches('。'),
                        field_error(lang, e)
                    ),
                };
                view! { <li><a href=anchor>{line}</a></li> }
            })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{t(lang, Msg::ErrorSummary)}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    let questions = section
        .questions
        .iter()
        .map(|q| {
            let note = q.show_if.as_ref().map(|c| {
                let on = section.questions.iter().find(|o| o.id == c.question());
                condition_note(lang, c, on)
            });
            question_field(q, lang, &values, errors.get(&field_name(&q.id)), note)
        })
        .collect_view();
    // Questions that depend on others on this screen come and go as answers are ticked, by
    // style rules alone (see `components::show_if`).
    let logic_css = show_if_css(section);
    let is_last = page.position == page.shown_count;
    let next_label = if is_last { Msg::ToReview } else { Msg::Next };
    let title = format!(
        "{} ({})",
        section.title.plain(lang),
        page.survey_title.plain(lang)
    );
    let progress = page_of(lang, page.position, page.shown_count);
    view! {
        <Title text=title/>
        <article class="survey survey-section" data-section=section.id.clone()>
            <p class="survey-name"><Rich text=page.survey_title.get(lang).to_string()/></p>
            <div class="progress">
                <progress
                    max=page.shown_count.to_string()
                    value=page.position.to_string()
                    aria-label=t(lang, Msg::ProgressLabel)
                ></progress>
                <span>{progress}</span>
            </div>
            <h1><Rich text=section.title.get(lang).to_string()/></h1>
            {section.intro.as_ref().map(|i| view! { <p class="intro"><Rich text=i.get(lang).to_string()/></p> })}
            {summary}
            <form class="answers" method="post" action=format!("/s/{}/p/{}", page.slug, page.number) novalidate>
                {questions}
                <div class="nav-buttons">
                    // Next comes first so that Enter in a text box moves forward.
                    <button type="submit" name="nav" value="next" class="primary">
                        {t(lang, next_label)}
                    </button>
                    <button type="submit" name="nav" value="back" class="secondary">
                        {t(lang, Msg::Back)}
                    </button>
                </div>
            </form>
            <p class="saved-note">{t(lang, Msg::SavedAutomatically)}</p>
        </article>
        {(!logic_css.is_empty()).then(|| {
            // Inline, so it carries the page's nonce (the Content-Security-Policy allows no
            // other inline style).
            let nonce = crate::api::request::page_nonce().unwrap_or_default();
            view! { <Style id="show-if" nonce=nonce>{logic_css}</Style> }
        })}
    }
    .into_any()
}
