//! Survey definitions: the sections and questions a survey asks, stored as data.
//!
//! A definition can only be obtained through [`SurveyDefinition::new`] or
//! [`SurveyDefinition::parse_json`], which check the rules every other part of Yoriai relies on
//! (unique ids, options to choose from, sensible limits, conditions that point backwards at
//! questions that can satisfy them). Code that holds a `SurveyDefinition` never checks them again.

use crate::Lang;
use crate::answer::{Answer, Answers};
pub use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One option of a choice question (or a row of a matrix). `value` is stable and stored with
/// answers; the label may be reworded or translated without touching stored answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The stored value, unique within its list.
    pub value: String,
    /// What the respondent reads.
    pub label: Text,
}

impl Choice {
    /// An option with a value and a label.
    pub fn new(value: impl Into<String>, label: Text) -> Choice {
        Choice {
            value: value.into(),
            label,
        }
    }
}

/// The value stored when a respondent picks "other, please specify"; the typed text is stored
/// under [`other_key`].
pub const OTHER: &str = "other";

/// The answers key that holds the text typed for "other" on question `id`.
pub fn other_key(question_id: &str) -> String {
    format!("{question_id}.other")
}

/// What kind of answer a question takes, and its limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick exactly one option (radio buttons).
    SingleChoice {
        /// The options, in display order.
        options: Vec<Choice>,
        /// Offer "other, please specify" after the options.
        #[serde(default, skip_serializing_if = "is_false")]
        other: bool,
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
        /// Offer "other, please specify" after the options.
        #[serde(default, skip_serializing_if = "is_false")]
        other: bool,
    },
    /// Pick one option from a drop-down list (for long lists, such as districts).
    Dropdown {
        /// The options, in display order.
        options: Vec<Choice>,
    },
    /// Yes or no; stored as `yes` / `no`.
    YesNo,
    /// How much the respondent agrees, on 5 or 7 points; stored as 1 (disagree) to `points`.
    Agreement {
        /// 5 or 7.
        points: u8,
        /// Labels for each point, lowest first; the standard wording when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        labels: Option<Vec<Text>>,
    },
    /// A 0–10 scale ("how likely…"), with optional words at both ends.
    Scale {
        /// What 0 means.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        low: Option<Text>,
        /// What 10 means.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        high: Option<Text>,
    },
    /// A star rating from 1 to `max` (3 to 10).
    Stars {
        /// The number of stars.
        max: u8,
    },
    /// A number, optionally whole, within limits, with a unit shown after the box.
    Number {
        /// The smallest value accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// The largest value accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// Only whole numbers.
        #[serde(default, skip_serializing_if = "is_false")]
        integer: bool,
        /// The unit (人, 回, 歳…), shown after the box.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Text>,
    },
    /// Free text, on one line (short) or several (long).
    Text {
        /// True for a multi-line text area.
        #[serde(default, skip_serializing_if = "is_false")]
        multiline: bool,
        /// The longest answer accepted, in characters.
        max_len: u32,
    },
    /// A calendar date, optionally between two dates (`YYYY-MM-DD`).
    Date {
        /// The earliest date accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<String>,
        /// The latest date accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<String>,
    },
    /// Put options in order of preference; stored as the values, most preferred first.
    Ranking {
        /// The options to rank.
        options: Vec<Choice>,
        /// Rank only the first `top` (all of them when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        top: Option<u16>,
    },
    /// Several statements (rows) rated on one shared scale (columns); one pick per row.
    Matrix {
        /// The statements.
        rows: Vec<Choice>,
        /// The scale, shared by every row.
        columns: Vec<Choice>,
    },
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// When a question or section is shown, from the answers to an earlier question.
///
/// A hidden question is never required and its answer is never stored, whatever a form posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The earlier question's answer is (or, for several picks, includes) `value`.
    Equals {
        /// The earlier question's id.
        question: String,
        /// The value to compare with.
        value: String,
    },
    /// The earlier question's answer is (or includes) any of `values`.
    AnyOf {
        /// The earlier question's id.
        question: String,
        /// The values to compare with.
        values: Vec<String>,
    },
    /// The earlier question has any answer.
    Answered {
        /// The earlier question's id.
        question: String,
    },
}

impl Condition {
    /// The id of the question this condition looks at.
    pub fn question(&self) -> &str {
        match self {
            Condition::Equals { question, .. }
            | Condition::AnyOf { question, .. }
            | Condition::Answered { question } => question,
        }
    }

    /// The values this condition compares with (none for `Answered`).
    pub fn values(&self) -> Vec<&str> {
        match self {
            Condition::Equals { value, .. } => vec![value.as_str()],
            Condition::AnyOf { values, .. } => values.iter().map(String::as_str).collect(),
            Condition::Answered { .. } => Vec::new(),
        }
    }

    /// Whether the condition holds for these answers. This one function decides visibility on
    /// the server, in the browser and on paper.
    pub fn holds(&self, answers: &Answers) -> bool {
        let Some(answer) = answers.0.get(self.question()) else {
            return false;
        };
        match self {
            Condition::Answered { .. } => true,
            Condition::Equals { value, .. } => answer.matches(value),
            Condition::AnyOf { values, .. } => values.iter().any(|v| answer.matches(v)),
        }
    }
}

impl Answer {
    /// Whether this answer is, or includes, `value` (numbers compare as written: `4`, `2.5`).
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Answer::Value(v) => v == value,
            Answer::Values(vs) => vs.iter().any(|v| v == value),
            Answer::Number(n) => value.trim().parse::<f64>().is_ok_and(|x| x == *n),
            Answer::Rows(_) => false,
        }
    }
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// A stable id, unique within the survey, made of ASCII letters, digits, `_` and `-`.
    pub id: String,
    /// The question as the respondent reads it.
    pub label: Text,
    /// Optional help shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Whether an answer is needed (when the question is shown).
    #[serde(default)]
    pub required: bool,
    /// The kind of answer taken. (Externally tagged and not flattened on purpose: serde's
    /// flattening and internal tags buffer every value, which costs the browser bundle.)
    pub kind: QuestionKind,
    /// Shown only when this holds; always shown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

impl Question {
    /// The options of a question that picks from a list (choices, drop-down, ranking); empty
    /// for other kinds.
    pub fn options(&self) -> &[Choice] {
        match &self.kind {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. }
            | QuestionKind::Dropdown { options }
            | QuestionKind::Ranking { options, .. } => options,
            _ => &[],
        }
    }

    /// Whether the question offers "other, please specify".
    pub fn has_other(&self) -> bool {
        matches!(
            self.kind,
            QuestionKind::SingleChoice { other: true, .. }
                | QuestionKind::MultipleChoice { other: true, .. }
        )
    }

    /// The values a condition may compare this question's answer with; `None` when the answer
    /// is not a pick from a fixed list (text, number, date, ranking, matrix), so only
    /// "answered" can be asked of it.
    pub fn comparable_values(&self) -> Option<Vec<String>> {
        let range = |from: u8, to: u8| Some((from..=to).map(|n| n.to_string()).collect());
        match &self.kind {
            QuestionKind::SingleChoice { options, other }
            | QuestionKind::MultipleChoice { options, other, .. } => {
                let mut values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
                if *other {
                    values.push(OTHER.to_string());
                }
                Some(values)
            }
            QuestionKind::Dropdown { options } => {
                Some(options.iter().map(|o| o.value.clone()).collect())
            }
            QuestionKind::YesNo => Some(vec!["yes".into(), "no".into()]),
            QuestionKind::Agreement { points, .. } => range(1, *points),
            QuestionKind::Scale { .. } => range(0, 10),
            QuestionKind::Stars { max } => range(1, *max),
            QuestionKind::Number { .. }
            | QuestionKind::Text { .. }
            | QuestionKind::Date { .. }
            | QuestionKind::Ranking { .. }
            | QuestionKind::Matrix { .. } => None,
        }
    }
}

/// One screen of a survey: a title and the questions asked together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// A stable id, unique within the survey.
    pub id: String,
    /// The heading of the screen.
    pub title: Text,
    /// Optional text shown under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// Shown only when this holds (on an earlier section's question); always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// The standard wording of a 5-point agreement scale, lowest (disagree) first: (Japanese,
/// English, easy Japanese).
const AGREEMENT_5: [(&str, &str, &str); 5] = [
    ("そう思わない", "Disagree", "そう おもわない"),
    (
        "あまりそう思わない",
        "Somewhat disagree",
        "あまり そう おもわない",
    ),
    (
        "どちらともいえない",
        "Neither agree nor disagree",
        "どちらでもない",
    ),
    ("ややそう思う", "Somewhat agree", "すこし そう おもう"),
    ("そう思う", "Agree", "そう おもう"),
];

/// The standard wording of a 7-point agreement scale, lowest first.
const AGREEMENT_7: [(&str, &str, &str); 7] = [
    ("そう思わない", "Disagree", "そう おもわない"),
    (
        "あまりそう思わない",
        "Somewhat disagree",
        "あまり そう おもわない",
    ),
    (
        "少しそう思わない",
        "Slightly disagree",
        "ちょっと そう おもわない",
    ),
    (
        "どちらともいえない",
        "Neither agree nor disagree",
        "どちらでもない",
    ),
    ("少しそう思う", "Slightly agree", "ちょっと そう おもう"),
    ("ややそう思う", "Somewhat agree", "すこし そう おもう"),
    ("そう思う", "Agree", "そう おもう"),
];

/// The standard wording of an agreement scale of `points` (7, else 5).
fn agreement_table(points: u8) -> &'static [(&'static str, &'static str, &'static str)] {
    if points == 7 {
        &AGREEMENT_7
    } else {
        &AGREEMENT_5
    }
}

/// The standard words of an agreement scale of `points` (7, else 5) in `lang`, lowest first:
/// what a question without its own labels shows, prints and exports.
pub fn agreement_words(lang: Lang, points: u8) -> Vec<&'static str> {
    agreement_table(points)
        .iter()
        .map(|&(ja, en, easy)| match lang {
            Lang::Ja => ja,
            Lang::En => en,
            Lang::EasyJa => easy,
        })
        .collect()
}

/// The standard words of an agreement scale, in every language.
pub fn standard_agreement(points: u8) -> Vec<Text> {
    agreement_table(points)
        .iter()
        .map(|&(ja, en, easy)| Text::all(ja, en, easy))
        .collect()
}

/// The longest free-text answer any question may allow, in characters.
pub const MAX_TEXT_LEN: u32 = 10_000;

/// The most sections, and questions per section, a survey may have (generous; they keep
/// one response's size bounded).
pub const MAX_SECTIONS: usize = 50;
/// See [`MAX_SECTIONS`].
pub const MAX_QUESTIONS: usize = 200;
/// The most options a question may list.
pub const MAX_OPTIONS: usize = 100;

/// Why a survey definition was refused. Each names the section or question at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DefinitionError {
    /// The JSON did not have the expected shape.
    #[error("the definition is not valid JSON of the expected shape: {0}")]
    Malformed(String),
    /// The survey has no sections, or a section has no questions.
    #[error("a survey needs at least one section, and every section at least one question")]
    Empty,
    /// Too many sections, questions or options.
    #[error("the survey is too large")]
    TooLarge,
    /// Two sections or two questions share an id.
    #[error("id `{0}` is used twice")]
    DuplicateId(String),
    /// An id has characters outside `[A-Za-z0-9_-]`, is empty or too long.
    #[error("id `{0}` may only use letters, digits, `_` and `-` (at most 64)")]
    BadId(String),
    /// A section or question has no Japanese text.
    #[error("`{0}` has no Japanese text")]
    MissingLabel(String),
    /// A list of options has fewer than two entries, or repeats a value, or uses the reserved
    /// value `other` while also offering "other".
    #[error("question `{0}` needs at least two options with distinct values")]
    BadOptions(String),
    /// The limits of a question do not make sense.
    #[error("question `{0}` has impossible limits")]
    BadLimits(String),
    /// The district question is missing or is not a plain pick from a list.
    #[error("the district question `{0}` must be a drop-down or single choice")]
    BadDistrictQuestion(String),
    /// A condition names a question that is not asked before it, or a value that question can
    /// never have.
    #[error("the condition on `{0}` does not refer to an earlier question's possible answer")]
    BadCondition(String),
}

/// The sections and questions of a survey, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawDefinition", into = "RawDefinition")]
pub struct SurveyDefinition {
    sections: Vec<Section>,
    district_question: Option<String>,
}

/// The unchecked shape of a definition, as stored. Definitions written before sections existed
/// (`{"questions": [...]}`) read as one untitled section.
#[derive(Serialize, Deserialize)]
struct RawDefinition {
    #[serde(default)]
    sections: Vec<Section>,
    /// The question whose answer (a district code) says which district a response is from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    district_question: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    questions: Vec<Question>,
}

impl TryFrom<RawDefinition> for SurveyDefinition {
    type Error = DefinitionError;

    fn try_from(raw: RawDefinition) -> Result<Self, Self::Error> {
        let mut sections = raw.sections;
        if !raw.questions.is_empty() {
            sections.insert(
                0,
                Section {
                    id: "main".into(),
                    title: Text::ja("質問"),
                    intro: None,
                    questions: raw.questions,
                    show_if: None,
                },
            );
        }
        SurveyDefinition::new(sections)?.with_district_question(raw.district_question)
    }
}

impl From<SurveyDefinition> for RawDefinition {
    fn from(def: SurveyDefinition) -> Self {
        RawDefinition {
            sections: def.sections,
            district_question: def.district_question,
            questions: Vec::new(),
        }
    }
}

impl SurveyDefinition {
    /// Checks a list of sections and makes a definition of them.
    pub fn new(sections: Vec<Section>) -> Result<SurveyDefinition, DefinitionError> {
        if sections.is_empty() || sections.iter().any(|s| s.questions.is_empty()) {
            return Err(DefinitionError::Empty);
        }
        let question_count: usize = sections.iter().map(|s| s.questions.len()).sum();
        if sections.len() > MAX_SECTIONS || question_count > MAX_QUESTIONS {
            return Err(DefinitionError::TooLarge);
        }
        let mut section_ids = HashSet::new();
        // Questions asked so far, for checking that conditions point backwards.
        let mut earlier: Vec<&Question> = Vec::new();
        for section in &sections {
            check_id(&section.id)?;
            if !section_ids.insert(section.id.as_str()) {
                return Err(DefinitionError::DuplicateId(section.id.clone()));
            }
            if section.title.ja.trim().is_empty() {
                return Err(DefinitionError::MissingLabel(section.id.clone()));
            }
            if let Some(condition) = &section.show_if {
                check_condition(&section.id, condition, &earlier)?;
            }
            for q in &section.questions {
                check_question(q)?;
                if earlier.iter().any(|e| e.id == q.id) {
                    return Err(DefinitionError::DuplicateId(q.id.clone()));
                }
                if let Some(condition) = &q.show_if {
                    check_condition(&q.id, condition, &earlier)?;
                }
                earlier.push(q);
            }
        }
        Ok(SurveyDefinition {
            sections,
            district_question: None,
        })
    }

    /// Names the question whose answer is the respondent's district code (a single choice or
    /// drop-down whose option values are district codes); `None` for no such question.
    pub fn with_district_question(
        mut self,
        id: Option<String>,
    ) -> Result<SurveyDefinition, DefinitionError> {
        if let Some(id) = &id {
            let fits = self.question(id).is_some_and(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Dropdown { .. } | QuestionKind::SingleChoice { other: false, .. }
                )
            });
            if !fits {
                return Err(DefinitionError::BadDistrictQuestion(id.clone()));
            }
        }
        self.district_question = id;
        Ok(self)
    }

    /// The question that asks for the respondent's district, if any.
    pub fn district_question(&self) -> Option<&str> {
        self.district_question.as_deref()
    }

    /// Reads and checks a definition stored as JSON.
    pub fn parse_json(json: &str) -> Result<SurveyDefinition, DefinitionError> {
        let raw: RawDefinition =
            serde_json::from_str(json).map_err(|e| DefinitionError::Malformed(e.to_string()))?;
        SurveyDefinition::try_from(raw)
    }

    /// The definition as JSON, as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&RawDefinition::from(self.clone())).unwrap_or_default()
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every question, in the order they are asked.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The question with the given id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The index of the section that asks question `id`.
    pub fn section_of(&self, question_id: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.questions.iter().any(|q| q.id == question_id))
    }

    /// Whether section `index` is shown, given the answers so far.
    pub fn section_shown(&self, index: usize, answers: &Answers) -> bool {
        self.sections
            .get(index)
            .is_some_and(|s| s.show_if.as_ref().is_none_or(|c| c.holds(answers)))
    }

    /// The indexes of the sections shown for these answers, in order.
    pub fn shown_sections(&self, answers: &Answers) -> Vec<usize> {
        (0..self.sections.len())
            .filter(|&i| self.section_shown(i, answers))
            .collect()
    }
}

fn check_id(id: &str) -> Result<(), DefinitionError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(DefinitionError::BadId(id.to_string()))
    }
}

fn check_condition(
    owner: &str,
    condition: &Condition,
    earlier: &[&Question],
) -> Result<(), DefinitionError> {
    let bad = || DefinitionError::BadCondition(owner.to_string());
    let target = earlier
        .iter()
        .find(|q| q.id == condition.question())
        .ok_or_else(bad)?;
    let values = condition.values();
    if let Condition::AnyOf { values, .. } = condition
        && values.is_empty()
    {
        return Err(bad());
    }
    if values.is_empty() {
        return Ok(());
    }
    let possible = target.comparable_values().ok_or_else(bad)?;
    if values.iter().all(|v| possible.iter().any(|p| p == v)) {
        Ok(())
    } else {
        Err(bad())
    }
}

fn check_question(q: &Question) -> Result<(), DefinitionError> {
    check_id(&q.id)?;
    if q.label.ja.trim().is_empty() {
        return Err(DefinitionError::MissingLabel(q.id.clone()));
    }
    let limits = || DefinitionError::BadLimits(q.id.clone());
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => check_options(&q.id, options, *other),
        QuestionKind::MultipleChoice {
            options,
            min,
            max,
            other,
        } => {
            check_options(&q.id, options, *other)?;
            let count = u16::try_from(options.len() + usize::from(*other)).unwrap_or(u16::MAX);
            let min = min.unwrap_or(0);
            let max = max.unwrap_or(count);
            if min > max || max == 0 || max > count {
                return Err(limits());
            }
            Ok(())
        }
        QuestionKind::Dropdown { options } => check_options(&q.id, options, false),
        QuestionKind::YesNo => Ok(()),
        QuestionKind::Agreement { points, labels } => {
            let labels_ok = labels.as_ref().is_none_or(|l| {
                l.len() == usize::from(*points) && l.iter().all(|t| !t.ja.trim().is_empty())
            });
            if matches!(points, 5 | 7) && labels_ok {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Scale { .. } => Ok(()),
        QuestionKind::Stars { max } => {
            if (3..=10).contains(max) {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Number { min, max, .. } => {
            let finite = min.is_none_or(f64::is_finite) && max.is_none_or(f64::is_finite);
            let ordered = match (min, max) {
                (Some(lo), Some(hi)) => lo <= hi,
                _ => true,
            };
            if finite && ordered {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Text { max_len, .. } => {
            if *max_len == 0 || *max_len > MAX_TEXT_LEN {
                Err(limits())
            } else {
                Ok(())
            }
        }
        QuestionKind::Date { min, max } => {
            let parse = |d: &Option<String>| match d {
                None => Ok(None),
                Some(d) => crate::answer::parse_date(d).map(Some).ok_or_else(limits),
            };
            match (parse(min)?, parse(max)?) {
                (Some(lo), Some(hi)) if lo > hi => Err(limits()),
                _ => Ok(()),
            }
        }
        QuestionKind::Ranking { options, top } => {
            check_options(&q.id, options, false)?;
            let count = u16::try_from(options.len()).unwrap_or(u16::MAX);
            if top.is_some_and(|t| t == 0 || t > count) {
                Err(limits())
            } else {
                Ok(())
            }
        }
        QuestionKind::Matrix { rows, columns } => {
            let distinct = |list: &[Choice]| {
                let mut seen = HashSet::new();
                list.iter().all(|c| {
                    check_id(&c.value).is_ok()
                        && !c.label.ja.trim().is_empty()
                        && seen.insert(&c.value)
                })
            };
            let sizes = !rows.is_empty() && rows.len() <= MAX_OPTIONS && columns.len() >= 2;
            if sizes && distinct(rows) && distinct(columns) && columns.len() <= 11 {
                Ok(())
            } else {
                Err(DefinitionError::BadOptions(q.id.clone()))
            }
        }
    }
}

fn check_options(id: &str, options: &[Choice], other: bool) -> Result<(), DefinitionError> {
    let mut values = HashSet::new();
    let distinct = options.iter().all(|o| {
        let reserved = other && o.value == OTHER;
        let filled = !o.value.trim().is_empty() && !o.label.ja.trim().is_empty();
        filled && !reserved && o.value.len() <= 64 && values.insert(&o.value)
    });
    if options.len() < 2 || options.len() > MAX_OPTIONS || !distinct {
        return Err(DefinitionError::BadOptions(id.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(v: &str) -> Choice {
        Choice::new(v, Text::ja(v))
    }

    fn question(id: &str, kind: QuestionKind) -> Question {
        Question {
            id: id.into(),
            label: Text::ja("質問"),
            help: None,
            required: true,
            kind,
            show_if: None,
        }
    }

    fn single(id: &str, options: Vec<Choice>) -> Question {
        question(
            id,
            QuestionKind::SingleChoice {
                options,
                other: false,
            },
        )
    }

    fn section(id: &str, questions: Vec<Question>) -> Section {
        Section {
            id: id.into(),
            title: Text::ja("ページ"),
            intro: None,
            questions,
            show_if: None,
        }
    }

    fn one(q: Question) -> Result<SurveyDefinition, DefinitionError> {
        SurveyDefinition::new(vec![section("s", vec![q])])
    }

    fn two() -> Vec<Choice> {
        vec![choice("x"), choice("y")]
    }

    #[test]
    fn definitions_round_trip_through_json_and_are_checked_on_the_way_in() {
        let def = one(single("a", two())).map_err(|e| e.to_string());
        let Ok(json) = def.as_ref().map(SurveyDefinition::to_json) else {
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
            SurveyDefinition::parse_json("{\"sections\": 3}"),
            Err(DefinitionError::Malformed(_))
        ));
    }

    #[test]
    fn definitions_from_before_sections_read_as_one_section() {
        let json = r#"{"questions":[{"id":"a","label":{"ja":"質問"},"required":true,
            "kind":{"single_choice":{"options":[{"value":"x","label":{"ja":"x"}},
            {"value":"y","label":{"ja":"y"}}]}}}]}"#;
        let def = SurveyDefinition::parse_json(json).map_err(|e| e.to_string());
        assert_eq!(def.as_ref().map(|d| d.sections().len()), Ok(1));
        assert_eq!(
            def.as_ref()
                .map(|d| d.questions().map(|q| q.id.clone()).collect::<Vec<_>>()),
            Ok(vec!["a".to_string()])
        );
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let kinds = vec![
            QuestionKind::SingleChoice {
                options: two(),
                other: true,
            },
            QuestionKind::MultipleChoice {
                options: two(),
                min: Some(1),
                max: Some(2),
                other: false,
            },
            QuestionKind::Dropdown { options: two() },
            QuestionKind::YesNo,
            QuestionKind::Agreement {
                points: 5,
                labels: None,
            },
            QuestionKind::Scale {
                low: Some(Text::ja("全く")),
                high: None,
            },
            QuestionKind::Stars { max: 5 },
            QuestionKind::Number {
                min: Some(0.0),
                max: Some(120.5),
                integer: false,
                unit: Some(Text::ja("歳")),
            },
            QuestionKind::Text {
                multiline: true,
                max_len: 400,
            },
            QuestionKind::Date {
                min: Some("2026-01-01".into()),
                max: None,
            },
            QuestionKind::Ranking {
                options: vec![choice("a"), choice("b"), choice("c")],
                top: Some(2),
            },
            QuestionKind::Matrix {
                rows: two(),
                columns: vec![choice("lo"), choice("hi")],
            },
        ];
        let questions: Vec<Question> = kinds
            .into_iter()
            .enumerate()
            .map(|(i, k)| question(&format!("q{i}"), k))
            .collect();
        let def = SurveyDefinition::new(vec![section("s", questions)]);
        let Ok(def) = def else {
            panic!("every kind has a valid example: {def:?}")
        };
        assert_eq!(
            SurveyDefinition::parse_json(&def.to_json()).as_ref(),
            Ok(&def)
        );
        assert!(def.to_json().contains("\"yes_no\""));
    }

    #[test]
    fn every_rule_of_a_definition_is_enforced() {
        use DefinitionError as E;
        assert_eq!(SurveyDefinition::new(vec![]), Err(E::Empty));
        assert_eq!(
            SurveyDefinition::new(vec![section("s", vec![])]),
            Err(E::Empty)
        );
        assert_eq!(
            SurveyDefinition::new(vec![section(
                "s",
                vec![single("a", two()), single("a", two())]
            )]),
            Err(E::DuplicateId("a".into()))
        );
        assert_eq!(
            SurveyDefinition::new(vec![
                section("s", vec![single("a", two())]),
                section("s", vec![single("b", two())])
            ]),
            Err(E::DuplicateId("s".into()))
        );
        assert_eq!(one(single("a b", two())), Err(E::BadId("a b".into())));
        assert_eq!(
            one(single("a", vec![choice("x")])),
            Err(E::BadOptions("a".into()))
        );
        let mut unlabelled = single("a", two());
        unlabelled.label = Text::ja(" ");
        assert_eq!(one(unlabelled), Err(E::MissingLabel("a".into())));
        let bad = |kind: QuestionKind| one(question("k", kind));
        let limits = Err(E::BadLimits("k".into()));
        assert_eq!(
            bad(QuestionKind::MultipleChoice {
                options: two(),
                min: Some(2),
                max: Some(1),
                other: false
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Text {
                multiline: false,
                max_len: MAX_TEXT_LEN + 1
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Agreement {
                points: 4,
                labels: None
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Agreement {
                points: 5,
                labels: Some(vec![Text::ja("a")])
            }),
            limits
        );
        assert_eq!(bad(QuestionKind::Stars { max: 11 }), limits);
        assert_eq!(
            bad(QuestionKind::Number {
                min: Some(5.0),
                max: Some(1.0),
                integer: true,
                unit: None
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Number {
                min: Some(f64::NAN),
                max: None,
                integer: true,
                unit: None
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Date {
                min: Some("2026-13-01".into()),
                max: None
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Date {
                min: Some("2026-12-01".into()),
                max: Some("2026-11-01".into())
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Ranking {
                options: two(),
                top: Some(3)
            }),
            limits
        );
        assert_eq!(
            bad(QuestionKind::Matrix {
                rows: vec![],
                columns: two()
            }),
            Err(E::BadOptions("k".into()))
        );
        assert_eq!(
            bad(QuestionKind::SingleChoice {
                options: vec![choice("x"), choice(OTHER)],
                other: true
            }),
            Err(E::BadOptions("k".into()))
        );
    }

    #[test]
    fn conditions_must_point_back_at_a_possible_answer() {
        let first = single("first", two());
        let conditional = |condition: Condition| {
            let mut q = single("later", two());
            q.show_if = Some(condition);
            q
        };
        let ok = SurveyDefinition::new(vec![section(
            "s",
            vec![
                first.clone(),
                conditional(Condition::Equals {
                    question: "first".into(),
                    value: "x".into(),
                }),
            ],
        )]);
        assert!(ok.is_ok(), "{ok:?}");
        let refused = |questions: Vec<Question>| {
            SurveyDefinition::new(vec![section("s", questions)])
                == Err(DefinitionError::BadCondition("later".into()))
        };
        // A value the question does not offer.
        assert!(refused(vec![
            first.clone(),
            conditional(Condition::Equals {
                question: "first".into(),
                value: "z".into()
            })
        ]));
        // A question asked later, or itself.
        assert!(refused(vec![
            conditional(Condition::Answered {
                question: "first".into()
            }),
            first.clone()
        ]));
        // An empty list.
        assert!(refused(vec![
            first,
            conditional(Condition::AnyOf {
                question: "first".into(),
                values: vec![]
            })
        ]));
        // Text can only be asked whether it was answered.
        let text = question(
            "first",
            QuestionKind::Text {
                multiline: false,
                max_len: 10,
            },
        );
        assert!(refused(vec![
            text.clone(),
            conditional(Condition::Equals {
                question: "first".into(),
                value: "x".into()
            })
        ]));
        assert!(!refused(vec![
            text,
            conditional(Condition::Answered {
                question: "first".into()
            })
        ]));
        // Scales compare with their points; "other" is a possible value when offered.
        let scale = question(
            "first",
            QuestionKind::Agreement {
                points: 5,
                labels: None,
            },
        );
        assert!(!refused(vec![
            scale.clone(),
            conditional(Condition::AnyOf {
                question: "first".into(),
                values: vec!["4".into(), "5".into()]
            })
        ]));
        assert!(refused(vec![
            scale,
            conditional(Condition::Equals {
                question: "first".into(),
                value: "6".into()
            })
        ]));
    }

    #[test]
    fn conditions_hold_on_the_answers_they_name() {
        let mut answers = Answers::default();
        answers.0.insert("one".into(), Answer::Value("yes".into()));
        answers
            .0
            .insert("many".into(), Answer::Values(vec!["a".into(), "b".into()]));
        answers.0.insert("score".into(), Answer::Number(4.0));
        let eq = |q: &str, v: &str| Condition::Equals {
            question: q.into(),
            value: v.into(),
        };
        assert!(eq("one", "yes").holds(&answers));
        assert!(!eq("one", "no").holds(&answers));
        assert!(eq("many", "b").holds(&answers));
        assert!(!eq("many", "c").holds(&answers));
        assert!(eq("score", "4").holds(&answers));
        assert!(!eq("score", "5").holds(&answers));
        assert!(!eq("missing", "yes").holds(&answers));
        let any = |q: &str, vs: &[&str]| Condition::AnyOf {
            question: q.into(),
            values: vs.iter().map(|v| (*v).to_string()).collect(),
        };
        assert!(any("many", &["z", "a"]).holds(&answers));
        assert!(!any("many", &["z", "y"]).holds(&answers));
        assert!(any("score", &["4", "5"]).holds(&answers));
        let answered = |q: &str| Condition::Answered { question: q.into() };
        assert!(answered("one").holds(&answers));
        assert!(!answered("missing").holds(&answers));
    }

    #[test]
    fn sections_can_be_skipped_by_a_condition() {
        let mut later = section("later", vec![single("b", two())]);
        later.show_if = Some(Condition::Equals {
            question: "a".into(),
            value: "y".into(),
        });
        let def = SurveyDefinition::new(vec![section("first", vec![single("a", two())]), later]);
        let Ok(def) = def else {
            panic!("valid: {def:?}")
        };
        let mut answers = Answers::default();
        assert_eq!(def.shown_sections(&answers), vec![0]);
        answers.0.insert("a".into(), Answer::Value("y".into()));
        assert_eq!(def.shown_sections(&answers), vec![0, 1]);
        assert_eq!(def.section_of("b"), Some(1));
    }
}
