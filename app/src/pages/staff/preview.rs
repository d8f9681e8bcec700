//! `/staff/surveys/{id}/preview/{n}` (a page of the working copy as a phone shows it) and
//! `/staff/surveys/{id}/codes` (the invitation codes).

use crate::api::staff::{get_builder, get_current_user, get_survey_codes};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::params::id_param;
use crate::components::question::{condition_note, question_field};
use crate::components::rich::Rich;
use crate::i18n::{Msg, code_counts, page_of, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::ApiError;
use shared::answer::FormValues;

/// A page of the working copy, every question shown, at phone width.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let n: usize = use_params_map()
        .read_untracked()
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let here = format!("/staff/surveys/{id}/preview/{n}");
    view! {
        <Suspense>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let data = async {
                        get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        get_builder(id).await
                    };
                    match data.await {
                        Ok(b) => {
                            let count = b.definition.sections().len();
                            let Some(section) = n.checked_sub(1).and_then(|i| b.definition.sections().get(i)) else {
                                return error_or_sign_in(ApiError::NotFound, &here);
                            };
                            let questions = section
                                .questions
                                .iter()
                                .map(|q| {
                                    let note = q.show_if.as_ref().map(|c| {
                                        condition_note(lang, c, b.definition.question(c.question()))
                                    });
                                    question_field(q, lang, &FormValues::default(), None, note)
                                })
                                .collect_view();
                            let link = |to: usize, msg: Msg| {
                                (1..=count).contains(&to).then(|| view! {
                                    <a class="button secondary" href=format!("/staff/surveys/{id}/preview/{to}")>{t(lang, msg)}</a>
                                })
                            };
                            view! {
                                <Title text=format!("{} — {}", t(lang, Msg::Preview), section.title.plain(lang))/>
                                <p><a href=format!("/staff/surveys/{id}/edit#s-{}", section.id)>{t(lang, Msg::BackToBuilder)}</a></p>
                                <div class="phone preview-frame">
                                    <article class="survey survey-section">
                                        <p class="survey-name"><Rich text=b.title.get(lang).to_string()/></p>
                                        <div class="progress">
                                            <progress max=count.to_string() value=n.to_string()></progress>
                                            <span>{page_of(lang, n, count)}</span>
                                        </div>
                                        <h1><Rich text=section.title.get(lang).to_string()/></h1>
                                        {section.intro.as_ref().map(|i| view! { <p class="intro"><Rich text=i.get(lang).to_string()/></p> })}
                                        {questions}
                                    </article>
                                </div>
                                <div class="nav-buttons">
                                    {link(n + 1, Msg::Next)}
                                    {link(n.wrapping_sub(1), Msg::Back)}
                                </div>
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// The invitation codes of a survey, and a form to make more.
#[component]
pub fn CodesPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let here = format!("/staff/surveys/{id}/codes");
    view! {
        <Title text=t(lang, Msg::Codes)/>
        <Suspense>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_builder(id).await?, get_survey_codes(id).await?))
                    };
                    match data.await {
                        Ok((user, b, codes)) => {
                            let districts = b
                                .districts
                                .iter()
                                .map(|(d, name)| view! { <option value=d.to_string()>{name.plain(lang)}</option> })
                                .collect_view();
                            let rows = codes
                                .into_iter()
                                .map(|(code, used)| view! {
                                    <tr data-used=used.to_string()>
                                        <td class="code">{shared::invitation::display(&code)}</td>
                                        <td>{t(lang, if used { Msg::Used } else { Msg::Unused })}</td>
                                    </tr>
                                })
                                .collect_view();
                            view! {
                                <SignOutButton name=user.display_name/>
                                <p><a href=format!("/staff/surveys/{id}/edit")>{t(lang, Msg::BackToBuilder)}</a></p>
                                <h1>{t(lang, Msg::Codes)}" — "{b.title.plain(lang)}</h1>
                                <p>
                                    {code_counts(lang, b.codes.0, b.codes.1)}
                                    " · "
                                    <a href=format!("/staff/surveys/{id}/cards")>{t(lang, Msg::PrintCards)}</a>
                                </p>
                                <form method="post" action=format!("/staff/surveys/{id}/codes") class="add-question">
                                    <label for="f-count">{t(lang, Msg::HowMany)}</label>
                                    <input type="text" inputmode="numeric" id="f-count" name="count" value="50"/>
                                    <label for="f-district">{t(lang, Msg::TargetDistricts)}</label>
                                    <select id="f-district" name="district">
                                        <option value="">"—"</option>
                                        {districts}
                                    </select>
                                    <button type="submit" class="secondary">{t(lang, Msg::MakeCodes)}</button>
                                </form>
                                <div class="table-wrap">
                                    <table class="data codes">
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}
