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

/// The language of a column suffix: `English (en)`, `Japanese (ja)`, `やさしい日本語 (easy)`.
fn suffix_lang(suffix: &str) -> Option<Lang> {
    let code = suffix
        .rsplit_once('(')
        .map_or(suffix, |(_, c)| c.trim_end_matches(')'))
        .trim()
        .to_ascii_lowercase();
    match code.as_str() {
        "ja" | "japanese" | "日本語" => Some(Lang::Ja),
        "en" | "english" => Some(Lang::En),
        "easy" | "ja-easy" | "easy japanese" | "やさしい日本語" => Some(Lang::EasyJa),
        _ => None,
    }
}

/// The header of a text column in a language, as written on export.
fn lang_column(base: &str, lang: Lang) -> String {
    let suffix = match lang {
        Lang::Ja => "Japanese (ja)",
        Lang::En => "English (en)",
        Lang::EasyJa => "Easy Japanese (easy)",
    };
    format!("{base}::{suffix}")
}

/// A sheet's header, read.
struct Columns {
    sheet: String,
    /// Plain columns by lower-case name.
    plain: HashMap<String, usize>,
    /// Text columns: (base, language) → index.
    texts: HashMap<(String, Lang), usize>,
    /// Columns with no meaning here: (index, header).
    other: Vec<(usize, String)>,
}

impl Columns {
    fn read(
        sheet: &Sheet,
        text_bases: &[&str],
        plain: &[&str],
        default_lang: Lang,
        issues: &mut Vec<Issue>,
    ) -> Columns {
        let mut columns = Columns {
            sheet: sheet.name.clone(),
            plain: HashMap::new(),
            texts: HashMap::new(),
            other: Vec::new(),
        };
        let Some(header) = sheet.rows.first() else {
            return columns;
        };
        for (i, h) in header.iter().enumerate() {
            let name = h.trim();
            if name.is_empty() {
                continue;
            }
            // `label::English (en)`, or the older `label:English` many forms still use.
            let single = name
                .split_once(':')
                .filter(|(b, _)| text_bases.contains(&b.trim().to_ascii_lowercase().as_str()));
            let (base, suffix) = match name.split_once("::").or(single) {
                Some((b, s)) => (b.trim().to_ascii_lowercase(), Some(s.trim())),
                None => (name.to_ascii_lowercase().replace(' ', "_"), None),
            };
            if text_bases.contains(&base.as_str()) {
                match suffix.map_or(Some(default_lang), suffix_lang) {
                    Some(lang) => {
                        columns.texts.insert((base, lang), i);
                    }
                    None => issues.push(Issue {
                        sheet: sheet.name.clone(),
                        row: 1,
                        column: Some(name.to_string()),
                        problem: Problem::UnsupportedLanguage(suffix.unwrap_or_default().into()),
                    }),
                }
            } else if suffix.is_none() && plain.contains(&base.as_str()) {
                columns.plain.insert(base, i);
            } else if !HARMLESS.contains(&base.as_str()) {
                columns.other.push((i, name.to_string()));
            }
        }
        columns
    }

    fn has(&self, name: &str) -> bool {
        self.plain.contains_key(name)
    }

    /// An issue for each of these columns the header lacks.
    fn require(&self, names: &[&str], issues: &mut Vec<Issue>) {
        for name in names.iter().filter(|n| !self.has(n)) {
            issues.push(Issue {
                sheet: self.sheet.clone(),
                row: 1,
                column: Some((*name).to_string()),
                problem: Problem::MissingColumn,
            });
        }
    }

    /// A plain cell, trimmed ("" when absent).
    fn get<'r>(&self, row: &'r [String], name: &str) -> &'r str {
        self.plain
            .get(name)
            .and_then(|&i| row.get(i))
            .map_or("", |c| c.trim())
    }

    /// A text cell in every language; `Err` when there is text but none in Japanese.
    fn text(&self, row: &[String], base: &str) -> Result<Option<Text>, Problem> {
        let get = |lang: Lang| {
            self.texts
                .get(&(base.to_string(), lang))
                .and_then(|&i| row.get(i))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        let (ja, en, easy) = (get(Lang::Ja), get(Lang::En), get(Lang::EasyJa));
        match (ja, en, easy) {
            (Some(ja), en, easy) => Ok(Some(Text { ja, en, easy })),
            // A form without Japanese (an English form from ODK or Kobo) is imported with its
            // own words standing in for the Japanese, which staff then translate in the
            // builder; the English stays English.
            (None, Some(en), easy) => Ok(Some(Text {
                ja: en.clone(),
                en: Some(en),
                easy,
            })),
            (None, None, Some(easy)) => Ok(Some(Text {
                ja: easy.clone(),
                en: None,
                easy: Some(easy),
            })),
            (None, None, None) => Ok(None),
        }
    }

    /// Issues for cells with a value in columns that have no meaning here.
    fn unsupported(&self, row: &[String], at: usize, issues: &mut Vec<Issue>) {
        for (i, header) in &self.other {
            if row.get(*i).is_some_and(|c| !c.trim().is_empty()) {
                issues.push(Issue {
                    sheet: self.sheet.clone(),
                    row: at,
                    column: Some(header.clone()),
                    problem: Problem::UnsupportedColumn,
                });
            }
        }
    }
}

/// The settings sheet's default language (`Japanese (ja)`, say), if it names one Yoriai speaks.
fn default_lang(book: &Workbook) -> Lang {
    book.sheet(SETTINGS)
        .and_then(|s| {
            let header = s.rows.first()?;
            let i = header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case("default_language"))?;
            suffix_lang(s.rows.get(1)?.get(i)?.trim())
        })
        .unwrap_or(Lang::Ja)
}

/// Reads the choice lists.
fn read_lists(
    book: &Workbook,
    lang: Lang,
    issues: &mut Vec<Issue>,
) -> HashMap<String, Vec<Choice>> {
    let mut lists: HashMap<String, Vec<Choice>> = HashMap::new();
    let Some(sheet) = book.sheet(CHOICES) else {
        return lists;
    };
    // A blank choices sheet (templates ship one) is as good as none: a list used from it is
    // reported where it is used.
    if sheet.rows.iter().flatten().all(|c| c.trim().is_empty()) {
        return lists;
    }
    let cols = Columns::read(sheet, &["label"], &["list_name", "name"], lang, issues);
    cols.require(&["list_name", "name"], issues);
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let at = i + 1;
        let list = cols.get(row, "list_name");
        if list.is_empty() && row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        cols.unsupported(row, at, issues);
        let issue = |column: &str, problem| Issue {
            sheet: sheet.name.clone(),
            row: at,
            column: Some(column.to_string()),
            problem,
        };
        let value = cols.get(row, "name");
        if value.is_empty() {
            issues.push(issue("name", Problem::MissingName));
            continue;
        }
        let label = match cols.text(row, "label") {
            Ok(Some(label)) => label,
            Ok(None) | Err(_) => {
                issues.push(issue("label", Problem::NoJapanese));
                continue;
            }
        };
        lists
            .entry(list.to_string())
            .or_default()
            .push(Choice::new(value, label));
    }
    lists
}

/// `yes`, `true()`, `1` → true; blank, `no`, `false()`, `0` → false.
fn parse_required(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "true()" | "1" => Some(true),
        "" | "no" | "n" | "false" | "false()" | "0" => Some(false),
        _ => None,
    }
}

/// `${name}` → `name`.
fn reference(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("${")?.strip_suffix('}')?;
    (!inner.is_empty()).then_some(inner)
}

/// `'value'` or `"value"` → `value`.
fn quoted(text: &str) -> Option<&str> {
    let t = text.trim();
    let inside = |q: char| {
        t.strip_prefix(q)
            .and_then(|r| r.strip_suffix(q))
            .filter(|r| !r.contains(q))
    };
    inside('\'').or_else(|| inside('"'))
}

/// One term of a `relevant` expression.
enum Term<'a> {
    Is(&'a str, &'a str),
    Selected(&'a str, &'a str),
    Answered(&'a str),
}

fn term(text: &str) -> Option<Term<'_>> {
    let t = text.trim();
    if let Some(args) = t
        .strip_prefix("selected(")
        .and_then(|r| r.strip_suffix(')'))
    {
        let (q, v) = args.split_once(',')?;
        return Some(Term::Selected(reference(q)?, quoted(v)?));
    }
    if let Some((q, v)) = t.split_once("!=") {
        return quoted(v)?
            .is_empty()
            .then(|| reference(q).map(Term::Answered))?;
    }
    let (q, v) = t.split_once('=')?;
    Some(Term::Is(reference(q)?, quoted(v)?))
}

/// Reads a `relevant` expression Yoriai can express.
pub fn parse_relevant(text: &str) -> Option<Condition> {
    let terms: Vec<Term<'_>> = text.split(" or ").map(term).collect::<Option<Vec<_>>>()?;
    match terms.as_slice() {
        [Term::Is(q, v)] => Some(Condition::Equals {
            question: (*q).into(),
            value: (*v).into(),
        }),
        [Term::Answered(q)] => Some(Condition::Answered {
            question: (*q).into(),
        }),
        [first, ..] => {
            let question = match first {
                Term::Is(q, _) | Term::Selected(q, _) => *q,
                Term::Answered(_) => return None,
            };
            let values = terms
                .iter()
                .map(|t| match t {
                    Term::Is(q, v) | Term::Selected(q, v) if *q == question => Some((*v).into()),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>()?;
            Some(Condition::AnyOf {
                question: question.into(),
                values,
            })
        }
        [] => None,
    }
}

/// Writes a condition as a `relevant` expression ([`parse_relevant`] reads it back).
pub fn write_relevant(condition: &Condition) -> String {
    match condition {
        Condition::Equals { question, value } => format!("${{{question}}} = '{value}'"),
        Condition::AnyOf { question, values } => values
            .iter()
            .map(|v| format!("selected(${{{question}}}, '{v}')"))
            .collect::<Vec<_>>()
            .join(" or "),
        Condition::Answered { question } => format!("${{{question}}} != ''"),
    }
}

/// The limits a constraint sets: `. >= 1 and . <= 15`, `count-selected(.) <= 3`,
/// `string-length(.) <= 40`, `. >= date('2020-01-01')`. `subject` is `.`, `count-selected(.)`
/// or `string-length(.)`; values are returned as written.
fn limits(constraint: &str, subject: &str) -> Option<(Option<String>, Option<String>)> {
    let (mut low, mut high) = (None, None);
    if constraint.trim().is_empty() {
        return Some((low, high));
    }
    for part in constraint.split(" and ") {
        let part = part.trim();
        let rest = part.strip_prefix(subject)?.trim_start();
        if let Some(v) = rest.strip_prefix(">=") {
            low = Some(v.trim().to_string());
        } else if let Some(v) = rest.strip_prefix("<=") {
            high = Some(v.trim().to_string());
        } else {
            return None;
        }
    }
    Some((low, high))
}

/// The limits a constraint sets, each read by `read`; `None` when any part cannot be read.
fn read_limits<T>(
    constraint: &str,
    subject: &str,
    read: impl Fn(&str) -> Option<T>,
) -> Option<(Option<T>, Option<T>)> {
    let (low, high) = limits(constraint, subject)?;
    let read = |v: Option<String>| match v {
        None => Some(None),
        Some(v) => read(&v).map(Some),
    };
    Some((read(low)?, read(high)?))
}

/// `date('2020-01-01')` → `2020-01-01`.
fn date_literal(text: &str) -> Option<String> {
    quoted(text.trim().strip_prefix("date(")?.strip_suffix(')')?).map(str::to_string)
}

/// `start=0 end=10 step=1` → pairs.
fn parameters(text: &str) -> Option<HashMap<String, String>> {
    text.split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect()
}

/// A section being read.
struct OpenSection {
    id: String,
    title: Text,
    intro: Option<Text>,
    show_if: Option<Condition>,
    questions: Vec<Question>,
    row: usize,
}

/// A matrix being read from a `table-list` group.
struct OpenMatrix {
    id: String,
    label: Text,
    help: Option<Text>,
    show_if: Option<Condition>,
    required: bool,
    list: Option<String>,
    rows: Vec<Choice>,
    row: usize,
}

/// Reads a form. Either the whole definition, or every problem found.
pub fn import(book: &Workbook) -> Result<Imported, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut notes = Vec::new();
    let lang = default_lang(book);
    let Some(sheet) = book.sheet(SURVEY) else {
        return Err(vec![Issue {
            sheet: SURVEY.into(),
            row: 0,
            column: None,
            problem: Problem::MissingSheet,
        }]);
    };
    let lists = read_lists(book, lang, &mut issues);
    let cols = Columns::read(sheet, TEXT_COLUMNS, SURVEY_COLUMNS, lang, &mut issues);
    cols.require(&["type", "name"], &mut issues);
    let settings = read_settings(book, lang, &mut issues);
    let default_title = settings.title.clone().unwrap_or_else(|| Text::ja("質問"));
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Option<OpenSection> = None;
    let mut loose: Vec<Question> = Vec::new();
    let mut matrix: Option<OpenMatrix> = None;
    let mut rows_of: HashMap<String, usize> = HashMap::new();
    let mut loose_count = 0usize;
    // Questions outside any group make a section of their own.
    let flush_loose = |loose: &mut Vec<Question>, sections: &mut Vec<Section>, n: &mut usize| {
        if !loose.is_empty() {
            *n += 1;
            sections.push(Section {
                id: format!("part{n}"),
                title: default_title.clone(),
                intro: None,
                questions: std::mem::take(loose),
                show_if: None,
            });
        }
    };
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let at = i + 1;
        let issue = |column: &str, problem: Problem| Issue {
            sheet: sheet.name.clone(),
            row: at,
            column: Some(column.to_string()),
            problem,
        };
        // The type's words are read in any case; a list's name keeps its own (list names are
        // case-sensitive, as in the choices sheet).
        let kind_cell = cols.get(row, "type");
        let mut words = kind_cell.split_whitespace();
        let Some(kind) = words.next().map(str::to_ascii_lowercase) else {
            continue;
        };
        let mut args: Vec<&str> = words.collect();
        let second = args.first().map(|a| a.to_ascii_lowercase());
        // "begin group" is "begin_group", "select one" is "select_one"; "end" alone is ODK's
        // end-time metadata.
        let kind = match (kind.as_str(), second.as_deref()) {
            ("begin" | "end", Some(what)) | ("select", Some(what @ ("one" | "multiple"))) => {
                let joined = format!("{kind}_{what}");
                args.remove(0);
                joined
            }
            _ => kind,
        };
        cols.unsupported(row, at, &mut issues);
        if METADATA.contains(&kind.as_str()) {
            notes.push(issue("type", Problem::Skipped(kind.clone())));
            continue;
        }
        let name = cols.get(row, "name").to_string();
        let text = |base: &str, issues: &mut Vec<Issue>| match cols.text(row, base) {
            Ok(t) => t,
            Err(p) => {
                issues.push(issue(base, p));
                None
            }
        };
        let label = text("label", &mut issues);
        let help = text("hint", &mut issues);
        let relevant = cols.get(row, "relevant");
        let show_if = if relevant.is_empty() {
            None
        } else {
            let parsed = parse_relevant(relevant);
            if parsed.is_none() {
                issues.push(issue(
                    "relevant",
                    Problem::UnsupportedRelevant(relevant.into()),
                ));
            }
            parsed
        };
        let required = parse_required(cols.get(row, "required")).unwrap_or_else(|| {
            issues.push(issue(
                "required",
                Problem::BadRequired(cols.get(row, "required").into()),
            ));
            false
        });
        let appearance = cols.get(row, "appearance").to_ascii_lowercase();
        if name.is_empty() && !kind.starts_with("end_") {
            issues.push(issue("name", Problem::MissingName));
            continue;
        }
        match kind.as_str() {
            "begin_group" => {
                if appearance.contains("table-list") {
                    if matrix.is_some() {
                        issues.push(issue("type", Problem::NestedGroup));
                        continue;
                    }
                    rows_of.insert(name.clone(), at);
                    matrix = Some(OpenMatrix {
                        id: name,
                        label: label.unwrap_or_else(|| Text::ja("")),
                        help,
                        show_if,
                        required: false,
                        list: None,
                        rows: Vec::new(),
                        row: at,
                    });
                } else if open.is_some() || matrix.is_some() {
                    issues.push(issue("type", Problem::NestedGroup));
                } else {
                    flush_loose(&mut loose, &mut sections, &mut loose_count);
                    rows_of.insert(name.clone(), at);
                    open = Some(OpenSection {
                        id: name,
                        title: label.unwrap_or_else(|| default_title.clone()),
                        intro: None,
                        show_if,
                        questions: Vec::new(),
                        row: at,
                    });
                }
            }
            "end_group" => {
                if let Some(m) = matrix.take() {
                    let q = Question {
                        id: m.id,
                        label: m.label,
                        help: m.help,
                        required: m.required,
                        kind: QuestionKind::Matrix {
                            rows: m.rows,
                            columns: m
                                .list
                                .and_then(|l| lists.get(&l).cloned())
                                .unwrap_or_default(),
                        },
                        show_if: m.show_if,
                    };
                    match open.as_mut() {
                        Some(s) => s.questions.push(q),
                        None => loose.push(q),
                    }
                } else if let Some(s) = open.take() {
                    sections.push(Section {
                        id: s.id,
                        title: s.title,
                        intro: s.intro,
                        questions: s.questions,
                        show_if: s.show_if,
                    });
                } else {
                    issues.push(issue("type", Problem::UnmatchedEnd));
                }
            }
            "note" => match open.as_mut() {
                Some(s) if s.questions.is_empty() && s.intro.is_none() && matrix.is_none() => {
                    s.intro = label;
                }
                _ => issues.push(issue("type", Problem::NoteNotAtGroupStart)),
            },
            _ if matrix.is_some() => {
                let Some(m) = matrix.as_mut() else { continue };
                let list = args.first().copied().unwrap_or_default();
                if kind != "select_one" || m.list.as_deref().is_some_and(|l| l != list) {
                    issues.push(issue("type", Problem::BadMatrixRow));
                    continue;
                }
                if !lists.contains_key(list) {
                    issues.push(issue("type", Problem::UnknownList(list.into())));
                    continue;
                }
                m.list = Some(list.to_string());
                // ODK's header row of a table (appearance `label`) carries no answer.
                if appearance.contains("label") && !appearance.contains("nolabel") {
                    continue;
                }
                let value = name
                    .strip_prefix(&format!("{}.", m.id))
                    .unwrap_or(&name)
                    .to_string();
                m.required |= required;
                m.rows
                    .push(Choice::new(value, label.unwrap_or_else(|| Text::ja(""))));
            }
            _ => {
                let read = question_kind(
                    &kind,
                    &args,
                    &appearance,
                    row,
                    &cols,
                    &lists,
                    &mut issues,
                    at,
                );
                let Some(kind) = read else { continue };
                rows_of.insert(name.clone(), at);
                let q = Question {
                    id: name,
                    label: label.unwrap_or_else(|| Text::ja("")),
                    help,
                    required,
                    kind,
                    show_if,
                };
                match open.as_mut() {
                    Some(s) => s.questions.push(q),
                    None => loose.push(q),
                }
            }
        }
    }
    if let Some(m) = matrix {
        issues.push(Issue {
            sheet: sheet.name.clone(),
            row: m.row,
            column: Some("type".into()),
            problem: Problem::UnclosedGroup,
        });
    }
    if let Some(s) = open {
        issues.push(Issue {
            sheet: sheet.name.clone(),
            row: s.row,
            column: Some("type".into()),
            problem: Problem::UnclosedGroup,
        });
    }
    flush_loose(&mut loose, &mut sections, &mut loose_count);
    if !issues.is_empty() {
        return Err(issues);
    }
    let definition = SurveyDefinition::new(sections).and_then(|d| match &settings.district {
        Some(q) => d.with_district_question(Some(q.clone())),
        None => Ok(d),
    });
    match definition {
        Ok(definition) => Ok(Imported {
            title: settings.title,
            intro: settings.intro,
            form_id: settings.form_id,
            definition,
            notes,
        }),
        Err(e) => {
            let id = match &e {
                DefinitionError::DuplicateId(id)
                | DefinitionError::BadId(id)
                | DefinitionError::MissingLabel(id)
                | DefinitionError::BadOptions(id)
                | DefinitionError::BadLimits(id)
                | DefinitionError::BadDistrictQuestion(id)
                | DefinitionError::BadCondition(id) => Some(id.clone()),
                _ => None,
            };
            let row = id.as_ref().and_then(|id| rows_of.get(id)).copied();
            Err(vec![Issue {
                sheet: sheet.name.clone(),
                row: row.unwrap_or(0),
                column: row.map(|_| "name".to_string()),
                problem: Problem::Definition(e),
            }])
        }
    }
}

/// What the settings sheet says.
struct Settings {
    title: Option<Text>,
    intro: Option<Text>,
    form_id: Option<String>,
    district: Option<String>,
}

fn read_settings(book: &Workbook, lang: Lang, issues: &mut Vec<Issue>) -> Settings {
    let mut settings = Settings {
        title: None,
        intro: None,
        form_id: None,
        district: None,
    };
    let Some(sheet) = book.sheet(SETTINGS) else {
        return settings;
    };
    let cols = Columns::read(
        sheet,
        &["form_title", "yoriai_title", "yoriai_intro"],
        &["form_id", "yoriai_district_question"],
        lang,
        issues,
    );
    let Some(row) = sheet.rows.get(1) else {
        return settings;
    };
    let text = |base: &str, issues: &mut Vec<Issue>| {
        cols.text(row, base).unwrap_or_else(|p| {
            issues.push(Issue {
                sheet: sheet.name.clone(),
                row: 2,
                column: Some(base.into()),
                problem: p,
            });
            None
        })
    };
    // Yoriai's own title columns (every language) over the plain XLSForm one.
    settings.title = match text("yoriai_title", issues) {
        Some(title) => Some(title),
        None => text("form_title", issues),
    };
    settings.intro = text("yoriai_intro", issues);
    let plain = |name: &str| Some(cols.get(row, name).to_string()).filter(|v| !v.is_empty());
    settings.form_id = plain("form_id");
    settings.district = plain("yoriai_district_question");
    settings
}

/// The kind of a question row.
#[allow(clippy::too_many_arguments, reason = "the parts of one row")]
fn question_kind(
    kind: &str,
    args: &[&str],
    appearance: &str,
    row: &[String],
    cols: &Columns,
    lists: &HashMap<String, Vec<Choice>>,
    issues: &mut Vec<Issue>,
    at: usize,
) -> Option<QuestionKind> {
    let issue = |column: &str, problem: Problem| Issue {
        sheet: cols.sheet.clone(),
        row: at,
        column: Some(column.to_string()),
        problem,
    };
    let constraint = cols.get(row, "constraint");
    let bad_constraint = || {
        issue(
            "constraint",
            Problem::UnsupportedConstraint(constraint.into()),
        )
    };
    let list = |issues: &mut Vec<Issue>| {
        let name = args.first().copied().unwrap_or_default();
        let found = lists.get(name).cloned();
        if found.is_none() {
            issues.push(issue("type", Problem::UnknownList(name.into())));
        }
        found.map(|options| (name, options))
    };
    let other = args
        .get(1)
        .is_some_and(|a| a.eq_ignore_ascii_case("or_other"));
    let text = |base: &str, issues: &mut Vec<Issue>| {
        cols.text(row, base).unwrap_or_else(|p| {
            issues.push(issue(base, p));
            None
        })
    };
    let params = parameters(cols.get(row, "parameters"));
    if params.is_none() {
        issues.push(issue(
            "parameters",
            Problem::BadParameters(cols.get(row, "parameters").into()),
        ));
        return None;
    }
    let params = params.unwrap_or_default();
    // Parameters Yoriai cannot honour (`randomize`, `seed`, …) are refused by name rather than
    // dropped: the form would behave differently without them.
    let known: &[&str] = match kind {
        "range" => &["start", "end", "step"],
        "rank" => &["top"],
        _ => &[],
    };
    let mut unknown: Vec<String> = params
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !unknown.is_empty() {
        unknown.sort();
        issues.push(issue(
            "parameters",
            Problem::BadParameters(unknown.join(" ")),
        ));
        return None;
    }
    let param = |k: &str| params.get(k).map(String::as_str);
    match kind {
        "select_one" => {
            let (name, options) = list(issues)?;
            let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
            let points = u8::try_from(values.len()).unwrap_or(0);
            let numbered = values
                .iter()
                .enumerate()
                .all(|(i, v)| *v == (i + 1).to_string());
            if appearance.contains("likert") && numbered && matches!(points, 5 | 7) && !other {
                let labels = (name != agree_list(points))
                    .then(|| options.iter().map(|o| o.label.clone()).collect());
                Some(QuestionKind::Agreement { points, labels })
            } else if appearance.contains("minimal") && !other {
                Some(QuestionKind::Dropdown { options })
            } else if name == YES_NO_LIST && values == ["yes", "no"] && !other {
                Some(QuestionKind::YesNo)
            } else {
                Some(QuestionKind::SingleChoice { options, other })
            }
        }
        "select_multiple" => {
            let (_, options) = list(issues)?;
            let Some((min, max)) =
                read_limits(constraint, "count-selected(.)", |v| v.parse::<u16>().ok())
            else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::MultipleChoice {
                options,
                min,
                max,
                other,
            })
        }
        "rank" => {
            let (_, options) = list(issues)?;
            // How many to rank: `yoriai_top` (pyxform allows only `randomize` and `seed` in a
            // rank's parameters), or `top=n` there as earlier exports wrote it.
            let written = Some(cols.get(row, "yoriai_top")).filter(|t| !t.is_empty());
            let top = match written.or_else(|| param("top")).map(str::parse::<u16>) {
                None => None,
                Some(Ok(n)) => Some(n),
                Some(Err(_)) => {
                    issues.push(issue(
                        "parameters",
                        Problem::BadParameters(cols.get(row, "parameters").into()),
                    ));
                    return None;
                }
            };
            Some(QuestionKind::Ranking { options, top })
        }
        "text" => {
            let limit = limits(constraint, "string-length(.)");
            let max_len = match limit {
                Some((None, Some(max))) => max.parse::<u32>().ok(),
                Some((None, None)) => Some(if appearance.contains("multiline") {
                    2000
                } else {
                    400
                }),
                _ => None,
            };
            let Some(max_len) = max_len else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Text {
                multiline: appearance.contains("multiline"),
                max_len,
            })
        }
        "integer" | "decimal" => {
            let Some((min, max)) = read_limits(constraint, ".", |v| v.parse::<f64>().ok()) else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Number {
                min,
                max,
                integer: kind == "integer",
                unit: text("yoriai_unit", issues),
            })
        }
        "date" => {
            let Some((min, max)) = read_limits(constraint, ".", date_literal) else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Date { min, max })
        }
        "range" => {
            let (start, end, step) = (param("start"), param("end"), param("step"));
            let max = end.and_then(|e| e.parse::<u8>().ok());
            match (appearance.contains("rating"), start, step, max) {
                (true, Some("1"), Some("1") | None, Some(max)) => Some(QuestionKind::Stars { max }),
                (false, Some("0"), Some("1") | None, Some(10)) => Some(QuestionKind::Scale {
                    low: text("yoriai_low", issues),
                    high: text("yoriai_high", issues),
                }),
                _ => {
                    issues.push(issue(
                        "parameters",
                        Problem::BadParameters(cols.get(row, "parameters").into()),
                    ));
                    None
                }
            }
        }
        other => {
            issues.push(issue("type", Problem::UnsupportedType(other.into())));
            None
        }
    }
}

/// The languages written on export.
const LANGS: [Lang; 3] = [Lang::Ja, Lang::En, Lang::EasyJa];

/// A sheet being written: a header, and rows keyed by header.
struct Out {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Out {
    fn new(plain: &[&str], texts: &[&str]) -> Out {
        let mut header: Vec<String> = plain.iter().map(|p| (*p).to_string()).collect();
        for base in texts {
            for lang in LANGS {
                header.push(lang_column(base, lang));
            }
        }
        Out {
            header,
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: &[(&str, String)], texts: &[(&str, Option<&Text>)]) {
        let mut row = vec![String::new(); self.header.len()];
        for (column, value) in cells {
            if let Some(i) = self.header.iter().position(|h| h == column) {
                row[i] = value.clone();
            }
        }
        for (base, text) in texts {
            let Some(text) = text else { continue };
            for lang in LANGS {
                let value = match lang {
                    Lang::Ja => Some(text.ja.clone()),
                    Lang::En => text.en.clone(),
                    Lang::EasyJa => text.easy.clone(),
                };
                if let (Some(v), Some(i)) = (
                    value,
                    self.header
                        .iter()
                        .position(|h| *h == lang_column(base, lang)),
                ) {
                    row[i] = v;
                }
            }
        }
        self.rows.push(row);
    }

    fn sheet(self, name: &str) -> Sheet {
        let mut rows = vec![self.header];
        rows.extend(self.rows);
        Sheet {
            name: name.into(),
            rows,
        }
    }
}

/// Writes a survey as XLSForm. `standard_agreement` gives the standard wording of a 5- or
/// 7-point agreement scale (the interface's, in every language), written for people reading
/// the sheet; Yoriai reads the list's name, not its words.
pub fn export(
    title: &Text,
    intro: &Text,
    form_id: &str,
    def: &SurveyDefinition,
    standard_agreement: &dyn Fn(u8) -> Vec<Text>,
) -> Workbook {
    let mut survey = Out::new(SURVEY_COLUMNS, TEXT_COLUMNS);
    let mut choices = Out::new(&["list_name", "name"], &["label"]);
    // Lists are named after their question; a name the format gives a meaning to (`yes_no`,
    // `yoriai_…`) or one already written with other options gets a suffix, so that every
    // question reads back with its own options.
    let mut written_lists: Vec<(String, Vec<Choice>)> = Vec::new();
    let mut list = |wanted: &str, options: &[Choice], fixed: bool, choices: &mut Out| {
        let reserved = wanted == YES_NO_LIST || wanted.starts_with("yoriai_");
        let base = if reserved && !fixed {
            format!("list_{wanted}")
        } else {
            wanted.to_string()
        };
        let mut name = base.clone();
        let mut n = 1;
        loop {
            match written_lists.iter().find(|(w, _)| *w == name) {
                Some((_, same)) if same.as_slice() == options => return name,
                None => break,
                Some(_) => {
                    n += 1;
                    name = format!("{base}_{n}");
                }
            }
        }
        written_lists.push((name.clone(), options.to_vec()));
        for o in options {
            choices.row(
                &[("list_name", name.clone()), ("name", o.value.clone())],
                &[("label", Some(&o.label))],
            );
        }
        name
    };
    let yes = |b: bool| if b { "yes" } else { "" }.to_string();
    let relevant = |c: &Option<Condition>| c.as_ref().map(write_relevant).unwrap_or_default();
    let num = |n: f64| crate::answer::format_number(n);
    for section in def.sections() {
        survey.row(
            &[
                ("type", "begin_group".into()),
                ("name", section.id.clone()),
                ("relevant", relevant(&section.show_if)),
                ("appearance", "field-list".into()),
            ],
            &[("label", Some(&section.title))],
        );
        if let Some(intro) = &section.intro {
            survey.row(
                &[
                    ("type", "note".into()),
                    ("name", format!("{}_intro", section.id)),
                ],
                &[("label", Some(intro))],
            );
        }
        for q in &section.questions {
            let or_other = |other: bool| if other { " or_other" } else { "" };
            let mut cells: Vec<(&str, String)> = vec![
                ("name", q.id.clone()),
                ("required", yes(q.required)),
                ("relevant", relevant(&q.show_if)),
            ];
            let mut texts: Vec<(&str, Option<&Text>)> =
                vec![("label", Some(&q.label)), ("hint", q.help.as_ref())];
            let bounds = |subject: &str, low: Option<String>, high: Option<String>| {
                [
                    low.map(|l| format!("{subject} >= {l}")),
                    high.map(|h| format!("{subject} <= {h}")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" and ")
            };
            let typ = match &q.kind {
                QuestionKind::SingleChoice { options, other } => {
                    let name = list(&q.id, options, false, &mut choices);
                    format!("select_one {name}{}", or_other(*other))
                }
                QuestionKind::Dropdown { options } => {
                    let name = list(&q.id, options, false, &mut choices);
                    cells.push(("appearance", "minimal".into()));
                    format!("select_one {name}")
                }
                QuestionKind::MultipleChoice {
                    options,
                    min,
                    max,
                    other,
                } => {
                    let name = list(&q.id, options, false, &mut choices);
                    let c = bounds(
                        "count-selected(.)",
                        min.map(|m| m.to_string()),
                        max.map(|m| m.to_string()),
                    );
                    cells.push(("constraint", c));
                    format!("select_multiple {name}{}", or_other(*other))
                }
                QuestionKind::YesNo => {
                    let options = [
                        Choice::new("yes", Text::all("はい", "Yes", "はい")),
                        Choice::new("no", Text::all("いいえ", "No", "いいえ")),
                    ];
                    let name = list(YES_NO_LIST, &options, true, &mut choices);
                    format!("select_one {name}")
                }
                QuestionKind::Agreement { points, labels } => {
                    let words = labels
                        .clone()
                        .unwrap_or_else(|| standard_agreement(*points));
                    let options: Vec<Choice> = words
                        .into_iter()
                        .enumerate()
                        .map(|(i, label)| Choice::new((i + 1).to_string(), label))
                        .collect();
                    let name = match labels {
                        None => list(&agree_list(*points), &options, true, &mut choices),
                        Some(_) => list(&q.id, &options, false, &mut choices),
                    };
                    cells.push(("appearance", "likert".into()));
                    format!("select_one {name}")
                }
                QuestionKind::Scale { low, high } => {
                    cells.push(("parameters", "start=0 end=10 step=1".into()));
                    texts.push(("yoriai_low", low.as_ref()));
                    texts.push(("yoriai_high", high.as_ref()));
                    "range".into()
                }
                QuestionKind::Stars { max } => {
                    cells.push(("parameters", format!("start=1 end={max} step=1")));
                    cells.push(("appearance", "rating".into()));
                    "range".into()
                }
                QuestionKind::Number {
                    min,
                    max,
                    integer,
                    unit,
                } => {
                    cells.push(("constraint", bounds(".", min.map(num), max.map(num))));
                    texts.push(("yoriai_unit", unit.as_ref()));
                    if *integer { "integer" } else { "decimal" }.into()
                }
                QuestionKind::Text { multiline, max_len } => {
                    if *multiline {
                        cells.push(("appearance", "multiline".into()));
                    }
                    cells.push(("constraint", format!("string-length(.) <= {max_len}")));
                    "text".into()
                }
                QuestionKind::Date { min, max } => {
                    let date = |d: &Option<String>| d.as_ref().map(|d| format!("date('{d}')"));
                    cells.push(("constraint", bounds(".", date(min), date(max))));
                    "date".into()
                }
                QuestionKind::Ranking { options, top } => {
                    let name = list(&q.id, options, false, &mut choices);
                    if let Some(top) = top {
                        cells.push(("yoriai_top", top.to_string()));
                    }
                    format!("rank {name}")
                }
                QuestionKind::Matrix { rows, columns } => {
                    let name = list(&q.id, columns, false, &mut choices);
                    survey.row(
                        &[
                            ("type", "begin_group".into()),
                            ("name", q.id.clone()),
                            ("relevant", relevant(&q.show_if)),
                            ("appearance", "table-list".into()),
                        ],
                        &[("label", Some(&q.label)), ("hint", q.help.as_ref())],
                    );
                    for r in rows {
                        survey.row(
                            &[
                                ("type", format!("select_one {name}")),
                                ("name", format!("{}.{}", q.id, r.value)),
                                ("required", yes(q.required)),
                            ],
                            &[("label", Some(&r.label))],
                        );
                    }
                    survey.row(&[("type", "end_group".into())], &[]);
                    continue;
                }
            };
            cells.push(("type", typ));
            survey.row(&cells, &texts);
        }
        survey.row(&[("type", "end_group".into())], &[]);
    }
    // pyxform reads the title from a plain `form_title` (in the default language) and fails on
    // translated `form_title::…` columns; the title in every language travels in
    // `yoriai_title::…`, which ODK tools ignore.
    let mut settings = Out::new(
        &[
            "form_id",
            "version",
            "default_language",
            "yoriai_district_question",
            "form_title",
        ],
        &["yoriai_title", "yoriai_intro"],
    );
    settings.row(
        &[
            ("form_title", title.ja.clone()),
            ("form_id", form_id.to_string()),
            ("version", "1".into()),
            ("default_language", "Japanese (ja)".into()),
            (
                "yoriai_district_question",
                def.district_question().unwrap_or_default().to_string(),
            ),
        ],
        &[("yoriai_title", Some(title)), ("yoriai_intro", Some(intro))],
    );
    Workbook {
        sheets: vec![
            survey.sheet(SURVEY),
            choices.sheet(CHOICES),
            settings.sheet(SETTINGS),
        ],
    }
}

#[cfg(test)]
mod tests;
