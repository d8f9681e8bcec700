//! Exports of a survey's responses: CSV that opens correctly in Japanese Excel (UTF-8 with a
//! byte-order mark, CRLF line ends), XLSX (a responses sheet and a codes sheet), and JSON.
//!
//! **Layout.** One row per response; the first columns say when, how, in which language and
//! from which district it came; then one column per question, except: a multiple-choice
//! question gets one column per option (1 picked, 0 not, empty when unanswered), "other" gets a
//! column for its text, a ranking one column per option (its rank), a matrix one column per
//! statement. Labels are in the chosen language; the XLSX codes sheet lists every column with
//! its stored values and their labels.
//!
//! **Memory stays flat.** Rows are read a page at a time (keyset pagination on the
//! `(survey_id, id)` index) and written out as they come: CSV and JSON leave in chunks of about
//! 64 KiB while later pages are still being read; XLSX rows go to a temporary file
//! (rust_xlsxwriter's constant-memory mode) and the zip is streamed out at the end.
//!
//! **Formula injection.** A text answer starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return would run as a formula when the CSV is opened in a spreadsheet; such texts are written
//! with a leading apostrophe. XLSX cells are written as strings, which never run.

use crate::analytics::ResponseFacts;
use crate::error::{Error, Result};
use shared::Lang;
use shared::answer::{Answer, Answers};
use shared::survey::{Choice, OTHER, QuestionKind, SurveyDefinition, Text, other_key};
use std::collections::HashMap;

mod text;

use text::channel_name;
pub use text::{CsvSink, defuse, json_response};

/// The formats a survey can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values, UTF-8 with BOM, CRLF.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// JSON: the survey and every response with its stored answers.
    Json,
}

impl Format {
    /// Reads `csv`, `xlsx` or `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Json => "application/json",
        }
    }
}

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing (unanswered).
    Empty,
    /// A text.
    Text(String),
    /// A number.
    Number(f64),
}

/// What one column holds.
#[derive(Debug, Clone)]
enum Source {
    Id,
    SubmittedAt,
    Channel,
    Lang,
    District,
    /// The group whose survey link the respondent came by.
    Referrer,
    /// The label of the value picked.
    Pick(String, HashMap<String, String>),
    /// The text typed for "other".
    OtherText(String),
    /// 1 when the option was picked, 0 when not, empty when the question was unanswered.
    Option(String, String),
    /// A number (scales, stars, numbers).
    Number(String),
    /// A text or a date, as stored.
    Text(String),
    /// The rank given to an option.
    Rank(String, String),
    /// The label of the column picked for a matrix row.
    MatrixRow(String, String, HashMap<String, String>),
}

/// A column: its header and where its cells come from.
#[derive(Debug, Clone)]
struct Column {
    header: String,
    source: Source,
    /// Stored values and their labels, for the codes sheet.
    codes: Vec<(String, String)>,
}

/// The names an export shows for ids: districts and (referring) groups.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// District id → name.
    pub districts: HashMap<i64, String>,
    /// Group id → name.
    pub groups: HashMap<i64, String>,
}

impl Names {
    fn cell(names: &HashMap<i64, String>, id: Option<i64>) -> Value {
        id.map_or(Value::Empty, |id| {
            Value::Text(names.get(&id).cloned().unwrap_or_else(|| id.to_string()))
        })
    }
}

/// The columns of an export, in a language.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<Column>,
    lang: Lang,
    names: Names,
}

fn labels(choices: &[Choice], lang: Lang) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.label.plain(lang)))
        .collect()
}

fn other_label(lang: Lang) -> String {
    Text::all("その他", "Other", "そのほか").plain(lang)
}

impl Layout {
    /// The columns for `def` in `lang`; `names` names district and group ids.
    /// `standard_agreement` gives the standard wording of an agreement scale (for the codes
    /// sheet).
    pub fn new(
        def: &SurveyDefinition,
        lang: Lang,
        names: Names,
        standard_agreement: &dyn Fn(u8) -> Vec<Text>,
    ) -> Layout {
        let ja_en = |ja: &str, en: &str| Text::ja_en(ja, en).plain(lang);
        // "Question: option (rank)" in English, 「設問：選択肢（順位）」 in Japanese.
        let (colon, open, close) = if lang == Lang::En {
            (": ", " (", ")")
        } else {
            ("：", "（", "）")
        };
        let meta = |header: String, source: Source| Column {
            header,
            source,
            codes: Vec::new(),
        };
        let mut columns = vec![
            meta(ja_en("回答番号", "Response"), Source::Id),
            meta(
                ja_en("回答日時（日本時間）", "Sent (Japan time)"),
                Source::SubmittedAt,
            ),
            meta(ja_en("回答方法", "Channel"), Source::Channel),
            meta(ja_en("回答言語", "Language"), Source::Lang),
            meta(ja_en("校区", "District"), Source::District),
            meta(
                ja_en("紹介したグループ", "Referring group"),
                Source::Referrer,
            ),
        ];
        for q in def.questions() {
            let title = q.label.plain(lang);
            let id = q.id.clone();
            let numbered = |from: u8, to: u8| -> Vec<(String, String)> {
                (from..=to)
                    .map(|n| (n.to_string(), n.to_string()))
                    .collect()
            };
            match &q.kind {
                QuestionKind::SingleChoice { options, other } => {
                    let mut codes = labels(options, lang);
                    if *other {
                        codes.push((OTHER.into(), other_label(lang)));
                    }
                    columns.push(Column {
                        header: title.clone(),
                        source: Source::Pick(id.clone(), codes.iter().cloned().collect()),
                        codes,
                    });
                    if *other {
                        columns.push(meta(
                            format!("{title}{open}{}{close}", other_label(lang)),
                            Source::OtherText(id),
                        ));
                    }
                }
                QuestionKind::Dropdown { options } => {
                    let codes = labels(options, lang);
                    columns.push(Column {
                        header: title,
                        source: Source::Pick(id, codes.iter().cloned().collect()),
                        codes,
                    });
                }
                QuestionKind::YesNo => {
                    let codes = vec![
                        ("yes".to_string(), ja_en("はい", "Yes")),
                        ("no".to_string(), ja_en("いいえ", "No")),
                    ];
                    columns.push(Column {
                        header: title,
                        source: Source::Pick(id, codes.iter().cloned().collect()),
                        codes,
                    });
                }
                QuestionKind::MultipleChoice { options, other, .. } => {
                    let mut all = labels(options, lang);
                    if *other {
                        all.push((OTHER.into(), other_label(lang)));
                    }
                    for (value, label) in all {
                        columns.push(Column {
                            header: format!("{title}{colon}{label}"),
                            source: Source::Option(id.clone(), value),
                            codes: vec![
                                ("1".into(), ja_en("選んだ", "picked")),
                                ("0".into(), ja_en("選ばなかった", "not picked")),
                            ],
                        });
                    }
                    if *other {
                        columns.push(meta(
                            format!("{title}{open}{}{close}", other_label(lang)),
                            Source::OtherText(id),
                        ));
                    }
                }
                QuestionKind::Agreement { points, labels } => {
                    let words = labels
                        .clone()
                        .unwrap_or_else(|| standard_agreement(*points));
                    let codes = words
                        .iter()
                        .enumerate()
                        .map(|(k, w)| ((k + 1).to_string(), w.plain(lang)))
                        .collect();
                    columns.push(Column {
                        header: title,
                        source: Source::Number(id),
                        codes,
                    });
                }
                QuestionKind::Scale { .. } => columns.push(Column {
                    header: title,
                    source: Source::Number(id),
                    codes: numbered(0, 10),
                }),
                QuestionKind::Stars { max } => columns.push(Column {
                    header: title,
                    source: Source::Number(id),
                    codes: numbered(1, *max),
                }),
                QuestionKind::Number { .. } => columns.push(meta(title, Source::Number(id))),
                QuestionKind::Text { .. } | QuestionKind::Date { .. } => {
                    columns.push(meta(title, Source::Text(id)));
                }
                QuestionKind::Ranking { options, .. } => {
                    for (value, label) in labels(options, lang) {
                        columns.push(meta(
                            format!(
                                "{title}{colon}{label}{open}{}{close}",
                                ja_en("順位", "rank")
                            ),
                            Source::Rank(id.clone(), value),
                        ));
                    }
                }
                QuestionKind::Matrix {
                    rows,
                    columns: scale,
                } => {
                    let codes = labels(scale, lang);
                    for (row, label) in labels(rows, lang) {
                        columns.push(Column {
                            header: format!("{title}{colon}{label}"),
                            source: Source::MatrixRow(
                                id.clone(),
                                row,
                                codes.iter().cloned().collect(),
                            ),
                            codes: codes.clone(),
                        });
                    }
                }
            }
        }
        Layout {
            columns,
            lang,
            names,
        }
    }

    /// The header row.
    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.header.clone()).collect()
    }

    /// The codes sheet: column header, stored value, label.
    pub fn codes(&self) -> Vec<(String, String, String)> {
        self.columns
            .iter()
            .flat_map(|c| {
                c.codes
                    .iter()
                    .map(|(v, l)| (c.header.clone(), v.clone(), l.clone()))
            })
            .collect()
    }

    /// One response's cells.
    pub fn row(&self, r: &ResponseFacts, answers: &Answers) -> Vec<Value> {
        let text = |s: &str| Value::Text(s.to_string());
        self.columns
            .iter()
            .map(|c| match &c.source {
                Source::Id => Value::Number(r.id as f64),
                Source::SubmittedAt => {
                    let at = r.submitted_at + chrono::TimeDelta::hours(9);
                    Value::Text(at.format("%Y-%m-%d %H:%M:%S").to_string())
                }
                Source::Channel => text(channel_name(r.channel, self.lang)),
                Source::Lang => text(r.lang.native_name()),
                Source::District => Names::cell(&self.names.districts, r.district_id),
                Source::Referrer => Names::cell(&self.names.groups, r.referred_group_id),
                Source::Pick(q, names) => match answers.get(q) {
                    Some(Answer::Value(v)) => text(names.get(v).map_or(v.as_str(), String::as_str)),
                    _ => Value::Empty,
                },
                Source::OtherText(q) => match answers.get(&other_key(q)) {
                    Some(Answer::Value(v)) => text(v),
                    _ => Value::Empty,
                },
                Source::Option(q, value) => match answers.get(q) {
                    Some(Answer::Values(vs)) => {
                        Value::Number(f64::from(u8::from(vs.contains(value))))
                    }
                    _ => Value::Empty,
                },
                Source::Number(q) => match answers.get(q) {
                    Some(Answer::Number(x)) => Value::Number(*x),
                    Some(Answer::Value(v)) => v.parse().map_or_else(|_| text(v), Value::Number),
                    _ => Value::Empty,
                },
                Source::Text(q) => match answers.get(q) {
                    Some(Answer::Value(v)) => text(v),
                    _ => Value::Empty,
                },
                Source::Rank(q, value) => match answers.get(q) {
                    Some(Answer::Values(order)) => order
                        .iter()
                        .position(|v| v == value)
                        .map_or(Value::Empty, |p| Value::Number(p as f64 + 1.0)),
                    _ => Value::Empty,
                },
                Source::MatrixRow(q, row, names) => match answers.get(q) {
                    Some(Answer::Rows(picks)) => picks.get(row).map_or(Value::Empty, |v| {
                        text(names.get(v).map_or(v.as_str(), String::as_str))
                    }),
                    _ => Value::Empty,
                },
            })
            .collect()
    }
}
#[cfg(test)]
mod tests;
