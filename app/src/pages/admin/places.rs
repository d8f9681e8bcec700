//! `/admin/places`: the wards, their districts in the ward's order (with readings for
//! furigana), community centres and their directors. They are edited as a spreadsheet: download
//! the current list as CSV, change names, readings or order in Excel, and upload it again
//! (administrators of every ward). A file with problems changes nothing and lists every
//! problem by line and column.

use super::admin_nav;
use crate::api::admin::get_places;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::components::forms::rejected_summary;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::admin::{PlaceWard, PlacesView};
use shared::{ApiError, Lang};

fn ward_table(lang: Lang, ward: PlaceWard) -> impl IntoView {
    let rows = ward
        .districts
        .into_iter()
        .enumerate()
        .map(|(n, d)| {
            let code = d.code.clone();
            view! {
                <tr data-district=code>
                    <td class="num">{n + 1}</td>
                    <td><code>{d.code}</code></td>
                    <td>{d.name_ja}<br/><span class="hint">{d.reading.unwrap_or_default()}</span></td>
                    <td>{d.name_en.unwrap_or_default()}</td>
                    <td>{d.centre.unwrap_or_else(|| "—".into())}</td>
                    <td>{if d.directors.is_empty() { "—".to_string() } else { d.directors.join("、") }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="account-section" data-ward=ward.code.clone()>
            <h2>{ward.name_ja}{ward.name_en.map(|en| format!(" ({en})"))}</h2>
            <div class="table-wrap">
                <table class="data places">
                    <thead><tr>
                        <th scope="col">{tr(lang, "順", "Order")}</th>
                        <th scope="col">{tr(lang, "コード", "Code")}</th>
                        <th scope="col">{tr(lang, "校区（読み）", "District (reading)")}</th>
                        <th scope="col">{tr(lang, "英語名", "English")}</th>
                        <th scope="col">{tr(lang, "市民センター", "Community centre")}</th>
                        <th scope="col">{tr(lang, "館長", "Director")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn places_page(
    lang: Lang,
    view: PlacesView,
    rejected: Option<RejectedForm>,
    imported: Option<String>,
) -> impl IntoView {
    let problems = match rejected.as_ref().map(|r| &r.error) {
        Some(ApiError::PlacesFile(lines)) => Some(super::places_problems(lang, lines)),
        _ => None,
    };
    let summary = match rejected.as_ref().map(|r| &r.error) {
        Some(ApiError::PlacesFile(_)) => None,
        Some(ApiError::Validation(_)) => Some(
            tr(
                lang,
                "CSVファイルを選んでください。",
                "Please choose a CSV file.",
            )
            .to_string(),
        ),
        _ => rejected_summary(rejected.as_ref(), lang),
    };
    let empty = view.wards.is_empty().then(|| view! {
        <p class="hint" data-empty="true">{tr(lang, "まだ区がありません。見本のCSVを書き換えて読み込んでください。", "No ward yet: edit the example CSV and import it.")}</p>
    });
    let city_wide = view.city_wide;
    view! {
        {view.installation_name.map(|name| view! { <p class="hint">{tr(lang, "設置：", "Installation: ")}{name}</p> })}
        {imported.map(|m| view! { <div class="notice" role="status" data-state="imported"><p>{m}</p></div> })}
        {empty}
        {view.wards.into_iter().map(|w| ward_table(lang, w)).collect_view()}
        <section class="account-section" id="import">
            <h2>{tr(lang, "一覧の書き換え", "Changing the list")}</h2>
            <p>
                {tr(lang, "いまの一覧をCSVでダウンロードし、名前・読み・順番を書き換えて読み込みます。行の順番が、区の中での校区の順番になります。", "Download the list as CSV, change names, readings or order, and import it. The order of the lines is the order of the districts in their ward.")}
            </p>
            <p>
                <a href="/admin/places.csv" download="yoriai-places.csv" class="button secondary">{tr(lang, "いまの一覧（CSV）", "The current list (CSV)")}</a>
                " "<a href="/admin/places/example.csv" download="places-example.csv">{tr(lang, "見本（小倉南区）", "Example (Kokura Minami)")}</a>
            </p>
            {if city_wide {
                view! {
                    {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                    {problems}
                    <form method="post" action="/admin/places#import" enctype="multipart/form-data" class="stack">
                        <div class="question">
                            <label for="places">{tr(lang, "CSVファイル（UTF-8）", "CSV file (UTF-8)")}</label>
                            <input type="file" id="places" name="places" accept=".csv,text/csv"/>
                        </div>
                        <button type="submit" class="primary">{tr(lang, "読み込む", "Import")}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p class="hint">{tr(lang, "読み込みは全区の管理者が行います。", "An administrator of every ward imports the file.")}</p> }.into_any()
            }}
        </section>
    }
}

/// The places page.
#[component]
pub fn PlacesPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let query = use_query_map().read_untracked();
    let imported = query.get("imported").map(|counts| {
        let n: Vec<&str> = counts.split(',').collect();
        let get = |i: usize| n.get(i).copied().unwrap_or("0").to_string();
        match lang {
            Lang::En => format!(
                "Imported: {} ward(s), {} district(s), {} centre(s).",
                get(0),
                get(1),
                get(2)
            ),
            _ => format!(
                "読み込みました：{}区、{}校区、{}センター。",
                get(0),
                get(1),
                get(2)
            ),
        }
    });
    let title = tr(
        lang,
        "区・校区・市民センター",
        "Wards, districts and centres",
    );
    view! {
        <Title text=title/>
        <Suspense>
            {move || {
                let (rejected, imported) = (rejected.clone(), imported.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_places().await?))
                    };
                    match data.await {
                        Ok((user, view)) => view! {
                            <SignOutButton name=user.display_name/>
                            <h1>{title}</h1>
                            {admin_nav(lang, view.city_wide)}
                            {places_page(lang, view, rejected, imported)}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, "/admin/places"),
                    }
                })
            }}
        </Suspense>
    }
}
