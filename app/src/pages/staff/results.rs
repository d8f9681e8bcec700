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
use crate::components::params::id_param;
use crate::components::results::{data, question_card};
use crate::components::url::encode;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use shared::analytics::{Cell, ChiSquare, CrossTab, ResultBody, ResultsQuery, ResultsView};
use shared::views::Channel;
use shared::{ApiError, Lang};

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
                            view! {
                                <SignOutButton name=user.display_name/>
                                <p><a href=back>{tr(lang, "← 戻る", "← Back")}</a></p>
                                {page(lang, &v, &path)}
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
    let questions = v
        .questions
        .iter()
        .map(|q| question_card(lang, v.survey_id, q, k))
        .collect_view();
    view! {
        <div class="results-page">
            <h1>{v.title.plain(lang)}</h1>
            <p class="lead">{tr(lang, "集計結果", "Results")}</p>
            {note}
            {filter_form(lang, v, path)}
            {exports(lang, v)}
            {dashboard(lang, v)}
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

/// Links to download the filtered responses (staff only).
fn exports(lang: Lang, v: &ResultsView) -> AnyView {
    if v.min_cell.is_some() {
        return ().into_any();
    }
    let href = |format: &str| {
        let mut pairs = v.filter.to_pairs();
        pairs.push(("format", format.to_string()));
        pairs.push(("labels", lang.code().to_string()));
        address(&format!("/staff/surveys/{}/export", v.survey_id), &pairs)
    };
    view! {
        <section class="card exports">
            <h2>{tr(lang, "回答の書き出し", "Download the responses")}</h2>
            <p class="hint">
                {tr(
                    lang,
                    "絞り込みの条件に合う回答を書き出します。CSVは日本語版Excelでそのまま開けます。",
                    "Downloads the responses kept by the filter. The CSV opens directly in Japanese Excel.",
                )}
            </p>
            <p>
                <a class="button secondary" href=href("csv") download>"CSV"</a>" "
                <a class="button secondary" href=href("xlsx") download>"Excel (XLSX)"</a>" "
                <a class="button secondary" href=href("json") download>"JSON"</a>
            </p>
        </section>
    }
    .into_any()
}

/// Publishing results for residents, and the smallest group shown outside staff (staff only).
fn publish_section(lang: Lang, v: &ResultsView) -> AnyView {
    let Some(k) = v.survey_min_cell else {
        return ().into_any();
    };
    let rejected = use_context::<RejectedForm>();
    let error = rejected.map(|r| {
        let text = match r.error {
            ApiError::Conflict => tr(
                lang,
                "下書きのアンケートの結果は公開できません。",
                "A draft's results cannot be published.",
            ),
            _ => tr(
                lang,
                "公開する質問を1つ以上選び、区の取り組みを書いてください（人数は1〜100）。",
                "Choose at least one question and write what the ward will do (the group size is 1–100).",
            ),
        };
        view! { <p class="error" role="alert">{text}</p> }
    });
    let published = v.publication.as_ref();
    let chosen = |id: &str| published.is_some_and(|p| p.questions.iter().any(|q| q == id));
    let boxes = v
        .questions
        .iter()
        .map(|q| {
            view! {
                <label class="check">
                    <input type="checkbox" name="q" value=q.id.clone() checked=chosen(&q.id)/>
                    {q.label.plain(lang)}
                </label>
            }
        })
        .collect_view();
    let status = published.map(|p| {
        let href = format!("/s/{}/results", v.slug);
        let text = href.clone();
        view! {
            <p class="notice">
                {tr(lang, "公開中：", "Published: ")}
                <a href=href>{text}</a>
                {format!(" ({})", crate::time::format_jst(p.published_at, lang))}
            </p>
        }
    });
    let summary_ja = published.map(|p| p.summary.ja.clone()).unwrap_or_default();
    let summary_en = published
        .and_then(|p| p.summary.en.clone())
        .unwrap_or_default();
    let withdraw = published.is_some().then(|| {
        view! {
            " "
            <button type="submit" name="action" value="withdraw" class="secondary">
                {tr(lang, "公開をやめる", "Take down")}
            </button>
        }
    });
    view! {
        <section class="card" id="publish">
            <h2>{tr(lang, "住民への公開", "Publish for residents")}</h2>
            {error}
            {status}
            <p class="hint">
                {match lang {
                    Lang::En => format!("Residents see the chosen questions at /s/{}/results, every group under {k} hidden.", v.slug),
                    _ => format!("選んだ質問の結果を /s/{}/results で住民に公開します。{k}人未満の集まりは伏せます。", v.slug),
                }}
            </p>
            <form method="post" action=format!("/staff/surveys/{}/results/publish", v.survey_id)>
                <fieldset>
                    <legend>{tr(lang, "公開する質問", "Questions to publish")}</legend>
                    <div class="checks column">{boxes}</div>
                </fieldset>
                <label>
                    {tr(lang, "区の取り組み（結果を受けて区が行うこと）", "What the ward will do")}
                    <textarea name="summary_ja" rows="4">{summary_ja}</textarea>
                </label>
                <label>
                    {tr(lang, "英語（任意）", "In English (optional)")}
                    <textarea name="summary_en" rows="3">{summary_en}</textarea>
                </label>
                <p>
                    <button type="submit" name="action" value="publish">
                        {tr(lang, "公開する", "Publish")}
                    </button>
                    {withdraw}
                </p>
            </form>
            <form method="post" action=format!("/staff/surveys/{}/results/min-cell", v.survey_id) class="row">
                <label>
                    {tr(lang, "この人数未満の集まりは伏せる（協議会・住民向け）", "Hide groups smaller than (council, residents)")}
                    <input type="number" name="k" min="1" max="100" value=k.to_string()/>
                </label>
                <p><button type="submit" class="secondary">{tr(lang, "保存", "Save")}</button></p>
            </form>
        </section>
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

/// `path?name=value&…`, values percent-encoded.
pub(crate) fn address(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, value)| format!("{k}={}", encode(value)))
        .collect();
    format!("{path}?{}", encoded.join("&"))
}

fn dashboard(lang: Lang, v: &ResultsView) -> AnyView {
    let d = &v.dashboard;
    let k = v.min_cell;
    // A response started but not sent has no district, date or answers yet to filter by, so
    // these counts are always of the whole survey: said so plainly when a filter is on.
    let filtered = !v.filter.is_empty();
    let completion = v.started.zip(v.sent_web).map(|(started, sent)| {
        let rate = (started > 0).then(|| sent as f64 * 100.0 / started as f64);
        view! {
            <p class="completion" data-unfiltered=filtered.then_some("true")>
                {tr(lang, "ウェブで回答を始めた人", "Started on the web")}": "
                <strong>{thousands(u64::try_from(started).unwrap_or(0))}</strong>
                " · "{tr(lang, "送信した人", "Sent")}": "
                <strong>{thousands(u64::try_from(sent).unwrap_or(0))}</strong>
                " · "{tr(lang, "完了率", "Completion")}": "
                <strong>{percent_text(rate)}</strong>
                {filtered.then(|| view! {
                    <br/>
                    <small class="hint">
                        {tr(
                            lang,
                            "※この3つの数は絞り込みに関係なく、アンケート全体の数です（送信前の回答には校区などがまだないため）。",
                            "These three figures are for the whole survey, whatever the filter (an answer not yet sent has no district or date to filter by).",
                        )}
                    </small>
                })}
            </p>
        }
    });
    let every = d.by_day.len().div_ceil(6).max(1);
    let days: Vec<Datum> = d
        .by_day
        .iter()
        .map(|b| Datum {
            label: b.label.plain(lang),
            count: b.count,
            percent: None,
        })
        .collect();
    let by_day = tr(lang, "日ごとの回答数", "Responses per day");
    let by_district = tr(lang, "校区別", "By district");
    let by_channel = tr(lang, "回答方法別", "By channel");
    let by_lang = tr(lang, "言語別", "By language");
    // Only once some response came through a group's survey link.
    let referred = d.by_referrer.iter().any(|b| !b.value.is_empty());
    let by_referrer = referred.then(|| {
        let title = tr(lang, "紹介したグループ別", "By referring group");
        view! {
            <h3>{title}</h3>
            <div data-chart="referrer">
                {bar_chart(title, &data(lang, &d.by_referrer, Some(d.total)), k)}
            </div>
        }
    });
    view! {
        <section class="card dashboard">
            <h2>{tr(lang, "概要", "Overview")}</h2>
            <p class="big-count">
                {tr(lang, "回答数", "Responses")}": "
                <strong data-total>{count_text(d.total, k)}</strong>
            </p>
            {completion}
            <h3>{by_day}</h3>
            {column_chart(by_day, &days, k, every)}
            <h3>{by_district}</h3>
            {bar_chart(by_district, &data(lang, &d.by_district, Some(d.total)), k)}
            <div class="two">
                <div>
                    <h3>{by_channel}</h3>
                    {bar_chart(by_channel, &data(lang, &d.by_channel, Some(d.total)), k)}
                </div>
                <div>
                    <h3>{by_lang}</h3>
                    {bar_chart(by_lang, &data(lang, &d.by_lang, Some(d.total)), k)}
                </div>
            </div>
            {by_referrer}
        </section>
    }
    .into_any()
}

fn crosstab_section(lang: Lang, v: &ResultsView, path: &str) -> AnyView {
    let options = |selected: Option<String>| {
        v.vars
            .iter()
            .map(|c| {
                let key = c.var.key();
                let on = selected.as_deref() == Some(key.as_str());
                view! { <option value=key.clone() selected=on>{c.label.plain(lang)}</option> }
            })
            .collect_view()
    };
    let hidden = v
        .filter
        .to_pairs()
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    let table = v
        .crosstab
        .as_ref()
        .map(|t| crosstab_table(lang, t, v.min_cell));
    view! {
        <section class="card crosstab">
            <h2>{tr(lang, "クロス集計", "Cross-tabulation")}</h2>
            <form method="get" action=path.to_string()>
                {hidden}
                <div class="row">
                    <label>
                        {tr(lang, "行（縦）", "Rows")}
                        <select name="r" required>{options(v_var(v, true))}</select>
                    </label>
                    <label>
                        {tr(lang, "列（横）", "Columns")}
                        <select name="c" required>{options(v_var(v, false))}</select>
                    </label>
                </div>
                <p><button type="submit">{tr(lang, "集計する", "Tabulate")}</button></p>
            </form>
            {table}
        </section>
    }
    .into_any()
}

fn test_text(lang: Lang, test: &Option<ChiSquare>, multiple: bool) -> AnyView {
    let Some(t) = test else {
        let why = if multiple {
            tr(
                lang,
                "複数回答の質問を含むため、カイ二乗検定は行っていません（1人が複数のセルに入るため）。",
                "No chi-square test: a question with several answers each puts one person in several cells.",
            )
        } else {
            tr(
                lang,
                "回答のある行か列が1つしかないため、検定できません。",
                "Not testable: only one row or column has answers.",
            )
        };
        return view! { <p class="hint">{why}</p> }.into_any();
    };
    let p = if t.p_value < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {:.3}", t.p_value)
    };
    let verdict = if t.p_value < 0.05 {
        tr(
            lang,
            "2つの回答には関連があると考えられます（5%水準で有意）。",
            "The two answers are likely related (significant at 5%).",
        )
    } else {
        tr(
            lang,
            "2つの回答に関連があるとは言えません（5%水準で有意でない）。",
            "No evidence that the two answers are related (not significant at 5%).",
        )
    };
    let warning = t.unreliable().then(|| {
        view! {
            <p class="notice">
                {match lang {
                    Lang::En => format!(
                        "Careful: {} of {} cells expect fewer than 5 answers, so this test is unreliable. Merge categories, or wait for more responses.",
                        t.low_expected, t.cells
                    ),
                    _ => format!(
                        "注意：{}個のセルのうち{}個で期待度数が5未満のため、この検定は当てになりません。選択肢をまとめるか、回答が増えてから見てください。",
                        t.cells, t.low_expected
                    ),
                }}
            </p>
        }
    });
    view! {
        <p class="test">
            {format!("χ² = {:.2}, ", t.statistic)}
            {tr(lang, "自由度 ", "df = ")}{t.df}", "{p}
        </p>
        <p>{verdict}</p>
        {warning}
    }
    .into_any()
}

fn crosstab_table(lang: Lang, t: &CrossTab, k: Option<u32>) -> AnyView {
    let head = t
        .columns
        .categories
        .iter()
        .map(|c| view! { <th scope="col">{c.label.plain(lang)}</th> })
        .collect_view();
    let rows = t
        .rows
        .categories
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = (0..t.columns.categories.len())
                .map(|c| {
                    let cell = t
                        .cells
                        .get(r)
                        .and_then(|l| l.get(c))
                        .copied()
                        .unwrap_or(Cell::Hidden);
                    view! {
                        <td class="num">
                            <span class="n">{count_text(cell, k)}</span>
                            <small class="row-pct">{percent_text(t.row_percent(r, c))}</small>
                            <small class="col-pct">{percent_text(t.column_percent(r, c))}</small>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{row.label.plain(lang)}</th>
                    {cells}
                    <td class="num total">{count_text(row.count, k)}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = t
        .columns
        .categories
        .iter()
        .map(|c| view! { <td class="num total">{count_text(c.count, k)}</td> })
        .collect_view();
    let multiple = t.rows.multiple || t.columns.multiple;
    let name = format!(
        "{} × {}",
        t.rows.label.plain(lang),
        t.columns.label.plain(lang)
    );
    let region = name.clone();
    view! {
        // Focusable and named, so that a keyboard can scroll the wide table.
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="xtab">
                <caption>{name}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {head}
                        <th scope="col">{tr(lang, "計", "Total")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <tr>
                        <th scope="row">{tr(lang, "計", "Total")}</th>
                        {totals}
                        <td class="num total">{count_text(t.total, k)}</td>
                    </tr>
                </tbody>
            </table>
        </div>
        <p class="hint">
            {tr(
                lang,
                "各セル：人数、行の%（横に足すと100%）、列の%（縦に足すと100%）。",
                "Each cell: count, row % (adds up to 100% across), column % (adds up to 100% down).",
            )}
        </p>
        {test_text(lang, &t.test, multiple)}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::analytics::{Filter, Var};

    #[test]
    fn links_keep_the_query_and_encode_it() {
        let query = ResultsQuery {
            filter: Filter::from_pairs([("d", "3"), ("a", "age:30s")]),
            rows: Some(Var::Question("age".into())),
            columns: Some(Var::District),
            only: None,
        };
        assert_eq!(
            link("/staff/surveys/1/results", &query),
            "/staff/surveys/1/results?d=3&a=age%3A30s&r=q%3Aage&c=district"
        );
        assert_eq!(link("/x", &ResultsQuery::default()), "/x");
        assert_eq!(encode("日曜"), "%E6%97%A5%E6%9B%9C");
    }
}
