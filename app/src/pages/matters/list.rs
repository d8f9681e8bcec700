//! `/matters`: the ward's local matters for staff, in views the liaison meeting uses: one
//! department's queue, one district's timeline, the overdue follow-ups, a status or a kind, and
//! words to find; each view has its address and its spreadsheet.

use super::{kind_badge, staff_nav, status_badge};
use crate::api::matters::get_matters;
use crate::components::account::error_or_sign_in;
use crate::components::url::address;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use shared::Lang;
use shared::matters::{MatterFilter, MatterKind, MatterList, MatterStatus};

/// The list.
#[component]
pub fn MattersPage() -> impl IntoView {
    let lang = use_lang();
    let search = use_location().search.get_untracked();
    let here = match search.is_empty() {
        true => "/matters".to_string(),
        false => format!("/matters?{search}"),
    };
    view! {
        <Title text=tr(lang, "地域情報の一覧", "Local matters")/>
        {staff_nav(lang, "/matters")}
        <h1>{tr(lang, "地域情報の一覧", "Local matters")}</h1>
        <Suspense>
            {move || {
                let (search, here) = (search.clone(), here.clone());
                Suspend::new(async move {
                    match get_matters(search).await {
                        Ok(list) => page(lang, &list).into_any(),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn page(lang: Lang, list: &MatterList) -> impl IntoView {
    let f = &list.filter;
    let view_link = |label: String, filter: MatterFilter, on: bool| {
        view! {
            <a href=address("/matters", &filter.to_pairs()) aria-current=on.then_some("page")>{label}</a>
        }
    };
    let mut views = vec![view_link(
        tr(lang, "すべて", "All").to_string(),
        MatterFilter::default(),
        *f == MatterFilter::default(),
    )];
    for d in list
        .departments
        .iter()
        .filter(|d| list.mine.contains(&d.id))
    {
        let queue = MatterFilter {
            department: Some(d.id),
            ..Default::default()
        };
        let on = *f == queue;
        views.push(view_link(
            format!("{}{}", d.name, tr(lang, "の担当", "'s queue")),
            queue,
            on,
        ));
    }
    let overdue = MatterFilter {
        overdue: true,
        ..Default::default()
    };
    let on = *f == overdue;
    views.push(view_link(
        tr(lang, "確認日を過ぎたもの", "Overdue follow-ups").to_string(),
        overdue,
        on,
    ));
    let option = |value: String, label: String, on: bool| {
        view! { <option value=value selected=on>{label}</option> }
    };
    let departments = list
        .departments
        .iter()
        .map(|d| option(d.id.to_string(), d.name.clone(), f.department == Some(d.id)))
        .collect_view();
    let districts = list
        .districts
        .iter()
        .map(|d| {
            option(
                d.id.to_string(),
                d.name.plain(lang),
                f.district == Some(d.id),
            )
        })
        .collect_view();
    let statuses = MatterStatus::ALL
        .into_iter()
        .map(|s| option(s.as_str().into(), s.label(lang).into(), f.status == Some(s)))
        .collect_view();
    let kinds = MatterKind::ALL
        .into_iter()
        .map(|k| option(k.as_str().into(), k.label(lang).into(), f.kind == Some(k)))
        .collect_view();
    let export = |format: &str| {
        let mut pairs = f.to_pairs();
        pairs.push(("format", format.to_string()));
        address("/matters/export", &pairs)
    };
    let rows = list
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr data-matter=r.id class:overdue=r.overdue>
                    <td>{status_badge(lang, r.status)}</td>
                    <td>
                        <a href=format!("/matters/{}", r.id)>{r.title.clone()}</a>" "{kind_badge(lang, r.kind)}
                        <br/><span class="hint">{r.source.label(lang)}</span>
                    </td>
                    <td>{r.districts.join("・")}</td>
                    <td>{r.departments.join("・")}</td>
                    <td>{r.follow_up_on.map(|d| d.format("%Y-%m-%d").to_string())}
                        {r.overdue.then(|| view! { <br/><span class="badge overdue-mark">{tr(lang, "超過", "Overdue")}</span> })}</td>
                    <td>{format_jst(r.updated_at, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let shown = list.rows.len() as i64;
    let filtered = f.department.is_some()
        || f.district.is_some()
        || f.status.is_some()
        || f.kind.is_some()
        || f.q.is_some();
    view! {
        <nav class="matter-views" aria-label=tr(lang, "表示", "Views")>{views}</nav>
        <details class="matter-filters" open=filtered>
            <summary>{tr(lang, "絞り込み・検索", "Filter and search")}</summary>
            <form method="get" action="/matters" class="filter-form">
                <label for="f-q">{tr(lang, "ことば", "Words")}</label>
                <input type="search" id="f-q" name="q" value=f.q.clone()/>
                <label for="f-department">{tr(lang, "部署", "Department")}</label>
                <select id="f-department" name="department"><option value="">{tr(lang, "すべて", "All")}</option>{departments}</select>
                <label for="f-district">{tr(lang, "校区", "District")}</label>
                <select id="f-district" name="district"><option value="">{tr(lang, "すべて", "All")}</option>{districts}</select>
                <label for="f-status">{tr(lang, "状況", "Status")}</label>
                <select id="f-status" name="status"><option value="">{tr(lang, "すべて", "All")}</option>{statuses}</select>
                <label for="f-kind">{tr(lang, "種類", "Kind")}</label>
                <select id="f-kind" name="kind"><option value="">{tr(lang, "すべて", "All")}</option>{kinds}</select>
                <label class="option"><input type="checkbox" name="overdue" value="1" checked=f.overdue/><span>{tr(lang, "確認日を過ぎたものだけ", "Overdue only")}</span></label>
                <button type="submit" class="secondary">{tr(lang, "表示", "Show")}</button>
            </form>
        </details>
        <p class="list-count" data-total=list.total>
            {match lang {
                Lang::En => format!("{} matters", list.total),
                _ => format!("{}件", list.total),
            }}
            {(shown < list.total).then(|| match lang {
                Lang::En => format!(" (the {shown} most recently changed shown; the spreadsheet has all)"),
                _ => format!("（更新の新しい{shown}件を表示。表計算ファイルにはすべて入ります）"),
            })}
            " · "<a href=export("csv") download="">"CSV"</a>
            " · "<a href=export("xlsx") download="">"Excel"</a>
        </p>
        <div class="table-wrap">
            <table class="data matters">
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "状況", "Status")}</th>
                        <th scope="col">{tr(lang, "件名", "Matter")}</th>
                        <th scope="col">{tr(lang, "校区", "Districts")}</th>
                        <th scope="col">{tr(lang, "担当部署", "Departments")}</th>
                        <th scope="col">{tr(lang, "次の確認日", "Follow up")}</th>
                        <th scope="col">{tr(lang, "更新", "Changed")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
