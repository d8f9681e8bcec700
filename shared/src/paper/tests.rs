#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use super::*;
use crate::survey::Text;
use crate::template::community_centre;

fn template() -> SurveyDefinition {
    let districts = vec![
        ("kmn-a".to_string(), Text::ja("北方")),
        ("kmn-b".to_string(), Text::ja("沼")),
    ];
    community_centre(&districts).unwrap().definition
}

fn typed(pairs: &[(&str, &str)]) -> FormValues {
    FormValues(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
    )
}

#[test]
fn printed_numbers_and_values_are_inverse_for_every_question() {
    let def = template();
    for q in def.questions() {
        let values: Vec<String> = match &q.kind {
            QuestionKind::YesNo => vec!["yes".into(), "no".into()],
            QuestionKind::Agreement { points, .. } => {
                (1..=*points).map(|p| p.to_string()).collect()
            }
            QuestionKind::Scale { .. } => (0..=10).map(|p| p.to_string()).collect(),
            QuestionKind::Stars { max } => (1..=*max).map(|p| p.to_string()).collect(),
            QuestionKind::Matrix { columns, .. } => {
                columns.iter().map(|c| c.value.clone()).collect()
            }
            _ => {
                let mut v: Vec<String> = q.options().iter().map(|o| o.value.clone()).collect();
                if q.has_other() {
                    v.push(OTHER.into());
                }
                v
            }
        };
        for value in values {
            let number = option_number(q, &value);
            assert_eq!(
                option_value(q, &number),
                Some(value.clone()),
                "{} {value}",
                q.id
            );
        }
    }
}

#[test]
fn a_typed_sheet_reads_like_the_web_form() {
    let def = template();
    let answers = entry_answers(
        &def,
        &typed(&[
            ("q.use_freq", "４"),
            ("q.not_use_reason", "1 3、7"),
            ("q.not_use_reason.other", "遠い"),
            ("q.sunday", "5"),
            ("q.sunday_use", "1,2"),
            ("q.times", "3"),
            ("q.evening_until", "2"),
            ("q.priorities.elderly", "1"),
            ("q.priorities.disaster", "2"),
            ("q.priorities.parenting", "3"),
            ("q.recommend", "8"),
            ("q.networks", "2"),
            ("q.age", "7"),
            ("q.children", ""),
            ("q.comment", "駐車場を広く"),
        ]),
    )
    .unwrap();
    let value = |id: &str| answers.get(id).cloned();
    assert_eq!(value("use_freq"), Some(Answer::Value("rarely".into())));
    assert_eq!(
        value("not_use_reason"),
        Some(Answer::Values(vec![
            "hours".into(),
            "facilities".into(),
            OTHER.into()
        ]))
    );
    assert_eq!(answers.other_text("not_use_reason"), Some("遠い"));
    assert_eq!(value("evening_until"), Some(Answer::Value("20".into())));
    assert_eq!(
        value("priorities"),
        Some(Answer::Values(vec![
            "elderly".into(),
            "disaster".into(),
            "parenting".into()
        ]))
    );
    assert_eq!(value("networks"), Some(Answer::Value("no".into())));
    assert_eq!(value("age"), Some(Answer::Value("70s".into())));
    // Left blank on paper: unanswered, not an error, even where the web form requires it.
    assert_eq!(value("children"), None);
    // Answered although the sheet said to skip it (use_freq is not weekly/monthly/yearly).
    assert_eq!(value("purposes"), None);
}

#[test]
fn numbers_not_printed_for_a_question_are_refused_at_its_field() {
    let def = template();
    let errors = entry_answers(
        &def,
        &typed(&[
            ("q.use_freq", "9"),
            ("q.sunday", "6"),
            ("q.satisfaction.hours", "7"),
            ("q.age", "x"),
        ]),
    )
    .unwrap_err();
    for field in ["q.use_freq", "q.satisfaction", "q.age"] {
        assert_eq!(
            errors.get(field),
            Some(&FieldError::UnknownOption),
            "{field}"
        );
    }
    assert!(errors.get("q.sunday").is_some(), "agreement has 5 points");
    // Two circles where one is allowed.
    let errors = entry_answers(&def, &typed(&[("q.use_freq", "1 2")])).unwrap_err();
    assert_eq!(
        errors.get("q.use_freq"),
        Some(&FieldError::TooManyChoices { max: 1 })
    );
}

#[test]
fn dates_are_typed_as_written_on_paper() {
    let def = template();
    for written in [
        "2025 4 1",
        "2025.4.1",
        "2025年4月1日",
        "2025-04-01",
        "２０２５/4/1",
    ] {
        let answers = entry_answers(
            &def,
            &typed(&[("q.use_freq", "1"), ("q.last_visit", written)]),
        )
        .unwrap_or_else(|e| panic!("{written}: {e:?}"));
        assert_eq!(
            answers.get("last_visit"),
            Some(&Answer::Value("2025-04-01".into())),
            "{written}"
        );
    }
}

#[test]
fn two_entries_differ_where_a_question_or_its_other_text_differs_and_resolve_per_question() {
    let def = template();
    let first = entry_answers(
        &def,
        &typed(&[
            ("q.use_freq", "4"),
            ("q.not_use_reason", "7"),
            ("q.not_use_reason.other", "遠い"),
            ("q.age", "6"),
        ]),
    )
    .unwrap();
    let second = entry_answers(
        &def,
        &typed(&[
            ("q.use_freq", "4"),
            ("q.not_use_reason", "7"),
            ("q.not_use_reason.other", "遠くて"),
            ("q.age", "7"),
            ("q.sunday", "3"),
        ]),
    )
    .unwrap();
    let ids: Vec<&str> = differences(&def, &first, &second)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["not_use_reason", "sunday", "age"]);
    assert!(differences(&def, &first, &first).is_empty());
    let resolved = resolve(&first, &second, &["age", "sunday"]);
    assert_eq!(resolved.get("age"), Some(&Answer::Value("70s".into())));
    assert_eq!(resolved.get("sunday"), second.get("sunday"));
    assert_eq!(resolved.other_text("not_use_reason"), Some("遠い"));
    let age = def.question("age").unwrap();
    assert_eq!(printed_answer(age, &resolved), "7");
    let reasons = def.question("not_use_reason").unwrap();
    assert_eq!(printed_answer(reasons, &second), "7（遠くて）");
}
