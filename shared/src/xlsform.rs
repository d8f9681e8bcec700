//! XLSForm (<https://xlsform.org>), the spreadsheet form format of ODK and KoboToolbox: reading
//! one into a survey definition, and writing a definition out as one.
//!
//! This module works on sheets of text cells ([`Workbook`]); the server reads and writes the
//! actual `.xlsx` files. Reading either gives a whole definition or every problem found, each
//! naming the sheet, the row (as the spreadsheet numbers it, header = 1) and the column; nothing
//! is half-imported.
//!
//! | XLSForm | Yoriai |
//! | --- | --- |
//! | `begin_group` … `end_group` | a section (screen); a `note` first in it is its introduction |
//! | `begin_group` with appearance `table-list` | a matrix: one `select_one` row each, one list |
//! | `select_one L` (`or_other`) | single choice; appearance `minimal`: drop-down; a list named `yes_no` of `yes`/`no`: yes/no; appearance `likert` over `1`…`5` or `1`…`7`: agreement (list `yoriai_agree5`/`7`: the standard wording) |
//! | `select_multiple L` (`or_other`) | multiple choice; `count-selected(.) >= n` / `<= n` as the limits |
//! | `rank L` | ranking; parameter `top=n` |
//! | `text` | text (appearance `multiline`); `string-length(.) <= n` |
//! | `integer`, `decimal` | number; `. >= a and . <= b`; unit in `yoriai_unit` |
//! | `date` | date; `. >= date('…')`, `. <= date('…')` |
//! | `range` `start=0 end=10 step=1` | 0–10 scale (end words in `yoriai_low`, `yoriai_high`); appearance `rating`, `start=1 end=n`: stars |
//! | `required`, `hint`, `relevant` | required, help, show-if (`${q} = 'v'`, `selected(${q}, 'v') or …`, `${q} = 'a' or ${q} = 'b'`, `${q} != ''`) |
//! | `label::English (en)` … | ja / en / easy (`label` alone: the settings' `default_language`, else Japanese) |
//!
//! ODK's metadata fields (`start`, `end`, `today`, `deviceid`, …) are skipped with a note.

use crate::Lang;
use crate::survey::{
    Choice, Condition, DefinitionError, Question, QuestionKind, Section, SurveyDefinition,
};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod columns;
mod export;
mod expressions;
mod import;
mod kinds;

use columns::{Columns, default_lang, lang_column, read_lists};
pub use export::export;
use expressions::{date_literal, limits, parameters, parse_required, read_limits};
pub use expressions::{parse_relevant, write_relevant};
pub use import::import;
use kinds::question_kind;

/// One sheet as text cells, row by row; the first row is the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    /// The sheet's name (`survey`, `choices`, `settings`).
    pub name: String,
    /// The cells, row by row.
    pub rows: Vec<Vec<String>>,
}

/// A workbook as text cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workbook {
    /// The sheets in order.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet with this name, ignoring case and spaces around it.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
    }
}

/// Where a problem is and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The sheet.
    pub sheet: String,
    /// The row as the spreadsheet numbers it (the header is row 1; 0: the sheet as a whole).
    pub row: usize,
    /// The column's header, if one column is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

/// What cannot be imported (or, for [`Problem::Skipped`], was left out on purpose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// The file is not a readable `.xlsx` workbook.
    NotAWorkbook,
    /// The workbook or a sheet is larger than any questionnaire (a cell beyond `rows` ×
    /// `columns`, too many cells, or parts that unpack to too many bytes); nothing more was
    /// read.
    TooLarge {
        /// The most rows a sheet may use.
        rows: u32,
        /// The most columns a sheet may use.
        columns: u32,
    },
    /// A sheet every form needs is missing (`survey`, or `choices` when a list is used).
    MissingSheet,
    /// A column the sheet needs is missing.
    MissingColumn,
    /// A question type Yoriai has no equivalent for.
    UnsupportedType(String),
    /// A column Yoriai has no place for has a value in this row.
    UnsupportedColumn,
    /// A choice list that the `choices` sheet does not have.
    UnknownList(String),
    /// A row without a `name`.
    MissingName,
    /// A group inside a group (other than a `table-list` matrix).
    NestedGroup,
    /// A group that is never closed.
    UnclosedGroup,
    /// An `end_group` without a group.
    UnmatchedEnd,
    /// A `relevant` expression Yoriai cannot express.
    UnsupportedRelevant(String),
    /// A `constraint` Yoriai cannot express.
    UnsupportedConstraint(String),
    /// `parameters` Yoriai cannot express.
    BadParameters(String),
    /// `required` is not yes/no.
    BadRequired(String),
    /// A translation column for a language Yoriai does not speak.
    UnsupportedLanguage(String),
    /// A row that needs text (a choice's label) has none in any language.
    NoJapanese,
    /// A note anywhere but first in a group (Yoriai shows text only as a section's introduction).
    NoteNotAtGroupStart,
    /// A row of a `table-list` group that is not a `select_one` of the group's list.
    BadMatrixRow,
    /// The questions read do not make a valid survey.
    Definition(DefinitionError),
    /// Left out on purpose (ODK metadata such as `start` or `deviceid`): a note, not an error.
    Skipped(String),
}

/// A form read from XLSForm.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The title (`form_title`), if given.
    pub title: Option<Text>,
    /// The introduction (`yoriai_intro`), if given.
    pub intro: Option<Text>,
    /// The form's id (`form_id`), a suggestion for the survey's address.
    pub form_id: Option<String>,
    /// The questions.
    pub definition: SurveyDefinition,
    /// What was left out on purpose.
    pub notes: Vec<Issue>,
}

const SURVEY: &str = "survey";
const CHOICES: &str = "choices";
const SETTINGS: &str = "settings";

/// The list name that marks the standard agreement wording (`yoriai_agree5`, `yoriai_agree7`).
fn agree_list(points: u8) -> String {
    format!("yoriai_agree{points}")
}
const YES_NO_LIST: &str = "yes_no";

/// ODK's metadata types: answered by the device, not the person; skipped.
const METADATA: &[&str] = &[
    "start",
    "end",
    "today",
    "deviceid",
    "phonenumber",
    "username",
    "email",
    "simserial",
    "subscriberid",
    "audit",
    "start-geopoint",
];

/// Columns read as text in every language (`label`, `label::English (en)`, …).
const TEXT_COLUMNS: &[&str] = &["label", "hint", "yoriai_unit", "yoriai_low", "yoriai_high"];
/// Other columns the survey sheet reads.
const SURVEY_COLUMNS: &[&str] = &[
    "type",
    "name",
    "required",
    "relevant",
    "appearance",
    "parameters",
    "constraint",
    "yoriai_top",
];
/// Columns whose values only matter to ODK's own screens; left alone.
const HARMLESS: &[&str] = &["required_message", "constraint_message", "guidance_hint"];

#[cfg(test)]
mod tests;
