#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::needless_range_loop,
    reason = "tests fail by panicking; tables are indexed like the hand count"
)]

use super::stats::{band_of, bands, chi_square, median, median_of_counts};
use super::suppress;
use super::*;
use crate::answer::{Answer, Answers};
use crate::survey::SurveyDefinition;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

#[test]
fn chi_square_matches_the_textbook_table() {
    // The neighbourhood × occupation example of the Wikipedia article "Chi-squared test"
    // (650 residents): statistic ≈ 24.6 on 6 degrees of freedom. The expected values and the
    // p-value were worked out by hand: for even df = 2m, P(X ≥ x) = e^(−x/2) Σ_{j<m} (x/2)^j / j!.
    let table = vec![
        vec![90, 60, 104, 95],
        vec![30, 50, 51, 20],
        vec![30, 40, 45, 35],
    ];
    let test = chi_square(&table).expect("a 3 × 4 table is testable");
    assert!(
        close(test.statistic, 24.571_202_858_582_6),
        "{}",
        test.statistic
    );
    assert_eq!(test.df, 6);
    assert!(
        close(test.p_value, 0.000_409_842_586_109_669_7),
        "{}",
        test.p_value
    );
    assert_eq!(test.cells, 12);
    assert_eq!(test.low_expected, 0);
    assert!(!test.unreliable());

    // 2 × 2: one degree of freedom, P(X ≥ x) = erfc(√(x/2)).
    let test = chi_square(&[vec![10, 20], vec![30, 40]]).expect("testable");
    assert!(close(test.statistic, 0.793_650_793_650_793_6));
    assert_eq!(test.df, 1);
    assert!(
        close(test.p_value, 0.372_998_483_613_487_14),
        "{}",
        test.p_value
    );
}

#[test]
fn chi_square_leaves_out_empty_lines_and_flags_small_expectations() {
    // The middle column is empty: it is left out, so df = (2 − 1)(2 − 1).
    let test = chi_square(&[vec![3, 0, 1], vec![1, 0, 4]]).expect("testable");
    assert_eq!(test.df, 1);
    assert_eq!(test.cells, 4);
    assert_eq!(test.low_expected, 4);
    assert!(test.unreliable());
    assert_eq!(chi_square(&[vec![5, 7]]), None);
    assert_eq!(chi_square(&[vec![5, 0], vec![7, 0]]), None);
}

#[test]
fn medians_and_bands() {
    assert_eq!(median_of_counts(&[(1.0, 1), (2.0, 1), (3.0, 1)]), Some(2.0));
    assert_eq!(median_of_counts(&[(1.0, 2), (4.0, 2)]), Some(2.5));
    assert_eq!(median_of_counts(&[(1.0, 0)]), None);
    assert_eq!(median(&mut [5.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&mut []), None);

    // Whole numbers 0–5: one band per number.
    let edges = bands(0.0, 5.0, 10, true);
    assert_eq!(edges, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(band_of(&edges, 5.0), Some(5));
    // Whole numbers 0–100 in at most 10 bands: steps of 20.
    let edges = bands(0.0, 100.0, 10, true);
    assert_eq!(edges, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0]);
    // Real numbers: the last band is closed at the maximum.
    let edges = bands(0.0, 5.0, 10, false);
    assert_eq!(edges.len(), 11);
    assert_eq!(band_of(&edges, 5.0), Some(9));
    assert_eq!(band_of(&edges, 0.25), Some(0));
    assert_eq!(band_of(&edges, 5.1), None);
    assert_eq!(bands(3.0, 3.0, 10, true), vec![3.0, 4.0]);
}

#[test]
fn suppression_hides_small_counts_and_what_would_reveal_them() {
    // One small count (1) under a shown total: the smallest other count goes too, marked as
    // withheld (7 is not "fewer than 5").
    let (cells, total) = suppress::line(&[7, 1, 9], 17, 5);
    assert_eq!(cells, vec![Cell::Withheld, Cell::Hidden, Cell::Count(9)]);
    assert_eq!(total, Cell::Count(17));
    // A group of 80 hidden to protect a neighbour of 2 is never called "< 5".
    let (cells, total) = suppress::line(&[80, 2], 82, 5);
    assert_eq!(
        (cells, total),
        (vec![Cell::Withheld, Cell::Hidden], Cell::Count(82))
    );
    // Zero names nobody and is shown; it is not chosen to protect a hidden count.
    let (cells, _) = suppress::line(&[0, 3, 10, 12], 25, 5);
    assert_eq!(
        cells,
        vec![
            Cell::Count(0),
            Cell::Hidden,
            Cell::Withheld,
            Cell::Count(12)
        ]
    );
    // Two small ones already protect each other.
    let (cells, _) = suppress::line(&[7, 1, 2, 9], 19, 5);
    assert_eq!(
        cells,
        vec![Cell::Count(7), Cell::Hidden, Cell::Hidden, Cell::Count(9)]
    );
    // A total of small counts: the counts are hidden, the total is not small itself.
    let (cells, total) = suppress::line(&[2, 2], 4, 3);
    assert_eq!(
        (cells, total),
        (vec![Cell::Hidden, Cell::Hidden], Cell::Count(4))
    );
    let (cells, total) = suppress::line(&[0, 2], 2, 3);
    assert_eq!(
        (cells, total),
        (vec![Cell::Count(0), Cell::Hidden], Cell::Hidden)
    );
    let (cells, total) = suppress::line(&[5, 6], 11, 5);
    assert_eq!(
        (cells, total),
        (vec![Cell::Count(5), Cell::Count(6)], Cell::Count(11))
    );
}

#[test]
fn suppressed_tables_never_leave_one_hidden_count_alone() {
    // Every row, column and margin holds no hidden count or at least two, for many tables.
    let mut seed = 12_345u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % 12
    };
    for _ in 0..500 {
        let rows = 2 + (next() % 4) as usize;
        let cols = 2 + (next() % 4) as usize;
        let counts: Vec<Vec<u64>> = (0..rows)
            .map(|_| (0..cols).map(|_| next()).collect())
            .collect();
        let row_totals: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
        let col_totals: Vec<u64> = (0..cols)
            .map(|c| counts.iter().map(|r| r[c]).sum())
            .collect();
        let total = row_totals.iter().sum();
        let t = suppress::table(&counts, &row_totals, &col_totals, total, 5);
        let alone = |members: Vec<Cell>, sum: Cell| {
            members
                .iter()
                .chain([&sum])
                .filter(|c| c.is_hidden())
                .count()
                == 1
        };
        for r in 0..rows {
            assert!(
                !alone(t.cells[r].clone(), t.row_totals[r]),
                "{counts:?} → {t:?}"
            );
        }
        for c in 0..cols {
            let column = t.cells.iter().map(|row| row[c]).collect();
            assert!(!alone(column, t.col_totals[c]), "{counts:?} → {t:?}");
        }
        assert!(!alone(t.row_totals.clone(), t.total));
        assert!(!alone(t.col_totals.clone(), t.total));
        // Primary suppression: every count from 1 to 4 is hidden; nothing shown was changed.
        for r in 0..rows {
            for c in 0..cols {
                match t.cells[r][c] {
                    Cell::Count(n) => assert!((n == 0 || n >= 5) && n == counts[r][c]),
                    Cell::Hidden => assert!((1..5).contains(&counts[r][c])),
                    // Withheld only to protect another: never small itself.
                    Cell::Withheld => assert!(counts[r][c] == 0 || counts[r][c] >= 5),
                }
            }
        }
    }
}

#[test]
fn filters_read_back_from_their_query() {
    let filter = Filter::from_pairs([
        ("d", "3"),
        ("d", "3"),
        ("d", "x"),
        ("via", "7"),
        ("via", "7"),
        ("from", "2026-11-01"),
        ("to", ""),
        ("ch", "paper"),
        ("lang", "easy"),
        ("a", "sunday:5"),
        ("a", "broken"),
    ]);
    assert_eq!(filter.districts, vec![3]);
    assert_eq!(filter.referrers, vec![7]);
    assert_eq!(filter.from, "2026-11-01".parse().ok());
    assert_eq!(filter.to, None);
    assert_eq!(filter.channel, Some(Channel::Paper));
    assert_eq!(filter.lang, Some(Lang::EasyJa));
    assert_eq!(
        filter.answered,
        vec![("sunday".to_string(), "5".to_string())]
    );
    let pairs = filter.to_pairs();
    let again = Filter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, filter);
    assert!(Filter::from_pairs([]).is_empty());
    for var in ["q:age", "m:mat:r1", "district", "channel", "via", "lang"] {
        assert_eq!(Var::parse(var).map(|v| v.key()).as_deref(), Some(var));
    }
    assert_eq!(Var::parse("q:"), None);
    assert_eq!(Var::parse("m:mat"), None);
}

#[test]
fn a_clicked_bar_switches_its_condition_on_and_off() {
    let start = Filter::from_pairs([("d", "3"), ("a", "age:young"), ("from", "2026-11-01")]);
    // Added when off: a second district, an answer, a channel.
    let more = start
        .toggled("d", "4")
        .toggled("a", "sunday:5")
        .toggled("ch", "paper");
    assert_eq!(more.districts, vec![3, 4]);
    assert_eq!(
        more.answered,
        vec![
            ("age".to_string(), "young".to_string()),
            ("sunday".to_string(), "5".to_string())
        ]
    );
    assert_eq!(more.channel, Some(Channel::Paper));
    assert_eq!(more.from, start.from, "the dates are kept");
    // Taken away when on; another channel replaces the one set.
    let less = more
        .toggled("d", "3")
        .toggled("a", "age:young")
        .toggled("ch", "web");
    assert_eq!(less.districts, vec![4]);
    assert_eq!(less.answered, vec![("sunday".to_string(), "5".to_string())]);
    assert_eq!(less.channel, Some(Channel::Web));
    assert_eq!(less.toggled("ch", "web").channel, None);
    assert_eq!(start.toggled("lang", "en").toggled("lang", "en"), start);
    // What reads as no condition (no district, an unknown key, a date) changes nothing.
    assert_eq!(start.toggled("d", ""), start);
    assert_eq!(start.toggled("zz", "1"), start);
    assert_eq!(start.toggled("from", "2026-12-01"), start);
    assert_eq!(start.toggled("a", "broken"), start);
}

const SMALL_SURVEY: &str = r#"{"sections": [{"id": "s", "title": {"ja": "質問"}, "questions": [
  {"id": "age", "label": {"ja": "年代"}, "kind": {"single_choice": {"options": [
     {"value": "young", "label": {"ja": "若い"}}, {"value": "old", "label": {"ja": "年配"}}]}}},
  {"id": "sunday", "label": {"ja": "日曜開館"}, "kind": {"agreement": {"points": 5}}},
  {"id": "picks", "label": {"ja": "したいこと"}, "kind": {"multiple_choice": {"other": true,
     "options": [{"value": "a", "label": {"ja": "A"}}, {"value": "b", "label": {"ja": "B"}},
                 {"value": "c", "label": {"ja": "C"}}]}}},
  {"id": "rank", "label": {"ja": "優先順位"}, "kind": {"ranking": {"options": [
     {"value": "x", "label": {"ja": "X"}}, {"value": "y", "label": {"ja": "Y"}},
     {"value": "z", "label": {"ja": "Z"}}]}}},
  {"id": "mat", "label": {"ja": "満足度"}, "kind": {"matrix": {
     "rows": [{"value": "r1", "label": {"ja": "時間"}}, {"value": "r2", "label": {"ja": "部屋"}}],
     "columns": [{"value": "c1", "label": {"ja": "満足"}}, {"value": "c2", "label": {"ja": "不満"}}]}}},
  {"id": "kids", "label": {"ja": "子どもの数"}, "kind": {"number": {"min": 0, "max": 20, "integer": true}}},
  {"id": "memo", "label": {"ja": "ご意見"}, "kind": {"text": {"max_len": 400}}},
  {"id": "visit", "label": {"ja": "最後に来た日"}, "kind": {"date": {}}}
]}]}"#;

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    Answers(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

fn value(v: &str) -> Answer {
    Answer::Value(v.to_string())
}

fn values(vs: &[&str]) -> Answer {
    Answer::Values(vs.iter().map(|v| v.to_string()).collect())
}

fn rows(pairs: &[(&str, &str)]) -> Answer {
    Answer::Rows(
        pairs
            .iter()
            .map(|(r, c)| (r.to_string(), c.to_string()))
            .collect(),
    )
}

/// Five responses whose every statistic is worked out by hand in the tests below.
fn small_cube() -> Cube {
    let def = SurveyDefinition::parse_json(SMALL_SURVEY).expect("valid survey");
    let standard = |points: u8| (1..=points).map(|p| Text::ja(format!("点{p}"))).collect();
    let mut cube = Cube::new(def, &standard);
    cube.set_district_names([(10, Text::ja("北")), (20, Text::ja("南"))]);
    let responses = [
        (
            "2026-11-01",
            Some(10),
            Channel::Web,
            Lang::Ja,
            answers(&[
                ("age", value("young")),
                ("sunday", Answer::Number(5.0)),
                ("picks", values(&["a", "b"])),
                ("rank", values(&["y", "x", "z"])),
                ("mat", rows(&[("r1", "c1"), ("r2", "c2")])),
                ("kids", Answer::Number(2.0)),
                ("memo", value("日曜に開けてほしい")),
                ("visit", value("2026-10-05")),
            ]),
        ),
        (
            "2026-11-01",
            Some(10),
            Channel::Web,
            Lang::En,
            answers(&[
                ("age", value("old")),
                ("sunday", Answer::Number(4.0)),
                ("picks", values(&["a"])),
                ("rank", values(&["x", "y", "z"])),
                ("mat", rows(&[("r1", "c1")])),
                ("kids", Answer::Number(0.0)),
            ]),
        ),
        (
            "2026-11-02",
            Some(20),
            Channel::Paper,
            Lang::Ja,
            answers(&[
                ("age", value("old")),
                ("sunday", Answer::Number(2.0)),
                ("picks", values(&["c"])),
                ("rank", values(&["x"])),
                ("kids", Answer::Number(5.0)),
            ]),
        ),
        (
            "2026-11-03",
            None,
            Channel::Web,
            Lang::EasyJa,
            answers(&[
                ("age", value("young")),
                ("sunday", Answer::Number(5.0)),
                ("mat", rows(&[("r1", "c2"), ("r2", "c2")])),
            ]),
        ),
        (
            "2026-11-03",
            Some(20),
            Channel::Web,
            Lang::Ja,
            answers(&[
                // A value an earlier version offered.
                ("age", value("retired")),
                ("sunday", Answer::Number(3.0)),
                ("picks", values(&["b", "other"])),
                ("kids", Answer::Number(1.0)),
            ]),
        ),
    ];
    // Responses 2 and 5 came by group 7's survey link, response 4 by group 8's.
    let referrers = [None, Some(7), None, Some(8), Some(7)];
    for (n, (day, district, channel, lang, answers)) in responses.iter().enumerate() {
        cube.push(Facts {
            id: n as i64 + 1,
            day: day.parse().expect("date"),
            district: *district,
            referrer: referrers[n],
            channel: *channel,
            lang: *lang,
            answers,
        });
    }
    cube
}

fn counts(bars: &[Bar]) -> Vec<(String, Option<u64>)> {
    bars.iter()
        .map(|b| (b.value.clone(), b.count.count()))
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, Option<u64>)> {
    list.iter()
        .map(|(v, n)| (v.to_string(), Some(*n)))
        .collect()
}

#[test]
fn every_statistic_of_a_small_survey_matches_the_hand_count() {
    let cube = small_cube();
    assert_eq!(cube.len(), 5);
    let all = Filter::default();
    let results = cube.results(&all, None);
    let by_id = |id: &str| results.iter().find(|r| r.id == id).expect("question");

    let age = by_id("age");
    assert_eq!(age.answered, Cell::Count(5));
    let ResultBody::Choices { bars, multiple } = &age.body else {
        panic!("choices")
    };
    assert!(!multiple);
    assert_eq!(
        counts(bars),
        pairs(&[("young", 2), ("old", 2), ("retired", 1)])
    );
    assert_eq!(bars[2].label.ja, "retired");
    assert_eq!(bars[0].count.percent_of(age.answered), Some(40.0));

    let ResultBody::Scale { bars, summary } = &by_id("sunday").body else {
        panic!("scale")
    };
    assert_eq!(
        counts(bars),
        pairs(&[("1", 0), ("2", 1), ("3", 1), ("4", 1), ("5", 2)])
    );
    assert_eq!(bars[0].label.ja, "点1");
    let summary = summary.expect("staff see the summary");
    assert!(close(summary.mean, 3.8));
    assert_eq!(summary.median, 4.0);
    assert_eq!((summary.min, summary.max), (Some(2.0), Some(5.0)));

    let picks = by_id("picks");
    assert_eq!(picks.answered, Cell::Count(4));
    let ResultBody::Choices { bars, multiple } = &picks.body else {
        panic!("choices")
    };
    assert!(multiple);
    assert_eq!(
        counts(bars),
        pairs(&[("a", 2), ("b", 2), ("c", 1), ("other", 1)])
    );

    let rank = by_id("rank");
    assert_eq!(rank.answered, Cell::Count(3));
    let ResultBody::Ranking { items } = &rank.body else {
        panic!("ranking")
    };
    // Points: first = 3, second = 2, third = 1, over the 3 who ranked.
    let got: Vec<(&str, Option<u64>, Option<u64>, f64)> = items
        .iter()
        .map(|i| {
            (
                i.value.as_str(),
                i.first.count(),
                i.ranked.count(),
                i.score.unwrap_or(-1.0),
            )
        })
        .collect();
    assert_eq!(got[0].0, "x");
    assert_eq!((got[0].1, got[0].2), (Some(2), Some(3)));
    assert!(close(got[0].3, 8.0 / 3.0));
    assert_eq!((got[1].0, got[1].1, got[1].2), ("y", Some(1), Some(2)));
    assert!(close(got[1].3, 5.0 / 3.0));
    assert_eq!((got[2].0, got[2].1, got[2].2), ("z", Some(0), Some(2)));
    assert!(close(got[2].3, 2.0 / 3.0));

    let mat = by_id("mat");
    assert_eq!(mat.answered, Cell::Count(3));
    let ResultBody::Matrix { columns, lines } = &mat.body else {
        panic!("matrix")
    };
    assert_eq!(columns.len(), 2);
    assert_eq!(lines[0].cells, vec![Cell::Count(2), Cell::Count(1)]);
    assert_eq!(lines[0].answered, Cell::Count(3));
    assert_eq!(lines[1].cells, vec![Cell::Count(0), Cell::Count(2)]);
    assert_eq!(lines[1].answered, Cell::Count(2));

    let kids = by_id("kids");
    assert_eq!(kids.answered, Cell::Count(4));
    let ResultBody::Histogram { bars, summary } = &kids.body else {
        panic!("histogram")
    };
    assert_eq!(
        counts(bars),
        pairs(&[
            ("0-1", 1),
            ("1-2", 1),
            ("2-3", 1),
            ("3-4", 0),
            ("4-5", 0),
            ("5-6", 1)
        ])
    );
    assert_eq!(bars[0].label.ja, "0");
    let summary = summary.expect("summary");
    assert_eq!((summary.mean, summary.median), (2.0, 1.5));
    assert_eq!((summary.min, summary.max), (Some(0.0), Some(5.0)));

    assert_eq!(by_id("memo").answered, Cell::Count(1));
    let ResultBody::Dates { bars } = &by_id("visit").body else {
        panic!("dates")
    };
    assert_eq!(counts(bars), pairs(&[("2026-10", 1)]));

    let dash = cube.dashboard(&all, None);
    assert_eq!(dash.total, Cell::Count(5));
    assert_eq!(
        counts(&dash.by_day),
        pairs(&[("2026-11-01", 2), ("2026-11-02", 1), ("2026-11-03", 2)])
    );
    assert_eq!(
        counts(&dash.by_district),
        pairs(&[("10", 2), ("20", 2), ("", 1)])
    );
    assert_eq!(dash.by_district[0].label.ja, "北");
    assert_eq!(
        counts(&dash.by_channel),
        pairs(&[("web", 4), ("paper", 1), ("staff", 0)])
    );
    assert_eq!(
        counts(&dash.by_lang),
        pairs(&[("ja", 3), ("easy", 1), ("en", 1)])
    );
}

#[test]
fn filters_keep_the_right_responses() {
    let cube = small_cube();
    let ids = |pairs: &[(&str, &str)]| cube.ids(&Filter::from_pairs(pairs.iter().copied()));
    assert_eq!(ids(&[]), vec![1, 2, 3, 4, 5]);
    assert_eq!(ids(&[("d", "10")]), vec![1, 2]);
    assert_eq!(ids(&[("d", "10"), ("d", "20")]), vec![1, 2, 3, 5]);
    assert_eq!(ids(&[("d", "99")]), Vec::<i64>::new());
    assert_eq!(ids(&[("from", "2026-11-02")]), vec![3, 4, 5]);
    assert_eq!(ids(&[("to", "2026-11-01")]), vec![1, 2]);
    assert_eq!(ids(&[("ch", "paper")]), vec![3]);
    assert_eq!(ids(&[("lang", "en")]), vec![2]);
    assert_eq!(ids(&[("a", "picks:a")]), vec![1, 2]);
    assert_eq!(ids(&[("a", "sunday:5")]), vec![1, 4]);
    assert_eq!(ids(&[("a", "age:old"), ("a", "picks:c")]), vec![3]);
    assert_eq!(ids(&[("a", "kids:0")]), vec![2]);
    // An unknown question keeps nothing rather than being ignored.
    assert_eq!(ids(&[("a", "nope:1")]), Vec::<i64>::new());

    // Results follow the filter.
    let filter = Filter::from_pairs([("a", "sunday:5")]);
    let age = cube.result("age", &filter, None).expect("age");
    let ResultBody::Choices { bars, .. } = age.body else {
        panic!("choices")
    };
    assert_eq!(
        counts(&bars),
        pairs(&[("young", 2), ("old", 0), ("retired", 0)])
    );
    assert_eq!(cube.dashboard(&filter, None).total, Cell::Count(2));
}

#[test]
fn referred_responses_are_counted_per_group() {
    let mut cube = small_cube();
    cube.set_referrer_names([(7, Text::ja("北方ママパパの会"))]);
    let all = Filter::default();
    let dashboard = cube.dashboard(&all, None);
    // Groups in the order first seen, then the responses not referred.
    assert_eq!(
        counts(&dashboard.by_referrer),
        pairs(&[("7", 2), ("8", 1), ("", 2)])
    );
    let labels: Vec<String> = dashboard
        .by_referrer
        .iter()
        .map(|b| b.label.plain(Lang::Ja))
        .collect();
    // A group without a name shows its id.
    assert_eq!(labels, ["北方ママパパの会", "8", "グループ経由でない"]);
    let ids = |pairs: &[(&str, &str)]| cube.ids(&Filter::from_pairs(pairs.iter().copied()));
    assert_eq!(ids(&[("via", "7")]), vec![2, 5]);
    assert_eq!(ids(&[("via", "7"), ("via", "8")]), vec![2, 4, 5]);
    assert_eq!(ids(&[("via", "7"), ("d", "10")]), vec![2]);
    assert_eq!(ids(&[("via", "99")]), Vec::<i64>::new());
    assert!(cube.vars().iter().any(|v| v.var == Var::Referrer));
    // Referring group × age: 7 → old, retired; 8 → young; none → young, old.
    let t = cube
        .crosstab(&Var::Referrer, &Var::Question("age".into()), &all, None)
        .expect("crosstab");
    assert_eq!(
        t.cells,
        vec![
            vec![Cell::Count(0), Cell::Count(1), Cell::Count(1)],
            vec![Cell::Count(1), Cell::Count(0), Cell::Count(0)],
            vec![Cell::Count(1), Cell::Count(1), Cell::Count(0)],
        ]
    );
    // Outside staff, groups of fewer than the threshold are hidden like any other count.
    let shown = cube.dashboard(&all, Some(2));
    assert_eq!(shown.by_referrer[1].count, Cell::Hidden);
}

#[test]
fn crosstabs_count_respondents_who_answered_both() {
    let cube = small_cube();
    let all = Filter::default();
    let age = Var::Question("age".into());
    let t = cube
        .crosstab(&age, &Var::District, &all, None)
        .expect("age × district");
    let shown = |t: &CrossTab| -> Vec<Vec<Option<u64>>> {
        t.cells
            .iter()
            .map(|r| r.iter().map(|c| c.count()).collect())
            .collect()
    };
    assert_eq!(
        shown(&t),
        vec![
            vec![Some(1), Some(0), Some(1)],
            vec![Some(1), Some(1), Some(0)],
            vec![Some(0), Some(1), Some(0)],
        ]
    );
    assert_eq!(t.total, Cell::Count(5));
    assert_eq!(
        counts(&t.rows.categories),
        pairs(&[("young", 2), ("old", 2), ("retired", 1)])
    );
    assert_eq!(
        counts(&t.columns.categories),
        pairs(&[("10", 2), ("20", 2), ("", 1)])
    );
    assert_eq!(t.row_percent(0, 0), Some(50.0));
    assert_eq!(t.column_percent(1, 1), Some(50.0));
    // Worked by hand: Σ (O − E)² / E = 3.75 on 4 df; P = e^(−x/2)(1 + x/2).
    let test = t.test.expect("tested");
    assert!(close(test.statistic, 3.75));
    assert_eq!(test.df, 4);
    assert!(close(test.p_value, 0.440_895_529_679_169_34));
    assert!(test.unreliable());

    // Several picks: each pick counts, and no test is made.
    let t = cube
        .crosstab(&age, &Var::Question("picks".into()), &all, None)
        .expect("age × picks");
    assert!(t.columns.multiple);
    assert_eq!(t.test, None);
    assert_eq!(t.total, Cell::Count(4));
    assert_eq!(
        shown(&t),
        vec![
            vec![Some(1), Some(1), Some(0), Some(0)],
            vec![Some(1), Some(0), Some(1), Some(0)],
            vec![Some(0), Some(1), Some(0), Some(1)],
        ]
    );
    assert_eq!(
        counts(&t.rows.categories),
        pairs(&[("young", 1), ("old", 2), ("retired", 1)])
    );

    // A matrix row, a ranking's first choice, a number in bands and the channel.
    let t = cube
        .crosstab(
            &Var::MatrixRow("mat".into(), "r1".into()),
            &Var::Question("rank".into()),
            &all,
            None,
        )
        .expect("matrix row × ranking");
    // r1: c1 for responses 1 and 2, c2 for 4; first choices: 1 → y, 2 → x, 4 none.
    assert_eq!(
        shown(&t),
        vec![
            vec![Some(1), Some(1), Some(0)],
            vec![Some(0), Some(0), Some(0)]
        ]
    );
    let t = cube
        .crosstab(&Var::Question("kids".into()), &Var::Channel, &all, None)
        .expect("kids × channel");
    assert_eq!(t.total, Cell::Count(4));
    assert_eq!(
        t.cells[5],
        vec![Cell::Count(0), Cell::Count(1), Cell::Count(0)]
    );
    assert!(
        cube.crosstab(&Var::Question("memo".into()), &age, &all, None)
            .is_none()
    );
    assert!(
        cube.crosstab(&Var::Question("nope".into()), &age, &all, None)
            .is_none()
    );
    assert!(
        cube.vars()
            .iter()
            .any(|v| v.var == Var::MatrixRow("mat".into(), "r2".into()))
    );
}

#[test]
fn outside_staff_small_groups_are_hidden_everywhere() {
    let cube = small_cube();
    let all = Filter::default();
    // k = 2: the single "retired" answer is hidden, and so is the smallest other option, or the
    // total minus the others would give it away (withheld: it is not small itself).
    let age = cube.result("age", &all, Some(2)).expect("age");
    let ResultBody::Choices { bars, .. } = &age.body else {
        panic!("choices")
    };
    assert_eq!(
        bars.iter().map(|b| b.count).collect::<Vec<_>>(),
        vec![Cell::Withheld, Cell::Count(2), Cell::Hidden]
    );
    assert_eq!(age.answered, Cell::Count(5));
    // With any point hidden, the mean and median could give it back: they go too.
    let ResultBody::Scale { summary, .. } = &cube.result("sunday", &all, Some(2)).expect("s").body
    else {
        panic!("scale")
    };
    assert_eq!(*summary, None);
    // Extremes are one person's answer: never shown outside staff.
    let ResultBody::Histogram { summary, .. } =
        &cube.result("kids", &all, Some(1)).expect("k").body
    else {
        panic!("histogram")
    };
    let summary = summary.expect("nothing hidden at k = 1 (zero is shown)");
    assert_eq!((summary.min, summary.max), (None, None));
    // k = 5 hides every group of this small survey, including the day counts.
    let dash = cube.dashboard(&all, Some(5));
    assert_eq!(dash.total, Cell::Count(5));
    assert!(dash.by_day.iter().all(|b| b.count == Cell::Hidden));
    let t = cube
        .crosstab(&Var::Question("age".into()), &Var::District, &all, Some(5))
        .expect("table");
    assert!(
        t.cells
            .iter()
            .flatten()
            .all(|c| matches!(c, Cell::Hidden | Cell::Withheld | Cell::Count(0)))
    );
    assert_eq!(t.row_percent(0, 0), None);
    // Staff see everything.
    assert_eq!(cube.dashboard(&all, None).by_day[0].count, Cell::Count(2));
}

#[test]
fn themes_count_as_a_question_of_their_own() {
    let mut cube = small_cube();
    let memo = |id: i64, tag: i64| (id, "memo".to_string(), tag);
    let tags = vec![(7, "日曜".to_string()), (8, "駐車場".to_string())];
    // Unknown responses and tags are ignored.
    cube.set_tags(
        3,
        tags,
        &[memo(1, 7), memo(1, 8), memo(3, 8), memo(99, 7), memo(2, 42)],
    );
    assert_eq!(cube.tags_version(), Some(3));
    let result = cube.result("memo", &Filter::default(), None).expect("memo");
    let ResultBody::Text { tags } = &result.body else {
        panic!("text")
    };
    assert_eq!(counts(tags), pairs(&[("7", 1), ("8", 2)]));
    assert_eq!(tags[1].label.ja, "駐車場");
    let themes = Var::Tags("memo".into());
    assert!(cube.vars().iter().any(|v| v.var == themes));
    let t = cube
        .crosstab(
            &themes,
            &Var::Question("age".into()),
            &Filter::default(),
            None,
        )
        .expect("themes × age");
    assert!(t.rows.multiple);
    assert_eq!(t.test, None);
    assert_eq!(
        t.cells[0],
        vec![Cell::Count(1), Cell::Count(0), Cell::Count(0)]
    );
    assert_eq!(
        t.cells[1],
        vec![Cell::Count(1), Cell::Count(1), Cell::Count(0)]
    );
    // A response that arrives after the tagging has no themes yet.
    let answers = answers(&[("memo", value("夜も開けて"))]);
    cube.push(Facts {
        id: 6,
        day: "2026-11-04".parse().expect("date"),
        district: None,
        referrer: None,
        channel: Channel::Web,
        lang: Lang::Ja,
        answers: &answers,
    });
    let result = cube.result("memo", &Filter::default(), None).expect("memo");
    assert_eq!(result.answered, Cell::Count(2));
    let ResultBody::Text { tags } = &result.body else {
        panic!("text")
    };
    assert_eq!(counts(tags), pairs(&[("7", 1), ("8", 2)]));
}

#[test]
fn texts_are_read_from_text_questions_and_other_boxes() {
    let def = SurveyDefinition::parse_json(SMALL_SURVEY).expect("valid");
    let a = answers(&[
        ("memo", value("駐車場がほしい")),
        ("picks", values(&["a", "other"])),
        ("picks.other", value("卓球")),
        ("age", value("young")),
    ]);
    assert_eq!(
        texts(&def, &a),
        vec![
            ("picks.other".to_string(), "卓球".to_string()),
            ("memo".to_string(), "駐車場がほしい".to_string()),
        ]
    );
    assert!(texts(&def, &answers(&[("memo", value("  "))])).is_empty());
}

#[test]
fn districts_follow_the_wards_order_whenever_they_are_seen() {
    let mut cube = small_cube();
    let all = Filter::default();
    let age = Var::Question("age".into());
    let before = cube
        .crosstab(&age, &Var::District, &all, None)
        .expect("age × district");
    // The ward lists 南 (20) before 北 (10), and 西 (30), not seen yet, between them.
    cube.set_district_names([
        (20, Text::ja("南")),
        (30, Text::ja("西")),
        (10, Text::ja("北")),
    ]);
    let after = cube
        .crosstab(&age, &Var::District, &all, None)
        .expect("age × district");
    assert_eq!(
        counts(&after.columns.categories),
        pairs(&[("20", 2), ("10", 2), ("", 1)])
    );
    // The same counts, their columns swapped: codes were renumbered, not recounted wrong.
    let swapped: Vec<Vec<Cell>> = before
        .cells
        .iter()
        .map(|r| vec![r[1], r[0], r[2]])
        .collect();
    assert_eq!(after.cells, swapped);
    // Filtering by a district still picks its own responses.
    let south = Filter {
        districts: vec![20],
        ..Filter::default()
    };
    assert_eq!(cube.dashboard(&south, None).total, Cell::Count(2));
    // A district first seen later takes its place in the order, not the end.
    let nothing = answers(&[("age", value("young"))]);
    cube.push(Facts {
        id: 6,
        day: "2026-11-04".parse().expect("date"),
        district: Some(30),
        referrer: None,
        channel: Channel::Web,
        lang: Lang::Ja,
        answers: &nothing,
    });
    let t = cube
        .crosstab(&age, &Var::District, &all, None)
        .expect("age × district");
    assert_eq!(
        counts(&t.columns.categories),
        pairs(&[("20", 2), ("30", 1), ("10", 2), ("", 1)])
    );
    let west = Filter {
        districts: vec![30],
        ..Filter::default()
    };
    assert_eq!(cube.dashboard(&west, None).total, Cell::Count(1));
}
