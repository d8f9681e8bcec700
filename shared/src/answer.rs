//! Answers to a survey, and the functions that turn submitted form fields into them.
//!
//! The server (always) and the browser (to show and hide questions while typing) read the same
//! `name=value` pairs a plain HTML form posts, with the same code, so both agree on every rule.
//!
//! Field names: `q.{id}` carries a question's answer (repeated for several picks);
//! `q.{id}.other` the text typed for "other, please specify"; `q.{id}.{value}` the rank of an
//! option (ranking) or the column picked for a row (matrix).

use crate::error::{FieldError, FieldErrors};
use crate::survey::{Choice, OTHER, Question, QuestionKind, SurveyDefinition, other_key};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod channel;
mod read;
mod values;

pub use channel::Channel;
pub use read::{OTHER_MAX_LEN, read_answer};
pub use values::{Date, format_number, parse_date, parse_number};

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// One value: the option picked (single choice, drop-down, yes/no), text, or a date
    /// (`YYYY-MM-DD`).
    Value(String),
    /// Several values: the options picked, in the survey's order (multiple choice), or the
    /// options ranked, most preferred first (ranking).
    Values(Vec<String>),
    /// A number: a scale point, a star count or a number typed in.
    Number(f64),
    /// The column picked for each row of a matrix, by row value.
    Rows(BTreeMap<String, String>),
}

/// The answers of one response, keyed by question id (and [`other_key`] for "other" texts).
/// Unanswered and hidden questions are absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    /// The answer to question `id`.
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.0.get(id)
    }

    /// The text typed for "other" on question `id`.
    pub fn other_text(&self, id: &str) -> Option<&str> {
        match self.0.get(&other_key(id)) {
            Some(Answer::Value(v)) => Some(v),
            _ => None,
        }
    }

    /// Replaces the answers to `questions` with `new` ones (answers to other questions stay).
    pub fn replace<'a>(&mut self, questions: impl Iterator<Item = &'a Question>, new: Answers) {
        for q in questions {
            self.0.remove(&q.id);
            self.0.remove(&other_key(&q.id));
        }
        self.0.extend(new.0);
    }

    /// Only the answers to questions shown for these answers (hidden ones dropped), in one pass
    /// in survey order, so a question hidden because an earlier one became hidden goes too.
    pub fn pruned(&self, def: &SurveyDefinition) -> Answers {
        let mut kept = Answers::default();
        for (index, section) in def.sections().iter().enumerate() {
            if !def.section_shown(index, &kept) {
                continue;
            }
            for q in &section.questions {
                if q.show_if.as_ref().is_some_and(|c| !c.holds(&kept)) {
                    continue;
                }
                if let Some(a) = self.0.get(&q.id) {
                    kept.0.insert(q.id.clone(), a.clone());
                }
                if let Some(other) = self.0.get(&other_key(&q.id)) {
                    kept.0.insert(other_key(&q.id), other.clone());
                }
            }
        }
        kept
    }
}

/// The form field name that carries the answer to question `id`.
pub fn field_name(question_id: &str) -> String {
    format!("q.{question_id}")
}

/// The form field for the rank of an option, or the pick of a matrix row.
pub fn part_name(question_id: &str, part: &str) -> String {
    format!("q.{question_id}.{part}")
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

    /// Adds a pair.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// A form from name/value pairs, in order (for tests and for code that builds a form).
    pub fn of(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

/// The form fields that show stored answers again (to resume, or to change an answer).
pub fn answers_to_form(def: &SurveyDefinition, answers: &Answers) -> FormValues {
    let mut form = FormValues::default();
    for q in def.questions() {
        let name = field_name(&q.id);
        match (answers.get(&q.id), &q.kind) {
            (Some(Answer::Values(ranked)), QuestionKind::Ranking { .. }) => {
                for (rank, value) in ranked.iter().enumerate() {
                    form.push(part_name(&q.id, value), (rank + 1).to_string());
                }
            }
            (Some(Answer::Value(v)), _) => form.push(name.clone(), v.clone()),
            (Some(Answer::Values(vs)), _) => {
                for v in vs {
                    form.push(name.clone(), v.clone());
                }
            }
            (Some(Answer::Number(n)), _) => form.push(name.clone(), format_number(*n)),
            (Some(Answer::Rows(rows)), _) => {
                for (row, column) in rows {
                    form.push(part_name(&q.id, row), column.clone());
                }
            }
            (None, _) => {}
        }
        if let Some(other) = answers.other_text(&q.id) {
            form.push(other_key(&name), other.to_string());
        }
    }
    form
}

/// Reads the answers to `questions` (asked in this order), evaluating each question's condition
/// on `known` answers (earlier sections) and those read so far. Hidden questions are skipped:
/// never required, never stored. Returns the answers read and every field's error.
pub fn collect_questions<'a>(
    questions: impl Iterator<Item = &'a Question>,
    form: &FormValues,
    known: &Answers,
) -> (Answers, FieldErrors) {
    let walked = walk(questions, form, known, true);
    (walked.answers, walked.errors)
}

/// The ids of the questions shown for what the form says now: the one rule the browser applies
/// while the respondent types, and the server when the form arrives.
pub fn shown_questions<'a>(
    questions: impl Iterator<Item = &'a Question>,
    form: &FormValues,
    known: &Answers,
) -> Vec<&'a str> {
    walk(questions, form, known, true).shown
}

/// What reading a list of questions found.
struct Walked<'a> {
    answers: Answers,
    errors: FieldErrors,
    shown: Vec<&'a str>,
}

/// Walks the questions in order; `enforce_required` is false for paper, where a blank is an
/// answer of its own ("no answer") rather than a mistake to correct.
fn walk<'a>(
    questions: impl Iterator<Item = &'a Question>,
    form: &FormValues,
    known: &Answers,
    enforce_required: bool,
) -> Walked<'a> {
    let mut seen = known.clone();
    let mut walked = Walked {
        answers: Answers::default(),
        errors: FieldErrors::default(),
        shown: Vec::new(),
    };
    for q in questions {
        // Forget any earlier answer to this question: the form is the truth for it now.
        seen.0.remove(&q.id);
        seen.0.remove(&other_key(&q.id));
        if q.show_if.as_ref().is_some_and(|c| !c.holds(&seen)) {
            continue;
        }
        walked.shown.push(q.id.as_str());
        match read_answer(q, form) {
            Ok(Some((answer, other))) => {
                if let Some(text) = other {
                    let key = other_key(&q.id);
                    seen.0.insert(key.clone(), Answer::Value(text.clone()));
                    walked.answers.0.insert(key, Answer::Value(text));
                }
                seen.0.insert(q.id.clone(), answer.clone());
                walked.answers.0.insert(q.id.clone(), answer);
            }
            Ok(None) if q.required && enforce_required => {
                walked.errors.push(field_name(&q.id), FieldError::Required);
            }
            Ok(None) => {}
            Err(e) => walked.errors.push(field_name(&q.id), e),
        }
    }
    walked
}

/// Reads the answers of section `index` given the answers of the other sections.
pub fn collect_section(
    def: &SurveyDefinition,
    index: usize,
    form: &FormValues,
    known: &Answers,
) -> Result<Answers, FieldErrors> {
    let Some(section) = def.sections().get(index) else {
        return Ok(Answers::default());
    };
    let (answers, errors) = collect_questions(section.questions.iter(), form, known);
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// Reads a whole survey from one form (all sections at once), skipping hidden sections and
/// questions, with every rule of the web form.
pub fn collect_answers(def: &SurveyDefinition, form: &FormValues) -> Result<Answers, FieldErrors> {
    collect_all(def, form, true)
}

/// Reads a whole survey from one form as a paper response is typed in by staff: the same rules,
/// except that blank questions stay unanswered, required or not (a paper cannot insist).
pub fn collect_paper_answers(
    def: &SurveyDefinition,
    form: &FormValues,
) -> Result<Answers, FieldErrors> {
    collect_all(def, form, false)
}

fn collect_all(
    def: &SurveyDefinition,
    form: &FormValues,
    enforce_required: bool,
) -> Result<Answers, FieldErrors> {
    let mut answers = Answers::default();
    let mut errors = FieldErrors::default();
    for (index, section) in def.sections().iter().enumerate() {
        if !def.section_shown(index, &answers) {
            continue;
        }
        let walked = walk(section.questions.iter(), form, &answers, enforce_required);
        answers.0.extend(walked.answers.0);
        errors.0.extend(walked.errors.0);
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// Checks saved answers before they become a response: hidden answers are dropped, and the
/// first shown section with a required question left unanswered is reported (with its errors),
/// so the respondent can be sent back to it.
pub fn check_complete(
    def: &SurveyDefinition,
    answers: &Answers,
) -> Result<Answers, (usize, FieldErrors)> {
    let kept = answers.pruned(def);
    for index in def.shown_sections(&kept) {
        let Some(section) = def.sections().get(index) else {
            continue;
        };
        let mut errors = FieldErrors::default();
        for q in &section.questions {
            let shown = q.show_if.as_ref().is_none_or(|c| c.holds(&kept));
            if shown && q.required && kept.get(&q.id).is_none() {
                errors.push(field_name(&q.id), FieldError::Required);
            }
        }
        if !errors.is_empty() {
            return Err((index, errors));
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests;
