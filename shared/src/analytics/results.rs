//! What counts come out as: bars, summaries, rankings, matrices, dashboards and cross-tables.

use super::*;

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
