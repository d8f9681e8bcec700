//! 地域情報連絡会議: the ward's shared log of local matters. Residents, organisers and centre
//! directors report from a phone (`report`: the form, their own reports) and everyone sees the
//! public list of what the ward did (`done`); staff keep the log (`list`, `matter`, `log`),
//! hold the liaison meeting (`agenda`) and keep the ward's departments (`departments`). Every
//! page works without JavaScript: changes are plain form posts (`server/src/web/matters.rs`).

pub mod agenda;
pub mod departments;
pub mod done;
pub mod list;
pub mod log;
pub mod matter;
pub mod report;

use crate::i18n::{tr, tre};
use leptos::prelude::*;
use shared::Lang;
use shared::matters::{MatterKind, MatterStatus};

/// The staff pages' links: the list, the meeting, the departments, logging a matter.
fn staff_nav(_lang: Lang, here: &'static str) -> impl IntoView {
    view! { <AccountBar staff_here=here/> }
}

/// The staff's links between the log's pages (`here` marked as the current one).
fn staff_links(lang: Lang, here: &'static str) -> impl IntoView {
    let links = [
        ("/matters", tr(lang, "地域情報の一覧", "Local matters")),
        ("/matters/agenda", tr(lang, "連絡会議", "Liaison meeting")),
        ("/matters/departments", tr(lang, "部署", "Departments")),
        ("/matters/new", tr(lang, "記録する", "Log a matter")),
    ];
    let items = links
        .into_iter()
        .map(|(href, label)| {
            view! {
                <a href=href aria-current=(href == here).then_some("page")>{label}</a>
            }
        })
        .collect_view();
    view! {
        <nav class="matters-nav" aria-label=tr(lang, "地域情報連絡会議", "Liaison log")>
            <a href="/staff">{tr(lang, "← 職員ページ", "← Staff")}</a>
            {items}
        </nav>
    }
}

/// The bar above the log's pages: who is signed in (with the way out), for a reporter
/// (`reporter`) their reports and feed, and on staff pages (`staff_here`) the staff's links
/// between the log's pages — for staff only: anyone else is refused there, and the links
/// would only lead to more refusals.
#[component]
fn AccountBar(
    #[prop(optional)] reporter: bool,
    #[prop(optional)] staff_here: Option<&'static str>,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match crate::api::staff::get_current_user().await {
                    Ok(Some(user)) => view! {
                        <div class="network-bar">
                            {reporter.then(|| view! {
                                <a href="/my/reports">{tre(lang, "わたしの通報", "My reports", "わたしの つうほう")}</a>
                                <a href="/feed">{tre(lang, "お知らせ・予定", "My feed", "おしらせと よてい")}</a>
                            })}
                            <crate::components::account::SignOutButton name=user.display_name/>
                        </div>
                        {staff_here
                            .filter(|_| user.role.is_staff())
                            .map(|here| staff_links(lang, here))}
                    }
                    .into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// A status as a coloured badge (red, yellow, green, blue), its name in words beside the
/// colour.
fn status_badge(lang: Lang, status: MatterStatus) -> impl IntoView {
    view! {
        <span class=format!("status-light light-{}", status.light()) data-status=status.as_str()>
            {status.label(lang)}
        </span>
    }
}

/// A kind as a small badge.
fn kind_badge(lang: Lang, kind: MatterKind) -> impl IntoView {
    view! { <span class=format!("badge kind-{}", kind.as_str())>{kind.label(lang)}</span> }
}

/// The kinds of matter as radio buttons (`kind`), `chosen` checked.
fn kind_choices(lang: Lang, chosen: &str) -> impl IntoView + use<> {
    MatterKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <label class="option">
                    <input type="radio" name="kind" value=k.as_str() checked=chosen == k.as_str()/>
                    <span>{k.label(lang)}</span>
                </label>
            }
        })
        .collect_view()
}

/// The ward's districts as checkboxes (`district`), those `ticked` checked.
fn district_boxes(
    lang: Lang,
    districts: &[shared::network::DistrictOption],
    ticked: &dyn Fn(i64) -> bool,
) -> impl IntoView + use<> {
    districts
        .iter()
        .map(|d| {
            view! {
                <label class="option">
                    <input type="checkbox" name="district" value=d.id.to_string() checked=ticked(d.id)/>
                    <span>{d.name.plain(lang)}</span>
                </label>
            }
        })
        .collect_view()
}

/// What an `edited` history step says: the parts corrected (its body lists their names).
fn corrected_sentence(lang: Lang, body: Option<&str>) -> String {
    let fields = shared::matters::EditedField::parse_list(body.unwrap_or_default())
        .into_iter()
        .map(|f| f.label(lang))
        .collect::<Vec<_>>();
    match lang {
        Lang::En => format!("Corrected: {}", fields.join(", ")),
        _ => format!("{}を直しました", fields.join("・")),
    }
}
