//! A survey's responses as compact columns, and the counts, summaries and tables made from them.
//!
//! Each answer is stored as one small code: the option's position for a pick (0 for no answer),
//! the point for a scale, the rank of each option for a ranking. A million responses to the
//! community-centre template take about 40 MB, and a count over all of them is a single pass.
//! Answers with a value the current definition does not list (given to an earlier version) get
//! a code of their own, labelled with the stored value.

use super::stats::{band_of, bands, chi_square, median, median_of_counts};
use super::suppress;
use super::{
    Axis, Bar, Cell, CrossTab, Dashboard, Filter, MatrixLine, QuestionResult, RankItem, ResultBody,
    Summary, Var, VarChoice,
};
use crate::answer::{Answer, Answers};
use crate::lang::Lang;
use crate::survey::{Choice, OTHER, Question, QuestionKind, SurveyDefinition, Text};
use crate::views::Channel;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// What the cube needs to know of one response.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The response's id.
    pub id: i64,
    /// The day it was sent (Japan time).
    pub day: NaiveDate,
    /// Its district.
    pub district: Option<i64>,
    /// The group whose survey link the respondent came by.
    pub referrer: Option<i64>,
    /// How it arrived.
    pub channel: Channel,
    /// The language it was given in.
    pub lang: Lang,
    /// The answers.
    pub answers: &'a Answers,
}

const CHANNELS: [Channel; 3] = [Channel::Web, Channel::Paper, Channel::Staff];

/// The most distinct values one question keeps apart (options plus stray stored values).
const MAX_CODES: usize = 255;

/// The values a question's answers may take, each with a code (its position + 1).
#[derive(Debug, Clone, Default)]
struct Dict {
    values: Vec<String>,
    labels: Vec<Text>,
    index: HashMap<String, u8>,
}

impl Dict {
    fn new(entries: impl IntoIterator<Item = (String, Text)>) -> Dict {
        let mut dict = Dict::default();
        for (value, label) in entries {
            dict.add(value, label);
        }
        dict
    }

    fn of_choices(choices: &[Choice], other: bool) -> Dict {
        let mut dict = Dict::new(choices.iter().map(|c| (c.value.clone(), c.label.clone())));
        if other {
            dict.add(OTHER.to_string(), Text::all("その他", "Other", "そのほか"));
        }
        dict
    }

    fn add(&mut self, value: String, label: Text) -> Option<u8> {
        if self.values.len() >= MAX_CODES || self.index.contains_key(&value) {
            return self.index.get(&value).copied();
        }
        self.values.push(value.clone());
        self.labels.push(label);
        let code = u8::try_from(self.values.len()).ok()?;
        self.index.insert(value, code);
        Some(code)
    }

    /// The code of `value`, adding a stray value (labelled as stored) when there is room.
    fn code(&mut self, value: &str) -> Option<u8> {
        match self.index.get(value) {
            Some(&code) => Some(code),
            None => self.add(value.to_string(), Text::ja(value)),
        }
    }

    fn find(&self, value: &str) -> Option<u8> {
        self.index.get(value).copied()
    }

    fn len(&self) -> usize {
        self.values.len()
    }
}

/// One question's answers, one entry per response.
#[derive(Debug, Clone)]
enum Column {
    /// One pick: the option's code, 0 for none.
    Pick { dict: Dict, codes: Vec<u8> },
    /// Several picks: response `i`'s codes are `codes[starts[i]..starts[i + 1]]`.
    Picks {
        dict: Dict,
        starts: Vec<u32>,
        codes: Vec<u8>,
    },
    /// A point of a scale from `low`: stored as point − low + 1, 0 for none.
    Points {
        low: i32,
        labels: Vec<Text>,
        codes: Vec<u8>,
    },
    /// A number typed in; NaN for none.
    Number { values: Vec<f64> },
    /// A ranking: `ranks[option][i]` is the rank response `i` gave the option, 0 if unranked.
    Ranking { dict: Dict, ranks: Vec<Vec<u8>> },
    /// A matrix: one column of picks (codes into `columns`) per row of the question.
    Matrix {
        columns: Dict,
        rows: Vec<(Choice, Vec<u8>)>,
    },
    /// A date's month, as year × 12 + month − 1; `i32::MIN` for none.
    Date { months: Vec<i32> },
    /// Free text: only whether it was answered (the texts stay in the database).
    Text { answered: Vec<bool> },
}

const NO_DATE: i32 = i32::MIN;

impl Column {
    fn new(q: &Question, standard_agreement: &dyn Fn(u8) -> Vec<Text>) -> Column {
        let points = |low: i32, labels: Vec<Text>| Column::Points {
            low,
            labels,
            codes: Vec::new(),
        };
        let numbered = |from: i32, to: i32| (from..=to).map(|n| Text::ja(n.to_string())).collect();
        match &q.kind {
            QuestionKind::SingleChoice { options, other } => Column::Pick {
                dict: Dict::of_choices(options, *other),
                codes: Vec::new(),
            },
            QuestionKind::Dropdown { options } => Column::Pick {
                dict: Dict::of_choices(options, false),
                codes: Vec::new(),
            },
            QuestionKind::YesNo => Column::Pick {
                dict: Dict::new([
                    ("yes".to_string(), Text::all("はい", "Yes", "はい")),
                    ("no".to_string(), Text::all("いいえ", "No", "いいえ")),
                ]),
                codes: Vec::new(),
            },
            QuestionKind::MultipleChoice { options, other, .. } => Column::Picks {
                dict: Dict::of_choices(options, *other),
                starts: vec![0],
                codes: Vec::new(),
            },
            QuestionKind::Agreement { points: n, labels } => points(
                1,
                labels
                    .clone()
                    .unwrap_or_else(|| standard_agreement(*n))
                    .into_iter()
                    .chain((i32::from(*n) + 1..).map(|p| Text::ja(p.to_string())))
                    .take(usize::from(*n))
                    .collect(),
            ),
            QuestionKind::Scale { .. } => points(0, numbered(0, 10)),
            QuestionKind::Stars { max } => points(1, numbered(1, i32::from(*max))),
            QuestionKind::Number { .. } => Column::Number { values: Vec::new() },
            QuestionKind::Ranking { options, .. } => Column::Ranking {
                dict: Dict::of_choices(options, false),
                ranks: vec![Vec::new(); options.len()],
            },
            QuestionKind::Matrix { rows, columns } => Column::Matrix {
                columns: Dict::of_choices(columns, false),
                rows: rows.iter().map(|r| (r.clone(), Vec::new())).collect(),
            },
            QuestionKind::Date { .. } => Column::Date { months: Vec::new() },
            QuestionKind::Text { .. } => Column::Text {
                answered: Vec::new(),
            },
        }
    }

    fn push(&mut self, answer: Option<&Answer>) {
        match self {
            Column::Pick { dict, codes } => {
                let code = match answer {
                    Some(Answer::Value(v)) => dict.code(v).unwrap_or(0),
                    _ => 0,
                };
                codes.push(code);
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                if let Some(Answer::Values(vs)) = answer {
                    codes.extend(vs.iter().filter_map(|v| dict.code(v)));
                }
                starts.push(u32::try_from(codes.len()).unwrap_or(u32::MAX));
            }
            Column::Points { low, labels, codes } => {
                let point = match answer {
                    Some(Answer::Number(x)) => Some(*x),
                    Some(Answer::Value(v)) => v.parse().ok(),
                    _ => None,
                };
                let code = point
                    .filter(|x: &f64| x.fract() == 0.0)
                    .map(|x| x as i64 - i64::from(*low) + 1)
                    .filter(|&c| c >= 1 && c as usize <= labels.len())
                    .and_then(|c| u8::try_from(c).ok())
                    .unwrap_or(0);
                codes.push(code);
            }
            Column::Number { values } => values.push(match answer {
                Some(Answer::Number(x)) if x.is_finite() => *x,
                _ => f64::NAN,
            }),
            Column::Ranking { dict, ranks } => {
                let order: &[String] = match answer {
                    Some(Answer::Values(vs)) => vs,
                    _ => &[],
                };
                for (option, column) in dict.values.iter().zip(ranks.iter_mut()) {
                    let rank = order
                        .iter()
                        .position(|v| v == option)
                        .and_then(|p| u8::try_from(p + 1).ok())
                        .unwrap_or(0);
                    column.push(rank);
                }
            }
            Column::Matrix { columns, rows } => {
                let picks = match answer {
                    Some(Answer::Rows(picks)) => Some(picks),
                    _ => None,
                };
                for (row, codes) in rows.iter_mut() {
                    let code = picks
                        .and_then(|p| p.get(&row.value))
                        .and_then(|v| columns.code(v))
                        .unwrap_or(0);
                    codes.push(code);
                }
            }
            Column::Date { months } => months.push(match answer {
                Some(Answer::Value(v)) => v
                    .parse::<NaiveDate>()
                    .map(|d| d.year() * 12 + d.month0() as i32)
                    .unwrap_or(NO_DATE),
                _ => NO_DATE,
            }),
            Column::Text { answered } => {
                answered.push(matches!(answer, Some(Answer::Value(v)) if !v.trim().is_empty()));
            }
        }
    }

    /// A test of "answered `value`" for this column, with the value looked up once (not per
    /// response). `None` when the column cannot have that value (nothing matches).
    fn condition(&self, value: &str) -> Option<Box<dyn Fn(usize) -> bool + '_>> {
        match self {
            Column::Pick { dict, codes } => {
                let code = dict.find(value)?;
                Some(Box::new(move |i| codes[i] == code))
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                let code = dict.find(value)?;
                Some(Box::new(move |i| {
                    picks_of(starts, codes, i).contains(&code)
                }))
            }
            Column::Points { low, codes, labels } => {
                let point = value.parse::<i32>().ok()?;
                let code = u8::try_from(point - low + 1)
                    .ok()
                    .filter(|c| *c >= 1 && usize::from(*c) <= labels.len())?;
                Some(Box::new(move |i| codes[i] == code))
            }
            Column::Number { values } => {
                let x = value.parse::<f64>().ok()?;
                Some(Box::new(move |i| values[i] == x))
            }
            _ => None,
        }
    }
}

fn picks_of<'a>(starts: &[u32], codes: &'a [u8], i: usize) -> &'a [u8] {
    let from = starts[i] as usize;
    let to = starts[i + 1] as usize;
    &codes[from..to]
}

/// The themes given to one free-text question's answers: response `i`'s tag codes are
/// `codes[starts[i]..starts[i + 1]]`; responses beyond `starts` (newer than the tagging) have
/// none.
#[derive(Debug, Clone, Default)]
struct Tagging {
    starts: Vec<u32>,
    codes: Vec<u8>,
}

impl Tagging {
    fn of(&self, i: usize) -> &[u8] {
        if i + 1 < self.starts.len() {
            picks_of(&self.starts, &self.codes, i)
        } else {
            &[]
        }
    }
}

/// The responses a filter keeps: every one, or these indices.
enum Selection {
    All(usize),
    Some(Vec<u32>),
}

impl Selection {
    fn len(&self) -> usize {
        match self {
            Selection::All(n) => *n,
            Selection::Some(v) => v.len(),
        }
    }

    fn for_each(&self, mut f: impl FnMut(usize)) {
        match self {
            Selection::All(n) => (0..*n).for_each(f),
            Selection::Some(v) => v.iter().for_each(|&i| f(i as usize)),
        }
    }
}

/// How a variable codes each response: categories numbered from 1, 0 for none.
enum Coding<'a> {
    Bytes(&'a [u8]),
    /// An [`IdColumn`]: 0 (none) counts as the category after the last id.
    Ids(&'a [u16], usize),
    /// Themes of a free-text question.
    Tags(&'a Tagging),
    Owned(Vec<u8>),
    Many(&'a [u32], &'a [u8]),
}

impl Coding<'_> {
    /// For codings with at most one category per response: the category of response `i`
    /// (0 for none).
    fn single(&self) -> Option<Box<dyn Fn(usize) -> usize + '_>> {
        match self {
            Coding::Bytes(codes) => Some(Box::new(move |i| usize::from(codes[i]))),
            Coding::Owned(codes) => Some(Box::new(move |i| usize::from(codes[i]))),
            Coding::Ids(codes, none) => Some(Box::new(move |i| match codes[i] {
                0 => *none,
                d => usize::from(d),
            })),
            Coding::Many(..) | Coding::Tags(..) => None,
        }
    }

    fn for_each(&self, i: usize, mut f: impl FnMut(usize)) {
        let code = match self {
            Coding::Bytes(codes) => usize::from(codes[i]),
            Coding::Owned(codes) => usize::from(codes[i]),
            Coding::Ids(codes, none) => match codes[i] {
                0 => *none,
                d => usize::from(d),
            },
            Coding::Many(starts, codes) => {
                picks_of(starts, codes, i)
                    .iter()
                    .for_each(|&c| f(usize::from(c)));
                return;
            }
            Coding::Tags(tagging) => {
                tagging.of(i).iter().for_each(|&c| f(usize::from(c)));
                return;
            }
        };
        if code > 0 {
            f(code);
        }
    }
}

/// A variable ready for counting: its categories and how each response falls into them.
struct Coded<'a> {
    label: Text,
    categories: Vec<(String, Text)>,
    coding: Coding<'a>,
}

/// Counts shown as they may be: raw for staff, suppressed below `k` for everyone else.
#[derive(Debug, Clone, Copy)]
struct View(Option<u64>);

impl View {
    fn line(self, counts: &[u64], total: u64) -> (Vec<Cell>, Cell) {
        match self.0 {
            Some(k) => suppress::line(counts, total, k),
            None => (
                counts.iter().map(|&n| Cell::Count(n)).collect(),
                Cell::Count(total),
            ),
        }
    }

    fn each(self, counts: &[u64]) -> Vec<Cell> {
        match self.0 {
            Some(k) => suppress::each(counts, k),
            None => counts.iter().map(|&n| Cell::Count(n)).collect(),
        }
    }

    fn one(self, count: u64) -> Cell {
        match self.0 {
            Some(k) => suppress::one(count, k),
            None => Cell::Count(count),
        }
    }

    fn staff(self) -> bool {
        self.0.is_none()
    }
}

fn bars(categories: &[(String, Text)], cells: Vec<Cell>) -> Vec<Bar> {
    categories
        .iter()
        .zip(cells)
        .map(|((value, label), count)| Bar {
            value: value.clone(),
            label: label.clone(),
            count,
        })
        .collect()
}

fn dict_categories(dict: &Dict) -> Vec<(String, Text)> {
    dict.values
        .iter()
        .cloned()
        .zip(dict.labels.iter().cloned())
        .collect()
}

fn channel_label(channel: Channel) -> Text {
    match channel {
        Channel::Web => Text::all("ウェブ", "Web", "ウェブ"),
        Channel::Paper => Text::all("紙", "Paper", "かみ"),
        Channel::Staff => Text::all(
            "職員が入力",
            "Entered by staff",
            "しょくいんが にゅうりょく",
        ),
    }
}

/// A fact about each response that is one of a set of ids named elsewhere (its district, the
/// group that referred it): one code per response (the id's place in the order first seen,
/// from 1; 0 for none), and the names to label the ids with.
#[derive(Debug, Clone, Default)]
struct IdColumn {
    codes: Vec<u16>,
    ids: Vec<i64>,
    names: HashMap<i64, Text>,
}

impl IdColumn {
    fn push(&mut self, id: Option<i64>) {
        let code = id.map_or(0, |id| {
            let pos = match self.ids.iter().position(|&d| d == id) {
                Some(pos) => pos,
                None => {
                    self.ids.push(id);
                    self.ids.len() - 1
                }
            };
            u16::try_from(pos + 1).unwrap_or(0)
        });
        self.codes.push(code);
    }

    /// Puts the ids seen in `order` (those not in it after, as first seen), renumbering every
    /// response's code to match. Nothing changes when they already are in that order, so
    /// calling this after each read costs a look at the ids, not at the responses.
    fn order_by(&mut self, order: &[i64]) {
        let rank = |id: &i64| order.iter().position(|o| o == id).unwrap_or(usize::MAX);
        let mut sorted = self.ids.clone();
        // Stable: ids outside `order` keep their first-seen order.
        sorted.sort_by_key(rank);
        if sorted == self.ids {
            return;
        }
        // new_code[old code] (0 stays 0: no id).
        let mut new_code = vec![0u16; self.ids.len() + 1];
        for (old, id) in self.ids.iter().enumerate() {
            if let Some(new) = sorted.iter().position(|s| s == id) {
                new_code[old + 1] = u16::try_from(new + 1).unwrap_or(0);
            }
        }
        for code in &mut self.codes {
            *code = new_code[usize::from(*code)];
        }
        self.ids = sorted;
    }

    /// The codes of those of `ids` seen.
    fn codes_of(&self, ids: &[i64]) -> Vec<u16> {
        ids.iter()
            .filter_map(|id| self.ids.iter().position(|d| d == id))
            .filter_map(|p| u16::try_from(p + 1).ok())
            .collect()
    }

    /// Counts per code of the selected responses, "none" last.
    fn counts(&self, sel: &Selection) -> Vec<u64> {
        let mut counts = vec![0u64; self.ids.len() + 1];
        sel.for_each(|i| counts[usize::from(self.codes[i])] += 1);
        counts.rotate_left(1);
        counts
    }

    /// The ids seen, in the order first seen, then `none`.
    fn categories(&self, none: Text) -> Vec<(String, Text)> {
        self.ids
            .iter()
            .map(|id| {
                let name = self
                    .names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| Text::ja(id.to_string()));
                (id.to_string(), name)
            })
            .chain([(String::new(), none)])
            .collect()
    }

    fn coding(&self) -> Coding<'_> {
        Coding::Ids(&self.codes, self.ids.len() + 1)
    }
}

fn no_district() -> Text {
    Text::all("校区なし", "No district", "こうく なし")
}

fn not_referred() -> Text {
    Text::all(
        "グループ経由でない",
        "Not through a group",
        "グループから では ない",
    )
}

fn referrer_label() -> Text {
    Text::all(
        "紹介したグループ",
        "Referring group",
        "しょうかい した グループ",
    )
}

/// Every response of one survey, in columns.
#[derive(Debug, Clone)]
pub struct Cube {
    def: SurveyDefinition,
    ids: Vec<i64>,
    days: Vec<i32>,
    districts: IdColumn,
    /// The ward's order of its districts (from [`Cube::set_district_names`]).
    district_order: Vec<i64>,
    referrers: IdColumn,
    channels: Vec<u8>,
    langs: Vec<u8>,
    columns: Vec<Column>,
    /// The survey's themes (code = position + 1) and each text question's tagging.
    tags: Vec<(i64, String)>,
    tagged: HashMap<String, Tagging>,
    tags_version: Option<i64>,
}

impl Cube {
    /// An empty cube for the questions of `def`. `standard_agreement` gives the standard
    /// wording of an agreement scale with that many points (the interface's, in every
    /// language).
    pub fn new(def: SurveyDefinition, standard_agreement: &dyn Fn(u8) -> Vec<Text>) -> Cube {
        let columns = def
            .questions()
            .map(|q| Column::new(q, standard_agreement))
            .collect();
        Cube {
            def,
            ids: Vec::new(),
            days: Vec::new(),
            districts: IdColumn::default(),
            district_order: Vec::new(),
            referrers: IdColumn::default(),
            channels: Vec::new(),
            langs: Vec::new(),
            columns,
            tags: Vec::new(),
            tagged: HashMap::new(),
            tags_version: None,
        }
    }

    /// The tagging version last given to [`Cube::set_tags`].
    pub fn tags_version(&self) -> Option<i64> {
        self.tags_version
    }

    /// Replaces the themes: the survey's tags (id, name) and every assignment (response id,
    /// question id, tag id). Assignments to responses not held, or to unknown tags, are
    /// ignored.
    pub fn set_tags(
        &mut self,
        version: i64,
        tags: Vec<(i64, String)>,
        assignments: &[(i64, String, i64)],
    ) {
        let code_of: HashMap<i64, u8> = tags
            .iter()
            .take(MAX_CODES)
            .enumerate()
            .filter_map(|(k, (id, _))| Some((*id, u8::try_from(k + 1).ok()?)))
            .collect();
        let mut by_question: HashMap<&str, Vec<(usize, u8)>> = HashMap::new();
        for (response, question, tag) in assignments {
            if let (Ok(i), Some(&code)) = (self.ids.binary_search(response), code_of.get(tag)) {
                by_question
                    .entry(question.as_str())
                    .or_default()
                    .push((i, code));
            }
        }
        self.tagged = by_question
            .into_iter()
            .map(|(question, mut pairs)| {
                pairs.sort_unstable();
                let mut tagging = Tagging {
                    starts: Vec::with_capacity(self.ids.len() + 1),
                    codes: Vec::with_capacity(pairs.len()),
                };
                tagging.starts.push(0);
                let mut next = pairs.iter().peekable();
                for i in 0..self.ids.len() {
                    while let Some(&(_, code)) = next.next_if(|(at, _)| *at == i) {
                        tagging.codes.push(code);
                    }
                    tagging
                        .starts
                        .push(u32::try_from(tagging.codes.len()).unwrap_or(u32::MAX));
                }
                (question.to_string(), tagging)
            })
            .collect();
        self.tags = tags;
        self.tags_version = Some(version);
    }

    fn tag_categories(&self) -> Vec<(String, Text)> {
        self.tags
            .iter()
            .map(|(id, name)| (id.to_string(), Text::ja(name.clone())))
            .collect()
    }

    /// The definition the columns follow.
    pub fn definition(&self) -> &SurveyDefinition {
        &self.def
    }

    /// How many responses it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of the newest response held (responses are added in id order).
    pub fn last_id(&self) -> Option<i64> {
        self.ids.last().copied()
    }

    /// Whether response `id` is held.
    pub fn contains(&self, id: i64) -> bool {
        self.ids.binary_search(&id).is_ok()
    }

    /// Names the districts (id → name) for labels; unnamed ones show their id.
    /// Names the districts (id → name), in the ward's order: the district categories follow
    /// it (districts not named come after, as first seen), also for responses read later.
    pub fn set_district_names(&mut self, names: impl IntoIterator<Item = (i64, Text)>) {
        let names: Vec<(i64, Text)> = names.into_iter().collect();
        self.district_order = names.iter().map(|(id, _)| *id).collect();
        self.districts.names = names.into_iter().collect();
        self.districts.order_by(&self.district_order);
    }

    /// Names the referring groups (id → name) for labels.
    pub fn set_referrer_names(&mut self, names: impl IntoIterator<Item = (i64, Text)>) {
        self.referrers.names = names.into_iter().collect();
    }

    /// Adds one response. Responses must come in increasing id order; one with an id not above
    /// the last is ignored (it is already held).
    pub fn push(&mut self, facts: Facts<'_>) {
        if self.last_id().is_some_and(|last| facts.id <= last) {
            return;
        }
        self.ids.push(facts.id);
        self.days.push(facts.day.num_days_from_ce());
        let seen = self.districts.ids.len();
        self.districts.push(facts.district);
        if self.districts.ids.len() != seen {
            // A district first seen now takes its place in the ward's order.
            self.districts.order_by(&self.district_order);
        }
        self.referrers.push(facts.referrer);
        let channel = CHANNELS.iter().position(|&c| c == facts.channel);
        self.channels.push(channel.map_or(0, |p| p as u8 + 1));
        let lang = Lang::ALL.iter().position(|&l| l == facts.lang);
        self.langs.push(lang.map_or(0, |p| p as u8 + 1));
        for (q, column) in self.def.questions().zip(self.columns.iter_mut()) {
            column.push(facts.answers.get(&q.id));
        }
    }

    fn column(&self, question: &str) -> Option<(&Question, &Column)> {
        self.def
            .questions()
            .zip(&self.columns)
            .find(|(q, _)| q.id == question)
    }

    fn select(&self, filter: &Filter) -> Selection {
        let n = self.len();
        if filter.is_empty() {
            return Selection::All(n);
        }
        let districts = self.districts.codes_of(&filter.districts);
        let referrers = self.referrers.codes_of(&filter.referrers);
        let from = filter.from.map(|d| d.num_days_from_ce());
        let to = filter.to.map(|d| d.num_days_from_ce());
        let channel = filter
            .channel
            .and_then(|c| CHANNELS.iter().position(|&x| x == c))
            .map(|p| p as u8 + 1);
        let lang = filter
            .lang
            .and_then(|l| Lang::ALL.iter().position(|&x| x == l))
            .map(|p| p as u8 + 1);
        // Each "answered" condition, resolved once; one that can never hold keeps nothing.
        let conditions: Option<Vec<_>> = filter
            .answered
            .iter()
            .map(|(q, v)| self.column(q).and_then(|(_, c)| c.condition(v)))
            .collect();
        let Some(conditions) = conditions else {
            return Selection::Some(Vec::new());
        };
        let kept = (0..n)
            .filter(|&i| {
                (filter.districts.is_empty() || districts.contains(&self.districts.codes[i]))
                    && (filter.referrers.is_empty() || referrers.contains(&self.referrers.codes[i]))
                    && from.is_none_or(|f| self.days[i] >= f)
                    && to.is_none_or(|t| self.days[i] <= t)
                    && channel.is_none_or(|c| self.channels[i] == c)
                    && lang.is_none_or(|l| self.langs[i] == l)
                    && conditions.iter().all(|holds| holds(i))
            })
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        Selection::Some(kept)
    }

    /// The ids of the filtered responses, oldest first.
    pub fn ids(&self, filter: &Filter) -> Vec<i64> {
        let mut ids = Vec::new();
        self.select(filter).for_each(|i| ids.push(self.ids[i]));
        ids
    }

    /// The overview of the filtered responses; with `min_cell`, small groups are hidden.
    pub fn dashboard(&self, filter: &Filter, min_cell: Option<u64>) -> Dashboard {
        let view = View(min_cell);
        let sel = self.select(filter);
        let total = sel.len() as u64;
        // Days are a dense range: count into a vector from the earliest day held.
        let base = self.days.iter().copied().min().unwrap_or(0);
        let span = self
            .days
            .iter()
            .copied()
            .max()
            .map_or(0, |m| (m - base + 1) as usize);
        let mut by_day = vec![0u64; span];
        let mut channel = [0u64; CHANNELS.len() + 1];
        let mut lang = [0u64; Lang::ALL.len() + 1];
        sel.for_each(|i| {
            by_day[(self.days[i] - base) as usize] += 1;
            channel[usize::from(self.channels[i])] += 1;
            lang[usize::from(self.langs[i])] += 1;
        });
        // From the first to the last day with a response kept by the filter.
        let first = by_day.iter().position(|&n| n > 0);
        let last = by_day.iter().rposition(|&n| n > 0);
        let (day_categories, day_counts): (Vec<(String, Text)>, Vec<u64>) = match (first, last) {
            (Some(first), Some(last)) => (first..=last)
                .filter_map(|k| {
                    let d = NaiveDate::from_num_days_from_ce_opt(base + k as i32)?;
                    let label = Text::ja(d.format("%m/%d").to_string());
                    Some(((d.to_string(), label), by_day[k]))
                })
                .unzip(),
            _ => (Vec::new(), Vec::new()),
        };
        let (day_cells, total_cell) = view.line(&day_counts, total);
        // Responses without a district (or not referred) come last.
        let districts = self.districts.categories(no_district());
        let district_counts = self.districts.counts(&sel);
        let referrers = self.referrers.categories(not_referred());
        let referrer_counts = self.referrers.counts(&sel);
        let channels: Vec<(String, Text)> = CHANNELS
            .iter()
            .map(|&c| (c.as_str().to_string(), channel_label(c)))
            .collect();
        let langs: Vec<(String, Text)> = Lang::ALL
            .iter()
            .map(|&l| (l.code().to_string(), Text::ja(l.native_name())))
            .collect();
        Dashboard {
            total: total_cell,
            by_day: bars(&day_categories, day_cells),
            by_district: bars(&districts, view.line(&district_counts, total).0),
            by_referrer: bars(&referrers, view.line(&referrer_counts, total).0),
            by_channel: bars(&channels, view.line(&channel[1..], total).0),
            by_lang: bars(&langs, view.line(&lang[1..], total).0),
        }
    }

    /// Every question's results over the filtered responses, in survey order.
    pub fn results(&self, filter: &Filter, min_cell: Option<u64>) -> Vec<QuestionResult> {
        let sel = self.select(filter);
        self.def
            .questions()
            .zip(&self.columns)
            .map(|(q, column)| self.question_result(q, column, &sel, View(min_cell)))
            .collect()
    }

    /// One question's results, or `None` for an unknown question.
    pub fn result(
        &self,
        question: &str,
        filter: &Filter,
        min_cell: Option<u64>,
    ) -> Option<QuestionResult> {
        let (q, column) = self.column(question)?;
        Some(self.question_result(q, column, &self.select(filter), View(min_cell)))
    }

    /// The variables that can be cross-tabulated: every question with categories (choices,
    /// yes/no, scales, numbers in bands, rankings by first choice, each matrix row), then
    /// district, channel and language.
    pub fn vars(&self) -> Vec<VarChoice> {
        let mut vars = Vec::new();
        for (q, column) in self.def.questions().zip(&self.columns) {
            match column {
                Column::Text { .. } if !self.tags.is_empty() => vars.push(VarChoice {
                    var: Var::Tags(q.id.clone()),
                    label: tags_label(&q.label),
                }),
                Column::Date { .. } | Column::Text { .. } => {}
                Column::Matrix { rows, .. } => {
                    for (row, _) in rows {
                        vars.push(VarChoice {
                            var: Var::MatrixRow(q.id.clone(), row.value.clone()),
                            label: matrix_row_label(q, row),
                        });
                    }
                }
                _ => vars.push(VarChoice {
                    var: Var::Question(q.id.clone()),
                    label: q.label.clone(),
                }),
            }
        }
        vars.extend([
            VarChoice {
                var: Var::District,
                label: Text::all("校区", "District", "こうく"),
            },
            VarChoice {
                var: Var::Channel,
                label: Text::all("回答方法", "Channel", "こたえかた"),
            },
            VarChoice {
                var: Var::Referrer,
                label: referrer_label(),
            },
            VarChoice {
                var: Var::Lang,
                label: Text::all("回答言語", "Language", "ことば"),
            },
        ]);
        vars
    }

    fn coded(&self, var: &Var, sel: &Selection) -> Option<Coded<'_>> {
        let coded = match var {
            Var::District => Coded {
                label: Text::all("校区", "District", "こうく"),
                categories: self.districts.categories(no_district()),
                coding: self.districts.coding(),
            },
            Var::Referrer => Coded {
                label: referrer_label(),
                categories: self.referrers.categories(not_referred()),
                coding: self.referrers.coding(),
            },
            Var::Channel => Coded {
                label: Text::all("回答方法", "Channel", "こたえかた"),
                categories: CHANNELS
                    .iter()
                    .map(|&c| (c.as_str().to_string(), channel_label(c)))
                    .collect(),
                coding: Coding::Bytes(&self.channels),
            },
            Var::Lang => Coded {
                label: Text::all("回答言語", "Language", "ことば"),
                categories: Lang::ALL
                    .iter()
                    .map(|&l| (l.code().to_string(), Text::ja(l.native_name())))
                    .collect(),
                coding: Coding::Bytes(&self.langs),
            },
            Var::Question(id) => {
                let (q, column) = self.column(id)?;
                let (categories, coding) = match column {
                    Column::Pick { dict, codes } => (dict_categories(dict), Coding::Bytes(codes)),
                    Column::Picks {
                        dict,
                        starts,
                        codes,
                    } => (dict_categories(dict), Coding::Many(starts, codes)),
                    Column::Points { low, labels, codes } => {
                        (point_categories(*low, labels), Coding::Bytes(codes))
                    }
                    Column::Number { values } => {
                        let edges = number_edges(q, values, sel);
                        let codes = values
                            .iter()
                            .map(|&x| {
                                band_of(&edges, x)
                                    .and_then(|b| u8::try_from(b + 1).ok())
                                    .unwrap_or(0)
                            })
                            .collect();
                        (band_categories(&edges, q), Coding::Owned(codes))
                    }
                    Column::Ranking { dict, ranks } => {
                        let n = self.len();
                        let mut first = vec![0u8; n];
                        for (option, column) in ranks.iter().enumerate() {
                            for (i, &rank) in column.iter().enumerate() {
                                if rank == 1 {
                                    first[i] = u8::try_from(option + 1).unwrap_or(0);
                                }
                            }
                        }
                        (dict_categories(dict), Coding::Owned(first))
                    }
                    Column::Matrix { .. } | Column::Date { .. } | Column::Text { .. } => {
                        return None;
                    }
                };
                Coded {
                    label: q.label.clone(),
                    categories,
                    coding,
                }
            }
            Var::Tags(id) => {
                let (q, column) = self.column(id)?;
                if !matches!(column, Column::Text { .. }) || self.tags.is_empty() {
                    return None;
                }
                static NONE: Tagging = Tagging {
                    starts: Vec::new(),
                    codes: Vec::new(),
                };
                Coded {
                    label: tags_label(&q.label),
                    categories: self.tag_categories(),
                    coding: Coding::Tags(self.tagged.get(id).unwrap_or(&NONE)),
                }
            }
            Var::MatrixRow(id, row) => {
                let (q, column) = self.column(id)?;
                let Column::Matrix { columns, rows } = column else {
                    return None;
                };
                let (choice, codes) = rows.iter().find(|(r, _)| r.value == *row)?;
                Coded {
                    label: matrix_row_label(q, choice),
                    categories: dict_categories(columns),
                    coding: Coding::Bytes(codes),
                }
            }
        };
        Some(coded)
    }

    /// `rows` × `columns` over the filtered responses that answered both; `None` when either
    /// variable is unknown or cannot be tabulated.
    pub fn crosstab(
        &self,
        rows: &Var,
        columns: &Var,
        filter: &Filter,
        min_cell: Option<u64>,
    ) -> Option<CrossTab> {
        let view = View(min_cell);
        let sel = self.select(filter);
        let row_var = self.coded(rows, &sel)?;
        let col_var = self.coded(columns, &sel)?;
        let nr = row_var.categories.len();
        let nc = col_var.categories.len();
        let mut counts = vec![vec![0u64; nc]; nr];
        let mut row_totals = vec![0u64; nr];
        let mut col_totals = vec![0u64; nc];
        let mut total = 0u64;
        let mut row_codes: Vec<usize> = Vec::new();
        let mut col_codes: Vec<usize> = Vec::new();
        if let (Some(r), Some(c)) = (row_var.coding.single(), col_var.coding.single()) {
            // One category per response on both sides: count straight into the table.
            sel.for_each(|i| {
                let (r, c) = (r(i), c(i));
                if r > 0 && c > 0 {
                    counts[r - 1][c - 1] += 1;
                }
            });
            for (r, line) in counts.iter().enumerate() {
                row_totals[r] = line.iter().sum();
                for (c, n) in line.iter().enumerate() {
                    col_totals[c] += n;
                }
            }
            total = row_totals.iter().sum();
        } else {
            sel.for_each(|i| {
                row_codes.clear();
                row_var.coding.for_each(i, |c| row_codes.push(c));
                col_codes.clear();
                col_var.coding.for_each(i, |c| col_codes.push(c));
                if row_codes.is_empty() || col_codes.is_empty() {
                    return;
                }
                total += 1;
                for &r in &row_codes {
                    row_totals[r - 1] += 1;
                }
                for &c in &col_codes {
                    col_totals[c - 1] += 1;
                }
                for &r in &row_codes {
                    for &c in &col_codes {
                        counts[r - 1][c - 1] += 1;
                    }
                }
            });
        }
        let multiple_rows = matches!(row_var.coding, Coding::Many(..) | Coding::Tags(..));
        let multiple_cols = matches!(col_var.coding, Coding::Many(..) | Coding::Tags(..));
        let test = if multiple_rows || multiple_cols {
            None
        } else {
            chi_square(&counts)
        };
        let shown = match view.0 {
            Some(k) => suppress::table(&counts, &row_totals, &col_totals, total, k),
            None => suppress::Table {
                cells: counts
                    .iter()
                    .map(|r| r.iter().map(|&n| Cell::Count(n)).collect())
                    .collect(),
                row_totals: row_totals.iter().map(|&n| Cell::Count(n)).collect(),
                col_totals: col_totals.iter().map(|&n| Cell::Count(n)).collect(),
                total: Cell::Count(total),
            },
        };
        Some(CrossTab {
            rows: Axis {
                var: rows.clone(),
                label: row_var.label,
                categories: bars(&row_var.categories, shown.row_totals),
                multiple: multiple_rows,
            },
            columns: Axis {
                var: columns.clone(),
                label: col_var.label,
                categories: bars(&col_var.categories, shown.col_totals),
                multiple: multiple_cols,
            },
            cells: shown.cells,
            total: shown.total,
            test,
        })
    }
}

fn tags_label(label: &Text) -> Text {
    Text {
        ja: format!("{}（テーマ）", label.ja),
        en: label.en.as_ref().map(|en| format!("{en} (themes)")),
        easy: label.easy.as_ref().map(|e| format!("{e}（テーマ）")),
    }
}

fn matrix_row_label(q: &Question, row: &Choice) -> Text {
    let join = |a: &str, b: &str| format!("{a}：{b}");
    Text {
        ja: join(&q.label.ja, &row.label.ja),
        en: q
            .label
            .en
            .as_ref()
            .map(|en| format!("{en}: {}", row.label.get(Lang::En))),
        easy: q
            .label
            .easy
            .as_ref()
            .map(|easy| join(easy, row.label.get(Lang::EasyJa))),
    }
}

fn point_categories(low: i32, labels: &[Text]) -> Vec<(String, Text)> {
    labels
        .iter()
        .enumerate()
        .map(|(k, label)| ((low + k as i32).to_string(), label.clone()))
        .collect()
}

fn number_edges(q: &Question, values: &[f64], sel: &Selection) -> Vec<f64> {
    let mut min = f64::INFINITY;
    let mut max = f64::NEG_INFINITY;
    sel.for_each(|i| {
        let x = values[i];
        if !x.is_nan() {
            min = min.min(x);
            max = max.max(x);
        }
    });
    let whole = matches!(q.kind, QuestionKind::Number { integer: true, .. });
    bands(min, max, 10, whole)
}

fn band_categories(edges: &[f64], q: &Question) -> Vec<(String, Text)> {
    let whole = matches!(q.kind, QuestionKind::Number { integer: true, .. });
    edges
        .windows(2)
        .map(|w| {
            let label = match (whole, w[1] - w[0] == 1.0) {
                (true, true) => format!("{}", w[0]),
                // Whole numbers: the band holds w[0] up to one below the next edge.
                (true, false) => format!("{}–{}", w[0], w[1] - 1.0),
                (false, _) => format!("{}–{}", w[0], w[1]),
            };
            (format!("{}-{}", w[0], w[1]), Text::ja(label))
        })
        .collect()
}

fn summary_of(
    view: View,
    mean: Option<f64>,
    median: Option<f64>,
    extremes: (f64, f64),
    hidden: bool,
) -> Option<Summary> {
    if hidden && !view.staff() {
        return None;
    }
    Some(Summary {
        mean: mean?,
        median: median?,
        min: view.staff().then_some(extremes.0),
        max: view.staff().then_some(extremes.1),
    })
}

impl Cube {
    fn question_result(
        &self,
        q: &Question,
        column: &Column,
        sel: &Selection,
        view: View,
    ) -> QuestionResult {
        let (answered, body) = match column {
            Column::Pick { dict, codes } => {
                let mut counts = vec![0u64; dict.len() + 1];
                sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                let answered = sel.len() as u64 - counts[0];
                let (cells, answered) = view.line(&counts[1..], answered);
                let body = ResultBody::Choices {
                    bars: bars(&dict_categories(dict), cells),
                    multiple: false,
                };
                (answered, body)
            }
            Column::Picks {
                dict,
                starts,
                codes,
            } => {
                let mut counts = vec![0u64; dict.len() + 1];
                let mut answered = 0;
                sel.for_each(|i| {
                    let picks = picks_of(starts, codes, i);
                    if !picks.is_empty() {
                        answered += 1;
                    }
                    for &c in picks {
                        counts[usize::from(c)] += 1;
                    }
                });
                let body = ResultBody::Choices {
                    bars: bars(&dict_categories(dict), view.each(&counts[1..])),
                    multiple: true,
                };
                (view.one(answered), body)
            }
            Column::Points { low, labels, codes } => {
                let mut counts = vec![0u64; labels.len() + 1];
                sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                let answered = sel.len() as u64 - counts[0];
                let points: Vec<(f64, u64)> = counts[1..]
                    .iter()
                    .enumerate()
                    .map(|(k, &n)| (f64::from(*low) + k as f64, n))
                    .collect();
                let sum: f64 = points.iter().map(|(v, n)| v * *n as f64).sum();
                let mean = (answered > 0).then(|| sum / answered as f64);
                let seen = points.iter().filter(|(_, n)| *n > 0);
                let lowest = seen.clone().map(|(v, _)| *v).next().unwrap_or(f64::NAN);
                let highest = seen.map(|(v, _)| *v).next_back().unwrap_or(f64::NAN);
                let (cells, answered_cell) = view.line(&counts[1..], answered);
                let hidden = cells.iter().any(|c| c.is_hidden()) || answered_cell.is_hidden();
                let body = ResultBody::Scale {
                    bars: bars(&point_categories(*low, labels), cells),
                    summary: summary_of(
                        view,
                        mean,
                        median_of_counts(&points),
                        (lowest, highest),
                        hidden,
                    ),
                };
                (answered_cell, body)
            }
            Column::Number { values } => {
                let mut seen = Vec::new();
                sel.for_each(|i| {
                    if !values[i].is_nan() {
                        seen.push(values[i]);
                    }
                });
                let edges = number_edges(q, values, sel);
                let mut counts = vec![0u64; edges.len().saturating_sub(1)];
                for &x in &seen {
                    if let Some(b) = band_of(&edges, x) {
                        counts[b] += 1;
                    }
                }
                let answered = seen.len() as u64;
                let mean = (answered > 0).then(|| seen.iter().sum::<f64>() / answered as f64);
                let lowest = seen.iter().copied().fold(f64::INFINITY, f64::min);
                let highest = seen.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let median = median(&mut seen);
                let (cells, answered_cell) = view.line(&counts, answered);
                let hidden = cells.iter().any(|c| c.is_hidden()) || answered_cell.is_hidden();
                let body = ResultBody::Histogram {
                    bars: bars(&band_categories(&edges, q), cells),
                    summary: summary_of(view, mean, median, (lowest, highest), hidden),
                };
                (answered_cell, body)
            }
            Column::Ranking { dict, ranks } => {
                let options = ranks.len();
                let mut first = vec![0u64; options];
                let mut ranked = vec![0u64; options];
                let mut points = vec![0u64; options];
                let mut answered = 0u64;
                sel.for_each(|i| {
                    let mut any = false;
                    for (o, column) in ranks.iter().enumerate() {
                        let rank = usize::from(column[i]);
                        if rank > 0 {
                            any = true;
                            ranked[o] += 1;
                            points[o] += (options + 1).saturating_sub(rank) as u64;
                            if rank == 1 {
                                first[o] += 1;
                            }
                        }
                    }
                    answered += u64::from(any);
                });
                let (first_cells, answered_cell) = view.line(&first, answered);
                let ranked_cells = view.each(&ranked);
                let any_hidden = answered_cell.is_hidden();
                let mut items: Vec<RankItem> = dict_categories(dict)
                    .into_iter()
                    .zip(first_cells.into_iter().zip(ranked_cells))
                    .zip(&points)
                    .map(|(((value, label), (first, ranked)), &pts)| RankItem {
                        value,
                        label,
                        first,
                        ranked,
                        score: (answered > 0 && !any_hidden).then(|| pts as f64 / answered as f64),
                    })
                    .collect();
                items.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
                (answered_cell, ResultBody::Ranking { items })
            }
            Column::Matrix { columns, rows } => {
                let lines = rows
                    .iter()
                    .map(|(row, codes)| {
                        let mut counts = vec![0u64; columns.len() + 1];
                        sel.for_each(|i| counts[usize::from(codes[i])] += 1);
                        let answered = sel.len() as u64 - counts[0];
                        let (cells, answered) = view.line(&counts[1..], answered);
                        MatrixLine {
                            value: row.value.clone(),
                            label: row.label.clone(),
                            cells,
                            answered,
                        }
                    })
                    .collect();
                let mut any = 0u64;
                sel.for_each(|i| any += u64::from(rows.iter().any(|(_, codes)| codes[i] != 0)));
                let body = ResultBody::Matrix {
                    columns: columns.labels.clone(),
                    lines,
                };
                (view.one(any), body)
            }
            Column::Date { months } => {
                let mut seen = (i32::MAX, i32::MIN);
                sel.for_each(|i| {
                    if months[i] != NO_DATE {
                        seen = (seen.0.min(months[i]), seen.1.max(months[i]));
                    }
                });
                let (low, high) = seen;
                let span = if low <= high {
                    (high - low + 1) as usize
                } else {
                    0
                };
                let mut counts = vec![0u64; span];
                sel.for_each(|i| {
                    if months[i] != NO_DATE {
                        counts[(months[i] - low) as usize] += 1;
                    }
                });
                let answered = counts.iter().sum();
                // Months with answers only (dates may spread over years).
                let (categories, counts): (Vec<(String, Text)>, Vec<u64>) = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(k, n)| {
                        let m = low + k as i32;
                        let v = format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1);
                        ((v.clone(), Text::ja(v)), *n)
                    })
                    .unzip();
                let (cells, answered) = view.line(&counts, answered);
                (
                    answered,
                    ResultBody::Dates {
                        bars: bars(&categories, cells),
                    },
                )
            }
            Column::Text { answered } => {
                let mut n = 0;
                let mut counts = vec![0u64; self.tags.len() + 1];
                let tagging = self.tagged.get(&q.id);
                sel.for_each(|i| {
                    n += u64::from(answered[i]);
                    if let Some(t) = tagging {
                        t.of(i).iter().for_each(|&c| counts[usize::from(c)] += 1);
                    }
                });
                let tags = bars(&self.tag_categories(), view.each(&counts[1..]));
                (view.one(n), ResultBody::Text { tags })
            }
        };
        QuestionResult {
            id: q.id.clone(),
            label: q.label.clone(),
            answered,
            body,
        }
    }
}
