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

mod checks;
mod definition;
mod standing;

use checks::{check_condition, check_id, check_question};
pub use definition::{
    DefinitionError, MAX_OPTIONS, MAX_QUESTIONS, MAX_SECTIONS, MAX_TEXT_LEN, SurveyDefinition,
};
pub use standing::{ResponsePolicy, SurveyStatus};

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

    /// Every text of the question a respondent may read: wording, help, options, rows and
    /// columns, the words of a scale's ends or an agreement's points, the unit.
    pub fn texts(&self) -> Vec<&Text> {
        let mut texts = vec![&self.label];
        texts.extend(self.help.as_ref());
        match &self.kind {
            QuestionKind::Matrix { rows, columns } => {
                texts.extend(rows.iter().chain(columns).map(|c| &c.label));
            }
            QuestionKind::Scale { low, high } => texts.extend(low.iter().chain(high)),
            QuestionKind::Number { unit, .. } => texts.extend(unit.as_ref()),
            QuestionKind::Agreement {
                labels: Some(labels),
                ..
            } => texts.extend(labels),
            _ => texts.extend(self.options().iter().map(|c| &c.label)),
        }
        texts
    }

    /// The languages besides Japanese that some text of the question lacks (English, easy
    /// Japanese), for the builder to mark.
    pub fn untranslated(&self) -> Vec<crate::Lang> {
        let texts = self.texts();
        let mut missing = Vec::new();
        if texts.iter().any(|t| t.en.is_none()) {
            missing.push(crate::Lang::En);
        }
        if texts.iter().any(|t| t.easy.is_none()) {
            missing.push(crate::Lang::EasyJa);
        }
        missing
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

#[cfg(test)]
mod tests;
