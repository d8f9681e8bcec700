//! `/staff`: every survey of the ward with its live response count; `/staff?archived=1`: the
//! archived ones, each a link to its builder, where it can be taken back out of the archive.

use crate::api::staff::{get_current_user, get_staff_surveys};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::islands::IslandScripts;
use crate::components::live_count::LiveCount;
use crate::i18n::{Msg, t, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff home page.
#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let lang = use_lang();
    let archived = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("archived")
        .is_some_and(|v| v == "1");
    let data = move || async move {
        let user = get_current_user()
            .await?
            .ok_or(shared::ApiError::Unauthorized)?;
        let unread = crate::api::codesign::get_unread().await.unwrap_or(0);
        Ok::<_, shared::ApiError>((user, get_staff_surveys(archived).await?, unread))
    };
    let tr = crate::i18n::tr;
    let heading = if archived {
        tr(lang, "アーカイブ済みのアンケート", "Archived surveys")
    } else {
        t(lang, Msg::SurveysTitle)
    };
    let other_list = move || {
        if archived {
            view! { <a href="/staff">{tr(lang, "← 使用中のアンケート", "← Surveys in use")}</a> }
                .into_any()
        } else {
            view! { <a href="/staff?archived=1">{tr(lang, "アーカイブ済みのアンケート（元に戻せます）", "Archived surveys (can be restored)")}</a> }
                .into_any()
        }
    };
    let empty = if archived {
        tr(
            lang,
            "アーカイブ済みのアンケートはありません。",
            "No survey is archived.",
        )
    } else {
        tr(
            lang,
            "まだアンケートはありません。「新しいアンケート」から作れます。",
            "No survey yet: \u{201c}New survey\u{201d} makes one.",
        )
    };
    view! {
        <Title text=t(lang, Msg::SurveysTitle)/>
        <Suspense>
            {move || Suspend::new(async move {
                match data().await {
                    Ok((user, surveys, unread)) => view! {
                        <SignOutButton name=user.display_name.clone()/>
                        <h1>{heading}</h1>
                        <p class="crumbs">
                            {crate::components::account::notification_link(lang, unread)}
                            " · "<a href="/groups/review">{crate::i18n::tr(lang, "グループの登録申請", "Group proposals")}</a>
                            " · "<a href="/notices">{crate::i18n::tr(lang, "お知らせを送る", "Send a notice")}</a>
                            " · "<a href="/groups/reports">{crate::i18n::tr(lang, "報告の確認", "Reports")}</a>
                            " · "<a href="/matters">{crate::i18n::tr(lang, "地域情報連絡会議", "Liaison log")}</a>
                            {(user.role == shared::account::Role::Admin).then(|| view! {
                                " · "<a href="/admin/people">{crate::i18n::tr(lang, "人とアカウント", "People")}</a>
                                " · "<a href="/admin/audit">{crate::i18n::tr(lang, "操作記録", "Audit log")}</a>
                            })}
                        </p>
                        {(!archived).then(|| view! {
                            <p>
                                <a class="button primary" href="/staff/surveys/new">{t(lang, Msg::NewSurvey)}</a>
                            </p>
                        })}
                        {surveys.is_empty().then(|| view! { <p class="hint" data-empty="true">{empty}</p> })}
                        <div class="table-wrap">
                            <table class="data">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(lang, Msg::SurveyTitle)}</th>
                                        <th scope="col">{t(lang, Msg::Status)}</th>
                                        <th scope="col" class="num">{t(lang, Msg::Responses)}</th>
                                        <th scope="col">{t(lang, Msg::LastResponse)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {surveys
                                        .into_iter()
                                        .map(|s| view! {
                                            <tr data-survey=s.slug.clone()>
                                                <td>
                                                    <a href=format!("/staff/surveys/{}", s.id)>
                                                        {s.title.plain(lang)}
                                                    </a>
                                                    " "
                                                    <a class="edit-link" href=format!("/staff/surveys/{}/edit", s.id)>
                                                        {t(lang, Msg::Edit)}
                                                    </a>
                                                </td>
                                                <td class="nowrap">
                                                    {crate::pages::staff::responses::status_label(lang, s.status)}
                                                </td>
                                                <td class="num">
                                                    <LiveCount survey_id=s.id initial=s.response_count/>
                                                </td>
                                                <td>{s.last_response_at.map(|at| format_jst(at, lang))}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="archive-link">{other_list()}</p>
                        <IslandScripts/>
                    }
                    .into_any(),
                    Err(e) => error_or_sign_in(e, "/staff"),
                }
            })}
        </Suspense>
    }
}
