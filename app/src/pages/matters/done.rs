//! `/done`: what the ward did in its districts (matters resolved and published), for everyone:
//! nothing personal, only the matter, its districts and what the ward says it did.

use super::kind_badge;
use crate::api::matters::get_done;
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The public list, of every district or (`?district=`) one.
#[component]
pub fn DonePage() -> impl IntoView {
    let lang = use_lang();
    let district = use_query_map()
        .read_untracked()
        .get("district")
        .and_then(|d| d.parse::<i64>().ok());
    let title = tre(
        lang,
        "区が対応したこと",
        "What the ward did",
        "くが たいおう した こと",
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="lead">{tre(
            lang,
            "住民のみなさんから寄せられた地域のことのうち、区役所が対応したものです。",
            "Local matters residents told the ward office about, and what it did.",
            "みなさんが しらせた ちいきの ことで、くやくしょが たいおう した ものです。",
        )}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match get_done(district).await {
                    Ok(list) => {
                        let options = list.districts.iter().map(|d| view! {
                            <option value=d.id.to_string() selected=list.district == Some(d.id)>{d.name.plain(lang)}</option>
                        }).collect_view();
                        let empty = list.matters.is_empty();
                        view! {
                            <form method="get" action="/done" class="done-filter">
                                <label for="done-district">{tre(lang, "校区", "District", "こうく")}</label>
                                <select id="done-district" name="district">
                                    <option value="">{tre(lang, "すべて", "All", "ぜんぶ")}</option>
                                    {options}
                                </select>
                                <button type="submit" class="secondary">{tre(lang, "表示", "Show", "みる")}</button>
                            </form>
                            {empty.then(|| view! {
                                <p class="empty">{tre(lang, "まだありません。", "Nothing yet.", "まだ ありません。")}</p>
                            })}
                            <ul class="done-list">
                                {list.matters.into_iter().map(|m| view! {
                                    <li class="card done-matter">
                                        <p class="report-head">{kind_badge(lang, m.kind)}" "<span class="hint">{m.districts.join("・")}" · "{m.done_on.format("%Y-%m-%d").to_string()}</span></p>
                                        <h2>{m.title}</h2>
                                        {m.public_note.map(|n| view! { <p class="public-note">{n}</p> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <p class="error-summary" role="alert">{crate::i18n::error_title(lang, &e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
