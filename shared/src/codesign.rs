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

// --- Differences --------------------------------------------------------------------------------

/// A stretch of text in a difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    /// In both versions.
    Same(String),
    /// Only in the newer version.
    Added(String),
    /// Only in the older version.
    Removed(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Han,
    Hiragana,
    Katakana,
    Word,
    Space,
    Other,
}

fn class(c: char) -> CharClass {
    match c {
        '\u{3040}'..='\u{309f}' => CharClass::Hiragana,
        '\u{30a0}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}' => CharClass::Katakana,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '々' => CharClass::Han,
        c if c.is_alphanumeric() => CharClass::Word,
        c if c.is_whitespace() => CharClass::Space,
        _ => CharClass::Other,
    }
}

/// Splits text into words: runs of letters or digits, of kanji, of hiragana, of katakana, of
/// spaces, and single punctuation marks. Japanese has no spaces between words; script changes
/// are the usual boundaries a reader sees (「公民館の利用」 → 公民館 / の / 利用).
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<CharClass> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        let boundary = match last {
            None => false,
            Some(CharClass::Other) => true,
            Some(prev) => prev != k,
        };
        if boundary {
            out.push(&text[start..i]);
            start = i;
        }
        last = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn push_piece(out: &mut Vec<Piece>, piece: Piece) {
    match (out.last_mut(), piece) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Added(a)), Piece::Added(b))
        | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(&b),
        (_, piece) => out.push(piece),
    }
}

/// The word-level difference between two texts.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (words(old), words(new));
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push_piece(
                    &mut out,
                    Piece::Same(a[old_index..old_index + len].concat()),
                );
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push_piece(
                &mut out,
                Piece::Removed(a[old_index..old_index + old_len].concat()),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push_piece(
                &mut out,
                Piece::Added(b[new_index..new_index + new_len].concat()),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push_piece(
                    &mut out,
                    Piece::Removed(a[old_index..old_index + old_len].concat()),
                );
                push_piece(
                    &mut out,
                    Piece::Added(b[new_index..new_index + new_len].concat()),
                );
            }
        }
    }
    out
}

/// Whether a difference changes anything.
pub fn changed(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| !matches!(p, Piece::Same(_)))
}

/// One option (or matrix row/column) in a question's difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionLine {
    /// The option's Japanese label, as a difference (all `Same` when unchanged, all `Added` when
    /// new, all `Removed` when gone).
    pub label: Vec<Piece>,
    /// Whether it moved relative to the options both versions have.
    pub moved: bool,
}

/// How one question differs between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionDiff {
    /// The question's id.
    pub id: String,
    /// The wording (Japanese), as a difference.
    pub label: Vec<Piece>,
    /// The help text (Japanese), as a difference; empty when neither has one.
    pub help: Vec<Piece>,
    /// The options in their new order, then the removed ones.
    pub options: Vec<OptionLine>,
    /// Other settings that changed, by name: `kind`, `required`, `condition`, `limits`,
    /// `translation`.
    pub settings: Vec<String>,
}

impl QuestionDiff {
    /// Whether the question changed at all.
    pub fn is_change(&self) -> bool {
        changed(&self.label)
            || changed(&self.help)
            || self.options.iter().any(|o| o.moved || changed(&o.label))
            || !self.settings.is_empty()
    }
}

/// The items of `new` that moved: those outside a longest run of items both lists keep in the
/// same order (so moving one option to the top marks that one, not every option it passed).
fn moved_items<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
    let common_old: Vec<&str> = old.iter().copied().filter(|o| new.contains(o)).collect();
    let common_new: Vec<&str> = new.iter().copied().filter(|n| old.contains(n)).collect();
    let mut stayed: Vec<&str> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &common_old, &common_new) {
        if let DiffOp::Equal { new_index, len, .. } = op {
            stayed.extend_from_slice(&common_new[new_index..new_index + len]);
        }
    }
    common_new
        .into_iter()
        .filter(|v| !stayed.contains(v))
        .collect()
}

fn option_lines_diff(old: &[Choice], new: &[Choice]) -> Vec<OptionLine> {
    let ov: Vec<&str> = old.iter().map(|c| c.value.as_str()).collect();
    let nv: Vec<&str> = new.iter().map(|c| c.value.as_str()).collect();
    let moved = moved_items(&ov, &nv);
    let mut lines: Vec<OptionLine> = new
        .iter()
        .map(|n| match old.iter().find(|o| o.value == n.value) {
            Some(o) => OptionLine {
                label: word_diff(&o.label.ja, &n.label.ja),
                moved: moved.contains(&n.value.as_str()),
            },
            None => OptionLine {
                label: vec![Piece::Added(n.label.ja.clone())],
                moved: false,
            },
        })
        .collect();
    lines.extend(
        old.iter()
            .filter(|o| !new.iter().any(|n| n.value == o.value))
            .map(|o| OptionLine {
                label: vec![Piece::Removed(o.label.ja.clone())],
                moved: false,
            }),
    );
    lines
}

fn choice_lists(q: &Question) -> Vec<&[Choice]> {
    match &q.kind {
        QuestionKind::Matrix { rows, columns } => vec![rows, columns],
        _ => vec![q.options()],
    }
}

fn translations_differ(a: &Text, b: &Text) -> bool {
    a.en != b.en || a.easy != b.easy
}

/// How a question differs from an older version of itself.
pub fn question_diff(old: &Question, new: &Question) -> QuestionDiff {
    let help = |q: &Question| q.help.as_ref().map(|h| h.ja.clone()).unwrap_or_default();
    let (old_lists, new_lists) = (choice_lists(old), choice_lists(new));
    let options = if crate::edit::kind_name(&old.kind) == crate::edit::kind_name(&new.kind) {
        old_lists
            .iter()
            .zip(&new_lists)
            .flat_map(|(o, n)| option_lines_diff(o, n))
            .collect()
    } else {
        option_lines_diff(&[], new_lists.first().copied().unwrap_or_default())
    };
    let mut settings = Vec::new();
    if crate::edit::kind_name(&old.kind) != crate::edit::kind_name(&new.kind) {
        settings.push("kind".to_string());
    } else if with_options(&old.kind, Vec::new()) != with_options(&new.kind, Vec::new())
        && !matches!(old.kind, QuestionKind::Matrix { .. })
    {
        settings.push("limits".to_string());
    }
    if old.required != new.required {
        settings.push("required".to_string());
    }
    if old.show_if != new.show_if {
        settings.push("condition".to_string());
    }
    let old_choices = old_lists.concat();
    let new_choices = new_lists.concat();
    let option_translation = old_choices.iter().any(|o| {
        new_choices
            .iter()
            .any(|n| n.value == o.value && translations_differ(&o.label, &n.label))
    });
    let help_translation = match (&old.help, &new.help) {
        (Some(a), Some(b)) => translations_differ(a, b),
        _ => false,
    };
    if translations_differ(&old.label, &new.label) || help_translation || option_translation {
        settings.push("translation".to_string());
    }
    QuestionDiff {
        id: new.id.clone(),
        label: word_diff(&old.label.ja, &new.label.ja),
        help: word_diff(&help(old), &help(new)),
        options,
        settings,
    }
}

/// A question as it is, with nothing changed (for a new or removed question: all its text
/// marked as added or removed).
fn whole_question(q: &Question, mark: fn(String) -> Piece) -> QuestionDiff {
    let help = q.help.as_ref().map(|h| vec![mark(h.ja.clone())]);
    QuestionDiff {
        id: q.id.clone(),
        label: vec![mark(q.label.ja.clone())],
        help: help.unwrap_or_default(),
        options: choice_lists(q)
            .concat()
            .into_iter()
            .map(|c| OptionLine {
                label: vec![mark(c.label.ja)],
                moved: false,
            })
            .collect(),
        settings: Vec::new(),
    }
}

/// A question added in the newer version, as a difference.
pub fn added_question(q: &Question) -> QuestionDiff {
    whole_question(q, Piece::Added)
}

/// A question gone in the newer version, as a difference.
pub fn removed_question(q: &Question) -> QuestionDiff {
    whole_question(q, Piece::Removed)
}

/// What happened to one question between two versions of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionChange {
    /// New in the newer version.
    Added(QuestionDiff),
    /// Gone in the newer version.
    Removed(QuestionDiff),
    /// In both, different.
    Changed(QuestionDiff),
    /// In both, unchanged, but on another page or in another place.
    Moved(String),
}

/// How two versions of a survey differ: the title and introduction, the page titles, and every
/// question added, removed, changed or moved (in the newer version's order, removed ones where
/// they were).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyDiff {
    /// The title (Japanese).
    pub title: Vec<Piece>,
    /// The introduction (Japanese).
    pub intro: Vec<Piece>,
    /// Pages whose title changed, were added or removed: the title as a difference.
    pub sections: Vec<Vec<Piece>>,
    /// The questions that differ.
    pub questions: Vec<QuestionChange>,
}

impl SurveyDiff {
    /// Whether the two versions are the same.
    pub fn is_empty(&self) -> bool {
        !changed(&self.title)
            && !changed(&self.intro)
            && self.sections.is_empty()
            && self.questions.is_empty()
    }
}

/// One version of a survey's content: what a revision stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The title.
    pub title: Text,
    /// The introduction.
    pub intro: Text,
    /// The questions.
    pub definition: SurveyDefinition,
}

fn position(sections: &[Section], id: &str) -> Option<(String, usize)> {
    sections.iter().find_map(|s| {
        let before: Vec<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
        before
            .iter()
            .position(|q| *q == id)
            .map(|i| (s.id.clone(), i))
    })
}

/// How `new` differs from `old`.
pub fn survey_diff(old: &Content, new: &Content) -> SurveyDiff {
    let (olds, news) = (old.definition.sections(), new.definition.sections());
    let mut sections = Vec::new();
    for s in news {
        match olds.iter().find(|o| o.id == s.id) {
            Some(o) if o.title.ja != s.title.ja => {
                sections.push(word_diff(&o.title.ja, &s.title.ja))
            }
            Some(_) => {}
            None => sections.push(vec![Piece::Added(s.title.ja.clone())]),
        }
    }
    for o in olds.iter().filter(|o| !news.iter().any(|s| s.id == o.id)) {
        sections.push(vec![Piece::Removed(o.title.ja.clone())]);
    }
    // Questions that left the order both versions share, or changed page, moved.
    let ids =
        |d: &SurveyDefinition| -> Vec<String> { d.questions().map(|q| q.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(&old.definition), ids(&new.definition));
    let old_refs: Vec<&str> = old_ids.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_ids.iter().map(String::as_str).collect();
    let reordered = moved_items(&old_refs, &new_refs);
    let moved = |id: &str| {
        reordered.contains(&id)
            || position(olds, id).map(|p| p.0) != position(news, id).map(|p| p.0)
    };
    let mut questions = Vec::new();
    let mut old_iter = old.definition.questions().peekable();
    for q in new.definition.questions() {
        // Removed questions are listed where they stood: before the next question both have.
        while let Some(o) = old_iter.peek() {
            if new.definition.question(&o.id).is_none() {
                questions.push(QuestionChange::Removed(removed_question(o)));
                old_iter.next();
            } else {
                break;
            }
        }
        if old_iter.peek().is_some_and(|o| o.id == q.id) {
            old_iter.next();
        }
        match old.definition.question(&q.id) {
            None => questions.push(QuestionChange::Added(added_question(q))),
            Some(o) => {
                let diff = question_diff(o, q);
                if diff.is_change() {
                    questions.push(QuestionChange::Changed(diff));
                } else if moved(&q.id) {
                    questions.push(QuestionChange::Moved(q.id.clone()));
                }
            }
        }
    }
    // Skip past questions both have that the loop above did not reach (moved later), then list
    // what is left and gone.
    for o in old_iter {
        if new.definition.question(&o.id).is_none() {
            questions.push(QuestionChange::Removed(removed_question(o)));
        }
    }
    SurveyDiff {
        title: word_diff(&old.title.ja, &new.title.ja),
        intro: word_diff(&old.intro.ja, &new.intro.ja),
        sections,
        questions,
    }
}
