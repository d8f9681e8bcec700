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

mod form;

pub use form::{question_from_form, text_from_form};

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
    /// Moves a section to a place: `index` among the sections, counted without the section
    /// itself (a drag and drop, or the keyboard).
    PlaceSection {
        /// The section.
        section: String,
        /// Its place.
        index: usize,
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
    /// Moves a question to a place: `index` in `section`, counted without the question itself
    /// (what a drag and drop, or the keyboard, asks for).
    PlaceQuestion {
        /// The question.
        question: String,
        /// The section it goes to.
        section: String,
        /// Its place there.
        index: usize,
    },
    /// Puts a question back at a place under its own id (undoing a deletion); refused when
    /// the id is taken.
    PutQuestion {
        /// The section it goes to.
        section: String,
        /// Its place there.
        index: usize,
        /// The question.
        question: Box<Question>,
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

/// What saving an edit did: the working copy's new revision, and the question it made (an
/// added, copied or put-back question; the first question of an added page), which the
/// builder opens next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The new revision of the working copy.
    pub revision: i64,
    /// The question the edit made, if it made one.
    pub made: Option<String>,
}

/// The first question of `after` that `before` does not have.
pub fn made_question(before: &SurveyDefinition, after: &SurveyDefinition) -> Option<String> {
    after
        .questions()
        .find(|q| before.question(&q.id).is_none())
        .map(|q| q.id.clone())
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
            | Edit::PlaceSection { section, .. }
            | Edit::DeleteSection { section }
            | Edit::AddQuestion { section, .. }
            | Edit::RetitleSection { section, .. } => Some(section),
            Edit::MoveQuestion { question, .. }
            | Edit::PlaceQuestion { question, .. }
            | Edit::DuplicateQuestion { question }
            | Edit::DeleteQuestion { question } => Some(question),
            Edit::ReplaceQuestion(q) | Edit::PutQuestion { question: q, .. } => Some(&q.id),
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
        Edit::PlaceSection { section, index } => {
            let i = find_section(&sections, section)?;
            let s = sections.remove(i);
            let at = (*index).min(sections.len());
            sections.insert(at, s);
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
        Edit::PlaceQuestion {
            question,
            section,
            index,
        } => {
            let (si, qi) = find_question(&sections, question)?;
            let to = find_section(&sections, section)?;
            let q = sections[si].questions.remove(qi);
            let at = (*index).min(sections[to].questions.len());
            sections[to].questions.insert(at, q);
        }
        Edit::PutQuestion {
            section,
            index,
            question,
        } => {
            // A question whose id is in use again is refused by the definition's own check
            // (`DuplicateId`).
            let to = find_section(&sections, section)?;
            let at = (*index).min(sections[to].questions.len());
            sections[to].questions.insert(at, (**question).clone());
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

#[cfg(test)]
mod tests;
