//! Answers to a survey, and the one function that turns submitted form fields into them.
//!
//! The browser (when JavaScript runs) and the server (always) call [`collect_answers`] on the
//! same list of `name=value` pairs a plain HTML form would post, so both agree on every message.

use crate::error::{FieldError, FieldErrors};
use crate::survey::{QuestionKind, SurveyDefinition};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// The value of the one option picked.
    Choice(String),
    /// The values of the options picked, in the order the survey lists them.
    Choices(Vec<String>),
    /// Free text, trimmed, with line breaks normalised to `\n`.
    Text(String),
}

/// The answers of one response, keyed by question id. Unanswered questions are absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

/// The form field name that carries the answer to question `id`.
pub fn field_name(question_id: &str) -> String {
    format!("q.{question_id}")
}

/// The raw `name=value` pairs of a submitted form, kept so a rejected form can be shown again
/// exactly as the respondent left it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    /// Every value submitted under `name`, in order.
    pub fn all<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> {
        let name = name.to_string();
        self.0
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value submitted under `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.all(name).next()
    }

    /// Whether `value` was among the values submitted under `name`.
    pub fn contains(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|v| v == value)
    }
}

/// Reads the answers to `def` from submitted form fields, checking every rule of every question.
///
/// Fields that name no question are ignored, so nothing a survey did not ask is ever stored.
pub fn collect_answers(def: &SurveyDefinition, form: &FormValues) -> Result<Answers, FieldErrors> {
    let mut answers = BTreeMap::new();
    let mut errors = FieldErrors::default();
    for q in def.questions() {
        let name = field_name(&q.id);
        let picked: Vec<&str> = form
            .all(&name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        let is_option = |v: &str| q.options().iter().any(|o| o.value == v);
        let result = match &q.kind {
            QuestionKind::SingleChoice { .. } => match picked.as_slice() {
                [] => Ok(None),
                [one] if is_option(one) => Ok(Some(Answer::Choice((*one).to_string()))),
                [_] => Err(FieldError::UnknownOption),
                _ => Err(FieldError::TooManyChoices { max: 1 }),
            },
            QuestionKind::MultipleChoice { min, max, .. } => {
                if picked.iter().any(|v| !is_option(v)) {
                    Err(FieldError::UnknownOption)
                } else {
                    // Keep the survey's order and drop repeats, whatever order the form used.
                    let chosen: Vec<String> = q
                        .options()
                        .iter()
                        .filter(|o| picked.contains(&o.value.as_str()))
                        .map(|o| o.value.clone())
                        .collect();
                    let count = u16::try_from(chosen.len()).unwrap_or(u16::MAX);
                    match (min, max) {
                        _ if chosen.is_empty() => Ok(None),
                        (Some(min), _) if count < *min => {
                            Err(FieldError::TooFewChoices { min: *min })
                        }
                        (_, Some(max)) if count > *max => {
                            Err(FieldError::TooManyChoices { max: *max })
                        }
                        _ => Ok(Some(Answer::Choices(chosen))),
                    }
                }
            }
            QuestionKind::Text { max_len, .. } => {
                let text = form
                    .first(&name)
                    .unwrap_or_default()
                    .replace("\r\n", "\n")
                    .trim()
                    .to_string();
                let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
                if text.is_empty() {
                    Ok(None)
                } else if len > *max_len {
                    Err(FieldError::TooLong { max: *max_len })
                } else {
                    Ok(Some(Answer::Text(text)))
                }
            }
        };
        match result {
            Ok(Some(answer)) => {
                answers.insert(q.id.clone(), answer);
            }
            Ok(None) if q.required => errors.push(name, FieldError::Required),
            Ok(None) => {}
            Err(e) => errors.push(name, e),
        }
    }
    if errors.is_empty() {
        Ok(Answers(answers))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{Choice, Question, Text};

    fn choice(v: &str) -> Choice {
        Choice {
            value: v.into(),
            label: Text::ja(v),
        }
    }

    fn def() -> SurveyDefinition {
        let q = |id: &str, required: bool, kind: QuestionKind| Question {
            id: id.into(),
            label: Text::ja(format!("質問 {id}")),
            help: None,
            required,
            kind,
        };
        let result = SurveyDefinition::new(vec![
            q(
                "sunday",
                true,
                QuestionKind::SingleChoice {
                    options: vec![choice("yes"), choice("no")],
                },
            ),
            q(
                "uses",
                false,
                QuestionKind::MultipleChoice {
                    options: vec![choice("a"), choice("b"), choice("c")],
                    min: Some(1),
                    max: Some(2),
                },
            ),
            q(
                "comment",
                false,
                QuestionKind::Text {
                    multiline: true,
                    max_len: 5,
                },
            ),
        ]);
        match result {
            Ok(def) => def,
            Err(e) => panic!("test definition must be valid: {e}"),
        }
    }

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_complete_form_gives_answers_in_survey_order() {
        let answers = collect_answers(
            &def(),
            &form(&[
                ("q.sunday", "yes"),
                ("q.uses", "b"),
                ("q.uses", "a"),
                ("q.uses", "a"),
                ("q.comment", " 日曜\r\nに "),
                ("q.unknown", "ignored"),
            ]),
        );
        let answers = answers.map_err(|e| format!("{e:?}"));
        assert_eq!(
            answers.map(|a| a.0.into_iter().collect::<Vec<_>>()),
            Ok(vec![
                ("comment".to_string(), Answer::Text("日曜\nに".into())),
                ("sunday".to_string(), Answer::Choice("yes".into())),
                (
                    "uses".to_string(),
                    Answer::Choices(vec!["a".into(), "b".into()])
                ),
            ])
        );
    }

    #[test]
    fn missing_required_answer_is_reported_and_optional_ones_are_not() {
        let errors = collect_answers(&def(), &form(&[("q.sunday", "  ")]));
        let mut expected = FieldErrors::default();
        expected.push("q.sunday", FieldError::Required);
        assert_eq!(errors, Err(expected));
    }

    #[test]
    fn every_rule_reports_its_own_error() {
        let errors = collect_answers(
            &def(),
            &form(&[
                ("q.sunday", "maybe"),
                ("q.uses", "a"),
                ("q.uses", "b"),
                ("q.uses", "c"),
                ("q.comment", "六文字です！"),
            ]),
        );
        let mut expected = FieldErrors::default();
        expected.push("q.sunday", FieldError::UnknownOption);
        expected.push("q.uses", FieldError::TooManyChoices { max: 2 });
        expected.push("q.comment", FieldError::TooLong { max: 5 });
        assert_eq!(errors, Err(expected));
    }

    #[test]
    fn two_values_for_a_single_choice_are_refused() {
        let errors = collect_answers(&def(), &form(&[("q.sunday", "yes"), ("q.sunday", "no")]));
        let mut expected = FieldErrors::default();
        expected.push("q.sunday", FieldError::TooManyChoices { max: 1 });
        assert_eq!(errors, Err(expected));
    }

    #[test]
    fn text_length_counts_characters_not_bytes() {
        let ok = collect_answers(
            &def(),
            &form(&[("q.sunday", "no"), ("q.comment", "五文字です")]),
        );
        assert!(ok.is_ok(), "five Japanese characters fit a limit of five");
    }

    #[test]
    fn unknown_option_in_multiple_choice_is_refused() {
        let errors = collect_answers(&def(), &form(&[("q.sunday", "no"), ("q.uses", "zzz")]));
        let mut expected = FieldErrors::default();
        expected.push("q.uses", FieldError::UnknownOption);
        assert_eq!(errors, Err(expected));
    }

    #[test]
    fn form_values_keep_what_was_typed() {
        let f = form(&[("q.uses", "a"), ("q.uses", "c"), ("q.comment", "x")]);
        assert!(f.contains("q.uses", "c"));
        assert!(!f.contains("q.uses", "b"));
        assert_eq!(f.first("q.comment"), Some("x"));
        assert_eq!(f.first("q.none"), None);
    }
}
