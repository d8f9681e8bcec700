//! Survey definitions: the questions a survey asks, stored as data.
//!
//! A definition can only be obtained through [`SurveyDefinition::parse`], which checks the rules
//! every other part of Yoriai relies on (unique question ids, options to choose from, sensible
//! limits). Code that holds a `SurveyDefinition` never has to check them again.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A text in every language Yoriai speaks; Japanese is required, the others fall back to it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// The Japanese text, always present.
    pub ja: String,
    /// The English text, if translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text that exists only in Japanese.
    pub fn ja(ja: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: None,
        }
    }

    /// A text with a Japanese and an English version.
    pub fn ja_en(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, or the Japanese text when there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => self
                .en
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(&self.ja),
        }
    }
}

/// One option of a choice question. `value` is stable and stored with answers; the label may be
/// reworded or translated without touching stored answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The stored value, unique within its question.
    pub value: String,
    /// What the respondent reads.
    pub label: Text,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick exactly one option.
    SingleChoice {
        /// The options, in display order.
        options: Vec<Choice>,
    },
    /// Pick several options, optionally between `min` and `max` of them.
    MultipleChoice {
        /// The options, in display order.
        options: Vec<Choice>,
        /// The fewest picks accepted when the question is answered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u16>,
        /// The most picks accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u16>,
    },
    /// Free text, on one line or several.
    Text {
        /// True for a multi-line text area.
        #[serde(default)]
        multiline: bool,
        /// The longest answer accepted, in characters.
        max_len: u32,
    },
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// A stable id, unique within the survey, made of ASCII letters, digits, `_` and `-`.
    pub id: String,
    /// The question as the respondent reads it.
    pub label: Text,
    /// Optional help shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Whether an answer is needed before the survey can be submitted.
    #[serde(default)]
    pub required: bool,
    /// The kind of answer taken. (Externally tagged and not flattened on purpose: serde's
    /// flattening and internal tags buffer every value, which costs the browser bundle ~10 KB.)
    pub kind: QuestionKind,
}

impl Question {
    /// The options of a choice question; empty for other kinds.
    pub fn options(&self) -> &[Choice] {
        match &self.kind {
            QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options, .. } => options,
            QuestionKind::Text { .. } => &[],
        }
    }
}

/// The longest free-text answer any question may allow, in characters.
pub const MAX_TEXT_LEN: u32 = 10_000;

/// Why a survey definition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    /// The JSON did not have the expected shape.
    #[error("the definition is not valid JSON of the expected shape: {0}")]
    Malformed(String),
    /// The survey has no questions.
    #[error("a survey needs at least one question")]
    NoQuestions,
    /// Two questions share an id.
    #[error("question id `{0}` is used twice")]
    DuplicateQuestionId(String),
    /// A question id has characters outside `[A-Za-z0-9_-]` or is empty.
    #[error("question id `{0}` may only use letters, digits, `_` and `-`")]
    BadQuestionId(String),
    /// A question has no Japanese text.
    #[error("question `{0}` has no Japanese text")]
    MissingLabel(String),
    /// A choice question offers fewer than two options, or repeats a value.
    #[error("question `{0}` needs at least two options with distinct values")]
    BadOptions(String),
    /// The min/max picks or the text length do not make sense.
    #[error("question `{0}` has impossible limits")]
    BadLimits(String),
}

/// The questions of a survey, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDefinition", into = "RawDefinition")]
pub struct SurveyDefinition {
    questions: Vec<Question>,
}

/// The unchecked shape of a definition, as stored.
#[derive(Serialize, Deserialize)]
struct RawDefinition {
    questions: Vec<Question>,
}

impl TryFrom<RawDefinition> for SurveyDefinition {
    type Error = DefinitionError;

    fn try_from(raw: RawDefinition) -> Result<Self, Self::Error> {
        SurveyDefinition::new(raw.questions)
    }
}

impl From<SurveyDefinition> for RawDefinition {
    fn from(def: SurveyDefinition) -> Self {
        RawDefinition {
            questions: def.questions,
        }
    }
}

impl SurveyDefinition {
    /// Checks a list of questions and makes a definition of them.
    pub fn new(questions: Vec<Question>) -> Result<SurveyDefinition, DefinitionError> {
        if questions.is_empty() {
            return Err(DefinitionError::NoQuestions);
        }
        let mut ids = HashSet::new();
        for q in &questions {
            check_question(q)?;
            if !ids.insert(q.id.as_str()) {
                return Err(DefinitionError::DuplicateQuestionId(q.id.clone()));
            }
        }
        Ok(SurveyDefinition { questions })
    }

    /// Reads and checks a definition stored as JSON.
    pub fn parse_json(json: &str) -> Result<SurveyDefinition, DefinitionError> {
        let raw: RawDefinition =
            serde_json::from_str(json).map_err(|e| DefinitionError::Malformed(e.to_string()))?;
        SurveyDefinition::try_from(raw)
    }

    /// The questions, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question with the given id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

fn check_question(q: &Question) -> Result<(), DefinitionError> {
    let id_ok = !q.id.is_empty()
        && q.id.len() <= 64
        && q.id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !id_ok {
        return Err(DefinitionError::BadQuestionId(q.id.clone()));
    }
    if q.label.ja.trim().is_empty() {
        return Err(DefinitionError::MissingLabel(q.id.clone()));
    }
    match &q.kind {
        QuestionKind::SingleChoice { options } => check_options(&q.id, options),
        QuestionKind::MultipleChoice { options, min, max } => {
            check_options(&q.id, options)?;
            let count = u16::try_from(options.len()).unwrap_or(u16::MAX);
            let min = min.unwrap_or(0);
            let max = max.unwrap_or(count);
            if min > max || max == 0 || max > count {
                return Err(DefinitionError::BadLimits(q.id.clone()));
            }
            Ok(())
        }
        QuestionKind::Text { max_len, .. } => {
            if *max_len == 0 || *max_len > MAX_TEXT_LEN {
                return Err(DefinitionError::BadLimits(q.id.clone()));
            }
            Ok(())
        }
    }
}

fn check_options(id: &str, options: &[Choice]) -> Result<(), DefinitionError> {
    let mut values = HashSet::new();
    let distinct = options
        .iter()
        .all(|o| !o.value.is_empty() && !o.label.ja.trim().is_empty() && values.insert(&o.value));
    if options.len() < 2 || !distinct {
        return Err(DefinitionError::BadOptions(id.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(v: &str) -> Choice {
        Choice {
            value: v.into(),
            label: Text::ja(v),
        }
    }

    fn single(id: &str, options: Vec<Choice>) -> Question {
        Question {
            id: id.into(),
            label: Text::ja("質問"),
            help: None,
            required: true,
            kind: QuestionKind::SingleChoice { options },
        }
    }

    #[test]
    fn definitions_round_trip_through_json_and_are_checked_on_the_way_in() {
        let def = SurveyDefinition::new(vec![single("a", vec![choice("x"), choice("y")])]);
        let def = def.map_err(|e| e.to_string());
        let json = def
            .as_ref()
            .map(|d| serde_json::to_string(d).unwrap_or_default());
        let Ok(json) = json else {
            panic!("valid definition: {def:?}")
        };
        assert_eq!(
            SurveyDefinition::parse_json(&json).map_err(|e| e.to_string()),
            def
        );
        let broken = json.replace("\"y\"", "\"x\"");
        assert_eq!(
            SurveyDefinition::parse_json(&broken),
            Err(DefinitionError::BadOptions("a".into()))
        );
        assert!(matches!(
            SurveyDefinition::parse_json("{\"questions\": 3}"),
            Err(DefinitionError::Malformed(_))
        ));
    }

    #[test]
    fn every_rule_of_a_definition_is_enforced() {
        let two = || vec![choice("x"), choice("y")];
        assert_eq!(
            SurveyDefinition::new(vec![]),
            Err(DefinitionError::NoQuestions)
        );
        assert_eq!(
            SurveyDefinition::new(vec![single("a", two()), single("a", two())]),
            Err(DefinitionError::DuplicateQuestionId("a".into()))
        );
        assert_eq!(
            SurveyDefinition::new(vec![single("a b", two())]),
            Err(DefinitionError::BadQuestionId("a b".into()))
        );
        assert_eq!(
            SurveyDefinition::new(vec![single("a", vec![choice("x")])]),
            Err(DefinitionError::BadOptions("a".into()))
        );
        let mut unlabelled = single("a", two());
        unlabelled.label = Text::ja(" ");
        assert_eq!(
            SurveyDefinition::new(vec![unlabelled]),
            Err(DefinitionError::MissingLabel("a".into()))
        );
        let mut picks = single("m", two());
        picks.kind = QuestionKind::MultipleChoice {
            options: two(),
            min: Some(2),
            max: Some(1),
        };
        assert_eq!(
            SurveyDefinition::new(vec![picks]),
            Err(DefinitionError::BadLimits("m".into()))
        );
        let mut text = single("t", vec![]);
        text.kind = QuestionKind::Text {
            multiline: false,
            max_len: MAX_TEXT_LEN + 1,
        };
        assert_eq!(
            SurveyDefinition::new(vec![text]),
            Err(DefinitionError::BadLimits("t".into()))
        );
    }

    #[test]
    fn translations_fall_back_to_japanese() {
        let t = Text::ja_en("日曜", "Sunday");
        assert_eq!(t.get(Lang::En), "Sunday");
        assert_eq!(t.get(Lang::Ja), "日曜");
        assert_eq!(Text::ja("日曜").get(Lang::En), "日曜");
        let blank = Text {
            ja: "日曜".into(),
            en: Some("  ".into()),
        };
        assert_eq!(blank.get(Lang::En), "日曜");
    }
}
