//! `/admin/people/{id}`: one person: their role and scope (ward, district, the centre they
//! direct), and deactivation (asked first: their sessions end at once) or reactivation.
//! Administrators do neither to themselves.

use super::{admin_nav, field_message, role_label, scope_fields};
use crate::api::admin::get_person;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::components::forms::rejected_summary;
use crate::components::params::id_param;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::account::Role;
use shared::admin::PersonView;

fn done_message(lang: Lang, done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "scope" => tr(
            lang,
            "役割と所属を変更しました。",
            "The role and scope were changed.",
        ),
        "deactivated" => tr(
            lang,
            "停止しました。この人のログインはすべて終了し、もうログインできません。",
            "Deactivated: every sign-in of this person has ended, and they can no longer sign in.",
        ),
        "reactivated" => tr(
            lang,
            "停止を解除しました。この人はまたログインできます。",
            "Reactivated: this person can sign in again.",
        ),
        _ => return None,
    })
}

/// The form's kind for a person as they are.
fn kind_of(view: &PersonView) -> &'static str {
    match view.person.role {
        _ if view.centre_id.is_some() => "director",
        Role::Admin => "admin",
        Role::Staff => "staff",
        Role::Council => "council",
        Role::Organiser | Role::Resident => "resident",
    }
}

fn activity_section(
    lang: Lang,
    view: &PersonView,
    confirm: bool,
    summary: Option<String>,
) -> impl IntoView {
    let id = view.person.id;
    let action = format!("/admin/people/{id}/active#active");
    let body = if view.person.deactivated_at.is_some() {
        view! {
            <p>{tr(lang, "この人は停止中です。解除すると、また自分のパスワードでログインできます。", "This person is deactivated. Reactivated, they can sign in with their password again.")}</p>
            <form method="post" action=action>
                <input type="hidden" name="form" value="active"/>
                <input type="hidden" name="active" value="1"/>
                <button type="submit" class="primary">{tr(lang, "停止を解除する", "Reactivate")}</button>
            </form>
        }
        .into_any()
    } else if confirm {
        view! {
            <div class="notice warning" id="confirm" data-state="confirm">
                <p><strong>{tr(lang, "本当に停止しますか？", "Deactivate this person?")}</strong></p>
                <p>{tr(lang, "いま開いている画面も含めて、この人のログインはすぐに終了し、解除するまでログインできません。作ったアンケートや投稿は残ります。", "Every sign-in of theirs ends at once, open pages included, and they cannot sign in until reactivated. What they made stays.")}</p>
                <form method="post" action=action class="inline-actions">
                    <input type="hidden" name="form" value="active"/>
                    <input type="hidden" name="active" value="0"/>
                    <input type="hidden" name="confirmed" value="1"/>
                    <button type="submit" class="danger">{tr(lang, "停止する", "Deactivate")}</button>
                    " "<a href=format!("/admin/people/{id}")>{tr(lang, "やめる", "Cancel")}</a>
                </form>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p>{tr(lang, "異動や退職のときは停止します。ログインがすぐに終了し、記録は残ります。", "Deactivate someone who moved on: their sign-ins end at once, and their records stay.")}</p>
            <form method="post" action=action>
                <input type="hidden" name="form" value="active"/>
                <input type="hidden" name="active" value="0"/>
                <button type="submit" class="secondary">{tr(lang, "停止する…", "Deactivate…")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="account-section" id="active">
            <h2>{tr(lang, "ログインの停止", "Deactivation")}</h2>
            {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            {body}
        </section>
    }
}

fn person_page(
    lang: Lang,
    view: PersonView,
    rejected: Option<RejectedForm>,
    confirm: bool,
) -> impl IntoView {
    let which = rejected
        .as_ref()
        .and_then(|r| r.values.first("form").map(str::to_string));
    let summary_for = |form: &str| {
        (which.as_deref() == Some(form))
            .then(|| {
                rejected_summary(rejected.as_ref(), lang).or_else(|| {
                    Some(tr(lang, "入力を確かめてください。", "Please check the form.").to_string())
                })
            })
            .flatten()
    };
    let error = {
        let rejected = rejected.clone();
        move |name: &str| field_message(rejected.as_ref(), lang, name)
    };
    let typed = |name: &str| {
        rejected
            .as_ref()
            .and_then(|r| r.values.first(name).map(str::to_string))
    };
    let own = |v: Option<i64>| v.map(|v| v.to_string());
    let selected = if which.as_deref() == Some("scope") {
        [
            typed("kind"),
            typed("ward"),
            typed("district"),
            typed("centre"),
        ]
    } else {
        [
            Some(kind_of(&view).to_string()),
            own(view.ward_id),
            own(view.district_id),
            own(view.centre_id),
        ]
    };
    let p = &view.person;
    let role = role_label(lang, p.role, &p.centres);
    let place = match (&p.ward, &p.district) {
        (None, _) if p.role == Role::Admin => tr(lang, "全区", "Every ward").to_string(),
        (w, d) => [w.clone(), d.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
    };
    let scope_summary = summary_for("scope");
    let active_summary = summary_for("active");
    let state = if p.deactivated_at.is_some() {
        "deactivated"
    } else {
        "active"
    };
    view! {
        <dl class="account-facts" data-state=state>
            <dt>{tr(lang, "メールアドレス", "E-mail")}</dt><dd>{p.email.clone()}</dd>
            <dt>{tr(lang, "役割", "Role")}</dt><dd>{role}</dd>
            <dt>{tr(lang, "所属", "Where")}</dt><dd>{place}</dd>
            <dt>{tr(lang, "登録日", "Joined")}</dt><dd>{format_jst(view.created_at, lang)}</dd>
            <dt>{tr(lang, "最後のログイン", "Last sign-in")}</dt>
            <dd>{p.last_sign_in_at.map_or_else(|| tr(lang, "まだありません", "Never").to_string(), |at| format_jst(at, lang))}</dd>
            <dt>{tr(lang, "ログイン中の端末", "Devices signed in")}</dt><dd data-sessions=view.sessions>{view.sessions}</dd>
            <dt>{tr(lang, "状態", "Status")}</dt>
            <dd>{match p.deactivated_at {
                Some(at) => format!("{}（{}）", tr(lang, "停止中", "Deactivated"), format_jst(at, lang)),
                None => tr(lang, "利用中", "Active").to_string(),
            }}</dd>
        </dl>
        {if view.is_self {
            view! { <p class="hint" data-state="self">{tr(lang, "ご自身の役割の変更や停止は、ほかの管理者が行います。", "Another administrator changes your own role or deactivates you.")}</p> }.into_any()
        } else {
            view! {
                <section class="account-section" id="scope">
                    <h2>{tr(lang, "役割と所属", "Role and scope")}</h2>
                    {scope_summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                    <form method="post" action=format!("/admin/people/{}#scope", p.id) class="stack" novalidate>
                        <input type="hidden" name="form" value="scope"/>
                        {scope_fields(lang, &view.wards, view.city_wide, true, selected, error.clone())}
                        <button type="submit" class="primary">{tr(lang, "変更する", "Change")}</button>
                    </form>
                </section>
                {activity_section(lang, &view, confirm, active_summary)}
            }
            .into_any()
        }}
    }
}

/// One person's administration page.
#[component]
pub fn PersonPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let rejected = use_context::<RejectedForm>();
    let query = use_query_map().read_untracked();
    let confirm = query.get("confirm").is_some_and(|c| c == "deactivate");
    let done = done_message(lang, query.get("done").as_deref());
    view! {
        <Title text=tr(lang, "人とアカウント", "People")/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(shared::ApiError::Unauthorized)?;
                        Ok::<_, shared::ApiError>((user, get_person(id).await?))
                    };
                    match data.await {
                        Ok((user, view)) => view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{view.person.display_name.clone()}</h1>
                            {admin_nav(lang, view.city_wide)}
                            {done.map(|m| view! { <div class="notice" role="status" data-state="done"><p>{m}</p></div> })}
                            {person_page(lang, view, rejected, confirm)}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, &format!("/admin/people/{}", id)),
                    }
                })
            }}
        </Suspense>
    }
}
