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

/// A number as people write it: `4`, not `4.0`; `2.5`.
pub fn format_number(n: f64) -> String {
    format!("{n}")
}

/// Reads a number as people type it on a Japanese phone: full-width digits and signs, thousands
/// separators (`1,000` / `１，０００`) and surrounding spaces are accepted.
pub fn parse_number(text: &str) -> Option<f64> {
    let normalised: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '．' => Some('.'),
            '－' | 'ー' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '、' => None,
            c => Some(c),
        })
        .collect();
    let n: f64 = normalised.parse().ok()?;
    n.is_finite().then_some(n)
}

/// A calendar date (proleptic Gregorian), compared and printed as `YYYY-MM-DD`.
///
/// Written here rather than taken from `chrono` so that the browser bundle, which runs the same
/// validation, does not carry a date library for one format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year (1–9999).
    pub year: u16,
    /// Month (1–12).
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads a date written `YYYY-MM-DD` (what `<input type="date">` posts), also with full-width
/// digits or slashes.
pub fn parse_date(text: &str) -> Option<Date> {
    let normalised: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '/' | '／' | '－' => '-',
            c => c,
        })
        .collect();
    let mut parts = normalised.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let digits = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let year = digits(y, 4).filter(|year| *year >= 1 && y.len() == 4)?;
    let month = u8::try_from(digits(m, 2)?)
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(digits(d, 2)?).ok()?;
    (1..=days_in_month(year, month))
        .contains(&day)
        .then_some(Date { year, month, day })
}

/// The non-empty, trimmed values posted under `name`.
fn picked<'a>(form: &'a FormValues, name: &str) -> Vec<&'a str> {
    form.all(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// The single trimmed value posted under `name`, with `\r\n` made `\n`; empty when absent.
fn text_value(form: &FormValues, name: &str) -> String {
    form.first(name)
        .unwrap_or_default()
        .replace("\r\n", "\n")
        .trim()
        .to_string()
}

/// What one question's fields said: nothing, an answer (and maybe an "other" text), or why not.
type Read = Result<Option<(Answer, Option<String>)>, FieldError>;

/// Reads one question's answer from the form, checking every rule of its kind (but not whether
/// it is required or shown; the callers decide that).
pub fn read_answer(q: &Question, form: &FormValues) -> Read {
    let name = field_name(&q.id);
    let values = picked(form, &name);
    let in_list = |list: &[Choice], v: &str| list.iter().any(|o| o.value == v);
    let other_text = || {
        let text = text_value(form, &other_key(&name));
        let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
        if text.chars().any(crate::text::is_forbidden_control) {
            Err(FieldError::ControlCharacters)
        } else if text.is_empty() {
            Err(FieldError::OtherRequired)
        } else if len > OTHER_MAX_LEN {
            Err(FieldError::TooLong { max: OTHER_MAX_LEN })
        } else {
            Ok(text)
        }
    };
    let number_in = |v: &str, lo: u8, hi: u8| match parse_number(v) {
        Some(n) if n.fract() == 0.0 && n >= f64::from(lo) && n <= f64::from(hi) => Ok(n),
        _ => Err(FieldError::UnknownOption),
    };
    let one = |values: &[&str]| match values {
        [] => Ok(None),
        [v] => Ok(Some((*v).to_string())),
        _ => Err(FieldError::TooManyChoices { max: 1 }),
    };
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => match one(&values)? {
            None => Ok(None),
            Some(v) if *other && v == OTHER => Ok(Some((Answer::Value(v), Some(other_text()?)))),
            Some(v) if in_list(options, &v) => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::MultipleChoice {
            options,
            min,
            max,
            other,
        } => {
            let other_picked = *other && values.contains(&OTHER);
            if values
                .iter()
                .any(|v| !(in_list(options, v) || (*other && *v == OTHER)))
            {
                return Err(FieldError::UnknownOption);
            }
            // Keep the survey's order and drop repeats, whatever order the form used.
            let mut chosen: Vec<String> = options
                .iter()
                .filter(|o| values.contains(&o.value.as_str()))
                .map(|o| o.value.clone())
                .collect();
            if other_picked {
                chosen.push(OTHER.to_string());
            }
            let count = u16::try_from(chosen.len()).unwrap_or(u16::MAX);
            match (min, max) {
                _ if chosen.is_empty() => Ok(None),
                (Some(min), _) if count < *min => Err(FieldError::TooFewChoices { min: *min }),
                (_, Some(max)) if count > *max => Err(FieldError::TooManyChoices { max: *max }),
                _ => {
                    let other = if other_picked {
                        Some(other_text()?)
                    } else {
                        None
                    };
                    Ok(Some((Answer::Values(chosen), other)))
                }
            }
        }
        QuestionKind::Dropdown { options } => match one(&values)? {
            None => Ok(None),
            Some(v) if in_list(options, &v) => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::YesNo => match one(&values)? {
            None => Ok(None),
            Some(v) if v == "yes" || v == "no" => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::Agreement { points, .. } => one(&values)?
            .map(|v| number_in(&v, 1, *points).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Scale { .. } => one(&values)?
            .map(|v| number_in(&v, 0, 10).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Stars { max } => one(&values)?
            .map(|v| number_in(&v, 1, *max).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Number {
            min, max, integer, ..
        } => {
            let Some(v) = one(&values)? else {
                return Ok(None);
            };
            let n = parse_number(&v).ok_or(FieldError::NotANumber)?;
            if *integer && n.fract() != 0.0 {
                return Err(FieldError::NotWhole);
            }
            if min.is_some_and(|lo| n < lo) || max.is_some_and(|hi| n > hi) {
                return Err(FieldError::OutOfRange {
                    min: min.map(format_number),
                    max: max.map(format_number),
                });
            }
            Ok(Some((Answer::Number(n), None)))
        }
        QuestionKind::Text { max_len, .. } => {
            let text = text_value(form, &name);
            let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            if text.is_empty() {
                Ok(None)
            } else if text.chars().any(crate::text::is_forbidden_control) {
                Err(FieldError::ControlCharacters)
            } else if len > *max_len {
                Err(FieldError::TooLong { max: *max_len })
            } else {
                Ok(Some((Answer::Value(text), None)))
            }
        }
        QuestionKind::Date { min, max } => {
            let Some(v) = one(&values)? else {
                return Ok(None);
            };
            let date = parse_date(&v).ok_or(FieldError::NotADate)?;
            let bound = |d: &Option<String>| d.as_deref().and_then(parse_date);
            if bound(min).is_some_and(|lo| date < lo) || bound(max).is_some_and(|hi| date > hi) {
                return Err(FieldError::OutOfRange {
                    min: min.clone(),
                    max: max.clone(),
                });
            }
            Ok(Some((Answer::Value(date.to_string()), None)))
        }
        QuestionKind::Ranking { options, top } => read_ranking(q, form, options, *top),
        QuestionKind::Matrix { rows, columns } => {
            let mut picks = BTreeMap::new();
            for row in rows {
                let values = picked(form, &part_name(&q.id, &row.value));
                match one(&values)? {
                    Some(v) if in_list(columns, &v) => {
                        picks.insert(row.value.clone(), v);
                    }
                    Some(_) => return Err(FieldError::UnknownOption),
                    None => {}
                }
            }
            // An optional matrix may be answered in part: the rows a resident left blank
            // are simply unanswered. A required one needs every row.
            if picks.is_empty() {
                Ok(None)
            } else if q.required && picks.len() < rows.len() {
                Err(FieldError::RowsMissing)
            } else {
                Ok(Some((Answer::Rows(picks), None)))
            }
        }
    }
}

/// The longest "other, please specify" text, in characters.
pub const OTHER_MAX_LEN: u32 = 200;

/// Ranks come as one select per option (`q.{id}.{value}` = 1, 2, …), which works without
/// JavaScript. The ranks given must be 1, 2, … with no gaps or repeats; a required ranking
/// must reach `top` (every option without one), an optional one may stop earlier (a resident
/// who only knows their first choice gives rank 1).
fn read_ranking(q: &Question, form: &FormValues, options: &[Choice], top: Option<u16>) -> Read {
    let needed = top.map_or(options.len(), usize::from);
    let mut ranked: Vec<(usize, &str)> = Vec::new();
    for option in options {
        let values = picked(form, &part_name(&q.id, &option.value));
        match values.as_slice() {
            [] => {}
            [v] => match parse_number(v) {
                Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= needed as f64 => {
                    ranked.push((n as usize, option.value.as_str()));
                }
                _ => return Err(FieldError::UnknownOption),
            },
            _ => return Err(FieldError::RankRepeated),
        }
    }
    if ranked.is_empty() {
        return Ok(None);
    }
    ranked.sort_unstable();
    if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(FieldError::RankRepeated);
    }
    let in_order = ranked.iter().enumerate().all(|(i, (r, _))| *r == i + 1);
    if q.required && !(in_order && ranked.len() == needed) {
        return Err(FieldError::RankingIncomplete {
            needed: u16::try_from(needed).unwrap_or(u16::MAX),
        });
    }
    if !in_order {
        return Err(FieldError::RankingGap);
    }
    Ok(Some((
        Answer::Values(ranked.into_iter().map(|(_, v)| v.to_string()).collect()),
        None,
    )))
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
