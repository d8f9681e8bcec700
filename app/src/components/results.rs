//! One question's results as the results pages show them (staff, council, and residents once
//! published): its chart, the numbers as a table, the summary of a number question.

use crate::components::chart::{
    Datum, bar_chart, column_chart, count_text, percent_text, stacked_chart,
};
use crate::i18n::tre;
use leptos::prelude::*;
use shared::Lang;
use shared::analytics::{Bar, Cell, QuestionResult, ResultBody, Summary};

pub fn data(lang: Lang, bars: &[Bar], whole: Option<Cell>) -> Vec<Datum> {
    linked_data(lang, bars, whole, |_| None)
}

/// The bars as data, each leading where `href` says (the results filtered by it).
pub fn linked_data(
    lang: Lang,
    bars: &[Bar],
    whole: Option<Cell>,
    href: impl Fn(&Bar) -> Option<String>,
) -> Vec<Datum> {
    bars.iter()
        .map(|b| Datum {
            label: b.label.plain(lang),
            count: b.count,
            percent: whole.and_then(|w| b.count.percent_of(w)),
            href: href(b),
        })
        .collect()
}

/// Where a bar of the results leads: the page's address with the condition written as a query
/// pair (`a`, `question:value`; `d`, a district's id; …) switched on or off.
pub type FilterLink<'a> = &'a dyn Fn(&str, &str) -> String;

pub fn summary_line(lang: Lang, s: &Option<Summary>) -> AnyView {
    let Some(s) = s else {
        return ().into_any();
    };
    let extremes = s.min.zip(s.max).map(|(lo, hi)| {
        format!(
            " · {}{lo} · {}{hi}",
            tre(lang, "最小 ", "min ", "いちばん ちいさい "),
            tre(lang, "最大 ", "max ", "いちばん おおきい ")
        )
    });
    view! {
        <p class="summary">
            {tre(lang, "平均 ", "Mean ", "へいきん ")}<strong>{format!("{:.2}", s.mean)}</strong>
            " · "{tre(lang, "中央値 ", "Median ", "まんなかの あたい ")}<strong>{format!("{}", s.median)}</strong>
            {extremes}
        </p>
    }
    .into_any()
}

/// A table of bars: category, count, percentage.
pub fn bar_table(lang: Lang, title: &str, data: &[Datum], k: Option<u32>) -> AnyView {
    let rows = data
        .iter()
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">
                        {match &d.href {
                            Some(href) => view! { <a href=href.clone()>{d.label.clone()}</a> }.into_any(),
                            None => d.label.clone().into_any(),
                        }}
                    </th>
                    <td class="num">{count_text(d.count, k)}</td>
                    <td class="num">{percent_text(d.percent)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="data">
            <summary>{tre(lang, "表で見る", "As a table", "ひょうで みる")}</summary>
            <table>
                <caption>{title.to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tre(lang, "回答", "Answer", "こたえ")}</th>
                        <th scope="col">{tre(lang, "人数", "Count", "にんずう")}</th>
                        <th scope="col">"%"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
    .into_any()
}

/// One question's results: chart, numbers, and (staff) the way to its texts. With `filter`, a
/// choice's or a scale point's bar filters the results by that answer.
pub fn question_card(
    lang: Lang,
    survey_id: i64,
    q: &QuestionResult,
    k: Option<u32>,
    filter: Option<FilterLink>,
) -> AnyView {
    let answered = |b: &Bar| filter.map(|link| link("a", &format!("{}:{}", q.id, b.value)));
    let title = q.label.plain(lang);
    let multiple = matches!(q.body, ResultBody::Choices { multiple: true, .. }).then(|| {
        tre(
            lang,
            "（複数回答）",
            " (several answers each)",
            "（いくつも えらべる）",
        )
    });
    let body = match &q.body {
        ResultBody::Choices { bars, .. } => {
            let d = linked_data(lang, bars, Some(q.answered), answered);
            view! { {bar_chart(&title, &d, k)} {bar_table(lang, &title, &d, k)} }.into_any()
        }
        ResultBody::Scale { bars, summary } => {
            let d = linked_data(lang, bars, Some(q.answered), answered);
            view! {
                {summary_line(lang, summary)}
                {bar_chart(&title, &d, k)}
                {bar_table(lang, &title, &d, k)}
            }
            .into_any()
        }
        ResultBody::Histogram { bars, summary } => {
            let d = data(lang, bars, Some(q.answered));
            view! {
                {summary_line(lang, summary)}
                {column_chart(&title, &d, k, 1)}
                {bar_table(lang, &title, &d, k)}
            }
            .into_any()
        }
        ResultBody::Dates { bars } => {
            let d = data(lang, bars, Some(q.answered));
            let every = d.len().div_ceil(6).max(1);
            view! { {column_chart(&title, &d, k, every)} {bar_table(lang, &title, &d, k)} }
                .into_any()
        }
        ResultBody::Ranking { items } => {
            let d: Vec<Datum> = items
                .iter()
                .map(|i| Datum {
                    label: i.label.plain(lang),
                    count: i.first,
                    percent: i.first.percent_of(q.answered),
                    href: None,
                })
                .collect();
            let rows = items
                .iter()
                .map(|i| {
                    view! {
                        <tr>
                            <th scope="row">{i.label.plain(lang)}</th>
                            <td class="num">{i.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{count_text(i.first, k)}</td>
                            <td class="num">{count_text(i.ranked, k)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="hint">
                    {tre(lang, "グラフは1位に選んだ人数。点数は1位に選択肢の数、2位にその1つ少ない点…を与えた平均です。", "The chart counts first choices. The score averages points: as many as there are options for a first place, one less for second, and so on.", "グラフは 1いに えらんだ 人の かず です。てんすうは、1いに せんたくしの かずの てん、2いに それより 1 すくない てん… を つけた へいきん です。")}
                </p>
                {bar_chart(&title, &d, k)}
                <table>
                    <caption>{title.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tre(lang, "選択肢", "Option", "せんたくし")}</th>
                            <th scope="col">{tre(lang, "点数", "Score", "てんすう")}</th>
                            <th scope="col">{tre(lang, "1位", "First", "1い")}</th>
                            <th scope="col">{tre(lang, "順位をつけた人", "Ranked it", "じゅんいを つけた 人")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
        ResultBody::Matrix { columns, lines } => {
            let names: Vec<String> = columns.iter().map(|c| c.plain(lang)).collect();
            let stacked: Vec<(String, Vec<Cell>, Cell)> = lines
                .iter()
                .map(|l| (l.label.plain(lang), l.cells.clone(), l.answered))
                .collect();
            let head = names
                .iter()
                .map(|n| view! { <th scope="col">{n.clone()}</th> })
                .collect_view();
            let rows = lines
                .iter()
                .map(|l| {
                    let cells = l
                        .cells
                        .iter()
                        .map(|c| {
                            view! {
                                <td class="num">
                                    {count_text(*c, k)}
                                    <small>{percent_text(c.percent_of(l.answered))}</small>
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{l.label.plain(lang)}</th>
                            {cells}
                            <td class="num">{count_text(l.answered, k)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                {stacked_chart(&title, &names, &stacked, k)}
                <details class="data">
                    <summary>{tre(lang, "表で見る", "As a table", "ひょうで みる")}</summary>
                    // A wide table scrolls on its own: keyboard users reach it with Tab and
                    // scroll it with the arrow keys (it needs focus and a name for that).
                    <div class="table-scroll" tabindex="0" role="region" aria-label=title.clone()>
                        <table>
                            <caption>{title.clone()}</caption>
                            <thead>
                                <tr>
                                    <td></td>
                                    {head}
                                    <th scope="col">{tre(lang, "回答数", "Answered", "こたえた 人の かず")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </details>
            }
            .into_any()
        }
        ResultBody::Text { tags } => {
            let d = data(lang, tags, Some(q.answered));
            let list = (k.is_none()).then(|| {
                view! {
                    <p>
                        <a href=format!("/staff/surveys/{survey_id}/texts/{}", q.id)>
                            {tre(lang, "回答を読む・テーマに分ける", "Read and code the answers", "こたえを よむ・テーマに わける")}
                        </a>
                    </p>
                }
            });
            let chart = (!d.is_empty()).then(|| {
                let title = format!("{title}{}", tre(lang, "（テーマ）", " (themes)", "（テーマ）"));
                view! {
                    <h4>{tre(lang, "テーマ別の件数", "Answers per theme", "テーマ ごとの かず")}</h4>
                    {bar_chart(&title, &d, k)}
                    {bar_table(lang, &title, &d, k)}
                }
            });
            view! {
                <p class="hint">{tre(lang, "自由記述の回答です。", "Free-text answers.", "じゆうに かいた こたえ です。")}</p>
                {chart}
                {list}
            }
            .into_any()
        }
    };
    view! {
        <section class="card result" id=format!("q-{}", q.id)>
            <h3>{title.clone()}</h3>
            <p class="meta">
                {tre(lang, "回答 ", "Answered: ", "こたえた 人 ")}{count_text(q.answered, k)}{multiple}
            </p>
            {body}
        </section>
    }
    .into_any()
}
