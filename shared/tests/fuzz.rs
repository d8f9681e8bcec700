//! Fuzzing the code that reads what people and files send: survey definitions (JSON), XLSForm
//! workbooks, answers typed into forms, and show-if conditions. Each target feeds generated
//! and mutated input and checks that nothing panics and that whatever is accepted reads back
//! the same after writing it out.
//!
//! `cargo test -p yoriai-shared --test fuzz` gives each target a few hundred inputs;
//! `scripts/fuzz.sh [SECONDS]` runs each for a bounded time and prints how many inputs it tried.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use shared::answer::{Answer, Answers, FormValues, answers_to_form, collect_answers, field_name};
use shared::survey::{SurveyDefinition, Text};
use shared::xlsform::{self, Sheet, Workbook};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn template() -> SurveyDefinition {
    let districts = [
        ("01".to_string(), Text::ja("北方")),
        ("02".to_string(), Text::ja("湯川")),
    ];
    shared::template::community_centre(&districts)
        .expect("the template reads")
        .definition
}

/// The wording of an agreement scale, as the interface would give it (only its shape matters).
fn agreement_words(points: u8) -> Vec<Text> {
    (1..=points).map(|p| Text::ja(p.to_string())).collect()
}

/// The template's JSON with a few characters replaced, inserted or removed.
fn mutated_json() -> impl Strategy<Value = String> {
    let json: Vec<char> = template().to_json().chars().collect();
    let len = json.len();
    prop::collection::vec((0..len, any::<char>(), 0u8..3), 1..8).prop_map(move |edits| {
        let mut chars = json.clone();
        for (at, c, how) in edits {
            if chars.is_empty() {
                break;
            }
            let at = at % chars.len();
            match how {
                0 => chars[at] = c,
                1 => chars.insert(at, c),
                _ => {
                    chars.remove(at);
                }
            }
        }
        chars.into_iter().collect()
    })
}

/// Definitions: arbitrary text and mutated templates never panic; what is accepted writes
/// out and reads back equal.
fn definition_target(runner: &mut TestRunner, accepted: &AtomicU64) -> Result<(), String> {
    let input = prop_oneof![any::<String>(), mutated_json()];
    runner
        .run(&input, |json| {
            if let Ok(def) = SurveyDefinition::parse_json(&json) {
                accepted.fetch_add(1, Ordering::Relaxed);
                let again = SurveyDefinition::parse_json(&def.to_json())
                    .map_err(|e| TestCaseError::fail(format!("re-read: {e:?}")))?;
                prop_assert_eq!(again, def);
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

/// A cell of an XLSForm sheet: the words the format uses, and anything else.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![
            "type",
            "name",
            "label",
            "label::English",
            "hint",
            "required",
            "relevant",
            "constraint",
            "list_name",
            "choice_filter",
            "text",
            "integer",
            "decimal",
            "date",
            "note",
            "select_one yes_no",
            "select_multiple places",
            "select_one missing",
            "rank places",
            "begin group",
            "end group",
            "begin repeat",
            "yes",
            "no",
            "places",
            "yes_no",
            "q1",
            "q2",
            "g1",
            "${q1} = 'yes'",
            "selected(${q2}, 'a')",
            "true()",
            "form_title",
            "form_id",
            "a",
            "b",
            "年代",
            "市民センター",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
    ]
}

fn sheet(name: &'static str) -> impl Strategy<Value = Sheet> {
    prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12).prop_map(move |rows| Sheet {
        name: name.to_string(),
        rows,
    })
}

fn export(def: &SurveyDefinition) -> Workbook {
    xlsform::export(
        &Text::ja("題"),
        &Text::ja("説明"),
        "form",
        def,
        &agreement_words,
    )
}

/// XLSForm: generated workbooks and the template's own export with cells replaced never
/// panic; an imported survey exports and imports again to the same questions.
fn xlsform_target(runner: &mut TestRunner, accepted: &AtomicU64) -> Result<(), String> {
    let exported = export(&template());
    let generated =
        (sheet("survey"), sheet("choices"), sheet("settings")).prop_map(|(a, b, c)| Workbook {
            sheets: vec![a, b, c],
        });
    let edited = prop::collection::vec((0usize..3, 0usize..200, 0usize..10, cell()), 0..6)
        .prop_map(move |edits| {
            let mut book = exported.clone();
            for (s, r, c, value) in edits {
                let count = book.sheets.len();
                let sheet = &mut book.sheets[s % count];
                if sheet.rows.is_empty() {
                    continue;
                }
                let row = r % sheet.rows.len();
                let cells = &mut sheet.rows[row];
                if c < cells.len() {
                    cells[c] = value;
                } else {
                    cells.push(value);
                }
            }
            book
        });
    runner
        .run(&prop_oneof![generated, edited], |book| {
            if let Ok(imported) = xlsform::import(&book) {
                accepted.fetch_add(1, Ordering::Relaxed);
                let again = xlsform::import(&export(&imported.definition))
                    .map_err(|e| TestCaseError::fail(format!("re-import: {e:?}")))?;
                prop_assert_eq!(again.definition, imported.definition);
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

/// Answers: any form aimed at the template's fields never panics; accepted answers, written
/// back into a form, read again the same.
fn answers_target(runner: &mut TestRunner, accepted: &AtomicU64) -> Result<(), String> {
    let def = template();
    let mut names: Vec<String> = def.questions().map(|q| field_name(&q.id)).collect();
    names.push("q.nope".into());
    let mut values: Vec<String> = def
        .questions()
        .flat_map(|q| q.options().iter().map(|c| c.value.clone()))
        .collect();
    values.extend(
        [
            "",
            "0",
            "3",
            "-1",
            "1e9",
            "NaN",
            "2026-02-30",
            "2026-11-29",
            "other",
            "１２",
        ]
        .map(String::from),
    );
    let pair = (
        prop::sample::select(names),
        prop_oneof![prop::sample::select(values), "\\PC{0,20}"],
    );
    // A complete form (the shortest path through the template), with pairs replaced or added.
    let complete: Vec<(String, String)> = [
        ("use_freq", "never"),
        ("not_use_reason", "hours"),
        ("sunday", "2"),
        ("age", "40s"),
    ]
    .iter()
    .map(|(q, v)| (field_name(q), v.to_string()))
    .collect();
    let edited = prop::collection::vec((0usize..8, pair.clone()), 0..4).prop_map(move |edits| {
        let mut pairs = complete.clone();
        for (at, pair) in edits {
            match pairs.get_mut(at) {
                Some(p) => *p = pair,
                None => pairs.push(pair),
            }
        }
        pairs
    });
    let forms = prop_oneof![prop::collection::vec(pair, 0..30), edited];
    runner
        .run(&forms, |pairs| {
            if let Ok(answers) = collect_answers(&def, &FormValues(pairs)) {
                accepted.fetch_add(1, Ordering::Relaxed);
                let again = collect_answers(&def, &answers_to_form(&def, &answers))
                    .map_err(|e| TestCaseError::fail(format!("re-read: {e:?}")))?;
                prop_assert_eq!(again, answers);
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

/// Show-if conditions: any `relevant` text never panics; a condition read writes back and
/// reads again the same, and evaluating it on any answers does not panic.
fn show_if_target(runner: &mut TestRunner, accepted: &AtomicU64) -> Result<(), String> {
    let pieces = prop::sample::select(vec![
        "${q1}",
        "${q2}",
        "=",
        "!=",
        "'yes'",
        "'a'",
        "selected(",
        ")",
        ",",
        " and ",
        " or ",
        "not(",
        "(",
        "''",
        "${",
        "}",
        "1",
        ">",
        "<",
        "count-selected(",
        "'年代'",
    ]);
    // Terms of the grammar Yoriai writes, with stray spaces, joined by " or ".
    let term = (
        0u8..4,
        prop::sample::select(vec!["q1", "q2"]),
        "[a-z年]{0,3}",
        " {0,2}",
    )
        .prop_map(|(kind, q, v, pad)| match kind {
            0 => format!("${{{q}}}{pad}={pad}'{v}'"),
            1 => format!("selected(${{{q}}},{pad}'{v}')"),
            2 => format!("${{{q}}} != ''"),
            _ => format!("{pad}${{{q}}} = \"{v}\"{pad}"),
        });
    let text = prop_oneof![
        prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat()),
        prop::collection::vec(term, 1..4).prop_map(|t| t.join(" or ")),
        "\\PC{0,30}",
    ];
    let answers = prop::collection::btree_map(
        prop::sample::select(vec!["q1".to_string(), "q2".to_string()]),
        prop_oneof![
            "[a-z]{0,3}".prop_map(Answer::Value),
            prop::collection::vec("[a-z]{0,2}", 0..3).prop_map(Answer::Values),
        ],
        0..3,
    )
    .prop_map(Answers);
    runner
        .run(&(text, answers), |(text, answers)| {
            if let Some(condition) = xlsform::parse_relevant(&text) {
                accepted.fetch_add(1, Ordering::Relaxed);
                let written = xlsform::write_relevant(&condition);
                prop_assert_eq!(xlsform::parse_relevant(&written), Some(condition.clone()));
                let _ = condition.holds(&answers);
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

/// A target: runs `runner`'s cases, counting in `accepted` the inputs that were accepted (and
/// so had their round trip checked).
type Target = fn(&mut TestRunner, &AtomicU64) -> Result<(), String>;

const TARGETS: [(&str, Target); 4] = [
    ("survey definition (JSON)", definition_target),
    ("XLSForm import", xlsform_target),
    ("answer validation", answers_target),
    ("show-if conditions", show_if_target),
];

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn every_target_survives_a_few_hundred_inputs() {
    for (name, target) in TARGETS {
        let accepted = AtomicU64::new(0);
        if let Err(e) = target(&mut runner(300), &accepted) {
            panic!("{name}: {e}");
        }
        // Some inputs must get through, or the round trips are never checked.
        assert!(accepted.into_inner() > 0, "{name}: nothing was accepted");
    }
}

/// Each target for `FUZZ_SECONDS` (30 by default), in rounds of 1,000 inputs, printing how
/// many inputs each was given. Run by `scripts/fuzz.sh`.
#[test]
#[ignore = "long: run by scripts/fuzz.sh"]
fn fuzz_for_a_while() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    for (name, target) in TARGETS {
        let started = Instant::now();
        let mut executions = 0u64;
        let accepted = AtomicU64::new(0);
        while started.elapsed() < Duration::from_secs(seconds) {
            if let Err(e) = target(&mut runner(1_000), &accepted) {
                panic!("{name} after {executions} inputs: {e}");
            }
            executions += 1_000;
        }
        println!(
            "fuzz {name}: {executions} inputs in {:.0} s ({} accepted and read back), no failure",
            started.elapsed().as_secs_f64(),
            accepted.into_inner()
        );
    }
}
