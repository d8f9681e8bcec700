//! `/staff/surveys/{id}/results` (staff) and `/review/{id}/results` (council members of the
//! district): the overview, every question as a chart and a table, a cross-tab of any two
//! questions with a test of independence, and filters that apply to all of it. Everything is a
//! link or a GET form, so it works without JavaScript and every view has an address to share.

use crate::api::analytics::get_results;
use crate::api::request::RejectedForm;
use crate::api::staff::get_current_user;
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::chart::{
    Datum, bar_chart, column_chart, count_text, percent_text, thousands,
};
use crate::components::in_place::InPlace;
use crate::components::islands::IslandScripts;
use crate::components::params::id_param;
use crate::components::results::{FilterLink, linked_data, question_card};
use crate::components::url::address;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use shared::analytics::{Cell, ChiSquare, CrossTab, ResultBody, ResultsQuery, ResultsView};
use shared::answer::Channel;
use shared::{ApiError, Lang};

mod sharing;
mod tables;

use sharing::{exports, publish_section};
use tables::{crosstab_section, dashboard};

/// The results page (staff and council share it; the server decides what each may see).
#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let here = if search.is_empty() {
        path.clone()
    } else {
        format!("{path}?{search}")
    };
    view! {
        <Title text=tr(lang, "集計結果", "Results")/>
        <Suspense>
            {move || {
                let (here, path, search) = (here.clone(), path.clone(), search.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_results(id, search).await?))
                    };
                    match data.await {
                        Ok((user, v)) => {
                            let back = if user.role.is_staff() {
                                format!("/staff/surveys/{id}")
                            } else {
                                "/review".to_string()
                            };
                            let body = page(lang, &v, &path);
                            view! {
                                <SignOutButton name=user.display_name/>
                                <p><a href=back>{tr(lang, "← 戻る", "← Back")}</a></p>
                                <InPlace lang>{body}</InPlace>
                                <IslandScripts/>
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn page(lang: Lang, v: &ResultsView, path: &str) -> AnyView {
    let k = v.min_cell;
    let note = k.map(|k| {
        view! {
            <p class="notice">
                {crate::components::chart::suppression_note(lang, k)}
                " "
                {match lang {
                    Lang::En => "Only your district is shown.",
                    Lang::EasyJa => "あなたの こうくの けっか だけです。",
                    Lang::Ja => "あなたの校区の結果だけを表示しています。",
                }}
            </p>
        }
    });
    // Clicking a bar filters by it (and clicking it again lets go): a link to this page.
    let filter_link = |key: &str, value: &str| {
        let query = ResultsQuery {
            filter: v.filter.toggled(key, value),
            rows: v.crosstab.as_ref().map(|t| t.rows.var.clone()),
            columns: v.crosstab.as_ref().map(|t| t.columns.var.clone()),
            only: None,
        };
        link(path, &query)
    };
    let questions = v
        .questions
        .iter()
        .map(|q| question_card(lang, v.survey_id, q, k, Some(&filter_link)))
        .collect_view();
    view! {
        <div class="results-page">
            <h1>{v.title.plain(lang)}</h1>
            <p class="lead">{tr(lang, "集計結果", "Results")}</p>
            {note}
            {filter_form(lang, v, path)}
            {exports(lang, v)}
            {dashboard(lang, v, &filter_link)}
            {crosstab_section(lang, v, path)}
            <h2>{tr(lang, "質問ごとの結果", "Question by question")}</h2>
            {questions}
            {publish_section(lang, v)}
        </div>
    }
    .into_any()
}

fn channel_name(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Web => tr(lang, "ウェブ", "Web"),
        Channel::Paper => tr(lang, "紙", "Paper"),
        Channel::Staff => tr(lang, "職員が入力", "Entered by staff"),
    }
}

/// The filter: a GET form whose fields are the query the page was opened with.
fn filter_form(lang: Lang, v: &ResultsView, path: &str) -> AnyView {
    let f = &v.filter;
    let staff = v.min_cell.is_none();
    let districts = staff.then(|| {
        let boxes = v
            .districts
            .iter()
            .map(|(id, name)| {
                view! {
                    <label class="check">
                        <input type="checkbox" name="d" value=id.to_string() checked=f.districts.contains(id)/>
                        {name.plain(lang)}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset>
                <legend>{tr(lang, "校区", "Districts")}</legend>
                <div class="checks">{boxes}</div>
            </fieldset>
        }
    });
    let channel_options = [Channel::Web, Channel::Paper, Channel::Staff]
        .into_iter()
        .map(|c| {
            view! {
                <option value=c.as_str() selected=f.channel == Some(c)>{channel_name(lang, c)}</option>
            }
        })
        .collect_view();
    let lang_options = Lang::ALL
        .into_iter()
        .map(|l| view! { <option value=l.code() selected=f.lang == Some(l)>{l.native_name()}</option> })
        .collect_view();
    // The groups whose survey links brought responses (the last bar is "not through a group").
    let referrers: Vec<(i64, String)> = v
        .dashboard
        .by_referrer
        .iter()
        .filter_map(|b| Some((b.value.parse().ok()?, b.label.plain(lang))))
        .collect();
    let referrer_choice = (!referrers.is_empty()).then(|| {
        let options = referrers
            .into_iter()
            .map(|(id, name)| {
                view! { <option value=id.to_string() selected=f.referrers.contains(&id)>{name}</option> }
            })
            .collect_view();
        view! {
            <label>
                {tr(lang, "紹介したグループ", "Referring group")}
                <select name="via">
                    <option value="">{tr(lang, "すべて", "All")}</option>
                    {options}
                </select>
            </label>
        }
    });
    // "Answered X to question Y": the conditions set (untick to drop one) and a list to add one.
    let current = f
        .answered
        .iter()
        .map(|(q, value)| {
            let name = answer_name(lang, v, q, value);
            view! {
                <label class="check">
                    <input type="checkbox" name="a" value=format!("{q}:{value}") checked=true/>
                    {name}
                </label>
            }
        })
        .collect_view();
    let choices = v
        .questions
        .iter()
        .filter_map(|q| match &q.body {
            ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } => Some((q, bars)),
            _ => None,
        })
        .map(|(q, bars)| {
            let label = q.label.plain(lang);
            let options = bars
                .iter()
                .map(|b| {
                    view! { <option value=format!("{}:{}", q.id, b.value)>{b.label.plain(lang)}</option> }
                })
                .collect_view();
            view! { <optgroup label=label>{options}</optgroup> }
        })
        .collect_view();
    let keep = [("r", v_var(v, true)), ("c", v_var(v, false))]
        .into_iter()
        .filter_map(|(name, value)| {
            value.map(|value| view! { <input type="hidden" name=name value=value/> })
        })
        .collect_view();
    let clear = {
        let query = ResultsQuery {
            filter: Default::default(),
            rows: v.crosstab.as_ref().map(|t| t.rows.var.clone()),
            columns: v.crosstab.as_ref().map(|t| t.columns.var.clone()),
            only: None,
        };
        link(path, &query)
    };
    view! {
        <details class="card filter-box" open=!f.is_empty()>
            <summary>
                <h2>{tr(lang, "絞り込み", "Filter")}</h2>
                {(!f.is_empty()).then(|| view! { <span class="badge">{tr(lang, "条件あり", "on")}</span> })}
            </summary>
            <form method="get" action=path.to_string() class="filters">
            {districts}
            <div class="row">
                <label>
                    {tr(lang, "期間（から）", "From")}
                    <input type="date" name="from" value=f.from.map(|d| d.to_string()).unwrap_or_default()/>
                </label>
                <label>
                    {tr(lang, "期間（まで）", "To")}
                    <input type="date" name="to" value=f.to.map(|d| d.to_string()).unwrap_or_default()/>
                </label>
            </div>
            <div class="row">
                <label>
                    {tr(lang, "回答方法", "Channel")}
                    <select name="ch">
                        <option value="">{tr(lang, "すべて", "All")}</option>
                        {channel_options}
                    </select>
                </label>
                <label>
                    {tr(lang, "回答言語", "Language")}
                    <select name="lang">
                        <option value="">{tr(lang, "すべて", "All")}</option>
                        {lang_options}
                    </select>
                </label>
                {referrer_choice}
            </div>
            {current}
            <label>
                {tr(lang, "この回答をした人だけ", "Only those who answered")}
                <select name="a">
                    <option value="">{tr(lang, "（指定しない）", "(any)")}</option>
                    {choices}
                </select>
            </label>
            {keep}
            <p>
                <button type="submit">{tr(lang, "絞り込む", "Apply")}</button>
                " "
                <a href=clear>{tr(lang, "条件を外す", "Clear")}</a>
            </p>
            </form>
        </details>
    }
    .into_any()
}

fn v_var(v: &ResultsView, rows: bool) -> Option<String> {
    v.crosstab.as_ref().map(|t| {
        if rows {
            t.rows.var.key()
        } else {
            t.columns.var.key()
        }
    })
}

/// "Question: answer" for a filter condition.
fn answer_name(lang: Lang, v: &ResultsView, question: &str, value: &str) -> String {
    let Some(q) = v.questions.iter().find(|q| q.id == question) else {
        return format!("{question} = {value}");
    };
    let answer = match &q.body {
        ResultBody::Choices { bars, .. } | ResultBody::Scale { bars, .. } => bars
            .iter()
            .find(|b| b.value == value)
            .map(|b| b.label.plain(lang)),
        _ => None,
    };
    format!(
        "{}：{}",
        q.label.plain(lang),
        answer.unwrap_or_else(|| value.to_string())
    )
}

/// The page's address for another query.
fn link(path: &str, query: &ResultsQuery) -> String {
    address(path, &query.to_pairs())
}

#[cfg(test)]
mod tests;
