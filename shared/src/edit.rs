//! Editing a survey definition: the operations of the staff survey builder.
//!
//! Every operation takes a checked definition and returns a checked definition, or the
//! [`DefinitionError`] that explains why the change cannot be made (deleting a question that a
//! condition still refers to, say). So a working copy is always a survey residents could answer.

use crate::answer::FormValues;
use crate::survey::{
    Choice, Condition, DefinitionError, Question, QuestionKind, Section, SurveyDefinition, Text,
};
use serde::{Deserialize, Serialize};

/// The kinds of question the builder offers, by name (as in a `<select>`).
pub const KIND_NAMES: [&str; 13] = [
    "single_choice",
    "multiple_choice",
    "dropdown",
    "yes_no",
    "agreement",
    "scale",
    "stars",
    "number",
    "short_text",
    "long_text",
    "date",
    "ranking",
    "matrix",
];

/// The builder's name for a question's kind.
pub fn kind_name(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::SingleChoice { .. } => "single_choice",
        QuestionKind::MultipleChoice { .. } => "multiple_choice",
        QuestionKind::Dropdown { .. } => "dropdown",
        QuestionKind::YesNo => "yes_no",
        QuestionKind::Agreement { .. } => "agreement",
        QuestionKind::Scale { .. } => "scale",
        QuestionKind::Stars { .. } => "stars",
        QuestionKind::Number { .. } => "number",
        QuestionKind::Text {
            multiline: false, ..
        } => "short_text",
        QuestionKind::Text {
            multiline: true, ..
        } => "long_text",
        QuestionKind::Date { .. } => "date",
        QuestionKind::Ranking { .. } => "ranking",
        QuestionKind::Matrix { .. } => "matrix",
    }
}

fn placeholder_options(prefix: &str, count: usize) -> Vec<Choice> {
    (1..=count)
        .map(|n| Choice::new(format!("{prefix}{n}"), Text::ja(format!("選択肢{n}"))))
        .collect()
}

/// A new question of a kind, with placeholder text and options to edit, valid as it is.
/// Placeholders are Japanese only, so an untranslated question falls back to Japanese rather
/// than showing English readers a placeholder.
pub fn new_kind(name: &str) -> Option<QuestionKind> {
    let options = || placeholder_options("o", 3);
    Some(match name {
        "single_choice" => QuestionKind::SingleChoice {
            options: options(),
            other: false,
        },
        "multiple_choice" => QuestionKind::MultipleChoice {
            options: options(),
            min: None,
            max: None,
            other: false,
        },
        "dropdown" => QuestionKind::Dropdown { options: options() },
        "yes_no" => QuestionKind::YesNo,
        "agreement" => QuestionKind::Agreement {
            points: 5,
            labels: None,
        },
        "scale" => QuestionKind::Scale {
            low: None,
            high: None,
        },
        "stars" => QuestionKind::Stars { max: 5 },
        "number" => QuestionKind::Number {
            min: Some(0.0),
            max: None,
            integer: true,
            unit: None,
        },
        "short_text" => QuestionKind::Text {
            multiline: false,
            max_len: 100,
        },
        "long_text" => QuestionKind::Text {
            multiline: true,
            max_len: 2000,
        },
        "date" => QuestionKind::Date {
            min: None,
            max: None,
        },
        "ranking" => QuestionKind::Ranking {
            options: options(),
            top: None,
        },
        "matrix" => QuestionKind::Matrix {
            rows: placeholder_options("r", 2),
            columns: vec![
                Choice::new("1", Text::all("不満", "Unhappy", "よくない")),
                Choice::new(
                    "2",
                    Text::all("どちらでもない", "Neither", "どちらでもない"),
                ),
                Choice::new("3", Text::all("満足", "Happy", "よい")),
            ],
        },
        _ => return None,
    })
}

/// One change a builder makes to a definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Adds an empty-titled section with one yes/no question at the end.
    AddSection,
    /// Moves a section one place up (or down).
    MoveSection {
        /// The section.
        section: String,
        /// Towards the start.
        up: bool,
    },
    /// Deletes a section and its questions.
    DeleteSection {
        /// The section.
        section: String,
    },
    /// Adds a question of a kind (a [`KIND_NAMES`] entry) at the end of a section.
    AddQuestion {
        /// The section.
        section: String,
        /// The kind's name.
        kind: String,
    },
    /// Moves a question one place up or down, across section boundaries.
    MoveQuestion {
        /// The question.
        question: String,
        /// Towards the start.
        up: bool,
    },
    /// Copies a question right after itself (with a new id).
    DuplicateQuestion {
        /// The question.
        question: String,
    },
    /// Deletes a question.
    DeleteQuestion {
        /// The question.
        question: String,
    },
    /// Replaces a question with a new version of it (same id).
    ReplaceQuestion(Box<Question>),
    /// Inserts a question right after another one, under a fresh id.
    InsertQuestion {
        /// The question it follows.
        after: String,
        /// The new question (its id is replaced).
        question: Box<Question>,
    },
    /// Replaces a section's title and introduction.
    RetitleSection {
        /// The section.
        section: String,
        /// The new title.
        title: Text,
        /// The new introduction.
        intro: Option<Text>,
    },
}

/// A fresh id like `q7` or `s3`, not used by any section or question yet.
fn fresh_id(def: &[Section], prefix: &str) -> String {
    let taken = |id: &str| {
        def.iter()
            .any(|s| s.id == id || s.questions.iter().any(|q| q.id == id))
    };
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| prefix.to_string())
}

fn not_found(id: &str) -> DefinitionError {
    DefinitionError::BadId(id.to_string())
}

impl Edit {
    /// The question or section the edit is about (`None` for adding a page).
    pub fn target(&self) -> Option<&str> {
        match self {
            Edit::AddSection => None,
            Edit::MoveSection { section, .. }
            | Edit::DeleteSection { section }
            | Edit::AddQuestion { section, .. }
            | Edit::RetitleSection { section, .. } => Some(section),
            Edit::MoveQuestion { question, .. }
            | Edit::DuplicateQuestion { question }
            | Edit::DeleteQuestion { question } => Some(question),
            Edit::ReplaceQuestion(q) => Some(&q.id),
            Edit::InsertQuestion { after, .. } => Some(after),
        }
    }
}

/// Applies one change and checks the result.
pub fn apply(def: &SurveyDefinition, edit: &Edit) -> Result<SurveyDefinition, DefinitionError> {
    let mut sections = def.sections().to_vec();
    let find_section = |sections: &[Section], id: &str| {
        sections
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| not_found(id))
    };
    let find_question = |sections: &[Section], id: &str| {
        sections
            .iter()
            .enumerate()
            .find_map(|(si, s)| {
                s.questions
                    .iter()
                    .position(|q| q.id == id)
                    .map(|qi| (si, qi))
            })
            .ok_or_else(|| not_found(id))
    };
    match edit {
        Edit::AddSection => {
            let id = fresh_id(&sections, "s");
            let question = Question {
                id: fresh_id(&sections, "q"),
                label: Text::ja("新しい質問"),
                help: None,
                required: false,
                kind: QuestionKind::YesNo,
                show_if: None,
            };
            sections.push(Section {
                id,
                title: Text::ja("新しいページ"),
                intro: None,
                questions: vec![question],
                show_if: None,
            });
        }
        Edit::MoveSection { section, up } => {
            let i = find_section(&sections, section)?;
            let j = if *up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < sections.len()) {
                sections.swap(i, j);
            }
        }
        Edit::DeleteSection { section } => {
            let i = find_section(&sections, section)?;
            sections.remove(i);
        }
        Edit::AddQuestion { section, kind } => {
            let i = find_section(&sections, section)?;
            let kind = new_kind(kind).ok_or_else(|| not_found(kind))?;
            let id = fresh_id(&sections, "q");
            sections[i].questions.push(Question {
                id,
                label: Text::ja("新しい質問"),
                help: None,
                required: false,
                kind,
                show_if: None,
            });
        }
        Edit::MoveQuestion { question, up } => {
            let (si, qi) = find_question(&sections, question)?;
            let last_in_section = qi + 1 == sections[si].questions.len();
            match (up, qi, last_in_section) {
                (true, 0, _) if si > 0 => {
                    // To the end of the previous section.
                    let q = sections[si].questions.remove(qi);
                    sections[si - 1].questions.push(q);
                }
                (true, 0, _) => {}
                (true, _, _) => sections[si].questions.swap(qi, qi - 1),
                (false, _, true) if si + 1 < sections.len() => {
                    // To the start of the next section.
                    let q = sections[si].questions.remove(qi);
                    sections[si + 1].questions.insert(0, q);
                }
                (false, _, true) => {}
                (false, _, false) => sections[si].questions.swap(qi, qi + 1),
            }
        }
        Edit::DuplicateQuestion { question } => {
            let (si, qi) = find_question(&sections, question)?;
            let mut copy = sections[si].questions[qi].clone();
            copy.id = fresh_id(&sections, "q");
            sections[si].questions.insert(qi + 1, copy);
        }
        Edit::DeleteQuestion { question } => {
            let (si, qi) = find_question(&sections, question)?;
            sections[si].questions.remove(qi);
        }
        Edit::ReplaceQuestion(new) => {
            let (si, qi) = find_question(&sections, &new.id)?;
            sections[si].questions[qi] = (**new).clone();
        }
        Edit::InsertQuestion { after, question } => {
            let (si, qi) = find_question(&sections, after)?;
            let mut question = (**question).clone();
            question.id = fresh_id(&sections, "q");
            sections[si].questions.insert(qi + 1, question);
        }
        Edit::RetitleSection {
            section,
            title,
            intro,
        } => {
            let i = find_section(&sections, section)?;
            sections[i].title = title.clone();
            sections[i].intro = intro.clone();
        }
    }
    let district = def
        .district_question()
        .filter(|id| {
            sections
                .iter()
                .any(|s| s.questions.iter().any(|q| q.id == *id))
        })
        .map(str::to_string);
    SurveyDefinition::new(sections)?.with_district_question(district)
}

/// A text from three form fields named `{prefix}.ja`, `{prefix}.en` and `{prefix}.easy`; `None`
/// when the Japanese is empty.
pub fn text_from_form(form: &FormValues, prefix: &str) -> Option<Text> {
    let field = |lang: &str| {
        form.first(&format!("{prefix}.{lang}"))
            .map(|s| s.replace("\r\n", "\n").trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Some(Text {
        ja: field("ja")?,
        en: field("en"),
        easy: field("easy"),
    })
}

/// The options edited as rows of fields: `{prefix}.value` (hidden, repeated), with `.ja`,
/// `.en` and `.easy` per row; rows whose Japanese is empty are dropped, rows without a value get
/// a fresh one.
fn choices_from_form(form: &FormValues, prefix: &str, fresh: &str) -> Vec<Choice> {
    let column = |name: &str| -> Vec<String> {
        form.all(&format!("{prefix}.{name}"))
            .map(|s| s.trim().to_string())
            .collect()
    };
    let (values, ja, en, easy) = (column("value"), column("ja"), column("en"), column("easy"));
    let mut used: Vec<String> = values.iter().filter(|v| !v.is_empty()).cloned().collect();
    let mut out = Vec::new();
    for (i, label) in ja.iter().enumerate() {
        if label.is_empty() {
            continue;
        }
        let value = match values.get(i).filter(|v| !v.is_empty()) {
            Some(v) => v.clone(),
            None => {
                let v = (1..)
                    .map(|n| format!("{fresh}{n}"))
                    .find(|v| !used.contains(v))
                    .unwrap_or_default();
                used.push(v.clone());
                v
            }
        };
        let translation = |list: &[String]| list.get(i).filter(|s| !s.is_empty()).cloned();
        out.push(Choice::new(
            value,
            Text {
                ja: label.clone(),
                en: translation(&en),
                easy: translation(&easy),
            },
        ));
    }
    out
}

fn number(form: &FormValues, name: &str) -> Option<f64> {
    form.first(name).and_then(crate::answer::parse_number)
}

/// Reads the question editor's fields into a new version of `old` (same id and kind family;
/// the kind may be switched with the `kind` field). The result is checked by [`apply`].
pub fn question_from_form(old: &Question, form: &FormValues) -> Question {
    let kind_field = form.first("kind").unwrap_or(kind_name(&old.kind));
    // A new kind starts from its defaults; its own fields are edited after saving.
    let switched = (kind_field != kind_name(&old.kind))
        .then(|| new_kind(kind_field))
        .flatten();
    let options = || choices_from_form(form, "opt", "o");
    let other = form.contains("other", "on");
    let small = |name: &str| number(form, name).map(|n| n.clamp(0.0, 65_535.0) as u16);
    let kind = match kind_field {
        "single_choice" => QuestionKind::SingleChoice {
            options: options(),
            other,
        },
        "multiple_choice" => QuestionKind::MultipleChoice {
            options: options(),
            min: small("min"),
            max: small("max"),
            other,
        },
        "dropdown" => QuestionKind::Dropdown { options: options() },
        "yes_no" => QuestionKind::YesNo,
        "agreement" => QuestionKind::Agreement {
            points: if form.first("points") == Some("7") {
                7
            } else {
                5
            },
            labels: None,
        },
        "scale" => QuestionKind::Scale {
            low: text_from_form(form, "low"),
            high: text_from_form(form, "high"),
        },
        "stars" => QuestionKind::Stars {
            max: number(form, "max").map_or(5, |n| n.clamp(0.0, 255.0) as u8),
        },
        "number" => QuestionKind::Number {
            min: number(form, "min"),
            max: number(form, "max"),
            integer: form.contains("integer", "on"),
            unit: text_from_form(form, "unit"),
        },
        "short_text" | "long_text" => QuestionKind::Text {
            multiline: kind_field == "long_text",
            max_len: number(form, "max_len").map_or(400, |n| n.clamp(0.0, 1e9) as u32),
        },
        "date" => QuestionKind::Date {
            min: form
                .first("min")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            max: form
                .first("max")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        },
        "ranking" => QuestionKind::Ranking {
            options: options(),
            top: small("top").filter(|t| *t > 0),
        },
        "matrix" => QuestionKind::Matrix {
            rows: choices_from_form(form, "row", "r"),
            columns: choices_from_form(form, "col", "c"),
        },
        _ => old.kind.clone(),
    };
    let kind = switched.unwrap_or(kind);
    let show_if = match (form.first("if.question"), form.first("if.op")) {
        (Some(q), Some("answered")) if !q.is_empty() => Some(Condition::Answered {
            question: q.to_string(),
        }),
        (Some(q), Some("any_of")) if !q.is_empty() => {
            let values: Vec<String> = form.all("if.value").map(str::to_string).collect();
            match values.as_slice() {
                [one] => Some(Condition::Equals {
                    question: q.to_string(),
                    value: one.clone(),
                }),
                _ => Some(Condition::AnyOf {
                    question: q.to_string(),
                    values,
                }),
            }
        }
        _ => None,
    };
    Question {
        id: old.id.clone(),
        label: text_from_form(form, "label").unwrap_or_else(|| Text::ja("")),
        help: text_from_form(form, "help"),
        required: form.contains("required", "on"),
        kind,
        show_if,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sections: s1 with q1 and q0, s2 (added by the builder) with q2.
    fn start() -> SurveyDefinition {
        let def = apply(
            &match SurveyDefinition::parse_json(
                r#"{"sections":[{"id":"s1","title":{"ja":"一"},"questions":[
                {"id":"q1","label":{"ja":"質問1"},"kind":"yes_no"},
                {"id":"q0","label":{"ja":"質問0"},"kind":"yes_no"}]}]}"#,
            ) {
                Ok(d) => d,
                Err(e) => panic!("{e}"),
            },
            &Edit::AddSection,
        );
        match def {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn ids(def: &SurveyDefinition) -> Vec<Vec<String>> {
        def.sections()
            .iter()
            .map(|s| s.questions.iter().map(|q| q.id.clone()).collect())
            .collect()
    }

    #[test]
    fn every_kind_can_be_added_as_it_comes() {
        let mut def = start();
        for kind in KIND_NAMES {
            let next = apply(
                &def,
                &Edit::AddQuestion {
                    section: "s1".into(),
                    kind: kind.into(),
                },
            );
            def = match next {
                Ok(d) => d,
                Err(e) => panic!("{kind}: {e}"),
            };
        }
        let kinds: Vec<&str> = def.sections()[0]
            .questions
            .iter()
            .skip(2)
            .map(|q| kind_name(&q.kind))
            .collect();
        assert_eq!(kinds, KIND_NAMES.to_vec());
        assert!(
            apply(
                &def,
                &Edit::AddQuestion {
                    section: "s1".into(),
                    kind: "hologram".into()
                }
            )
            .is_err()
        );
    }

    #[test]
    fn questions_move_within_and_across_sections_and_copies_get_new_ids() {
        let def = start();
        assert_eq!(ids(&def), vec![vec!["q1", "q0"], vec!["q2"]]);
        let moved = apply(
            &def,
            &Edit::MoveQuestion {
                question: "q0".into(),
                up: false,
            },
        );
        let Ok(moved) = moved else {
            panic!("{moved:?}")
        };
        assert_eq!(ids(&moved), vec![vec!["q1"], vec!["q0", "q2"]]);
        let up = apply(
            &moved,
            &Edit::MoveQuestion {
                question: "q2".into(),
                up: true,
            },
        );
        let Ok(up) = up else { panic!("{up:?}") };
        assert_eq!(ids(&up), vec![vec!["q1"], vec!["q2", "q0"]]);
        let copied = apply(
            &def,
            &Edit::DuplicateQuestion {
                question: "q1".into(),
            },
        );
        let Ok(copied) = copied else {
            panic!("{copied:?}")
        };
        assert_eq!(ids(&copied)[0], vec!["q1", "q3", "q0"]);
        // Emptying a section is refused: a screen without questions cannot be answered.
        assert_eq!(
            apply(
                &def,
                &Edit::DeleteQuestion {
                    question: "q2".into()
                }
            ),
            Err(DefinitionError::Empty)
        );
        let swapped = apply(
            &def,
            &Edit::MoveSection {
                section: "s2".into(),
                up: true,
            },
        );
        assert_eq!(
            swapped.map(|d| d.sections()[0].id.clone()),
            Ok("s2".to_string())
        );
    }

    #[test]
    fn deleting_a_question_a_condition_needs_is_refused() {
        let def = start();
        let mut q2 = def.sections()[1].questions[0].clone();
        q2.show_if = Some(Condition::Equals {
            question: "q1".into(),
            value: "yes".into(),
        });
        let Ok(def) = apply(&def, &Edit::ReplaceQuestion(Box::new(q2))) else {
            panic!("a condition on an earlier yes/no is fine")
        };
        assert_eq!(
            apply(
                &def,
                &Edit::DeleteQuestion {
                    question: "q1".into()
                }
            ),
            Err(DefinitionError::BadCondition("q2".into()))
        );
    }

    #[test]
    fn the_question_editor_reads_every_field() {
        let def = start();
        let yes_no = def.sections()[0].questions[0].clone();
        // Switching the kind starts from the new kind's defaults (three placeholder options).
        let switched = question_from_form(
            &yes_no,
            &FormValues(vec![
                ("kind".into(), "multiple_choice".into()),
                ("label.ja".into(), "使いたい曜日".into()),
            ]),
        );
        assert_eq!(switched.options().len(), 3);
        let old = switched;
        let form = FormValues(
            [
                ("kind", "multiple_choice"),
                ("label.ja", "使いたい曜日"),
                ("label.en", "Days"),
                ("label.easy", ""),
                ("required", "on"),
                ("opt.value", "mon"),
                ("opt.ja", "月曜"),
                ("opt.en", "Monday"),
                ("opt.easy", ""),
                ("opt.value", ""),
                ("opt.ja", "日曜"),
                ("opt.en", ""),
                ("opt.easy", "にちよう"),
                ("opt.value", ""),
                ("opt.ja", ""),
                ("opt.en", ""),
                ("opt.easy", ""),
                ("max", "2"),
                ("other", "on"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
        );
        let q = question_from_form(&old, &form);
        assert_eq!(q.id, "q1");
        assert_eq!(q.label, Text::ja_en("使いたい曜日", "Days"));
        assert!(q.required);
        assert_eq!(
            q.kind,
            QuestionKind::MultipleChoice {
                options: vec![
                    Choice::new("mon", Text::ja_en("月曜", "Monday")),
                    Choice::new(
                        "o1",
                        Text {
                            ja: "日曜".into(),
                            en: None,
                            easy: Some("にちよう".into())
                        }
                    ),
                ],
                min: None,
                max: Some(2),
                other: true,
            }
        );
        assert!(apply(&def, &Edit::ReplaceQuestion(Box::new(q))).is_ok());
    }
}
