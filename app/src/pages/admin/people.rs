//! `/admin/people`: the people an administrator manages (by role, with the last sign-in),
//! the invitations not yet accepted, and the form to invite someone by a single-use link.
//! A new link is shown once on the answer to the form (to print or hand over), never in an
//! address.

use super::{admin_nav, field_message, invitee_short, role_label, scope_fields};
use crate::api::admin::get_people;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::components::forms::rejected_summary;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::admin::{InvitationMade, InvitationRow, PeopleView, PersonRow};

fn done_message(lang: Lang, done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "withdrawn" => tr(
            lang,
            "招待を取り消しました。そのリンクはもう使えません。",
            "The invitation was withdrawn: its link no longer works.",
        ),
        _ => return None,
    })
}

fn person_row(lang: Lang, p: PersonRow) -> impl IntoView {
    let role = role_label(lang, p.role, &p.centres);
    let place = if p.ward.is_none() && p.role == shared::account::Role::Admin {
        tr(lang, "全区", "Every ward").to_string()
    } else {
        [p.ward.clone(), p.district.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let state = if p.deactivated_at.is_some() {
        "deactivated"
    } else {
        "active"
    };
    view! {
        <tr data-person=p.id data-state=state>
            <td><a href=format!("/admin/people/{}", p.id)>{p.display_name}</a>
                {p.deactivated_at.is_some().then(|| view! { " "<span class="badge warning">{tr(lang, "停止中", "Deactivated")}</span> })}
            </td>
            <td>{p.email}</td>
            <td>{role}</td>
            <td>{place}</td>
            <td class="nowrap">{p.last_sign_in_at.map_or_else(|| tr(lang, "まだありません", "Never").to_string(), |at| format_jst(at, lang))}</td>
        </tr>
    }
}

/// One open invitation; `confirm` asks before withdrawing it.
fn invitation_row(lang: Lang, i: InvitationRow, confirm: bool) -> impl IntoView {
    let action = format!("/admin/invitations/{}/withdraw", i.id);
    let withdraw = if confirm {
        view! {
            <form method="post" action=action class="inline-actions" data-state="confirm">
                <input type="hidden" name="confirmed" value="1"/>
                <span>{tr(lang, "取り消すとリンクは使えなくなります。", "The link will stop working.")}</span>
                " "<button type="submit" class="danger">{tr(lang, "取り消す", "Withdraw")}</button>
                " "<a href="/admin/people#invitations">{tr(lang, "やめる", "Cancel")}</a>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=action>
                <button type="submit" class="secondary">{tr(lang, "取り消す…", "Withdraw…")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <tr data-invitation=i.id data-expired=i.expired.to_string()>
            <td>{i.display_name}</td>
            <td>{i.email}</td>
            <td>{invitee_short(lang, i.invitee)}</td>
            <td>{i.place}</td>
            <td class="nowrap">
                {if i.expired {
                    view! { <span class="badge warning">{tr(lang, "期限切れ", "Expired")}</span> }.into_any()
                } else {
                    format_jst(i.expires_at, lang).into_any()
                }}
            </td>
            <td>{withdraw}</td>
        </tr>
    }
}

/// What the answer to the invitation form says: the link (once) with its QR code, to print.
fn invited_notice(lang: Lang, m: InvitationMade) -> impl IntoView {
    let body = match (m.link, m.qr_svg) {
        (Some(link), qr) => view! {
            <p>{tr(lang, "招待メールを送りました：", "The invitation was mailed to ")}<strong>{m.email}</strong></p>
            {m.replaced.then(|| view! { <p>{tr(lang, "この人への以前の招待は取り消しました（そのリンクは使えません）。", "The earlier invitation to this address was withdrawn (its link no longer works).")}</p> })}
            <p>{tr(lang, "メールが届かない人には、このリンクかQRコードを印刷して渡してください。この画面を離れると、リンクは再表示できません（7日間、1回だけ有効）。", "For someone the mail does not reach, print this link or its QR code and hand it over. Once you leave this page it cannot be shown again (it works once, for 7 days).")}</p>
            <p><input type="text" readonly class="invitation-link" aria-label=tr(lang, "招待リンク", "Invitation link") value=link/></p>
            {qr.map(|svg| view! { <div class="invite-qr" inner_html=svg></div> })}
        }
        .into_any(),
        (None, _) => view! {
            <p>{tr(lang, "この招待はすでに送っています（同じフォームがもう一度送られたため、新しい招待は作っていません）：", "This invitation was sent already (the same form came again, so no new invitation was made): ")}<strong>{m.email}</strong></p>
            <p>{tr(lang, "リンクをもう一度表示することはできません。必要なら、下の「招待中」から取り消して、招待し直してください。", "Its link cannot be shown again: if you need it, withdraw the invitation below and invite again.")}</p>
        }
        .into_any(),
    };
    view! { <div class="notice" role="status" data-state="invited">{body}</div> }
}

fn people_page(
    lang: Lang,
    view: PeopleView,
    filter: String,
    search: String,
    rejected: Option<RejectedForm>,
    made: Option<InvitationMade>,
    withdraw: Option<i64>,
) -> impl IntoView {
    let typed = |name: &str| {
        rejected
            .as_ref()
            .and_then(|r| r.values.first(name).map(str::to_string))
    };
    let error = {
        let rejected = rejected.clone();
        move |name: &str| field_message(rejected.as_ref(), lang, name)
    };
    let summary = rejected_summary(rejected.as_ref(), lang).or_else(|| {
        rejected.is_some().then(|| {
            tr(
                lang,
                "入力を確かめてください（赤い字の項目）。",
                "Please check the fields marked in red.",
            )
            .to_string()
        })
    });
    let selected = [
        typed("kind"),
        typed("ward"),
        typed("district"),
        typed("centre"),
    ];
    let filter_option = |value: &'static str, label: &'static str| {
        view! { <option value=value selected=filter == value>{label}</option> }
    };
    let invite = view! {
        <section id="invite" class="account-section">
            <h2>{tr(lang, "招待する", "Invite someone")}</h2>
            {made.map(|m| invited_notice(lang, m))}
            <p class="hint">{tr(lang, "招待された人は、メールのリンクから自分でパスワードを決めて登録します。", "The invited person opens the link in the mail and chooses their own password.")}</p>
            {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
            <form method="post" action="/admin/people/invite#invite" class="stack" novalidate>
                <input type="hidden" name="form_key" value=view.form_key.clone()/>
                <div class="question">
                    <label for="email">{tr(lang, "メールアドレス", "E-mail address")}</label>
                    <p class="field-error" id="email-error">{error("email")}</p>
                    <input type="email" id="email" name="email" autocomplete="off" value=typed("email") aria-describedby="email-error"/>
                </div>
                <div class="question">
                    <label for="display_name">{tr(lang, "名前（本人があとで変えられます）", "Name (they can change it)")}</label>
                    <p class="field-error" id="display_name-error">{error("display_name")}</p>
                    <input type="text" id="display_name" name="display_name" maxlength="50" value=typed("display_name") aria-describedby="display_name-error"/>
                </div>
                {scope_fields(lang, &view.wards, view.city_wide, false, selected, error.clone())}
                <button type="submit" class="primary">{tr(lang, "招待メールを送る", "Send the invitation")}</button>
            </form>
        </section>
    };
    let people = view
        .people
        .into_iter()
        .map(|p| person_row(lang, p))
        .collect_view();
    let invitations = (!view.invitations.is_empty()).then(|| {
        let rows = view
            .invitations
            .into_iter()
            .map(|i| {
                let confirm = withdraw == Some(i.id);
                invitation_row(lang, i, confirm)
            })
            .collect_view();
        view! {
            <section id="invitations">
                <h2>{tr(lang, "招待中（まだ登録していない人）", "Invited (not yet joined)")}</h2>
                <div class="table-wrap">
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{tr(lang, "名前", "Name")}</th>
                            <th scope="col">{tr(lang, "メールアドレス", "E-mail")}</th>
                            <th scope="col">{tr(lang, "役割", "Role")}</th>
                            <th scope="col">{tr(lang, "所属", "Where")}</th>
                            <th scope="col">{tr(lang, "リンクの期限", "Link works until")}</th>
                            <th scope="col"></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        {invite}
        {invitations}
        <section id="people">
            <h2>{tr(lang, "アカウント", "Accounts")}</h2>
            <form method="get" action="/admin/people#people" class="filters">
                <label for="filter">{tr(lang, "表示", "Show")}</label>
                <select id="filter" name="filter">
                    {filter_option("workers", tr(lang, "職員・協議会委員・館長・管理者", "Staff, council, directors, administrators"))}
                    {filter_option("residents", tr(lang, "住民", "Residents"))}
                    {filter_option("all", tr(lang, "すべて", "Everyone"))}
                </select>
                <label for="q">{tr(lang, "名前・メールアドレスで探す", "Name or e-mail contains")}</label>
                <input type="search" id="q" name="q" value=search/>
                <button type="submit" class="secondary">{tr(lang, "表示する", "Show")}</button>
            </form>
            <div class="table-wrap">
                <table class="data people">
                    <thead><tr>
                        <th scope="col">{tr(lang, "名前", "Name")}</th>
                        <th scope="col">{tr(lang, "メールアドレス", "E-mail")}</th>
                        <th scope="col">{tr(lang, "役割", "Role")}</th>
                        <th scope="col">{tr(lang, "所属", "Where")}</th>
                        <th scope="col">{tr(lang, "最後のログイン", "Last sign-in")}</th>
                    </tr></thead>
                    <tbody>{people}</tbody>
                </table>
            </div>
            {view.more.then(|| view! { <p class="hint">{tr(lang, "表示しきれない人がいます。名前やメールアドレスで絞り込んでください。", "More people match: narrow the list by name or e-mail.")}</p> })}
        </section>
    }
}

/// The people page.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let made = use_context::<InvitationMade>();
    let query = use_query_map().read_untracked();
    let filter = query.get("filter").unwrap_or_else(|| "workers".into());
    let search = query.get("q").unwrap_or_default();
    let done = done_message(lang, query.get("done").as_deref()).or_else(|| {
        query.get("setup").is_some().then(|| {
            tr(lang, "初期設定が済みました。次は、職員や協議会委員をこのページの「招待する」から招待してください。区・校区・センターは「区・校区・センター」で確かめられます。", "The installation is set up. Next, invite staff and council members with “Invite someone” below; check the wards, districts and centres under “Places”.")
        })
    });
    let withdraw = query.get("withdraw").and_then(|w| w.parse::<i64>().ok());
    let title = tr(lang, "人とアカウント", "People");
    view! {
        <Title text=title/>
        <Suspense>
            {move || {
                let (rejected, made) = (rejected.clone(), made.clone());
                let (filter, search) = (filter.clone(), search.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(shared::ApiError::Unauthorized)?;
                        Ok::<_, shared::ApiError>((user, get_people(filter.clone(), search.clone()).await?))
                    };
                    match data.await {
                        Ok((user, view)) => view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{title}</h1>
                            {admin_nav(lang, view.city_wide)}
                            {done.map(|m| view! { <div class="notice" role="status" data-state="done"><p>{m}</p></div> })}
                            {people_page(lang, view, filter, search, rejected, made, withdraw)}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, "/admin/people"),
                    }
                })
            }}
        </Suspense>
    }
}
