//! Each question's result: its counts or summary, and the labels the categories are shown with.

use super::*;

pub(super) fn tags_label(label: &Text) -> Text {
    Text {
        ja: format!("{}（テーマ）", label.ja),
        en: label.en.as_ref().map(|en| format!("{en} (themes)")),
        easy: label.easy.as_ref().map(|e| format!("{e}（テーマ）")),
    }
}

pub(super) fn matrix_row_label(q: &Question, row: &Choice) -> Text {
    let join = |a: &str, b: &str| format!("{a}：{b}");
    Text {
        ja: join(&q.label.ja, &row.label.ja),
        en: q
            .label
            .en
            .as_ref()
            .map(|en| format!("{en}: {}", row.label.get(Lang::En))),
        easy: q
            .label
            .easy
            .as_ref()
            .map(|easy| join(easy, row.label.get(Lang::EasyJa))),
    }
}

pub(super) fn point_categories(low: i32, labels: &[Text]) -> Vec<(String, Text)> {
    labels
        .iter()
        .enumerate()
        .map(|(k, label)| ((low + k as i32).to_string(), label.clone()))
        .collect()
}

pub(super) fn number_edges(q: &Question, values: &[f64], sel: &Selection) -> Vec<f64> {
    let mut min = f64::INFINITY;
    let mut max = f64::NEG_INFINITY;
    sel.for_each(|i| {
        let x = values[i];
        if !x.is_nan() {
            min = min.min(x);
            max = max.max(x);
        }
    });
    let whole = matches!(q.kind, QuestionKind::Number { integer: true, .. });
    bands(min, max, 10, whole)
}

pub(super) fn band_categories(edges: &[f64], q: &Question) -> Vec<(String, Text)> {
    let whole = matches!(q.kind, QuestionKind::Number { integer: true, .. });
    edges
        .windows(2)
        .map(|w| {
            let label = match (whole, w[1] - w[0] == 1.0) {
                (true, true) => format!("{}", w[0]),
                // Whole numbers: the band holds w[0] up to one below the next edge.
                (true, false) => format!("{}–{}", w[0], w[1] - 1.0),
                (false, _) => format!("{}–{}", w[0], w[1]),
            };
            (format!("{}-{}", w[0], w[1]), Text::ja(label))
        })
        .collect()
}

pub(super) fn summary_of(
    view: View,
    mean: Option<f64>,
    median: Option<f64>,
    extremes: (f64, f64),
    hidden: bool,
) -> Option<Summary> {
    if hidden && !view.staff() {
        return None;
    }
    Some(Summary {
        mean: mean?,
        median: median?,
        min: view.staff().then_some(extremes.0),
        max: view.staff().then_some(extremes.1),
    })
}

impl Cube {
    pub(super) fn question_result(
        &self,
        q: &Question,
        column: &Column,
        sel: &Selection,
        view: View,
    ) -> QuestionResult {
        let (answered, body) = match column {
            Column::Pick { dict, codes } => {
                let mut counts = vec![0u64; dict.len() + 1];
                sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                let answered = sel.len() as u64 - counts[0];
                let (cells, answered) = view.line(&counts[1..], answered);
                let body = ResultBody::Choices {
                    bars: bars(&dict_categories(dict), cells),
                    multiple: false,
                };
                (answered, body)
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                let mut counts = vec![0u64; dict.len() + 1];
                let mut answered = 0;
                sel.for_each(|i| {
                    let picks = picks_of(starts, codes, i);
                    if !picks.is_empty() {
                        answered += 1;
                    }
                    for &c in picks {
                        counts[usize::from(c)] += 1;
                    }
                });
                let body = ResultBody::Choices {
                    bars: bars(&dict_categories(dict), view.each(&counts[1..])),
                    multiple: true,
                };
                (view.one(answered), body)
            }
            Column::Points { low, labels, codes } => {
                let mut counts = vec![0u64; labels.len() + 1];
                sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                let answered = sel.len() as u64 - counts[0];
                let points: Vec<(f64, u64)> = counts[1..]
                    .iter()
                    .enumerate()
                    .map(|(k, &n)| (f64::from(*low) + k as f64, n))
                    .collect();
                let sum: f64 = points.iter().map(|(v, n)| v * *n as f64).sum();
                let mean = (answered > 0).then(|| sum / answered as f64);
                let seen = points.iter().filter(|(_, n)| *n > 0);
                let lowest = seen.clone().map(|(v, _)| *v).next().unwrap_or(f64::NAN);
                let highest = seen.map(|(v, _)| *v).next_back().unwrap_or(f64::NAN);
                let (cells, answered_cell) = view.line(&counts[1..], answered);
                let hidden = cells.iter().any(|c| c.is_hidden()) || answered_cell.is_hidden();
                let body = ResultBody::Scale {
                    bars: bars(&point_categories(*low, labels), cells),
                    summary: summary_of(
                        view,
                        mean,
                        median_of_counts(&points),
                        (lowest, highest),
                        hidden,
                    ),
                };
                (answered_cell, body)
            }
            Column::Number { values } => {
                let mut seen = Vec::new();
                sel.for_each(|i| {
                    if !values[i].is_nan() {
                        seen.push(values[i]);
                    }
                });
                let edges = number_edges(q, values, sel);
                let mut counts = vec![0u64; edges.len().saturating_sub(1)];
                for &x in &seen {
                    if let Some(b) = band_of(&edges, x) {
                        counts[b] += 1;
                    }
                }
                let answered = seen.len() as u64;
                let mean = (answered > 0).then(|| seen.iter().sum::<f64>() / answered as f64);
                let lowest = seen.iter().copied().fold(f64::INFINITY, f64::min);
                let highest = seen.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let median = median(&mut seen);
                let (cells, answered_cell) = view.line(&counts, answered);
                let hidden = cells.iter().any(|c| c.is_hidden()) || answered_cell.is_hidden();
                let body = ResultBody::Histogram {
                    bars: bars(&band_categories(&edges, q), cells),
                    summary: summary_of(view, mean, median, (lowest, highest), hidden),
                };
                (answered_cell, body)
            }
            Column::Ranking { dict, ranks } => {
                let options = ranks.len();
                let mut first = vec![0u64; options];
                let mut ranked = vec![0u64; options];
                let mut points = vec![0u64; options];
                let mut answered = 0u64;
                sel.for_each(|i| {
                    let mut any = false;
                    for (o, column) in ranks.iter().enumerate() {
                        let rank = usize::from(column[i]);
                        if rank > 0 {
                            any = true;
                            ranked[o] += 1;
                            points[o] += (options + 1).saturating_sub(rank) as u64;
                            if rank == 1 {
                                first[o] += 1;
                            }
                        }
                    }
                    answered += u64::from(any);
                });
                let (first_cells, answered_cell) = view.line(&first, answered);
                let ranked_cells = view.each(&ranked);
                let any_hidden = answered_cell.is_hidden();
                let mut items: Vec<RankItem> = dict_categories(dict)
                    .into_iter()
                    .zip(first_cells.into_iter().zip(ranked_cells))
                    .zip(&points)
                    .map(|(((value, label), (first, ranked)), &pts)| RankItem {
                        value,
                        label,
                        first,
                        ranked,
                        score: (answered > 0 && !any_hidden).then(|| pts as f64 / answered as f64),
                    })
                    .collect();
                items.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
                (answered_cell, ResultBody::Ranking { items })
            }
            Column::Matrix { columns, rows } => {
                let lines = rows
                    .iter()
                    .map(|(row, codes)| {
                        let mut counts = vec![0u64; columns.len() + 1];
                        sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                        let answered = sel.len() as u64 - counts[0];
                        let (cells, answered) = view.line(&counts[1..], answered);
                        MatrixLine {
                            value: row.value.clone(),
                            label: row.label.clone(),
                            cells,
                            answered,
                        }
                    })
                    .collect();
                let mut any = 0u64;
                sel.for_each(|i| any += u64::from(rows.iter().any(|(_, codes)| codes[i] != 0)));
                let body = ResultBody::Matrix {
                    columns: columns.labels.clone(),
                    lines,
                };
                (view.one(any), body)
            }
            Column::Date { months } => {
                let mut seen = (i32::MAX, i32::MIN);
                sel.for_each(|i| {
                    if months[i] != NO_DATE {
                        seen = (seen.0.min(months[i]), seen.1.max(months[i]));
                    }
                });
                let (low, high) = seen;
                let span = if low <= high {
                    (high - low + 1) as usize
                } else {
                    0
                };
                let mut counts = vec![0u64; span];
                sel.for_each(|i| {
                    if months[i] != NO_DATE {
                        counts[(months[i] - low) as usize] += 1;
                    }
                });
                let answered = counts.iter().sum();
                // Months with answers only (dates may spread over years).
                let (categories, counts): (Vec<(String, Text)>, Vec<u64>) = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(k, n)| {
                        let m = low + k as i32;
                        let v = format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1);
                        ((v.clone(), Text::ja(v)), *n)
                    })
                    .unzip();
                let (cells, answered) = view.line(&counts, answered);
                (
                    answered,
                    ResultBody::Dates {
                        bars: bars(&categories, cells),
                    },
                )
            }
            Column::Text { answered } => {
                let mut n = 0;
                let mut counts = vec![0u64; self.tags.len() + 1];
                let tagging = self.tagged.get(&q.id);
                sel.for_each(|i| {
                    n += u64::from(answered[i]);
                    if let Some(t) = tagging {
                        t.of(i).iter().for_each(|&c| counts[usize::from(c)] += 1);
                    }
                });
                let tags = bars(&self.tag_categories(), view.each(&counts[1..]));
                (view.one(n), ResultBody::Text { tags })
            }
        };
        QuestionResult {
            id: q.id.clone(),
            label: q.label.clone(),
            answered,
            body,
        }
    }
}
