//! `/s/{slug}`: what the survey is about, the language to answer in, and the way in (an
//! invitation code, a sign-in, or simply "start"); "continue" when answers were saved before.

use super::slug_param;
use crate::api::request::RejectedForm;
use crate::api::survey::get_survey_start;
use crate::components::error_page::ErrorPage;
use crate::components::rich::Rich;
use crate::i18n::{Msg, error_title, saved_answers, survey_size, t, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::survey::ResponsePolicy;
use shared::views::SurveyStart;

/// The start page.
#[component]
pub fn SurveyStartPage() -> impl IntoView {
    let slug = slug_param();
    let query = use_query_map();
    let code_in_link = query.read_untracked().get("code");
    // The group whose survey link was followed: carried to the start form, kept on the answers.
    let via = query
        .read_untracked()
        .get("via")
        .filter(|v| v.parse::<i64>().is_ok());
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (slug, rejected, code) = (slug.clone(), rejected.clone(), code_in_link.clone());
                let via = via.clone();
                Suspend::new(async move {
                    match get_survey_start(slug, code.clone()).await {
                        Ok(start) => start_view(start, rejected, code, via),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn start_view(
    start: SurveyStart,
    rejected: Option<RejectedForm>,
    code: Option<String>,
    via: Option<String>,
) -> AnyView {
    let lang = use_lang();
    let slug = start.slug.clone();
    let slug_for_paper = slug.clone();
    // A refused form brings back the group it carried.
    let via = via.or_else(|| {
        rejected
            .as_ref()
            .and_then(|r| r.values.first("via").map(str::to_string))
    });
    let here = match &via {
        // Encoded: it travels inside another link's `next`.
        Some(group) => format!("/s/{slug}%3Fvia%3D{group}"),
        None => format!("/s/{slug}"),
    };
    let title = start.title.plain(lang);
    let deadline = start.closes_at.map(|at| format_jst(at, lang));
    // A refused form first; else what the server found of the code a card's link carried.
    let refusal = rejected
        .as_ref()
        .map(|r| r.error.clone())
        .or_else(|| start.code_refusal.clone());
    let code_from_card = code.is_some() && refusal.is_none();
    // A card's code is shown as printed on the card (XXXX-XXXX-X), so it can be compared.
    let typed_code = rejected
        .as_ref()
        .and_then(|r| r.values.first("code").map(str::to_string))
        .or_else(|| {
            code.map(|c| {
                shared::invitation::normalise(&c).map_or(c, |n| shared::invitation::display(&n))
            })
        });
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            let href = format!("/lang/{}?next={here}", l.code());
            view! {
                <a
                    class="lang-choice"
                    href=href
                    lang=l.html_lang()
                    aria-current=(l == lang).then_some("true")
                >
                    {l.native_name()}
                </a>
            }
        })
        .collect_view();
    let saved = start.saved.filter(|s| !s.submitted);
    let way_in = if start.already_answered {
        view! {
            <div class="notice" role="status" data-state="already-answered">
                <h2>{t(lang, Msg::AlreadyAnsweredTitle)}</h2>
                <p>{t(lang, Msg::AlreadyAnsweredBody)}</p>
            </div>
        }
        .into_any()
    } else if start.needs_sign_in {
        view! {
            <div class="notice" data-state="sign-in">
                <p>{t(lang, Msg::SignInToAnswer)}</p>
                <p>
                    <a class="button primary" href=format!("/sign-in?next={here}")>
                        {t(lang, Msg::SignIn)}
                    </a>
                </p>
            </div>
        }
        .into_any()
    } else {
        let needs_code = start.policy == ResponsePolicy::Code && saved.is_none();
        let code_error = refusal.as_ref().map(|e| error_title(lang, e));
        let code_field = needs_code.then(|| {
            view! {
                <div class="question">
                    <label for="f-code" class="q-label-row">
                        <span class="q-label">{t(lang, Msg::CodeLabel)}</span>
                    </label>
                    <p class="help" id="f-code-help">
                        {t(lang, if code_from_card { Msg::CodeFromCard } else { Msg::CodeHelp })}
                    </p>
                    <p class="field-error" id="f-code-error">{code_error}</p>
                    <input
                        type="text"
                        id="f-code"
                        name="code"
                        value=typed_code.clone()
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="f-code-help f-code-error"
                        aria-invalid=refusal.is_some().to_string()
                    />
                </div>
            }
        });
        let other_refusal = refusal
            .filter(|_| !needs_code)
            .map(|e| view! { <p class="form-failure" role="alert">{error_title(lang, &e)}</p> });
        let label = if saved.is_some() {
            Msg::Resume
        } else {
            Msg::StartAnswering
        };
        view! {
            {saved.map(|s| view! { <p class="saved" data-state="saved">{saved_answers(lang, s.answered)}</p> })}
            <form method="post" action=format!("/s/{slug}/start") novalidate>
                {via.map(|group| view! { <input type="hidden" name="via" value=group/> })}
                {code_field}
                {other_refusal}
                <button type="submit" class="primary">{t(lang, label)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <article class="survey survey-start">
            <h1><Rich text=start.title.get(lang).to_string()/></h1>
            <p class="intro"><Rich text=start.intro.get(lang).to_string()/></p>
            <ul class="facts">
                {deadline.map(|d| view! { <li>{t(lang, Msg::Deadline)}": "{d}</li> })}
                <li>{survey_size(lang, start.section_count, start.question_count)}</li>
                <li>{t(lang, Msg::Anonymous)}</li>
                <li>{t(lang, Msg::SavedAutomatically)}</li>
            </ul>
            <nav class="lang-choices" aria-label=t(lang, Msg::SurveyLanguage)>
                <h2>{t(lang, Msg::SurveyLanguage)}</h2>
                {languages}
            </nav>
            {way_in}
            <p class="paper-link">
                <a href=format!("/s/{slug_for_paper}/paper")>{t(lang, Msg::PrintPaper)}</a>
            </p>
        </article>
    }
    .into_any()
}
