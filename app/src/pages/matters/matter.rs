//! `/matters/{id}`: one local matter, for staff of its ward (and, read-only, for the council
//! members and centre directors of its districts when staff shared it with them): what
//! happened, its photos, the departments taking part, its history, and for staff the forms
//! that change it (status with a note, departments, comments, the meeting's decision, the
//! follow-up date, sharing, the public list, a notice).

use super::{kind_badge, staff_nav, status_badge};
use crate::api::matters::get_matter;
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::components::params::id_param;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::matters::{
    EventKind, MAX_PLACE_CHARS, MAX_TITLE_CHARS, MatterEvent, MatterStatus, MatterView,
};
use shared::{ApiError, FieldError, Lang};

/// The matter's page.
#[component]
pub fn MatterPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let rejected = use_context::<RejectedForm>();
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Suspense>
            {move || {
                let (rejected, done) = (rejected.clone(), done.clone());
                Suspend::new(async move {
                    match get_matter(id).await {
                        Ok(m) => page(lang, &m, rejected.as_ref(), done).into_any(),
                        Err(e) => error_or_sign_in(e, &format!("/matters/{id}")),
                    }
                })
            }}
        </Suspense>
    }
}

/// What a `done` answer says.
fn said(lang: Lang, done: &str) -> &'static str {
    match done {
        "logged" => tr(lang, "記録しました。", "Logged."),
        "already" => tr(
            lang,
            "これはすでに記録されています。その記録を開きました。",
            "This was logged before; here is that matter.",
        ),
        "edited" => tr(lang, "内容を直しました。", "Corrected."),
        "status" => tr(lang, "状況を変えました。", "Status changed."),
        "comment" => tr(lang, "コメントを書きました。", "Comment added."),
        "assigned" => tr(
            lang,
            "部署に依頼し、メールで知らせました。",
            "Department asked, and told by mail.",
        ),
        "assigned_unmailed" => tr(
            lang,
            "部署に依頼しました。この部署には職員もメールアドレスも登録されていないため、メールは送っていません（「部署」で登録できます）。",
            "Department asked. It has no staff and no mailbox yet, so nobody was mailed (add them under Departments).",
        ),
        "unassigned" => tr(lang, "部署を外しました。", "Department removed."),
        "decision" => tr(lang, "会議の決定を記録しました。", "Decision recorded."),
        "follow_up" => tr(lang, "次の確認日を変えました。", "Follow-up date changed."),
        "shared" => tr(lang, "共有の設定を変えました。", "Sharing changed."),
        "published" => tr(lang, "公開の一覧を変えました。", "Public list changed."),
        "photo" => tr(lang, "写真を追加しました。", "Photo added."),
        _ => tr(lang, "変更はありません。", "Nothing changed."),
    }
}

fn page(
    lang: Lang,
    m: &MatterView,
    rejected: Option<&RejectedForm>,
    done: Option<String>,
) -> impl IntoView + use<> {
    let id = m.id;
    let photos = m
        .photos
        .iter()
        .map(|p| {
            let src = format!("/matters/{id}/photos/{p}");
            let href = src.clone();
            view! {
                <a href=href><img src=src alt=tr(lang, "写真", "Photo") loading="lazy" width="240"/></a>
            }
        })
        .collect_view();
    let point = m.point.map(|(lat, lon)| {
        view! {
            <a href=format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}") rel="noopener">
                {format!("{lat:.5}, {lon:.5}")}
            </a>
        }
    });
    let history = m.events.iter().map(|e| event_line(lang, e)).collect_view();
    view! {
        <Title text=m.title.clone()/>
        {match m.can_edit {
            true => staff_nav(lang, "").into_any(),
            false => view! { <super::AccountBar/> }.into_any(),
        }}
        <p class="report-head">{status_badge(lang, m.status)}" "{kind_badge(lang, m.kind)}
            {m.overdue.then(|| view! { " "<span class="badge overdue-mark">{tr(lang, "確認日超過", "Overdue")}</span> })}</p>
        <h1>{m.title.clone()}</h1>
        {done.map(|d| view! { <p class="notice" role="status" data-done=d.clone()>{said(lang, &d)}</p> })}
        {match resolving_without_note(rejected) {
            true => Some(view! {
                <div class="error-summary" role="alert"><p>
                    <a href="#status-note">{resolve_needs_note(lang)}</a>
                </p></div>
            }.into_any()),
            false => rejected_summary(rejected, lang).map(|s| view! { <div class="error-summary" role="alert"><p>{s}</p></div> }.into_any()),
        }}
        <dl class="matter-facts">
            <dt>{tr(lang, "校区", "Districts")}</dt>
            <dd>{m.districts.iter().map(|d| d.name.plain(lang)).collect::<Vec<_>>().join("・")}</dd>
            {m.place.clone().map(|p| view! { <dt>{tr(lang, "場所", "Place")}</dt><dd>{p}" "{point}</dd> })}
            <dt>{tr(lang, "担当部署", "Departments")}</dt>
            <dd class="matter-departments">{match m.departments.is_empty() {
                true => tr(lang, "まだありません", "None yet").to_string(),
                false => m.departments.iter().map(|d| d.name.clone()).collect::<Vec<_>>().join("・"),
            }}</dd>
            <dt>{tr(lang, "出どころ", "Source")}</dt>
            <dd>{m.source.label(lang)}
                {m.reported_by.clone().map(|r| view! { "（"{r}"）" })}
                {m.source_link.clone().map(|l| view! { " "<a href=l>{tr(lang, "元の記録", "Original")}</a> })}
            </dd>
            <dt>{tr(lang, "受付", "Received")}</dt>
            <dd>{format_jst(m.created_at, lang)}</dd>
            {m.follow_up_on.map(|d| view! { <dt>{tr(lang, "次の確認日", "Follow up on")}</dt><dd>{d.format("%Y-%m-%d").to_string()}</dd> })}
        </dl>
        {m.source_excerpt.clone().map(|x| view! { <blockquote class="source-excerpt">{x}</blockquote> })}
        <p class="matter-description">{m.description.clone()}</p>
        <section id="photos" class="matter-photos" hidden=m.photos.is_empty() && !m.can_edit>
            <h2>{tr(lang, "写真", "Photos")}</h2>
            <div class="photo-row">{photos}</div>
            {m.can_edit.then(|| photo_form(lang, id, rejected))}
        </section>
        {m.can_edit.then(|| forms(lang, m, rejected))}
        <section id="history" class="matter-history">
            <h2>{tr(lang, "経過", "History")}</h2>
            <ol class="timeline">{history}</ol>
        </section>
    }
}

/// One line of the history.
fn event_line(lang: Lang, e: &MatterEvent) -> impl IntoView + use<> {
    let department = e.department.clone().unwrap_or_default();
    let what = match (e.kind, lang) {
        (EventKind::Reported, Lang::En) => "Reported".to_string(),
        (EventKind::Reported, _) => "受付".to_string(),
        (EventKind::Status, _) => match (e.status, lang) {
            (Some(s), Lang::En) => format!("Status: {}", s.label(lang)),
            (Some(s), _) => format!("状況を「{}」に", s.label(lang)),
            (None, _) => String::new(),
        },
        (EventKind::Comment, Lang::En) => "Comment".to_string(),
        (EventKind::Comment, _) => "コメント".to_string(),
        (EventKind::Assigned, Lang::En) => format!("{department} asked to take part"),
        (EventKind::Assigned, _) => format!("{department}に依頼"),
        (EventKind::Unassigned, Lang::En) => format!("{department} no longer takes part"),
        (EventKind::Unassigned, _) => format!("{department}の担当を外す"),
        (EventKind::Decision, _) => {
            let on = e
                .meeting
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            match lang {
                Lang::En => format!("Decided at the liaison meeting of {on}"),
                _ => format!("{on}の連絡会議で決定"),
            }
        }
        (EventKind::Photo, Lang::En) => "Photo added".to_string(),
        (EventKind::Photo, _) => "写真を追加".to_string(),
        (EventKind::FollowUp, Lang::En) => "Follow-up date".to_string(),
        (EventKind::FollowUp, _) => "次の確認日".to_string(),
        (EventKind::Shared, _) => match e.body.as_deref() {
            Some("true") => tr(lang, "校区と共有しました", "Shared with the districts"),
            _ => tr(
                lang,
                "校区との共有をやめました",
                "No longer shared with the districts",
            ),
        }
        .to_string(),
        (EventKind::Published, _) => match e.body.as_deref() {
            Some("true") => tr(lang, "公開の一覧に載せました", "Put on the public list"),
            _ => tr(
                lang,
                "公開の一覧から外しました",
                "Taken off the public list",
            ),
        }
        .to_string(),
        (EventKind::Notice, Lang::En) => "Sent as a notice".to_string(),
        (EventKind::Notice, _) => "お知らせとして送信".to_string(),
        (EventKind::Edited, _) => super::corrected_sentence(lang, e.body.as_deref()),
    };
    // Flags ("true"/"false") and the fields corrected are said in the head; dates and texts
    // are shown as they are.
    let body = match e.kind {
        EventKind::Shared | EventKind::Published | EventKind::Edited => None,
        _ => e.body.clone(),
    };
    view! {
        <li class=format!("event event-{}", e.kind.as_str()) data-event=e.kind.as_str()>
            <p class="event-head"><strong>{what}</strong>" "
                <span class="hint">{format_jst(e.at, lang)}{e.actor.clone().map(|a| format!(" · {a}"))}</span></p>
            {body.map(|b| view! { <p class="event-body">{b}</p> })}
        </li>
    }
}

/// The form that corrects what was reported (kind, title, description, districts, place), in a
/// `<details>` that is open again when a correction was refused.
fn edit_form(lang: Lang, m: &MatterView, rejected: Option<&RejectedForm>) -> impl IntoView + use<> {
    let refused = rejected.filter(|r| r.values.first("action") == Some("edit"));
    let error = |name: &str| refused.and_then(|r| rejected_field(Some(r), lang, name));
    // What the form shows: what was sent when it was refused, else the matter as it is.
    let value = |name: &str, saved: &str| match refused {
        Some(r) => r.values.first(name).unwrap_or_default().to_string(),
        None => saved.to_string(),
    };
    let kinds = super::kind_choices(lang, &value("kind", m.kind.as_str()));
    let ticked = |id: i64| match refused {
        Some(r) => r.values.contains("district", &id.to_string()),
        None => m.districts.iter().any(|d| d.id == id),
    };
    let districts = super::district_boxes(lang, &m.all_districts, &ticked);
    view! {
        <details class="edit-matter" open=refused.is_some()>
            <summary>{tr(lang, "内容を直す（題名・内容・種類・校区・場所）", "Correct it (title, description, kind, districts, place)")}</summary>
            {change_form(m.id, "edit", "edit-form", view! {
                <p class="hint">{tr(
                    lang,
                    "題名は、公開の一覧と通報した人の「わたしの通報」にも載ります。個人の名前などは消してください。経過には、直した項目だけが残ります（元の文は残りません）。",
                    "The title also appears on the public list and in the reporter's “My reports”: remove names and other personal details. The history keeps which parts were corrected, not the old words.",
                )}</p>
                <fieldset class="question">
                    <legend>{tr(lang, "種類", "Kind")}</legend>
                    <p class="field-error">{error("kind")}</p>
                    <div class="options">{kinds}</div>
                </fieldset>
                <label for="edit-title">{tr(lang, "題名", "Title")}</label>
                <p class="field-error">{error("title")}</p>
                <input type="text" id="edit-title" name="title" maxlength=MAX_TITLE_CHARS.to_string() value=value("title", &m.title)/>
                <label for="edit-description">{tr(lang, "内容", "Description")}</label>
                <p class="field-error">{error("description")}</p>
                <textarea id="edit-description" name="description" rows="5">{value("description", &m.description)}</textarea>
                <fieldset class="question">
                    <legend>{tr(lang, "校区", "Districts")}</legend>
                    <p class="field-error">{error("district")}</p>
                    <div class="options districts">{districts}</div>
                </fieldset>
                <label for="edit-place">{tr(lang, "場所（任意）", "Place (optional)")}</label>
                <p class="field-error">{error("place")}</p>
                <input type="text" id="edit-place" name="place" maxlength=MAX_PLACE_CHARS.to_string() value=value("place", m.place.as_deref().unwrap_or_default())/>
                <button type="submit" class="primary">{tr(lang, "直した内容を保存", "Save the correction")}</button>
            })}
        </details>
    }
}

/// A form that posts one change to the matter.
fn change_form(
    id: i64,
    action: &'static str,
    class: &'static str,
    body: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <form method="post" action=format!("/matters/{id}") class=format!("stack change-form {class}") data-action=action>
            <input type="hidden" name="action" value=action/>
            {body}
        </form>
    }
}

fn photo_form(lang: Lang, id: i64, rejected: Option<&RejectedForm>) -> impl IntoView + use<> {
    view! {
        <form method="post" action=format!("/matters/{id}/photos") enctype="multipart/form-data" class="photo-form">
            <label for="matter-photo">{tr(lang, "写真を追加", "Add a photo")}</label>
            <p class="field-error">{rejected_field(rejected, lang, "photo")}</p>
            <input type="file" id="matter-photo" name="photo" accept="image/jpeg,image/png,image/webp"/>
            <button type="submit" class="secondary">{tr(lang, "追加", "Add")}</button>
        </form>
    }
}

/// What staff are told when they resolve a matter without saying what was done.
fn resolve_needs_note(lang: Lang) -> &'static str {
    tr(
        lang,
        "解決にするには、何をしたかをメモに書いてください。",
        "To resolve it, write in the note what was done.",
    )
}

/// Whether the refused form was "resolved" without its note.
fn resolving_without_note(rejected: Option<&RejectedForm>) -> bool {
    rejected.is_some_and(|r| {
        r.values.first("action") == Some("status")
            && r.values.first("status") == Some(MatterStatus::Resolved.as_str())
            && matches!(&r.error, ApiError::Validation(e) if e.get("note") == Some(&FieldError::Required))
    })
}

/// The staff's forms.
fn forms(lang: Lang, m: &MatterView, rejected: Option<&RejectedForm>) -> impl IntoView + use<> {
    let id = m.id;
    let error = |name: &str| rejected_field(rejected, lang, name);
    let typed = |name: &str| {
        rejected
            .and_then(|r| r.values.first(name).map(str::to_string))
            .unwrap_or_default()
    };
    // A refused change comes back with the status that was chosen, not the saved one.
    let chosen = Some(typed("status"))
        .filter(|_| typed("action") == "status")
        .and_then(|s| MatterStatus::parse(&s))
        .unwrap_or(m.status);
    let statuses = MatterStatus::ALL
        .into_iter()
        .filter(|s| *s != MatterStatus::New)
        .map(|s| view! { <option value=s.as_str() selected=s == chosen>{s.label(lang)}</option> })
        .collect_view();
    let note_error = match resolving_without_note(rejected) {
        true => Some(resolve_needs_note(lang).to_string()),
        false => error("note"),
    };
    let status_label = match lang {
        Lang::En => format!("Status (now: {})", m.status.label(lang)),
        _ => format!("状況（いま：{}）", m.status.label(lang)),
    };
    let assignable = m
        .all_departments
        .iter()
        .filter(|d| !m.departments.iter().any(|x| x.id == d.id))
        .map(|d| view! { <option value=d.id.to_string()>{d.name.clone()}</option> })
        .collect_view();
    let taking_part = m
        .departments
        .iter()
        .map(|d| {
            change_form(
                id,
                "unassign",
                "inline",
                view! {
                    <input type="hidden" name="department" value=d.id.to_string()/>
                    <button type="submit" class="secondary">{match lang {
                        Lang::En => format!("Remove {}", d.name),
                        _ => format!("{}を外す", d.name),
                    }}</button>
                },
            )
        })
        .collect_view();
    let decision = m.meeting.map(|(_, on)| {
        change_form(
            id,
            "decision",
            "decision-form",
            view! {
                <label for="decision-body">{match lang {
                    Lang::En => format!("Decision of the liaison meeting of {on}"),
                    _ => format!("{on}の連絡会議の決定"),
                }}</label>
                <p class="field-error">{error("body").filter(|_| typed("action") == "decision")}</p>
                <textarea id="decision-body" name="body" rows="2"></textarea>
                <button type="submit" class="primary">{tr(lang, "決定を記録", "Record the decision")}</button>
            },
        )
    });
    let shared = m.shared_with_district;
    let published = m.published;
    view! {
        <section class="matter-actions">
            <h2>{tr(lang, "対応", "Act")}</h2>
            {edit_form(lang, m, rejected)}
            {change_form(id, "status", "status-form", view! {
                <label for="status-status">{status_label}</label>
                <p class="field-error">{error("status")}</p>
                <select id="status-status" name="status">{statuses}</select>
                <label for="status-note">{tr(lang, "メモ（解決のときは必須：何をしたか）", "Note (required when resolved: what was done)")}</label>
                <p class="field-error">{note_error}</p>
                <textarea id="status-note" name="note" rows="2">{(typed("action") == "status").then(|| typed("note"))}</textarea>
                <button type="submit" class="primary">{tr(lang, "状況を変える", "Change status")}</button>
            })}
            {change_form(id, "assign", "assign-form", view! {
                <label for="assign-department">{tr(lang, "部署に依頼する（部署の職員にメールで知らせます）", "Ask a department (its staff are told by mail)")}</label>
                <p class="field-error">{error("department")}</p>
                <select id="assign-department" name="department">
                    <option value="">{tr(lang, "部署を選ぶ", "Choose a department")}</option>
                    {assignable}
                </select>
                <button type="submit" class="secondary">{tr(lang, "依頼する", "Ask")}</button>
            })}
            <div class="taking-part">{taking_part}</div>
            {change_form(id, "comment", "comment-form", view! {
                <label for="comment-body">{tr(lang, "部署間のコメント（区役所の職員だけに見えます。通報した人や校区には見えません）", "Comment between departments (ward staff only: neither the reporter nor the districts see it)")}</label>
                <p class="field-error">{error("body").filter(|_| typed("action") == "comment")}</p>
                <textarea id="comment-body" name="body" rows="3">{(typed("action") == "comment").then(|| typed("body"))}</textarea>
                <button type="submit" class="secondary">{tr(lang, "コメントする", "Comment")}</button>
            })}
            {decision}
            {change_form(id, "follow_up", "follow-up-form", view! {
                <label for="follow-up">{tr(lang, "次の確認日", "Follow up on")}</label>
                <p class="field-error">{error("follow_up_on")}</p>
                <input type="date" id="follow-up" name="follow_up_on" value=m.follow_up_on.map(|d| d.format("%Y-%m-%d").to_string())/>
                <button type="submit" class="secondary">{tr(lang, "設定", "Set")}</button>
            })}
            {change_form(id, "share", "share-form", view! {
                <input type="hidden" name="shared" value=if shared { "0" } else { "1" }/>
                <p class="hint">{match shared {
                    true => tr(lang, "校区の自治会・まちづくり協議会の方と市民センター館長が読めます。", "Council members and the centre director of its districts can read it."),
                    false => tr(lang, "職員だけが読めます。", "Only staff can read it."),
                }}</p>
                <button type="submit" class="secondary">{match shared {
                    true => tr(lang, "校区との共有をやめる", "Stop sharing with the districts"),
                    false => tr(lang, "校区の自治会・館長と共有する", "Share with the districts' council and centre"),
                }}</button>
            })}
            {change_form(id, "publish", "publish-form", view! {
                <input type="hidden" name="published" value=if published { "0" } else { "1" }/>
                <label for="public-note">{tr(lang, "公開の一覧に載せる説明（区が何をしたか。個人の情報は書かない）", "For the public list: what the ward did (nothing personal)")}</label>
                <p class="field-error">{error("public_note")}</p>
                <textarea id="public-note" name="public_note" rows="2">{match typed("action") == "publish" {
                    true => typed("public_note"),
                    false => m.public_note.clone().unwrap_or_default(),
                }}</textarea>
                <p class="hint">{tr(lang, "解決（または共有済み）になると、題名とこの説明が校区の「区が対応したこと」に載ります。題名は「内容を直す」で直せます。", "Once resolved (or shared), its title and this text appear on its districts' “What the ward did”. Correct the title under “Correct it”.")}</p>
                <button type="submit" class="secondary">{match published {
                    true => tr(lang, "公開の一覧から外す", "Take off the public list"),
                    false => tr(lang, "公開の一覧に載せる", "Put on the public list"),
                }}</button>
            })}
            <p><a class="button secondary" href=format!("/notices?matter={id}")>{tr(lang, "お知らせとして送る", "Send as a notice")}</a></p>
        </section>
    }
}
