//! `/staff/surveys/{id}/texts/{key}`: a question's free-text answers, newest first; search
//! (any part of a word, Japanese included); themes ("tags") to code them, one answer at a time
//! or every answer the search found at once. Plain links and forms: works without JavaScript.

use crate::api::analytics::get_texts;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::chart::thousands;
use crate::components::params::id_param;
use crate::i18n::{tr, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::analytics::TextsView;
use shared::{ApiError, Lang};

/// The free-text page.
#[component]
pub fn TextsPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let key = use_params_map()
        .read_untracked()
        .get("key")
        .unwrap_or_default();
    let query = use_query_map().read_untracked();
    let search = query.get("q").unwrap_or_default();
    let tag = query.get("tag").and_then(|t| t.parse::<i64>().ok());
    let page = query.get("page").and_then(|p| p.parse::<i64>().ok());
    // A link to one answer (from a matter's 元の記録) opens the page that holds it.
    let at = query.get("at").and_then(|t| t.parse::<i64>().ok());
    let here = format!("/staff/surveys/{id}/texts/{key}");
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=tr(lang, "自由記述の回答", "Free-text answers")/>
        <Suspense>
            {move || {
                let (key, search, here, rejected) =
                    (key.clone(), search.clone(), here.clone(), rejected.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_texts(id, key, search, tag, page, at).await?))
                    };
                    match data.await {
                        Ok((user, v)) => view! {
                            <SignOutButton name=user.display_name/>
                            {texts_page(lang, &v, rejected.as_ref())}
                        }
                        .into_any(),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn list_link(v: &TextsView, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !v.search.is_empty() {
        pairs.push(("q", v.search.clone()));
    }
    if let Some(tag) = v.tag {
        pairs.push(("tag", tag.to_string()));
    }
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    let base = format!("/staff/surveys/{}/texts/{}", v.survey_id, v.key);
    crate::components::url::address(&base, &pairs)
}

fn tag_options(v: &TextsView, selected: Option<i64>) -> impl IntoView + use<> {
    v.tags
        .iter()
        .map(|(id, name)| {
            view! { <option value=id.to_string() selected=selected == Some(*id)>{name.clone()}</option> }
        })
        .collect_view()
}

fn texts_page(lang: Lang, v: &TextsView, rejected: Option<&RejectedForm>) -> AnyView {
    let action = format!("/staff/surveys/{}/texts/{}", v.survey_id, v.key);
    let error = rejected.map(|r| {
        let text = match &r.error {
            ApiError::Validation(_) => tr(
                lang,
                "テーマを選ぶか、新しいテーマの名前（40文字まで）を入れてください。",
                "Choose a theme, or type a new theme's name (up to 40 characters).",
            ),
            _ => tr(lang, "できませんでした。", "That did not work."),
        };
        view! { <p class="error" role="alert">{text}</p> }
    });
    let keys = v
        .keys
        .iter()
        .map(|(key, label)| {
            let href = format!("/staff/surveys/{}/texts/{key}", v.survey_id);
            let current = (*key == v.key).then_some("page");
            view! { <li><a href=href aria-current=current>{label.plain(lang)}</a></li> }
        })
        .collect_view();
    let name_of = |id: i64| {
        v.tags
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let hidden = {
        let search = v.search.clone();
        let filter = v.tag.map(|t| t.to_string()).unwrap_or_default();
        move || {
            view! {
                <input type="hidden" name="q" value=search.clone()/>
                <input type="hidden" name="filter_tag" value=filter.clone()/>
            }
        }
    };
    let lines = v
        .lines
        .iter()
        .map(|line| {
            let chips = line
                .tags
                .iter()
                .map(|t| {
                    let hidden = hidden.clone();
                    view! {
                        <form method="post" action=action.clone() class="chip">
                            {hidden()}
                            <input type="hidden" name="text" value=line.id.to_string()/>
                            <input type="hidden" name="tag" value=t.to_string()/>
                            <input type="hidden" name="on" value="0"/>
                            <span>{name_of(*t)}</span>
                            <button type="submit" class="link" aria-label=format!("{} {}", tr(lang, "テーマを外す:", "Remove theme:"), name_of(*t))>"×"</button>
                        </form>
                    }
                })
                .collect_view();
            let hidden = hidden.clone();
            view! {
                <li class="card text-answer" id=format!("t-{}", line.id)>
                    <p class="meta">
                        {format_jst(line.submitted_at, lang)}
                        {line.district.as_ref().map(|d| format!(" · {}", d.plain(lang)))}
                        {format!(" · {}{}", tr(lang, "回答番号 ", "response "), line.response_id)}
                    </p>
                    <p class="body">{line.body.clone()}</p>
                    <div class="chips">{chips}</div>
                    <form method="post" action=action.clone() class="tag-one">
                        {hidden()}
                        <input type="hidden" name="text" value=line.id.to_string()/>
                        <label>
                            <span class="visually-hidden">{tr(lang, "テーマ", "Theme")}</span>
                            <select name="tag">
                                <option value="">{tr(lang, "テーマを選ぶ", "Choose a theme")}</option>
                                {tag_options(v, None)}
                            </select>
                        </label>
                        <label>
                            <span class="visually-hidden">{tr(lang, "新しいテーマ", "New theme")}</span>
                            <input type="text" name="name" maxlength="40" placeholder=tr(lang, "または新しいテーマ", "or a new theme")/>
                        </label>
                        <button type="submit" class="secondary">{tr(lang, "分ける", "Code")}</button>
                    </form>
                    <form method="post" action=format!("{action}/log") class="log-text">
                        <input type="hidden" name="text" value=line.id.to_string()/>
                        <button type="submit" class="link">{tr(lang, "地域情報連絡会議に記録する（回答者は匿名のまま）", "Log in the liaison log (the respondent stays anonymous)")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let pages = (v.total + v.per_page - 1) / v.per_page;
    let prev = (v.page > 1).then(|| view! { <a href=list_link(v, v.page - 1) rel="prev">{tr(lang, "← 新しい回答", "← Newer")}</a> });
    let next = (v.page < pages).then(|| view! { <a href=list_link(v, v.page + 1) rel="next">{tr(lang, "古い回答 →", "Older →")}</a> });
    let bulk = (v.total > 0).then(|| {
        let hidden = hidden.clone();
        let count = thousands(u64::try_from(v.total).unwrap_or(0));
        view! {
            <form method="post" action=action.clone() class="card tag-all">
                <h2>{tr(lang, "まとめて分ける", "Code them all")}</h2>
                <p class="hint">
                    {match lang {
                        Lang::En => format!("Applies to all {count} answers listed below (every page)."),
                        _ => format!("下に並んでいる{count}件（すべてのページ）に対して行います。"),
                    }}
                </p>
                {hidden()}
                <div class="row">
                    <label>
                        {tr(lang, "テーマ", "Theme")}
                        <select name="tag">
                            <option value="">{tr(lang, "テーマを選ぶ", "Choose a theme")}</option>
                            {tag_options(v, None)}
                        </select>
                    </label>
                    <label>
                        {tr(lang, "または新しいテーマ", "or a new theme")}
                        <input type="text" name="name" maxlength="40"/>
                    </label>
                </div>
                <p>
                    <button type="submit" name="on" value="1">{tr(lang, "このテーマに分ける", "Code into this theme")}</button>
                    " "
                    <button type="submit" name="on" value="0" class="secondary">{tr(lang, "このテーマを外す", "Remove this theme")}</button>
                </p>
            </form>
        }
    });
    let results = format!("/staff/surveys/{}/results#q-{}", v.survey_id, v.key);
    view! {
        <div class="results-page texts-page">
            <p><a href=results>{tr(lang, "← 集計結果へ", "← Results")}</a></p>
            <h1>{v.label.plain(lang)}</h1>
            <p class="lead">{v.title.plain(lang)}</p>
            <nav aria-label=tr(lang, "自由記述の質問", "Free-text questions")><ul class="keys">{keys}</ul></nav>
            {error}
            <form method="get" action=format!("/staff/surveys/{}/texts/{}", v.survey_id, v.key) class="card search">
                <div class="row">
                    <label>
                        {tr(lang, "言葉で探す", "Search")}
                        <input type="search" name="q" value=v.search.clone()/>
                    </label>
                    <label>
                        {tr(lang, "テーマ", "Theme")}
                        <select name="tag">
                            <option value="">{tr(lang, "すべて", "All")}</option>
                            {tag_options(v, v.tag)}
                        </select>
                    </label>
                </div>
                <p><button type="submit">{tr(lang, "探す", "Search")}</button></p>
            </form>
            <p class="big-count" data-total-texts=v.total.to_string()>
                {thousands(u64::try_from(v.total).unwrap_or(0))}{tr(lang, "件", " answers")}
            </p>
            {bulk}
            <ol class="texts">{lines}</ol>
            <p class="pager">{prev}" "{next}</p>
        </div>
    }
    .into_any()
}
