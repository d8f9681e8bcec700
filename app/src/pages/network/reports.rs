//! `/groups/reports`: the moderation queue (staff). Each reported group or post with the
//! reports' reasons, and the decision: hide (with a reason its organisers read), remove a
//! post for good, or dismiss the reports; hidden items can be shown again.

use crate::api::network::get_reports;
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::rejected_field;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;
use shared::network::reports::{ReportedItem, ReportsView};

/// The moderation queue.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let title = tr(
        lang,
        "報告されたグループ・投稿",
        "Reported groups and posts",
    );
    view! {
        <Title text=title/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_reports().await {
                        Ok(view) => queue(lang, &view, rejected.as_ref()),
                        Err(e) => error_or_sign_in(e, "/groups/reports"),
                    }
                })
            }}
        </Suspense>
    }
}

fn queue(lang: Lang, v: &ReportsView, rejected: Option<&RejectedForm>) -> AnyView {
    let failure = rejected.map(|r| {
        view! {
            <div class="error-summary" role="alert">
                <p>{crate::i18n::error_title(lang, &r.error)}</p>
            </div>
        }
    });
    view! {
        <super::NetworkBar/>
        <h1>{tr(lang, "報告されたグループ・投稿", "Reported groups and posts")}</h1>
        <p class="lead">
            {tr(
                lang,
                "住民からの報告を確認し、非表示・削除にするか、問題なしとして閉じてください。非表示・削除の理由は運営者に表示され、すべて監査ログに残ります。",
                "Check each report: hide or remove the item, or close the reports as nothing wrong. Organisers see the reason for hiding; every decision is in the audit log.",
            )}
        </p>
        {failure}
        <h2>{tr(lang, "未対応の報告", "Open reports")}</h2>
        {if v.open.is_empty() {
            view! { <p class="empty" data-state="no-reports">{tr(lang, "未対応の報告はありません。", "No open report.")}</p> }.into_any()
        } else {
            view! {
                <ul class="card-list reports">
                    {v.open.iter().map(|item| item_view(lang, item, rejected)).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h2>{tr(lang, "非表示中", "Hidden now")}</h2>
        {if v.hidden.is_empty() {
            view! { <p class="empty">{tr(lang, "非表示中のものはありません。", "Nothing is hidden.")}</p> }.into_any()
        } else {
            view! {
                <ul class="card-list reports hidden-items">
                    {v.hidden.iter().map(|item| item_view(lang, item, rejected)).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
    .into_any()
}

fn item_view(lang: Lang, item: &ReportedItem, rejected: Option<&RejectedForm>) -> AnyView {
    let t = item.target;
    let key = match t.post {
        Some(p) => format!("post-{p}"),
        None => format!("group-{}", t.group),
    };
    // A refused decision comes back to the item it was about.
    let mine = rejected.filter(|r| {
        r.values.first("group") == Some(t.group.to_string().as_str())
            && r.values.first("post").unwrap_or_default()
                == t.post.map(|p| p.to_string()).unwrap_or_default()
    });
    let reason_error = rejected_field(mine, lang, "reason");
    let typed = mine
        .and_then(|r| r.values.first("reason").map(str::to_string))
        .unwrap_or_default();
    let link = match t.post {
        Some(p) => format!("/groups/{}#post-{p}", t.group),
        None => format!("/groups/{}", t.group),
    };
    let what = match t.post {
        Some(_) => tr(lang, "投稿", "Post"),
        None => tr(lang, "グループ", "Group"),
    };
    let field = format!("reason-{key}");
    let reasons = item
        .reasons
        .iter()
        .map(|r| view! { <li>{r.clone()}</li> })
        .collect_view();
    view! {
        <li class="card report" data-report=key.clone() data-hidden=item.hidden.to_string()>
            <p class="group-meta">
                <span class="badge">{what}</span>" "
                <a href=link>{item.group_name.clone()}</a>
                {item.hidden.then(|| view! { " "<span class="badge warn">{tr(lang, "非表示中", "Hidden")}</span> })}
            </p>
            {item.post_title.clone().map(|title| view! { <h3>{title}</h3> })}
            <p class="description">{item.text.clone()}</p>
            {item.hidden.then(|| view! {
                <p class="hint">{tr(lang, "非表示の理由: ", "Hidden because: ")}{item.hidden_reason.clone()}</p>
            })}
            {(!item.reasons.is_empty()).then(|| view! {
                <p><strong>{tr(lang, "報告", "Reports")}" ("{item.reasons.len()}")"</strong>
                    {item.last_reported_at.map(|at| view! { " · "{format_jst(at, lang)} })}
                </p>
                <ul class="report-reasons">{reasons}</ul>
            })}
            <form method="post" action="/groups/reports" class="stack">
                <input type="hidden" name="group" value=t.group.to_string()/>
                {t.post.map(|p| view! { <input type="hidden" name="post" value=p.to_string()/> })}
                <label for=field.clone()>{tr(lang, "理由（非表示・削除では必須。運営者に表示されます）", "Reason (required to hide or remove; shown to the organisers)")}</label>
                <p class="field-error" id=format!("{field}-error")>{reason_error}</p>
                <textarea id=field.clone() name="reason" rows="2" maxlength="1000" aria-describedby=format!("{field}-error")>{typed}</textarea>
                <p class="actions">
                    {if item.hidden {
                        view! { <button type="submit" name="action" value="restore" class="secondary">{tr(lang, "表示に戻す", "Show again")}</button> }.into_any()
                    } else {
                        view! { <button type="submit" name="action" value="hide" class="primary">{tr(lang, "非表示にする", "Hide")}</button> }.into_any()
                    }}
                    {t.post.is_some().then(|| view! {
                        " "<button type="submit" name="action" value="remove" class="danger">{tr(lang, "削除する", "Remove")}</button>
                    })}
                    {(!item.reasons.is_empty()).then(|| view! {
                        " "<button type="submit" name="action" value="dismiss" class="secondary">{tr(lang, "問題なし（報告を閉じる）", "Nothing wrong (close)")}</button>
                    })}
                </p>
            </form>
            {(!item.reasons.is_empty()).then(|| {
                let mut ids = vec![("group", t.group)];
                ids.extend(t.post.map(|p| ("post", p)));
                crate::components::log_this::log_this(lang, "report", &ids)
            })}
        </li>
    }
    .into_any()
}
