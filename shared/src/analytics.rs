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

mod results;
mod views;

pub use results::{
    Axis, Bar, ChiSquare, CrossTab, Dashboard, MatrixLine, QuestionResult, RankItem, ResultBody,
    Summary,
};
pub use views::{
    PublicResults, Publication, ResultsQuery, ResultsView, TextLine, TextsView, VarChoice, texts,
};
#[cfg(test)]
mod tests;

pub use cube::{Cube, Facts};

use crate::answer::{Answer, Answers, Channel};
use crate::lang::Lang;
use crate::survey::{QuestionKind, SurveyDefinition, Text, other_key};
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

    /// The filter with one condition, written as a query pair (`d`, `via`, `ch`, `lang`, `a`),
    /// switched: added when it is off, taken away when it is on. Clicking a bar of a chart
    /// filters by it, and clicking it again lets it go. A pair that reads as no condition
    /// leaves the filter as it is.
    pub fn toggled(&self, key: &str, value: &str) -> Filter {
        let mut filter = self.clone();
        let Some(key) = ["d", "via", "ch", "lang", "a"]
            .into_iter()
            .find(|k| *k == key)
        else {
            return filter;
        };
        let condition = Filter::from_pairs([(key, value)]);
        if condition.is_empty() {
            return filter;
        }
        fn switch<T: PartialEq + Clone>(list: &mut Vec<T>, items: &[T]) {
            for item in items {
                match list.iter().position(|x| x == item) {
                    Some(at) => {
                        list.remove(at);
                    }
                    None => list.push(item.clone()),
                }
            }
        }
        fn switch_one<T: PartialEq>(slot: &mut Option<T>, item: Option<T>) {
            if *slot == item {
                *slot = None;
            } else if item.is_some() {
                *slot = item;
            }
        }
        switch(&mut filter.districts, &condition.districts);
        switch(&mut filter.referrers, &condition.referrers);
        switch(&mut filter.answered, &condition.answered);
        switch_one(&mut filter.channel, condition.channel);
        switch_one(&mut filter.lang, condition.lang);
        filter
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
