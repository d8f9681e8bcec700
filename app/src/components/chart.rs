//! Charts drawn on the server as SVG: they need no script, print well, and scale to any screen.
//! Each chart carries a text alternative (`role="img"` with a label naming every bar), and the
//! pages show the same numbers in a table next to it.
//!
//! Counts hidden by small-cell suppression are drawn as nothing and written "< k".

use shared::analytics::Cell;

/// One bar: what it is, its count, and its percentage (of the respondents who answered).
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    /// The category's name.
    pub label: String,
    /// How many.
    pub count: Cell,
    /// Its share, 0–100, when it can be shown.
    pub percent: Option<f64>,
    /// Where clicking the bar leads (the results filtered by it), when anywhere.
    pub href: Option<String>,
}

/// A count as text: "1,234", "< 5" when hidden as small, or "—" when withheld only to protect
/// a small one (it may be large: the results pages explain the mark).
pub fn count_text(cell: Cell, min_cell: Option<u32>) -> String {
    match cell {
        Cell::Count(n) => thousands(n),
        Cell::Hidden => format!("< {}", min_cell.unwrap_or(0)),
        Cell::Withheld => WITHHELD.to_string(),
    }
}

/// The mark of a count withheld to protect a small one.
pub const WITHHELD: &str = "—";

/// The line that explains both marks of hidden counts, wherever they can appear.
pub fn suppression_note(lang: shared::Lang, k: u32) -> String {
    match lang {
        shared::Lang::En => format!(
            "To protect privacy, groups of fewer than {k} people are shown as \u{201c}< {k}\u{201d}. \u{201c}{WITHHELD}\u{201d} marks a count that is not small itself but is hidden too, so that a small one cannot be worked out from the totals."
        ),
        shared::Lang::EasyJa => format!(
            "だれの こたえか わからない ように、{k}にん より すくない ときは「< {k}」と かいて います。「{WITHHELD}」は、ひきざんで わからない ように かくした かずです（すくない とは かぎりません）。"
        ),
        shared::Lang::Ja => format!(
            "個人が特定されないよう、{k}人未満の集まりは「< {k}」と表示しています。「{WITHHELD}」は、そこから引き算で割り出せないように、あわせて非表示にした数です（少ないとは限りません）。"
        ),
    }
}

/// A whole number with a comma every three digits.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A percentage with one decimal ("12.5%"), or a dash.
pub fn percent_text(percent: Option<f64>) -> String {
    percent.map_or_else(|| "—".to_string(), |p| format!("{p:.1}%"))
}

/// At most `n` characters, with an ellipsis when cut (SVG text does not wrap).
/// How wide a character is, in ems: Latin letters, digits and punctuation about half of a
/// Japanese one.
fn char_ems(c: char) -> f64 {
    if c.is_ascii() { 0.58 } else { 1.0 }
}

/// The label cut to fit `ems` (Japanese characters are one em each), ending in "…" when cut:
/// "Higashi-Kusami" fits where ten Japanese characters do.
fn clip(s: &str, ems: f64) -> String {
    if s.chars().map(char_ems).sum::<f64>() <= ems {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = char_ems('…');
    for c in s.chars() {
        used += char_ems(c);
        if used > ems {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The chart's text alternative: its title and every bar's label, count and percentage.
fn alternative(title: &str, data: &[Datum], min_cell: Option<u32>) -> String {
    let bars: Vec<String> = data
        .iter()
        .map(|d| match d.percent {
            Some(p) => format!("{} {} ({p:.1}%)", d.label, count_text(d.count, min_cell)),
            None => format!("{} {}", d.label, count_text(d.count, min_cell)),
        })
        .collect();
    format!("{title}: {}", bars.join("、"))
}

// Drawn for a phone first: 400 units across, so 13-unit text stays readable at 360 px.
const ROW: f64 = 26.0;
const WIDTH: f64 = 400.0;
const LABEL_WIDTH: f64 = 150.0;
/// The widest a bar may be (when its value text is short).
const BAR_WIDTH: f64 = 180.0;
/// Width of one character of a value ("1,234 (100.0%)": digits, commas, brackets) at 13px.
const VALUE_CHAR: f64 = 7.6;
/// Gap between a bar's end and its value.
const VALUE_GAP: f64 = 4.0;

/// How wide the longest bar may be so that every value still fits to its right.
fn bar_span<'a>(values: impl IntoIterator<Item = &'a str>) -> f64 {
    let longest = values
        .into_iter()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0);
    let room = WIDTH - LABEL_WIDTH - VALUE_GAP - longest as f64 * VALUE_CHAR;
    room.clamp(60.0, BAR_WIDTH)
}
/// Ems of a label that fit in `LABEL_WIDTH` (Japanese is about one em each).
const LABEL_CHARS: f64 = 10.0;

/// Horizontal bars, one per category, scaled to the largest count.
pub fn bar_chart(title: &str, data: &[Datum], min_cell: Option<u32>) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    let most = data
        .iter()
        .filter_map(|d| d.count.count())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = ROW * data.len().max(1) as f64 + 4.0;
    let values: Vec<String> = data
        .iter()
        .map(|d| match d.percent {
            Some(p) => format!("{} ({p:.1}%)", count_text(d.count, min_cell)),
            None => count_text(d.count, min_cell),
        })
        .collect();
    let span = bar_span(values.iter().map(String::as_str));
    let rows = data
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (d, value))| {
            let y = ROW * i as f64;
            let width = d.count.count().map_or(0.0, |n| span * n as f64 / most);
            let row = view! {
                <text x="0" y=y + 18.0 class="chart-label">{clip(&d.label, LABEL_CHARS)}</text>
                <rect x=LABEL_WIDTH y=y + 5.0 width=width height="16" rx="2" class="chart-bar"/>
                <text x=LABEL_WIDTH + width + VALUE_GAP y=y + 18.0 class="chart-value">{value}</text>
            };
            // A linked bar is for the mouse; the table beside the chart has the same links
            // for the keyboard and screen readers (the chart itself is one image to them).
            match &d.href {
                Some(href) => view! {
                    <a href=href.clone() class="chart-link" tabindex="-1">
                        // The whole row is the target, not only the bar's ink.
                        <rect x="0" y=y + 1.0 width=WIDTH height=ROW - 2.0 class="chart-hit"/>
                        {row}
                    </a>
                }
                .into_any(),
                None => row.into_any(),
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-label=alternative(title, data, min_cell)
        >
            {rows}
        </svg>
    }
    .into_any()
}

/// Vertical columns (responses per day, a number's bands), with every `label_every`-th label.
pub fn column_chart(
    title: &str,
    data: &[Datum],
    min_cell: Option<u32>,
    label_every: usize,
) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    let most = data
        .iter()
        .filter_map(|d| d.count.count())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let plot = 120.0;
    let step = (WIDTH - 40.0) / data.len().max(1) as f64;
    let every = label_every.max(1);
    let columns = data
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = 40.0 + step * i as f64;
            let h = d.count.count().map_or(0.0, |n| plot * n as f64 / most);
            let label = (i % every == 0).then(|| {
                let text = clip(&d.label, 8.0);
                // Centred under its column, but never past either edge of the chart (11px).
                let half = text.chars().map(char_ems).sum::<f64>() * 11.0 / 2.0;
                let centre = x + step / 2.0;
                let (at, anchor) = if centre + half > WIDTH {
                    (WIDTH - 1.0, "end")
                } else if centre - half < 0.0 {
                    (1.0, "start")
                } else {
                    (centre, "middle")
                };
                view! {
                    <text x=at y=plot + 28.0 class="chart-axis" text-anchor=anchor>
                        {text}
                    </text>
                }
            });
            view! {
                <rect
                    x=x + step * 0.1
                    y=plot + 10.0 - h
                    width=step * 0.8
                    height=h
                    class="chart-bar"
                >
                    <title>{format!("{} {}", d.label, count_text(d.count, min_cell))}</title>
                </rect>
                {label}
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {}", plot + 36.0)
            role="img"
            aria-label=alternative(title, data, min_cell)
        >
            <text x="0" y="18" class="chart-axis">{thousands(most as u64)}</text>
            <line x1="40" y1=plot + 10.0 x2=WIDTH y2=plot + 10.0 class="chart-rule"/>
            {columns}
        </svg>
    }
    .into_any()
}

/// One stacked bar per line (a matrix's statements, a scale's points), each segment a column
/// of `columns`, as a share of the line's answers; a legend names the columns.
pub fn stacked_chart(
    title: &str,
    columns: &[String],
    lines: &[(String, Vec<Cell>, Cell)],
    min_cell: Option<u32>,
) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    let height = ROW * lines.len().max(1) as f64 + 4.0;
    let bars = lines
        .iter()
        .enumerate()
        .map(|(i, (label, cells, answered))| {
            let y = ROW * i as f64;
            let total = answered
                .count()
                .unwrap_or_else(|| cells.iter().filter_map(|c| c.count()).sum())
                .max(1) as f64;
            let mut x = LABEL_WIDTH;
            let segments = cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    let n = c.count()?;
                    let w = (WIDTH - LABEL_WIDTH - 10.0) * n as f64 / total;
                    let at = x;
                    x += w;
                    let name = columns.get(k).cloned().unwrap_or_default();
                    Some(view! {
                        <rect x=at y=y + 5.0 width=w height="16" class=format!("chart-seg s{}", k % 7)>
                            <title>{format!("{label} / {name}: {}", thousands(n))}</title>
                        </rect>
                    })
                })
                .collect_view();
            view! {
                <text x="0" y=y + 18.0 class="chart-label">{clip(label, LABEL_CHARS)}</text>
                {segments}
            }
        })
        .collect_view();
    let legend = columns
        .iter()
        .enumerate()
        .map(|(k, name)| {
            view! {
                <li>
                    <span class=format!("swatch s{}", k % 7) aria-hidden="true"></span>
                    {name.clone()}
                </li>
            }
        })
        .collect_view();
    let described: Vec<String> = lines
        .iter()
        .map(|(label, cells, _)| {
            let parts: Vec<String> = cells
                .iter()
                .zip(columns)
                .map(|(c, name)| format!("{name} {}", count_text(*c, min_cell)))
                .collect();
            format!("{label}: {}", parts.join("、"))
        })
        .collect();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-label=format!("{title}: {}", described.join(" / "))
        >
            {bars}
        </svg>
        <ul class="legend">{legend}</ul>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_japanese_way() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count_text(Cell::Hidden, Some(5)), "< 5");
        assert_eq!(count_text(Cell::Withheld, Some(5)), "—");
        assert_eq!(percent_text(Some(12.345)), "12.3%");
        assert_eq!(percent_text(None), "—");
        assert_eq!(clip("市民センターの利用について", 6.0), "市民センタ…");
        // Latin text takes about half the room: a district's English name fits whole.
        assert_eq!(clip("Higashi-Kusami", LABEL_CHARS), "Higashi-Kusami");
        assert_eq!(clip("No district given", LABEL_CHARS), "No district given");
        assert_eq!(clip("2026-10-05", 8.0), "2026-10-05");
    }

    #[test]
    fn the_longest_value_fits_beside_the_longest_bar() {
        for values in [
            vec!["12,345 (100.0%)", "3 (0.0%)"],
            vec!["1,234 (100.0%)"],
            vec!["9 (45.0%)", "< 5"],
            vec!["123,456,789 (100.0%)"],
        ] {
            let span = bar_span(values.iter().copied());
            assert!((60.0..=BAR_WIDTH).contains(&span), "{span}");
            let longest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
            let end = LABEL_WIDTH + span + VALUE_GAP + longest as f64 * VALUE_CHAR;
            // Only a number too long for any bar may overflow (then the bar is at its least).
            assert!(end <= WIDTH || span == 60.0, "{values:?} ends at {end}");
        }
        // Short values leave the bars their full width.
        assert_eq!(bar_span(["5 (9.0%)"]), BAR_WIDTH);
    }

    #[test]
    fn the_text_alternative_names_every_bar() {
        let data = vec![
            Datum {
                label: "はい".into(),
                count: Cell::Count(12),
                percent: Some(60.0),
                href: None,
            },
            Datum {
                label: "いいえ".into(),
                count: Cell::Hidden,
                percent: None,
                href: None,
            },
        ];
        assert_eq!(
            alternative("日曜開館", &data, Some(5)),
            "日曜開館: はい 12 (60.0%)、いいえ < 5"
        );
    }
}
