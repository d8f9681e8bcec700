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
use crate::answer::{Answer, Answers, Channel};
use crate::lang::Lang;
use crate::survey::{Choice, OTHER, Question, QuestionKind, SurveyDefinition, Text};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

mod coding;
mod column;
mod crosstab;
mod results;
use coding::{
    Coded, Coding, IdColumn, Selection, Tagging, View, bars, channel_label, dict_categories,
    no_district, not_referred, referrer_label,
};
use column::{Column, Dict, MAX_CODES, NO_DATE, picks_of};
use results::{band_categories, matrix_row_label, number_edges, point_categories, tags_label};

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
}
