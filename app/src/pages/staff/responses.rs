//! `/staff/surveys/{id}`: one survey's response count and latest answers.

use crate::api::staff::{get_current_user, get_survey_responses};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::islands::IslandScripts;
use crate::components::live_count::LiveCount;
use crate::display::{answer_text, channel_label};
use crate::i18n::{Msg, t, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::survey::SurveyStatus;
use shared::{ApiError, Lang};

/// The name of a survey status.
pub fn status_label(lang: Lang, status: SurveyStatus) -> &'static str {
    match (lang, status) {
        (Lang::Ja | Lang::EasyJa, SurveyStatus::Draft) => "下書き",
        (Lang::Ja | Lang::EasyJa, SurveyStatus::Open) => "受付中",
        (Lang::Ja | Lang::EasyJa, SurveyStatus::Closed) => "終了",
        (Lang::Ja | Lang::EasyJa, SurveyStatus::Archived) => "アーカイブ済み",
        (Lang::En, SurveyStatus::Draft) => "Draft",
        (Lang::En, SurveyStatus::Open) => "Open",
        (Lang::En, SurveyStatus::Closed) => "Closed",
        (Lang::En, SurveyStatus::Archived) => "Archived",
    }
}

/// The responses page.
#[component]
pub fn SurveyResponsesPage() -> impl IntoView {
    let lang = use_lang();
    let id_param = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    let here = format!("/staff/surveys/{id_param}");
    let data = move |id: String| async move {
        let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
        Ok::<_, ApiError>((user, get_survey_responses(id).await?))
    };
    view! {
        <Suspense>
            {move || {
                let here = here.clone();
                let id = id_param.clone();
                Suspend::new(async move {
                    match data(id).await {
                        Ok((user, page)) => {
                            let title = page.summary.title.plain(lang);
                            let questions: Vec<_> = page.definition.questions().cloned().collect();
                            let rows = page
                                .latest
                                .into_iter()
                                .map(|r| {
                                    // Only what was answered: a long survey mostly skipped by
                                    // its logic would otherwise be a page of blanks.
                                    let answers = questions
                                        .iter()
                                        .filter(|q| r.answers.get(&q.id).is_some())
                                        .map(|q| view! {
                                            <div class="answer">
                                                <dt>{q.label.plain(lang)}</dt>
                                                <dd>{answer_text(lang, q, &r.answers)}</dd>
                                            </div>
                                        })
                                        .collect_view();
                                    view! {
                                        <li class="response card" data-response=r.id>
                                            <p class="meta">
                                                {format_jst(r.submitted_at, lang)}" · "
                                                {channel_label(lang, r.channel)}" · "
                                                {r.lang.native_name()}
                                                {r.version.map(|v| format!(" · v{v}"))}
                                                {r.district.clone().map(|d| format!(" · {d}"))}
                                                {r.entered_by.clone().map(|who| format!(" · {}{who}", t(lang, Msg::EnteredBy)))}
                                            </p>
                                            <dl>{answers}</dl>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <Title text=title.clone()/>
                                <SignOutButton name=user.display_name/>
                                <p><a href="/staff">{t(lang, Msg::BackToSurveys)}</a></p>
                                <h1>{title}</h1>
                                <p class="big-count">
                                    {t(lang, Msg::Responses)}": "
                                    <strong>
                                        <LiveCount
                                            survey_id=page.summary.id
                                            initial=page.summary.response_count
                                        />
                                    </strong>
                                </p>
                                <p>
                                    <a href=format!("/staff/surveys/{}/results", page.summary.id) class="button">
                                        {crate::i18n::tr(lang, "集計結果を見る", "See the results")}
                                    </a>
                                    " "
                                    <a href=format!("/s/{}", page.summary.slug)>{t(lang, Msg::OpenSurvey)}</a>
                                </p>
                                <h2>{t(lang, Msg::LatestAnswers)}</h2>
                                {(page.summary.response_count == 0)
                                    .then(|| view! { <p>{t(lang, Msg::NoResponses)}</p> })}
                                <ol class="responses">{rows}</ol>
                                <IslandScripts/>
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
