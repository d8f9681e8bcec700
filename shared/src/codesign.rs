//! Co-design with the neighbourhood council: the changes a council member can suggest, and how
//! two versions of a survey differ (for suggestions, revisions and edit conflicts).
//!
//! Differences are computed on the server and sent to pages as data ([`Piece`]s), so the
//! browser only draws them.

use crate::answer::FormValues;
use crate::edit::Edit;
use crate::error::{FieldError, FieldErrors};
use crate::survey::{Choice, Question, QuestionKind, Section, SurveyDefinition, Text};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

mod question_diff;
mod word_diff;

pub use question_diff::{
    Content, OptionLine, QuestionChange, QuestionDiff, SurveyDiff, added_question, question_diff,
    removed_question, survey_diff,
};
pub use word_diff::{Piece, changed, word_diff, words};

#[cfg(test)]
mod tests;
pub mod views;

/// The longest comment, reply or reason, in characters.
pub const MAX_COMMENT_CHARS: usize = 4_000;

/// A change a council member suggests to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// New wording, help or options for the question (same id, same kind).
    Replace(Box<Question>),
    /// A new question right after this one.
    InsertAfter(Box<Question>),
    /// Delete this question.
    Delete,
}

impl Change {
    /// The builder edit that carries the change out on question `target`.
    pub fn edit(&self, target: &str) -> Edit {
        match self {
            Change::Replace(q) => Edit::ReplaceQuestion(q.clone()),
            Change::InsertAfter(q) => Edit::InsertQuestion {
                after: target.to_string(),
                question: q.clone(),
            },
            Change::Delete => Edit::DeleteQuestion {
                question: target.to_string(),
            },
        }
    }

    /// The change's name, as forms and the database spell it.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Replace(_) => "reword",
            Change::InsertAfter(_) => "insert",
            Change::Delete => "delete",
        }
    }
}

/// The kinds of question a council member can suggest adding (the builder offers more; these
/// are the ones a non-specialist can describe in a sentence and a list).
pub const SUGGESTABLE_KINDS: [&str; 4] =
    ["single_choice", "multiple_choice", "yes_no", "long_text"];

/// One line of a textarea per option: trimmed, blank lines dropped.
fn option_lines(form: &FormValues) -> Vec<String> {
    form.first("options")
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Options from typed lines: a line that matches an existing option's Japanese keeps that
/// option (its value, so stored answers stay linked, and its translations); a new line gets a
/// fresh value.
fn options_from_lines(old: &[Choice], lines: &[String]) -> Vec<Choice> {
    let mut used: Vec<String> = old.iter().map(|c| c.value.clone()).collect();
    lines
        .iter()
        .map(|line| match old.iter().find(|c| c.label.ja == *line) {
            Some(existing) => existing.clone(),
            None => {
                let value = (1..)
                    .map(|n| format!("o{n}"))
                    .find(|v| !used.contains(v))
                    .unwrap_or_default();
                used.push(value.clone());
                Choice::new(value, Text::ja(line.clone()))
            }
        })
        .collect()
}

/// The same kind with another list of options (kinds without options are returned as they are).
fn with_options(kind: &QuestionKind, options: Vec<Choice>) -> QuestionKind {
    match kind {
        QuestionKind::SingleChoice { other, .. } => QuestionKind::SingleChoice {
            options,
            other: *other,
        },
        QuestionKind::MultipleChoice {
            min, max, other, ..
        } => QuestionKind::MultipleChoice {
            options,
            min: *min,
            max: *max,
            other: *other,
        },
        QuestionKind::Dropdown { .. } => QuestionKind::Dropdown { options },
        QuestionKind::Ranking { top, .. } => QuestionKind::Ranking { options, top: *top },
        other => other.clone(),
    }
}

/// A text whose Japanese was typed: the translations stay only while the Japanese is unchanged
/// (a translation of the old wording would be wrong for the new one).
fn retyped(old: Option<&Text>, ja: &str) -> Text {
    match old {
        Some(t) if t.ja == ja => t.clone(),
        _ => Text::ja(ja),
    }
}

fn required_text(form: &FormValues, name: &str, errors: &mut FieldErrors) -> String {
    let text = form
        .first(name)
        .map(|s| s.replace("\r\n", "\n").trim().to_string())
        .unwrap_or_default();
    if text.is_empty() {
        errors.push(name, FieldError::Required);
    } else if text.chars().count() > MAX_COMMENT_CHARS {
        errors.push(
            name,
            FieldError::TooLong {
                max: MAX_COMMENT_CHARS as u32,
            },
        );
    }
    text
}

/// Reads the suggestion form for question `current`: `change` (`reword`, `insert` or
/// `delete`), `label` and `help` (the wording), `options` (one per line) and, for a new
/// question, `kind` (a [`SUGGESTABLE_KINDS`] entry). The result is checked against the survey
/// when it is suggested and again when it is accepted.
pub fn change_from_form(current: &Question, form: &FormValues) -> Result<Change, FieldErrors> {
    let mut errors = FieldErrors::default();
    let help = form
        .first("help")
        .map(|s| s.replace("\r\n", "\n").trim().to_string())
        .filter(|s| !s.is_empty());
    let lines = option_lines(form);
    let change = match form.first("change") {
        Some("delete") => Change::Delete,
        Some("reword") => {
            let label = required_text(form, "label", &mut errors);
            let mut q = current.clone();
            q.label = retyped(Some(&current.label), &label);
            q.help = help.map(|h| retyped(current.help.as_ref(), &h));
            if !current.options().is_empty() {
                if lines.len() < 2 {
                    errors.push("options", FieldError::TooFewChoices { min: 2 });
                }
                q.kind = with_options(&current.kind, options_from_lines(current.options(), &lines));
            }
            Change::Replace(Box::new(q))
        }
        Some("insert") => {
            let label = required_text(form, "label", &mut errors);
            let kind_name = form
                .first("kind")
                .filter(|k| SUGGESTABLE_KINDS.contains(k))
                .unwrap_or("single_choice");
            let mut kind = crate::edit::new_kind(kind_name).unwrap_or(QuestionKind::YesNo);
            if matches!(
                kind,
                QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. }
            ) {
                if lines.len() < 2 {
                    errors.push("options", FieldError::TooFewChoices { min: 2 });
                }
                kind = with_options(&kind, options_from_lines(&[], &lines));
            }
            Change::InsertAfter(Box::new(Question {
                // The real id is given when the suggestion is accepted.
                id: format!("{}-new", current.id),
                label: Text::ja(label),
                help: help.map(Text::ja),
                required: false,
                kind,
                show_if: None,
            }))
        }
        _ => {
            errors.push("change", FieldError::Required);
            Change::Delete
        }
    };
    if errors.is_empty() {
        Ok(change)
    } else {
        Err(errors)
    }
}

/// A comment, reply or reason: trimmed, not empty, at most [`MAX_COMMENT_CHARS`] characters.
pub fn comment_body(input: &str) -> Result<String, FieldError> {
    let body = input.replace("\r\n", "\n").trim().to_string();
    if body.is_empty() {
        Err(FieldError::Required)
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        Err(FieldError::TooLong {
            max: MAX_COMMENT_CHARS as u32,
        })
    } else {
        Ok(body)
    }
}

/// The people a comment mentions: each name from `names` written after `@` (or the full-width
/// `＠`). Names may contain spaces, so they are matched whole rather than parsed.
pub fn mentions<'a>(body: &str, names: &'a [String]) -> Vec<&'a str> {
    names
        .iter()
        .filter(|name| !name.is_empty())
        .filter(|name| body.contains(&format!("@{name}")) || body.contains(&format!("＠{name}")))
        .map(String::as_str)
        .collect()
}
