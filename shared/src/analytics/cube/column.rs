//! One question's answers as a column of small codes, and the dictionary of values behind the
//! codes.

use super::*;

/// The most distinct values one question keeps apart (options plus stray stored values).
pub(super) const MAX_CODES: usize = 255;

/// The values a question's answers may take, each with a code (its position + 1).
#[derive(Debug, Clone, Default)]
pub(super) struct Dict {
    pub(super) values: Vec<String>,
    pub(super) labels: Vec<Text>,
    pub(super) index: HashMap<String, u8>,
}

impl Dict {
    pub(super) fn new(entries: impl IntoIterator<Item = (String, Text)>) -> Dict {
        let mut dict = Dict::default();
        for (value, label) in entries {
            dict.add(value, label);
        }
        dict
    }

    pub(super) fn of_choices(choices: &[Choice], other: bool) -> Dict {
        let mut dict = Dict::new(choices.iter().map(|c| (c.value.clone(), c.label.clone())));
        if other {
            dict.add(OTHER.to_string(), Text::all("その他", "Other", "そのほか"));
        }
        dict
    }

    pub(super) fn add(&mut self, value: String, label: Text) -> Option<u8> {
        if self.values.len() >= MAX_CODES || self.index.contains_key(&value) {
            return self.index.get(&value).copied();
        }
        self.values.push(value.clone());
        self.labels.push(label);
        let code = u8::try_from(self.values.len()).ok()?;
        self.index.insert(value, code);
        Some(code)
    }

    /// The code of `value`, adding a stray value (labelled as stored) when there is room.
    pub(super) fn code(&mut self, value: &str) -> Option<u8> {
        match self.index.get(value) {
            Some(&code) => Some(code),
            None => self.add(value.to_string(), Text::ja(value)),
        }
    }

    pub(super) fn find(&self, value: &str) -> Option<u8> {
        self.index.get(value).copied()
    }

    pub(super) fn len(&self) -> usize {
        self.values.len()
    }
}

/// One question's answers, one entry per response.
#[derive(Debug, Clone)]
pub(super) enum Column {
    /// One pick: the option's code, 0 for none.
    Pick { dict: Dict, codes: Vec<u8> },
    /// Several picks: response `i`'s codes are `codes[starts[i]..starts[i + 1]]`.
    Picks {
        dict: Dict,
        starts: Vec<u32>,
        codes: Vec<u8>,
    },
    /// A point of a scale from `low`: stored as point − low + 1, 0 for none.
    Points {
        low: i32,
        labels: Vec<Text>,
        codes: Vec<u8>,
    },
    /// A number typed in; NaN for none.
    Number { values: Vec<f64> },
    /// A ranking: `ranks[option][i]` is the rank response `i` gave the option, 0 if unranked.
    Ranking { dict: Dict, ranks: Vec<Vec<u8>> },
    /// A matrix: one column of picks (codes into `columns`) per row of the question.
    Matrix {
        columns: Dict,
        rows: Vec<(Choice, Vec<u8>)>,
    },
    /// A date's month, as year × 12 + month − 1; `i32::MIN` for none.
    Date { months: Vec<i32> },
    /// Free text: only whether it was answered (the texts stay in the database).
    Text { answered: Vec<bool> },
}

pub(super) const NO_DATE: i32 = i32::MIN;

impl Column {
    pub(super) fn new(q: &Question, standard_agreement: &dyn Fn(u8) -> Vec<Text>) -> Column {
        let points = |low: i32, labels: Vec<Text>| Column::Points {
            low,
            labels,
            codes: Vec::new(),
        };
        let numbered = |from: i32, to: i32| (from..=to).map(|n| Text::ja(n.to_string())).collect();
        match &q.kind {
            QuestionKind::SingleChoice { options, other } => Column::Pick {
                dict: Dict::of_choices(options, *other),
                codes: Vec::new(),
            },
            QuestionKind::Dropdown { options } => Column::Pick {
                dict: Dict::of_choices(options, false),
                codes: Vec::new(),
            },
            QuestionKind::YesNo => Column::Pick {
                dict: Dict::new([
                    ("yes".to_string(), Text::all("はい", "Yes", "はい")),
                    ("no".to_string(), Text::all("いいえ", "No", "いいえ")),
                ]),
                codes: Vec::new(),
            },
            QuestionKind::MultipleChoice { options, other, .. } => Column::Picks {
                dict: Dict::of_choices(options, *other),
                starts: vec![0],
                codes: Vec::new(),
            },
            QuestionKind::Agreement { points: n, labels } => points(
                1,
                labels
                    .clone()
                    .unwrap_or_else(|| standard_agreement(*n))
                    .into_iter()
                    .chain((i32::from(*n) + 1..).map(|p| Text::ja(p.to_string())))
                    .take(usize::from(*n))
                    .collect(),
            ),
            QuestionKind::Scale { .. } => points(0, numbered(0, 10)),
            QuestionKind::Stars { max } => points(1, numbered(1, i32::from(*max))),
            QuestionKind::Number { .. } => Column::Number { values: Vec::new() },
            QuestionKind::Ranking { options, .. } => Column::Ranking {
                dict: Dict::of_choices(options, false),
                ranks: vec![Vec::new(); options.len()],
            },
            QuestionKind::Matrix { rows, columns } => Column::Matrix {
                columns: Dict::of_choices(columns, false),
                rows: rows.iter().map(|r| (r.clone(), Vec::new())).collect(),
            },
            QuestionKind::Date { .. } => Column::Date { months: Vec::new() },
            QuestionKind::Text { .. } => Column::Text {
                answered: Vec::new(),
            },
        }
    }

    pub(super) fn push(&mut self, answer: Option<&Answer>) {
        match self {
            Column::Pick { dict, codes } => {
                let code = match answer {
                    Some(Answer::Value(v)) => dict.code(v).unwrap_or(0),
                    _ => 0,
                };
                codes.push(code);
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                if let Some(Answer::Values(vs)) = answer {
                    codes.extend(vs.iter().filter_map(|v| dict.code(v)));
                }
                starts.push(u32::try_from(codes.len()).unwrap_or(u32::MAX));
            }
            Column::Points { low, labels, codes } => {
                let point = match answer {
                    Some(Answer::Number(x)) => Some(*x),
                    Some(Answer::Value(v)) => v.parse().ok(),
                    _ => None,
                };
                let code = point
                    .filter(|x: &f64| x.fract() == 0.0)
                    .map(|x| x as i64 - i64::from(*low) + 1)
                    .filter(|&c| c >= 1 && c as usize <= labels.len())
                    .and_then(|c| u8::try_from(c).ok())
                    .unwrap_or(0);
                codes.push(code);
            }
            Column::Number { values } => values.push(match answer {
                Some(Answer::Number(x)) if x.is_finite() => *x,
                _ => f64::NAN,
            }),
            Column::Ranking { dict, ranks } => {
                let order: &[String] = match answer {
                    Some(Answer::Values(vs)) => vs,
                    _ => &[],
                };
                for (option, column) in dict.values.iter().zip(ranks.iter_mut()) {
                    let rank = order
                        .iter()
                        .position(|v| v == option)
                        .and_then(|p| u8::try_from(p + 1).ok())
                        .unwrap_or(0);
                    column.push(rank);
                }
            }
            Column::Matrix { columns, rows } => {
                let picks = match answer {
                    Some(Answer::Rows(picks)) => Some(picks),
                    _ => None,
                };
                for (row, codes) in rows.iter_mut() {
                    let code = picks
                        .and_then(|p| p.get(&row.value))
                        .and_then(|v| columns.code(v))
                        .unwrap_or(0);
                    codes.push(code);
                }
            }
            Column::Date { months } => months.push(match answer {
                Some(Answer::Value(v)) => v
                    .parse::<NaiveDate>()
                    .map(|d| d.year() * 12 + d.month0() as i32)
                    .unwrap_or(NO_DATE),
                _ => NO_DATE,
            }),
            Column::Text { answered } => {
                answered.push(matches!(answer, Some(Answer::Value(v)) if !v.trim().is_empty()));
            }
        }
    }

    /// A test of "answered `value`" for this column, with the value looked up once (not per
    /// response). `None` when the column cannot have that value (nothing matches).
    pub(super) fn condition(&self, value: &str) -> Option<Box<dyn Fn(usize) -> bool + '_>> {
        match self {
            Column::Pick { dict, codes } => {
                let code = dict.find(value)?;
                Some(Box::new(move |i| codes[i] == code))
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                let code = dict.find(value)?;
                Some(Box::new(move |i| {
                    picks_of(starts, codes, i).contains(&code)
                }))
            }
            Column::Points { low, codes, labels } => {
                let point = value.parse::<i32>().ok()?;
                let code = u8::try_from(point - low + 1)
                    .ok()
                    .filter(|c| *c >= 1 && usize::from(*c) <= labels.len())?;
                Some(Box::new(move |i| codes[i] == code))
            }
            Column::Number { values } => {
                let x = value.parse::<f64>().ok()?;
                Some(Box::new(move |i| values[i] == x))
            }
            _ => None,
        }
    }
}

pub(super) fn picks_of<'a>(starts: &[u32], codes: &'a [u8], i: usize) -> &'a [u8] {
    let from = starts[i] as usize;
    let to = starts[i + 1] as usize;
    &codes[from..to]
}
