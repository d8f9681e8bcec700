//! The dashboard's charts, and the cross-table with its test of independence.

use super::*;

pub(super) fn dashboard(lang: Lang, v: &ResultsView, filter: FilterLink) -> AnyView {
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
    // A bar filters by what it counts: a district (staff only: council members see their own),
    // a channel, a language, a referring group. "No district" and "not referred" are no filter.
    let staff = k.is_none();
    let bars = |key: &'static str, bars: &[shared::analytics::Bar]| {
        linked_data(lang, bars, Some(d.total), |b| {
            (!b.value.is_empty() && (staff || key != "d")).then(|| filter(key, &b.value))
        })
    };
    let every = d.by_day.len().div_ceil(6).max(1);
    let days: Vec<Datum> = d
        .by_day
        .iter()
        .map(|b| Datum {
            label: b.label.plain(lang),
            count: b.count,
            percent: None,
            href: None,
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
                {bar_chart(title, &bars("via", &d.by_referrer), k)}
            </div>
        }
    });
    // No response (yet, or none that the filter keeps): say so instead of drawing empty axes.
    let charts = if d.total == shared::analytics::Cell::Count(0) {
        let none = if filtered {
            tr(
                lang,
                "この条件に合う回答はありません。条件を変えるか、解除してください。",
                "No response matches this filter. Change it or clear it.",
            )
        } else {
            tr(
                lang,
                "まだ回答はありません。回答が届くと、ここに日ごと・校区別などのグラフが出ます。",
                "No responses yet. Charts by day, district and more appear here once answers arrive.",
            )
        };
        view! { <p class="empty" data-state="no-responses">{none}</p> }.into_any()
    } else {
        view! {
            <h3>{by_day}</h3>
            {column_chart(by_day, &days, k, every)}
            <h3>{by_district}</h3>
            {bar_chart(by_district, &bars("d", &d.by_district), k)}
            <div class="two">
                <div>
                    <h3>{by_channel}</h3>
                    {bar_chart(by_channel, &bars("ch", &d.by_channel), k)}
                </div>
                <div>
                    <h3>{by_lang}</h3>
                    {bar_chart(by_lang, &bars("lang", &d.by_lang), k)}
                </div>
            </div>
            {by_referrer}
        }
        .into_any()
    };
    view! {
        <section class="card dashboard">
            <h2>{tr(lang, "概要", "Overview")}</h2>
            <p class="big-count">
                {tr(lang, "回答数", "Responses")}": "
                <strong data-total>{count_text(d.total, k)}</strong>
            </p>
            {completion}
            {charts}
        </section>
    }
    .into_any()
}

pub(super) fn crosstab_section(lang: Lang, v: &ResultsView, path: &str) -> AnyView {
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

pub(super) fn test_text(lang: Lang, test: &Option<ChiSquare>, multiple: bool) -> AnyView {
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

pub(super) fn crosstab_table(lang: Lang, t: &CrossTab, k: Option<u32>) -> AnyView {
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
