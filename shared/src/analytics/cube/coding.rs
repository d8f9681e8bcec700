//! The responses a filter keeps, how a variable codes them, and how counts are shown (raw for
//! staff, suppressed for the rest).

use super::*;

/// The themes given to one free-text question's answers: response `i`'s tag codes are
/// `codes[starts[i]..starts[i + 1]]`; responses beyond `starts` (newer than the tagging) have
/// none.
#[derive(Debug, Clone, Default)]
pub(super) struct Tagging {
    pub(super) starts: Vec<u32>,
    pub(super) codes: Vec<u8>,
}

impl Tagging {
    pub(super) fn of(&self, i: usize) -> &[u8] {
        if i + 1 < self.starts.len() {
            picks_of(&self.starts, &self.codes, i)
        } else {
            &[]
        }
    }
}

/// The responses a filter keeps: every one, or these indices.
pub(super) enum Selection {
    All(usize),
    Some(Vec<u32>),
}

impl Selection {
    pub(super) fn len(&self) -> usize {
        match self {
            Selection::All(n) => *n,
            Selection::Some(v) => v.len(),
        }
    }

    pub(super) fn for_each(&self, mut f: impl FnMut(usize)) {
        match self {
            Selection::All(n) => (0..*n).for_each(f),
            Selection::Some(v) => v.iter().for_each(|&i| f(i as usize)),
        }
    }
}

/// How a variable codes each response: categories numbered from 1, 0 for none.
pub(super) enum Coding<'a> {
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
    pub(super) fn single(&self) -> Option<Box<dyn Fn(usize) -> usize + '_>> {
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

    pub(super) fn for_each(&self, i: usize, mut f: impl FnMut(usize)) {
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
pub(super) struct Coded<'a> {
    pub(super) label: Text,
    pub(super) categories: Vec<(String, Text)>,
    pub(super) coding: Coding<'a>,
}

/// Counts shown as they may be: raw for staff, suppressed below `k` for everyone else.
#[derive(Debug, Clone, Copy)]
pub(super) struct View(pub(super) Option<u64>);

impl View {
    pub(super) fn line(self, counts: &[u64], total: u64) -> (Vec<Cell>, Cell) {
        match self.0 {
            Some(k) => suppress::line(counts, total, k),
            None => (
                counts.iter().map(|&n| Cell::Count(n)).collect(),
                Cell::Count(total),
            ),
        }
    }

    pub(super) fn each(self, counts: &[u64]) -> Vec<Cell> {
        match self.0 {
            Some(k) => suppress::each(counts, k),
            None => counts.iter().map(|&n| Cell::Count(n)).collect(),
        }
    }

    pub(super) fn one(self, count: u64) -> Cell {
        match self.0 {
            Some(k) => suppress::one(count, k),
            None => Cell::Count(count),
        }
    }

    pub(super) fn staff(self) -> bool {
        self.0.is_none()
    }
}

pub(super) fn bars(categories: &[(String, Text)], cells: Vec<Cell>) -> Vec<Bar> {
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

pub(super) fn dict_categories(dict: &Dict) -> Vec<(String, Text)> {
    dict.values
        .iter()
        .cloned()
        .zip(dict.labels.iter().cloned())
        .collect()
}

pub(super) fn channel_label(channel: Channel) -> Text {
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
pub(super) struct IdColumn {
    pub(super) codes: Vec<u16>,
    pub(super) ids: Vec<i64>,
    pub(super) names: HashMap<i64, Text>,
}

impl IdColumn {
    pub(super) fn push(&mut self, id: Option<i64>) {
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
    pub(super) fn order_by(&mut self, order: &[i64]) {
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
    pub(super) fn codes_of(&self, ids: &[i64]) -> Vec<u16> {
        ids.iter()
            .filter_map(|id| self.ids.iter().position(|d| d == id))
            .filter_map(|p| u16::try_from(p + 1).ok())
            .collect()
    }

    /// Counts per code of the selected responses, "none" last.
    pub(super) fn counts(&self, sel: &Selection) -> Vec<u64> {
        let mut counts = vec![0u64; self.ids.len() + 1];
        sel.for_each(|i| counts[usize::from(self.codes[i])] += 1);
        counts.rotate_left(1);
        counts
    }

    /// The ids seen, in the order first seen, then `none`.
    pub(super) fn categories(&self, none: Text) -> Vec<(String, Text)> {
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

    pub(super) fn coding(&self) -> Coding<'_> {
        Coding::Ids(&self.codes, self.ids.len() + 1)
    }
}

pub(super) fn no_district() -> Text {
    Text::all("校区なし", "No district", "こうく なし")
}

pub(super) fn not_referred() -> Text {
    Text::all(
        "グループ経由でない",
        "Not through a group",
        "グループから では ない",
    )
}

pub(super) fn referrer_label() -> Text {
    Text::all(
        "紹介したグループ",
        "Referring group",
        "しょうかい した グループ",
    )
}
