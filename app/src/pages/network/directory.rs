//! `/groups`: the directory of local groups, filtered by district, kind and tag, with a
//! Japanese substring search. The filters are a plain GET form, so every view has an address and
//! works without JavaScript.

use super::group_card;
use crate::api::network::get_directory;
use crate::components::error_page::ErrorPage;
use crate::i18n::{tr, tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use shared::Lang;
use shared::network::{DirectoryView, GroupKind};

/// The directory page.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let search = use_location().search.get_untracked();
    view! {
        <Title text=tre(lang, "地域のグループ", "Local groups", "ちいきの グループ")/>
        <Suspense>
            {move || {
                let search = search.clone();
                Suspend::new(async move {
                    match get_directory(search).await {
                        Ok(v) => directory(lang, v).into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn directory(lang: Lang, v: DirectoryView) -> impl IntoView {
    let q = v.query.clone();
    let found = v.groups.len();
    let filtered = q.is_filtered();
    view! {
        <super::NetworkBar/>
        <h1>{tre(lang, "地域のグループ", "Local groups", "ちいきの グループ")}</h1>
        <p class="lead">
            {tre(lang, "お店、スポーツや趣味のクラブ、子育てサークル、NPOなど、校区で活動するグループです。自治会に入っていなくても、だれでも参加できます。", "Shops, sports and hobby clubs, parents' circles, NPOs and more, active in the school districts. Anyone can join, whether or not they belong to a neighbourhood association.", "おみせ、スポーツや しゅみの クラブ、こそだての サークル、NPO など、こうくで かつどう する グループです。じちかいに はいって いなくても、だれでも さんか できます。")}
        </p>
        {if v.signed_in {
            view! {
                <p class="actions">
                    <a class="button secondary" href="/groups/new">{tre(lang, "グループを登録する", "Register a group", "グループを とうろく する")}</a>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="actions">
                    <a class="button primary" href="/sign-up?next=/groups">{tre(lang, "登録して参加する", "Sign up to join", "とうろく して さんか する")}</a>
                    " "
                    <a href="/sign-in?next=/groups">{tre(lang, "ログイン", "Sign in", "ログイン")}</a>
                </p>
            }
            .into_any()
        }}
        {v.manages.then(|| view! {
            <p class="crumbs manage-links">
                <a href="/groups/review">{tr(lang, "グループの登録申請", "Group proposals")}</a>
                " · "
                <a href="/notices">{tr(lang, "お知らせを送る", "Send a notice")}</a>
            </p>
        })}
        {(!v.mine.is_empty()).then(|| view! {
            <section class="my-groups">
                <h2>{tre(lang, "参加しているグループ", "Your groups", "あなたの グループ")}</h2>
                <ul class="card-list">
                    {v.mine.iter().map(|c| group_card(lang, c)).collect_view()}
                </ul>
            </section>
        })}
        <form method="get" action="/groups" class="filters directory-filters" role="search">
            <div class="field">
                <label for="q">{tre(lang, "キーワード", "Keyword", "ことば")}</label>
                <input type="search" id="q" name="q" value=q.search.clone() placeholder=tre(lang, "例: 子育て、ランニング", "e.g. running", "れい: こそだて、ランニング")/>
            </div>
            <div class="field">
                <label for="district">{tre(lang, "校区", "District", "こうく")}</label>
                <select id="district" name="district">
                    <option value="">{tre(lang, "すべて", "All", "ぜんぶ")}</option>
                    {v.districts.iter().map(|d| view! {
                        <option value=d.id.to_string() selected=q.district == Some(d.id)>{d.name.inline(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="kind">{tre(lang, "種類", "Kind", "しゅるい")}</label>
                <select id="kind" name="kind">
                    <option value="">{tre(lang, "すべて", "All", "ぜんぶ")}</option>
                    {GroupKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=q.kind == Some(k)>{k.label(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tag">{tre(lang, "関心", "Interest", "すきな こと")}</label>
                <select id="tag" name="tag">
                    <option value="">{tre(lang, "すべて", "All", "ぜんぶ")}</option>
                    {v.tags.iter().map(|t| view! {
                        <option value=t.clone() selected=q.tag.as_deref() == Some(t.as_str())>{t.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="primary">{tre(lang, "探す", "Search", "さがす")}</button>
            {filtered.then(|| view! { " "<a href="/groups">{tre(lang, "条件をクリア", "Clear", "けす")}</a> })}
        </form>
        {q.district.map(|d| view! {
            <p class="hint">
                <a href=format!("/districts/{d}/events.ics")>{tre(lang, "この校区の催しをカレンダーに登録（iCalendar）", "Add this district's events to your calendar (iCalendar)", "この こうくの もよおしを カレンダーに いれる（iCalendar）")}</a>
            </p>
        })}
        <p class="result-count" role="status">
            {match lang {
                Lang::En => format!("{found} group{}", if found == 1 { "" } else { "s" }),
                Lang::EasyJa => format!("グループ {found}こ"),
                Lang::Ja => format!("{found}件のグループ"),
            }}
        </p>
        {if v.groups.is_empty() {
            view! {
                <p class="empty">
                    {tre(lang, "条件に合うグループはありません。条件を変えるか、新しいグループを登録してください。", "No group matches. Try other filters, or register a new group.", "あう グループが ありません。ことばや こうくを かえて みて ください。")}
                </p>
            }
            .into_any()
        } else {
            view! {
                <ul class="card-list groups">
                    {v.groups.iter().map(|c| group_card(lang, c)).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
