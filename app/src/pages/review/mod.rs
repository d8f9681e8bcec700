//! Co-design pages: the council's list of surveys to review, a draft with comments and
//! suggestions, suggesting a change, invitations, the history of a draft, notifications and
//! (for admins) the audit log.

pub mod draft;
pub mod history;
pub mod invitation;
pub mod suggest;

use crate::api::codesign::{get_audit, get_notifications, get_reviewed_surveys, get_unread};
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::account::notification_link;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ApiError;
use shared::codesign::views::notification_text;
use shared::survey::SurveyStatus;

/// What a co-design page shows when its data could not be loaded (sign-in first, else the
/// error page with its status).
pub(crate) fn review_error(error: ApiError, here: &str) -> AnyView {
    crate::components::account::error_or_sign_in(error, here)
}

/// `/review`: the surveys a council member was invited to review.
#[component]
pub fn ReviewListPage() -> impl IntoView {
    let lang = use_lang();
    let data = || async {
        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
        let unread = get_unread().await.unwrap_or(0);
        Ok::<_, ApiError>((user, get_reviewed_surveys().await?, unread))
    };
    view! {
        <Title text=tr(lang, "確認するアンケート", "Surveys to review")/>
        <Suspense>
            {move || Suspend::new(async move {
                match data().await {
                    Ok((user, surveys, unread)) => {
                        let empty = surveys.is_empty().then(|| view! {
                            <p>{tr(lang, "いま確認をお願いしているアンケートはありません。", "There is nothing to review at the moment.")}</p>
                        });
                        let items = surveys
                            .into_iter()
                            .map(|s| {
                                // Once residents answer, the member can read the results of
                                // their district.
                                let results = matches!(s.status, SurveyStatus::Open | SurveyStatus::Closed)
                                    .then(|| view! {
                                        " · "
                                        <a href=format!("/review/{}/results", s.id)>{tr(lang, "集計結果", "Results")}</a>
                                    });
                                view! {
                                    <li><a href=format!("/review/{}", s.id)>{s.title.plain(lang)}</a>{results}</li>
                                }
                            })
                            .collect_view();
                        view! {
                            <SignOutButton name=user.display_name/>
                            <p class="crumbs">{notification_link(lang, unread)}</p>
                            <h1>{tr(lang, "確認するアンケート", "Surveys to review")}</h1>
                            {empty}
                            <ul class="review-list">{items}</ul>
                        }
                        .into_any()
                    }
                    Err(e) => review_error(e, "/review"),
                }
            })}
        </Suspense>
    }
}

/// `/notifications`: what happened on the surveys one works on, newest first.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let lang = use_lang();
    let data = || async {
        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
        Ok::<_, ApiError>((user, get_notifications().await?))
    };
    view! {
        <Title text=tr(lang, "お知らせ", "Notifications")/>
        <Suspense>
            {move || Suspend::new(async move {
                match data().await {
                    Ok((user, list)) => {
                        let unread = list.iter().any(|n| !n.read);
                        let empty = list.is_empty().then(|| view! {
                            <p>{tr(lang, "お知らせはありません。", "No notifications.")}</p>
                        });
                        let items = list
                            .into_iter()
                            .map(|n| {
                                let title = n.survey_title.clone().unwrap_or_default();
                                view! {
                                    <li class="notification" data-kind=n.kind.clone() data-read=n.read.to_string()>
                                        <a href=n.link.clone()>
                                            <strong>{notification_text(lang, &n.kind)}</strong>
                                            " — "{title}
                                        </a>
                                        <br/>
                                        <span class="help">
                                            {n.actor.clone().unwrap_or_default()}" · "{format_jst(n.at, lang)}
                                            {(!n.detail.is_empty()).then(|| format!(" · {}", n.detail))}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{tr(lang, "お知らせ", "Notifications")}</h1>
                            {unread.then(|| view! {
                                <form method="post" action="/notifications">
                                    <button type="submit" class="secondary">{tr(lang, "すべて既読にする", "Mark all as read")}</button>
                                </form>
                            })}
                            {empty}
                            <ul class="plain notifications">{items}</ul>
                        }
                        .into_any()
                    }
                    Err(e) => review_error(e, "/notifications"),
                }
            })}
        </Suspense>
    }
}

/// `/admin/audit`: the latest audit log lines (admins only), with before and after.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let survey = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("survey")
        .and_then(|s| s.parse::<i64>().ok());
    let data = move || async move {
        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
        Ok::<_, ApiError>((user, get_audit(survey).await?))
    };
    view! {
        <Title text=tr(lang, "操作記録", "Audit log")/>
        <Suspense>
            {move || Suspend::new(async move {
                match data().await {
                    Ok((user, lines)) => {
                        let rows = lines
                            .into_iter()
                            .map(|l| view! {
                                <tr>
                                    <td class="nowrap">{format_jst(l.at, lang)}</td>
                                    <td>{l.actor.unwrap_or_else(|| "—".into())}</td>
                                    <td><code>{l.action}</code></td>
                                    <td>{l.survey_id.map(|s| view! { <a href=format!("/admin/audit?survey={s}")>{s}</a> })}</td>
                                    <td>{l.detail}</td>
                                    <td class="audit-value">{l.old_value}</td>
                                    <td class="audit-value">{l.new_value}</td>
                                </tr>
                            })
                            .collect_view();
                        view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{tr(lang, "操作記録", "Audit log")}</h1>
                            <div class="table-wrap">
                                <table class="data audit">
                                    <thead>
                                        <tr>
                                            <th scope="col">{tr(lang, "日時", "When")}</th>
                                            <th scope="col">{tr(lang, "操作した人", "Who")}</th>
                                            <th scope="col">{tr(lang, "操作", "Action")}</th>
                                            <th scope="col">{tr(lang, "アンケート", "Survey")}</th>
                                            <th scope="col">{tr(lang, "内容", "Detail")}</th>
                                            <th scope="col">{tr(lang, "変更前", "Before")}</th>
                                            <th scope="col">{tr(lang, "変更後", "After")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }
                    Err(e) => review_error(e, "/admin/audit"),
                }
            })}
        </Suspense>
    }
}
