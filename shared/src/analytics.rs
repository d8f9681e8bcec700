//! Analytics: what staff, council members and residents see of a survey's answers.
//!
//! The numbers come from a [`Cube`]: every response of a survey held as compact columns (one
//! small code per answer), so counting, filtering and cross-tabulating a million responses is a
//! pass over a few megabytes rather than a million JSON documents. The server fills the cube from
//! the database, keeps it up to date with each new response, and asks it for the views below.
//! Nothing here does I/O.
//!
//! Small groups are hidden from everyone who is not staff: see [`suppress`].

pub mod cube;
pub mod stats;
pub mod suppress;
#[cfg(test)]
mod tests;

pub use cube::{Cube, Facts};

use crate::answer::{Answer, Answers};
use crate::lang::Lang;
use crate::survey::Text;
use crate::survey::{QuestionKind, SurveyDefinition, other_key};
use crate::views::Channel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The smallest group shown to anyone who is not staff, unless a survey sets its own.
pub const DEFAULT_MIN_CELL: u32 = 5;

/// A count as a viewer may see it: the number; "fewer than k" when the group is too small to
/// show (1 to k − 1 people; zero is shown); or withheld, when it is not small itself but would
/// let a small one be worked out from the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    /// The count.
    Count(u64),
    /// Hidden: fewer than the survey's smallest group (shown as "< k").
    Hidden,
    /// Hidden although it may be large, so that a hidden small count cannot be recomputed by
    /// subtraction from the totals (complementary suppression). Shown with its own mark: calling
    /// a group of 80 "< 5" would be untrue.
    Withheld,
}

impl Cell {
    /// The count, when shown.
    pub fn count(self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(n),
            Cell::Hidden | Cell::Withheld => None,
        }
    }

    /// Whether the count is not shown, for either reason.
    pub fn is_hidden(self) -> bool {
        !matches!(self, Cell::Count(_))
    }

    /// `part` as a percentage of `whole`, when both are shown and `whole` is not zero.
    pub fn percent_of(self, whole: Cell) -> Option<f64> {
        match (self, whole) {
            (Cell::Count(p), Cell::Count(w)) if w > 0 => Some(p as f64 * 100.0 / w as f64),
            _ => None,
        }
    }
}

/// What the rows of the page apply to: the responses kept by every condition set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Filter {
    /// Only these districts (none: every district, and responses without one).
    pub districts: Vec<i64>,
    /// Only responses referred by these groups (none: referred or not).
    pub referrers: Vec<i64>,
    /// Submitted on or after this day (Japan time).
    pub from: Option<NaiveDate>,
    /// Submitted on or before this day (Japan time).
    pub to: Option<NaiveDate>,
    /// Only this channel.
    pub channel: Option<Channel>,
    /// Only responses given in this language.
    pub lang: Option<Lang>,
    /// Only responses that answered `value` to question `.0` (or, for several picks, included
    /// it). Several conditions must all hold.
    pub answered: Vec<(String, String)>,
}

impl Filter {
    /// Whether the filter keeps every response.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Reads a filter from query-string pairs: `d` (district id, repeatable), `via` (referring
    /// group id, repeatable), `from`, `to`
    /// (`YYYY-MM-DD`), `ch` (web, paper, staff), `lang` (ja, en, easy) and `a` (`question:value`,
    /// repeatable). Unreadable or empty values are ignored, as a search form would.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filter {
        let mut filter = Filter::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "d" => add_id(&mut filter.districts, value),
                "via" => add_id(&mut filter.referrers, value),
                "from" => filter.from = value.parse().ok(),
                "to" => filter.to = value.parse().ok(),
                "ch" => filter.channel = Channel::parse(value),
                "lang" => filter.lang = Lang::parse(value),
                "a" => {
                    if let Some((q, v)) = value.split_once(':')
                        && !q.is_empty()
                        && !v.is_empty()
                    {
                        let pair = (q.to_string(), v.to_string());
                        if !filter.answered.contains(&pair) {
                            filter.answered.push(pair);
                        }
                    }
                }
                _ => {}
            }
        }
        filter
    }

    /// The filter as query-string pairs, the inverse of [`Filter::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = self
            .districts
            .iter()
            .map(|d| ("d", d.to_string()))
            .chain(self.referrers.iter().map(|g| ("via", g.to_string())))
            .collect();
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        if let Some(channel) = self.channel {
            pairs.push(("ch", channel.as_str().to_string()));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang", lang.code().to_string()));
        }
        for (q, v) in &self.answered {
            pairs.push(("a", format!("{q}:{v}")));
        }
        pairs
    }
}

/// Adds the id `value` (when it reads as one) to `ids`, once.
fn add_id(ids: &mut Vec<i64>, value: &str) {
    if let Ok(id) = value.parse()
        && !ids.contains(&id)
    {
        ids.push(id);
    }
}

/// Something responses can be grouped by: a question's answer, one row of a matrix, or a fact
/// about the response itself. Written as text in links and forms (`q:age`, `m:satisfaction:hours`,
/// `district`, `channel`, `via`, `lang`, `t:comment` for the themes of a free-text question).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Var {
    /// The answer to a question (choices, yes/no, scales, numbers in bands, the first choice of
    /// a ranking).
    Question(String),
    /// The column picked for one row of a matrix question.
    MatrixRow(String, String),
    /// The response's district.
    District,
    /// How the response arrived.
    Channel,
    /// The group whose survey link the respondent came by.
    Referrer,
    /// The language the response was given in.
    Lang,
    /// The themes staff coded a free-text question's answers into.
    Tags(String),
}

impl Var {
    /// Reads the text form.
    pub fn parse(s: &str) -> Option<Var> {
        match s {
            "district" => Some(Var::District),
            "channel" => Some(Var::Channel),
            "via" => Some(Var::Referrer),
            "lang" => Some(Var::Lang),
            _ => {
                if let Some(q) = s.strip_prefix("q:") {
                    (!q.is_empty()).then(|| Var::Question(q.to_string()))
                } else if let Some(q) = s.strip_prefix("t:") {
                    (!q.is_empty()).then(|| Var::Tags(q.to_string()))
                } else {
                    let (q, row) = s.strip_prefix("m:")?.split_once(':')?;
                    (!q.is_empty() && !row.is_empty())
                        .then(|| Var::MatrixRow(q.to_string(), row.to_string()))
                }
            }
        }
    }

    /// The text form.
    pub fn key(&self) -> String {
        match self {
            Var::Question(q) => format!("q:{q}"),
            Var::MatrixRow(q, row) => format!("m:{q}:{row}"),
            Var::District => "district".into(),
            Var::Channel => "channel".into(),
            Var::Referrer => "via".into(),
            Var::Lang => "lang".into(),
            Var::Tags(q) => format!("t:{q}"),
        }
    }
}

/// One bar of a chart: a category and how many are in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// The stored value (an option value, a scale point, a district id…).
    pub value: String,
    /// What readers see.
    pub label: Text,
    /// How many.
    pub count: Cell,
}

/// The summary statistics of a numeric answer (a scale, stars, a number).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The mean.
    pub mean: f64,
    /// The median.
    pub median: f64,
    /// The smallest answer (staff only: one person's answer).
    pub min: Option<f64>,
    /// The largest answer (staff only).
    pub max: Option<f64>,
}

/// One option of a ranking question, with how it was ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankItem {
    /// The option's value.
    pub value: String,
    /// The option's label.
    pub label: Text,
    /// How many put it first.
    pub first: Cell,
    /// How many ranked it at all.
    pub ranked: Cell,
    /// Its score: the mean of (options − rank + 1) over everyone who answered, unranked
    /// counting 0 (so the favourite of everybody scores the number of options).
    pub score: Option<f64>,
}

/// One statement of a matrix question, with the count for each column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixLine {
    /// The row's value.
    pub value: String,
    /// The statement.
    pub label: Text,
    /// One count per column.
    pub cells: Vec<Cell>,
    /// How many rated this statement.
    pub answered: Cell,
}

/// How a question's answers are summed up, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ResultBody {
    /// Counts per option (single or multiple choice, drop-down, yes/no). Percentages are of the
    /// respondents who answered; with several picks they add up to more than 100.
    Choices {
        /// One bar per option, in the survey's order ("other" last).
        bars: Vec<Bar>,
        /// Several picks per respondent.
        multiple: bool,
    },
    /// Counts per point of a scale (agreement, 0–10, stars), with the mean and median.
    Scale {
        /// One bar per point, lowest first.
        bars: Vec<Bar>,
        /// Mean and median (hidden for groups too small to show).
        summary: Option<Summary>,
    },
    /// A number typed in: counts in equal bands.
    Histogram {
        /// One bar per band (`value` is `from-to`).
        bars: Vec<Bar>,
        /// Mean, median, and (for staff) the extremes.
        summary: Option<Summary>,
    },
    /// A ranking: how often each option came first and its score.
    Ranking {
        /// One item per option, best score first.
        items: Vec<RankItem>,
    },
    /// A matrix: one line per statement, one count per column.
    Matrix {
        /// The columns (the shared scale).
        columns: Vec<Text>,
        /// The statements.
        lines: Vec<MatrixLine>,
    },
    /// Dates: counts per month.
    Dates {
        /// One bar per month (`YYYY-MM`).
        bars: Vec<Bar>,
    },
    /// Free text: how many answered (the texts are listed separately), and how many answers
    /// staff coded into each theme.
    Text {
        /// One bar per theme of the survey.
        tags: Vec<Bar>,
    },
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// The question's id.
    pub id: String,
    /// The question.
    pub label: Text,
    /// How many of the filtered responses answered it.
    pub answered: Cell,
    /// The summary, by kind.
    pub body: ResultBody,
}

/// The live overview of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Responses kept by the filter.
    pub total: Cell,
    /// Responses per day (Japan time), from the first to the last day with a response.
    pub by_day: Vec<Bar>,
    /// Responses per district (and "no district").
    pub by_district: Vec<Bar>,
    /// Responses per channel.
    pub by_channel: Vec<Bar>,
    /// Responses per referring group (and "not through a group").
    pub by_referrer: Vec<Bar>,
    /// Responses per language.
    pub by_lang: Vec<Bar>,
}

/// Whether two variables are independent, by Pearson's chi-square test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChiSquare {
    /// The statistic, Σ (observed − expected)² / expected.
    pub statistic: f64,
    /// Degrees of freedom, (rows − 1)(columns − 1) over rows and columns with any count.
    pub df: u32,
    /// The probability of a statistic at least this large if the two were independent.
    pub p_value: f64,
    /// How many cells expect fewer than 5: above a fifth of the cells, the test is unreliable.
    pub low_expected: u32,
    /// The number of cells tested.
    pub cells: u32,
    /// The smallest expected count.
    pub min_expected: f64,
}

impl ChiSquare {
    /// True when expected counts are too small for the test to be trusted (more than a fifth
    /// of the cells expect fewer than 5, or any expects less than 1 — Cochran's rule).
    pub fn unreliable(&self) -> bool {
        self.low_expected * 5 > self.cells || self.min_expected < 1.0
    }
}

/// One variable on an axis of a cross-tabulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// The variable.
    pub var: Var,
    /// Its name.
    pub label: Text,
    /// Its categories.
    pub categories: Vec<Bar>,
    /// A respondent may be in several categories (several picks).
    pub multiple: bool,
}

/// A cross-tabulation of two variables over the filtered responses that answered both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossTab {
    /// Down the side; each category's `count` is its row total.
    pub rows: Axis,
    /// Across the top; each category's `count` is its column total.
    pub columns: Axis,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    /// Responses that answered both.
    pub total: Cell,
    /// The test of independence; `None` when a variable takes several picks (the test assumes
    /// each respondent in one cell) or fewer than two rows or columns have counts.
    pub test: Option<ChiSquare>,
}

impl CrossTab {
    /// The row percentage of a cell.
    pub fn row_percent(&self, row: usize, col: usize) -> Option<f64> {
        let cell = *self.cells.get(row)?.get(col)?;
        cell.percent_of(self.rows.categories.get(row)?.count)
    }

    /// The column percentage of a cell.
    pub fn column_percent(&self, row: usize, col: usize) -> Option<f64> {
        let cell = *self.cells.get(row)?.get(col)?;
        cell.percent_of(self.columns.categories.get(col)?.count)
    }
}

/// A variable offered for cross-tabulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VarChoice {
    /// The variable.
    pub var: Var,
    /// Its name.
    pub label: Text,
}

/// Everything the results page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: Text,
    /// The filter applied.
    pub filter: Filter,
    /// The smallest group shown to non-staff; `None` when the viewer sees raw numbers.
    pub min_cell: Option<u32>,
    /// The overview.
    pub dashboard: Dashboard,
    /// Web responses started (unfiltered: a started response has no district yet; staff only).
    pub started: Option<i64>,
    /// Web responses sent (staff only).
    pub sent_web: Option<i64>,
    /// One result per question, in survey order.
    pub questions: Vec<QuestionResult>,
    /// The cross-tabulation asked for, if any.
    pub crosstab: Option<CrossTab>,
    /// The variables that can be cross-tabulated.
    pub vars: Vec<VarChoice>,
    /// The districts, for the filter (id, name).
    pub districts: Vec<(i64, Text)>,
    /// The survey's smallest group shown outside staff (staff only, for its setting).
    pub survey_min_cell: Option<u32>,
    /// What is published for residents, if anything (staff only).
    pub publication: Option<Publication>,
}

/// What the results page asks for: a filter and, optionally, a cross-tabulation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResultsQuery {
    /// Which responses.
    pub filter: Filter,
    /// The cross-tabulation's rows (`r` in the query string).
    pub rows: Option<Var>,
    /// Its columns (`c`).
    pub columns: Option<Var>,
    /// Only this question's results (`only`), when a page or a report needs one.
    pub only: Option<String>,
}

impl ResultsQuery {
    /// Reads the query string pairs of the results page (the filter's, plus `r` and `c`).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Self {
        let var = |name: &str| {
            pairs
                .clone()
                .into_iter()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| Var::parse(v))
        };
        let only = pairs
            .clone()
            .into_iter()
            .find(|(k, v)| *k == "only" && !v.is_empty())
            .map(|(_, v)| v.to_string());
        ResultsQuery {
            rows: var("r"),
            columns: var("c"),
            only,
            filter: Filter::from_pairs(pairs),
        }
    }

    /// The query as pairs, the inverse of [`ResultsQuery::from_pairs`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.filter.to_pairs();
        if let Some(rows) = &self.rows {
            pairs.push(("r", rows.key()));
        }
        if let Some(columns) = &self.columns {
            pairs.push(("c", columns.key()));
        }
        if let Some(only) = &self.only {
            pairs.push(("only", only.clone()));
        }
        pairs
    }
}

/// The free-text answers of a response, as `(key, text)`: each text question's answer under the
/// question's id, and each "other, please specify" text under `{id}.other`. Blank texts are
/// left out.
pub fn texts(def: &SurveyDefinition, answers: &Answers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in def.questions() {
        if matches!(q.kind, QuestionKind::Text { .. })
            && let Some(Answer::Value(v)) = answers.get(&q.id)
            && !v.trim().is_empty()
        {
            out.push((q.id.clone(), v.clone()));
        }
        if q.has_other()
            && let Some(v) = answers.other_text(&q.id)
            && !v.trim().is_empty()
        {
            out.push((other_key(&q.id), v.to_string()));
        }
    }
    out
}

/// One free-text answer in the staff's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextLine {
    /// The text's id (for tagging).
    pub id: i64,
    /// The response's id.
    pub response_id: i64,
    /// When the response was sent.
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// Its district's name.
    pub district: Option<Text>,
    /// The text.
    pub body: String,
    /// The themes it was coded into (tag ids).
    pub tags: Vec<i64>,
}

/// A question's free-text answers, searched and coded into themes (staff only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextsView {
    /// The survey's id.
    pub survey_id: i64,
    /// Its title.
    pub title: Text,
    /// The texts' key: a question id, or `{id}.other` for "other, please specify".
    pub key: String,
    /// The question.
    pub label: Text,
    /// Every key of the survey with texts, to switch between them (key, label).
    pub keys: Vec<(String, Text)>,
    /// The search typed.
    pub search: String,
    /// The theme the list is limited to.
    pub tag: Option<i64>,
    /// How many texts match.
    pub total: i64,
    /// The page shown (from 1).
    pub page: i64,
    /// Texts per page.
    pub per_page: i64,
    /// The texts on this page, newest first.
    pub lines: Vec<TextLine>,
    /// The survey's themes (id, name).
    pub tags: Vec<(i64, String)>,
}

/// What staff chose to publish for residents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    /// The questions shown, in survey order.
    pub questions: Vec<String>,
    /// What the ward will do with the results.
    pub summary: Text,
    /// When it was published.
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// The published results page, as residents see it (small groups hidden).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    /// The survey's slug.
    pub slug: String,
    /// Its title.
    pub title: Text,
    /// What the ward will do.
    pub summary: Text,
    /// When the results were published.
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The smallest group shown.
    pub min_cell: u32,
    /// How many responses in all.
    pub total: Cell,
    /// The chosen questions' results.
    pub questions: Vec<QuestionResult>,
}
