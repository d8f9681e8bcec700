//! Paper answers: the numbers printed on the questionnaire, and reading what staff type in
//! from a filled-in sheet.
//!
//! Every option on paper carries a number (its place in the list; the point itself for scales;
//! 1 = yes, 2 = no; "other" after the last option). Staff type those numbers, so entry is fast
//! and needs no mouse; [`entry_answers`] turns them back into the values the web form posts and
//! reads them with the same rules as a web answer. What a paper cannot enforce is not enforced:
//! a question left blank is simply unanswered, even when the web form requires it, and an answer
//! to a question the respondent should have skipped is dropped, as on the web.

use crate::answer::{Answer, Answers, FormValues, field_name, part_name};
use crate::error::{FieldError, FieldErrors};
use crate::survey::{OTHER, Question, QuestionKind, SurveyDefinition};
use std::collections::BTreeSet;

/// The number printed beside an answer value (the option's place, or the point itself).
pub fn option_number(q: &Question, value: &str) -> String {
    match &q.kind {
        QuestionKind::YesNo => if value == "yes" { "1" } else { "2" }.to_string(),
        QuestionKind::Agreement { .. }
        | QuestionKind::Scale { .. }
        | QuestionKind::Stars { .. } => value.to_string(),
        QuestionKind::Matrix { columns, .. } => columns
            .iter()
            .position(|c| c.value == value)
            .map_or_else(|| value.to_string(), |i| (i + 1).to_string()),
        _ if value == OTHER && q.has_other() => (q.options().len() + 1).to_string(),
        _ => q
            .options()
            .iter()
            .position(|o| o.value == value)
            .map_or_else(|| value.to_string(), |i| (i + 1).to_string()),
    }
}

/// The answer value a printed option number stands for, if the question prints it.
pub fn option_value(q: &Question, number: &str) -> Option<String> {
    let n: usize = ascii_digits(number).parse().ok()?;
    let nth = |list: &[crate::survey::Choice]| {
        n.checked_sub(1)
            .and_then(|i| list.get(i))
            .map(|c| c.value.clone())
    };
    match &q.kind {
        QuestionKind::YesNo => match n {
            1 => Some("yes".into()),
            2 => Some("no".into()),
            _ => None,
        },
        QuestionKind::Agreement { .. }
        | QuestionKind::Scale { .. }
        | QuestionKind::Stars { .. } => Some(n.to_string()),
        QuestionKind::Matrix { columns, .. } => nth(columns),
        _ if q.has_other() && n == q.options().len() + 1 => Some(OTHER.into()),
        _ => nth(q.options()),
    }
}

/// Full-width digits made ASCII, spaces trimmed.
fn ascii_digits(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// The numbers typed for a multiple choice: separated by spaces, commas or 「・」「、」.
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '・' | '.'))
        .filter(|s| !s.is_empty())
}

/// Reads a paper response as staff typed it: option numbers under `q.{id}` (several, for a
/// multiple choice), the text beside "other" under `q.{id}.other`, a matrix row's column number
/// under `q.{id}.{row}`, a ranking's numbers under `q.{id}.{option}`, numbers, dates and texts
/// as written. Blank questions stay unanswered; every field typed wrong is reported.
pub fn entry_answers(def: &SurveyDefinition, typed: &FormValues) -> Result<Answers, FieldErrors> {
    let mut form = FormValues::default();
    let mut errors = FieldErrors::default();
    for q in def.questions() {
        let name = field_name(&q.id);
        let first = typed.first(&name).unwrap_or_default();
        match &q.kind {
            QuestionKind::SingleChoice { .. }
            | QuestionKind::Dropdown { .. }
            | QuestionKind::MultipleChoice { .. }
            | QuestionKind::YesNo
            | QuestionKind::Agreement { .. }
            | QuestionKind::Scale { .. }
            | QuestionKind::Stars { .. } => {
                let mut seen = BTreeSet::new();
                for number in numbers(first) {
                    match option_value(q, number) {
                        Some(value) if seen.insert(value.clone()) => form.push(&name, value),
                        Some(_) => {}
                        None => {
                            errors.push(&name, FieldError::UnknownOption);
                            break;
                        }
                    }
                }
            }
            QuestionKind::Matrix { rows, .. } => {
                for row in rows {
                    let part = part_name(&q.id, &row.value);
                    let number = typed.first(&part).unwrap_or_default();
                    if number.trim().is_empty() {
                        continue;
                    }
                    match option_value(q, number) {
                        Some(column) => form.push(part, column),
                        None => {
                            errors.push(&name, FieldError::UnknownOption);
                            break;
                        }
                    }
                }
            }
            QuestionKind::Ranking { options, .. } => {
                for o in options {
                    let part = part_name(&q.id, &o.value);
                    if let Some(rank) = typed.first(&part) {
                        form.push(part, ascii_digits(rank));
                    }
                }
            }
            QuestionKind::Date { .. } => {
                // 2026 11 25, 2026.11.25 and 2026年11月25日 as well as 2026-11-25.
                let date: String = first
                    .trim()
                    .trim_end_matches('日')
                    .chars()
                    .map(|c| match c {
                        ' ' | '　' | '.' | '年' | '月' => '-',
                        c => c,
                    })
                    .collect();
                form.push(&name, date);
            }
            QuestionKind::Number { .. } | QuestionKind::Text { .. } => {
                form.push(&name, first);
            }
        }
        if let Some(other) = typed.first(&crate::survey::other_key(&name)) {
            form.push(crate::survey::other_key(&name), other);
        }
    }
    match crate::answer::collect_paper_answers(def, &form) {
        Ok(answers) if errors.is_empty() => Ok(answers),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.0.extend(more.0);
            Err(errors)
        }
    }
}

/// The questions whose answers differ between two entries of the same sheet, in the order of
/// the questionnaire (an "other" text counts as part of its question).
pub fn differences<'a>(def: &'a SurveyDefinition, a: &Answers, b: &Answers) -> Vec<&'a Question> {
    let other = |answers: &Answers, id: &str| answers.other_text(id).map(str::to_string);
    def.questions()
        .filter(|q| a.get(&q.id) != b.get(&q.id) || other(a, &q.id) != other(b, &q.id))
        .collect()
}

/// The answers of `first`, with the questions in `take_second` answered as in `second`: how a
/// difference between two entries is resolved.
pub fn resolve(first: &Answers, second: &Answers, take_second: &[&str]) -> Answers {
    let mut answers = first.clone();
    for id in take_second {
        for key in [id.to_string(), crate::survey::other_key(id)] {
            match second.0.get(&key) {
                Some(answer) => {
                    answers.0.insert(key, answer.clone());
                }
                None => {
                    answers.0.remove(&key);
                }
            }
        }
    }
    answers
}

/// An answer as the numbers printed on paper (`1, 3`), for showing two entries side by side.
pub fn printed_answer(q: &Question, answers: &Answers) -> String {
    let other = answers
        .other_text(&q.id)
        .map(|t| format!("（{t}）"))
        .unwrap_or_default();
    let text = match answers.get(&q.id) {
        None => String::new(),
        Some(Answer::Value(v)) => match &q.kind {
            QuestionKind::Text { .. } | QuestionKind::Date { .. } => v.clone(),
            _ => option_number(q, v),
        },
        Some(Answer::Values(vs)) => match &q.kind {
            QuestionKind::Ranking { .. } => vs
                .iter()
                .map(|v| option_number(q, v))
                .collect::<Vec<_>>()
                .join(" > "),
            _ => vs
                .iter()
                .map(|v| option_number(q, v))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Some(Answer::Number(n)) => crate::answer::format_number(*n),
        Some(Answer::Rows(rows)) => rows
            .iter()
            .map(|(row, column)| format!("{row}={}", option_number(q, column)))
            .collect::<Vec<_>>()
            .join(" "),
    };
    format!("{text}{other}")
}

#[cfg(test)]
mod tests;
