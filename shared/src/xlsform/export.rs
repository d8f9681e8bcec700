//! Writing a survey definition out as an XLSForm workbook.

use super::*;

/// The languages written on export.
pub(super) const LANGS: [Lang; 3] = [Lang::Ja, Lang::En, Lang::EasyJa];

/// A sheet being written: a header, and rows keyed by header.
pub(super) struct Out {
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

impl Out {
    pub(super) fn new(plain: &[&str], texts: &[&str]) -> Out {
        let mut header: Vec<String> = plain.iter().map(|p| (*p).to_string()).collect();
        for base in texts {
            for lang in LANGS {
                header.push(lang_column(base, lang));
            }
        }
        Out {
            header,
            rows: Vec::new(),
        }
    }

    pub(super) fn row(&mut self, cells: &[(&str, String)], texts: &[(&str, Option<&Text>)]) {
        let mut row = vec![String::new(); self.header.len()];
        for (column, value) in cells {
            if let Some(i) = self.header.iter().position(|h| h == column) {
                row[i] = value.clone();
            }
        }
        for (base, text) in texts {
            let Some(text) = text else { continue };
            for lang in LANGS {
                let value = match lang {
                    Lang::Ja => Some(text.ja.clone()),
                    Lang::En => text.en.clone(),
                    Lang::EasyJa => text.easy.clone(),
                };
                if let (Some(v), Some(i)) = (
                    value,
                    self.header
                        .iter()
                        .position(|h| *h == lang_column(base, lang)),
                ) {
                    row[i] = v;
                }
            }
        }
        self.rows.push(row);
    }

    pub(super) fn sheet(self, name: &str) -> Sheet {
        let mut rows = vec![self.header];
        rows.extend(self.rows);
        Sheet {
            name: name.into(),
            rows,
        }
    }
}

/// Writes a survey as XLSForm. `standard_agreement` gives the standard wording of a 5- or
/// 7-point agreement scale (the interface's, in every language), written for people reading
/// the sheet; Yoriai reads the list's name, not its words.
pub fn export(
    title: &Text,
    intro: &Text,
    form_id: &str,
    def: &SurveyDefinition,
    standard_agreement: &dyn Fn(u8) -> Vec<Text>,
) -> Workbook {
    let mut survey = Out::new(SURVEY_COLUMNS, TEXT_COLUMNS);
    let mut choices = Out::new(&["list_name", "name"], &["label"]);
    // Lists are named after their question; a name the format gives a meaning to (`yes_no`,
    // `yoriai_…`) or one already written with other options gets a suffix, so that every
    // question reads back with its own options.
    let mut written_lists: Vec<(String, Vec<Choice>)> = Vec::new();
    let mut list = |wanted: &str, options: &[Choice], fixed: bool, choices: &mut Out| {
        let reserved = wanted == YES_NO_LIST || wanted.starts_with("yoriai_");
        let base = if reserved && !fixed {
            format!("list_{wanted}")
        } else {
            wanted.to_string()
        };
        let mut name = base.clone();
        let mut n = 1;
        loop {
            match written_lists.iter().find(|(w, _)| *w == name) {
                Some((_, same)) if same.as_slice() == options => return name,
                None => break,
                Some(_) => {
                    n += 1;
                    name = format!("{base}_{n}");
                }
            }
        }
        written_lists.push((name.clone(), options.to_vec()));
        for o in options {
            choices.row(
                &[("list_name", name.clone()), ("name", o.value.clone())],
                &[("label", Some(&o.label))],
            );
        }
        name
    };
    let yes = |b: bool| if b { "yes" } else { "" }.to_string();
    let relevant = |c: &Option<Condition>| c.as_ref().map(write_relevant).unwrap_or_default();
    let num = |n: f64| crate::answer::format_number(n);
    for section in def.sections() {
        survey.row(
            &[
                ("type", "begin_group".into()),
                ("name", section.id.clone()),
                ("relevant", relevant(&section.show_if)),
                ("appearance", "field-list".into()),
            ],
            &[("label", Some(&section.title))],
        );
        if let Some(intro) = &section.intro {
            survey.row(
                &[
                    ("type", "note".into()),
                    ("name", format!("{}_intro", section.id)),
                ],
                &[("label", Some(intro))],
            );
        }
        for q in &section.questions {
            let or_other = |other: bool| if other { " or_other" } else { "" };
            let mut cells: Vec<(&str, String)> = vec![
                ("name", q.id.clone()),
                ("required", yes(q.required)),
                ("relevant", relevant(&q.show_if)),
            ];
            let mut texts: Vec<(&str, Option<&Text>)> =
                vec![("label", Some(&q.label)), ("hint", q.help.as_ref())];
            let bounds = |subject: &str, low: Option<String>, high: Option<String>| {
                [
                    low.map(|l| format!("{subject} >= {l}")),
                    high.map(|h| format!("{subject} <= {h}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" and ")
            };
            let typ = match &q.kind {
                QuestionKind::SingleChoice { options, other } => {
                    let name = list(&q.id, options, false, &mut choices);
                    format!("select_one {name}{}", or_other(*other))
                }
                QuestionKind::Dropdown { options } => {
                    let name = list(&q.id, options, false, &mut choices);
                    cells.push(("appearance", "minimal".into()));
                    format!("select_one {name}")
                }
                QuestionKind::MultipleChoice {
                    options,
                    min,
                    max,
                    other,
                } => {
                    let name = list(&q.id, options, false, &mut choices);
                    let c = bounds(
                        "count-selected(.)",
                        min.map(|m| m.to_string()),
                        max.map(|m| m.to_string()),
                    );
                    cells.push(("constraint", c));
                    format!("select_multiple {name}{}", or_other(*other))
                }
                QuestionKind::YesNo => {
                    let options = [
                        Choice::new("yes", Text::all("はい", "Yes", "はい")),
                        Choice::new("no", Text::all("いいえ", "No", "いいえ")),
                    ];
                    let name = list(YES_NO_LIST, &options, true, &mut choices);
                    format!("select_one {name}")
                }
                QuestionKind::Agreement { points, labels } => {
                    let words = labels
                        .clone()
                        .unwrap_or_else(|| standard_agreement(*points));
                    let options: Vec<Choice> = words
                        .into_iter()
                        .enumerate()
                        .map(|(i, label)| Choice::new((i + 1).to_string(), label))
                        .collect();
                    let name = match labels {
                        None => list(&agree_list(*points), &options, true, &mut choices),
                        Some(_) => list(&q.id, &options, false, &mut choices),
                    };
                    cells.push(("appearance", "likert".into()));
                    format!("select_one {name}")
                }
                QuestionKind::Scale { low, high } => {
                    cells.push(("parameters", "start=0 end=10 step=1".into()));
                    texts.push(("yoriai_low", low.as_ref()));
                    texts.push(("yoriai_high", high.as_ref()));
                    "range".into()
                }
                QuestionKind::Stars { max } => {
                    cells.push(("parameters", format!("start=1 end={max} step=1")));
                    cells.push(("appearance", "rating".into()));
                    "range".into()
                }
                QuestionKind::Number {
                    min,
                    max,
                    integer,
                    unit,
                } => {
                    cells.push(("constraint", bounds(".", min.map(num), max.map(num))));
                    texts.push(("yoriai_unit", unit.as_ref()));
                    if *integer { "integer" } else { "decimal" }.into()
                }
                QuestionKind::Text { multiline, max_len } => {
                    if *multiline {
                        cells.push(("appearance", "multiline".into()));
                    }
                    cells.push(("constraint", format!("string-length(.) <= {max_len}")));
                    "text".into()
                }
                QuestionKind::Date { min, max } => {
                    let date = |d: &Option<String>| d.as_ref().map(|d| format!("date('{d}')"));
                    cells.push(("constraint", bounds(".", date(min), date(max))));
                    "date".into()
                }
                QuestionKind::Ranking { options, top } => {
                    let name = list(&q.id, options, false, &mut choices);
                    if let Some(top) = top {
                        cells.push(("yoriai_top", top.to_string()));
                    }
                    format!("rank {name}")
                }
                QuestionKind::Matrix { rows, columns } => {
                    let name = list(&q.id, columns, false, &mut choices);
                    survey.row(
                        &[
                            ("type", "begin_group".into()),
                            ("name", q.id.clone()),
                            ("relevant", relevant(&q.show_if)),
                            ("appearance", "table-list".into()),
                        ],
                        &[("label", Some(&q.label)), ("hint", q.help.as_ref())],
                    );
                    for r in rows {
                        survey.row(
                            &[
                                ("type", format!("select_one {name}")),
                                ("name", format!("{}.{}", q.id, r.value)),
                                ("required", yes(q.required)),
                            ],
                            &[("label", Some(&r.label))],
                        );
                    }
                    survey.row(&[("type", "end_group".into())], &[]);
                    continue;
                }
            };
            cells.push(("type", typ));
            survey.row(&cells, &texts);
        }
        survey.row(&[("type", "end_group".into())], &[]);
    }
    // pyxform reads the title from a plain `form_title` (in the default language) and fails on
    // translated `form_title::…` columns; the title in every language travels in
    // `yoriai_title::…`, which ODK tools ignore.
    let mut settings = Out::new(
        &[
            "form_id",
            "version",
            "default_language",
            "yoriai_district_question",
            "form_title",
        ],
        &["yoriai_title", "yoriai_intro"],
    );
    settings.row(
        &[
            ("form_title", title.ja.clone()),
            ("form_id", form_id.to_string()),
            ("version", "1".into()),
            ("default_language", "Japanese (ja)".into()),
            (
                "yoriai_district_question",
                def.district_question().unwrap_or_default().to_string(),
            ),
        ],
        &[("yoriai_title", Some(title)), ("yoriai_intro", Some(intro))],
    );
    Workbook {
        sheets: vec![
            survey.sheet(SURVEY),
            choices.sheet(CHOICES),
            settings.sheet(SETTINGS),
        ],
    }
}
