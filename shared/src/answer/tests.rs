//! Every question kind's rules and every condition, checked through the form fields a browser
//! posts.

use super::read::Read;
use super::*;
use crate::survey::{Condition, Section, Text};

fn choice(v: &str) -> Choice {
    Choice::new(v, Text::ja(v))
}

fn choices(vs: &[&str]) -> Vec<Choice> {
    vs.iter().map(|v| choice(v)).collect()
}

fn question(id: &str, required: bool, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        label: Text::ja(format!("質問 {id}")),
        help: None,
        required,
        kind,
        show_if: None,
    }
}

fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
    )
}

/// Reads one question of `kind` from `pairs`.
fn read(kind: QuestionKind, pairs: &[(&str, &str)]) -> Read {
    read_answer(&question("q", false, kind), &form(pairs))
}

fn answer(a: Answer) -> Read {
    Ok(Some((a, None)))
}

fn value(v: &str) -> Read {
    answer(Answer::Value(v.into()))
}

fn number(n: f64) -> Read {
    answer(Answer::Number(n))
}

fn def(sections: Vec<Section>) -> SurveyDefinition {
    match SurveyDefinition::new(sections) {
        Ok(d) => d,
        Err(e) => panic!("test definition must be valid: {e}"),
    }
}

fn section(id: &str, questions: Vec<Question>) -> Section {
    Section {
        id: id.into(),
        title: Text::ja(id),
        intro: None,
        questions,
        show_if: None,
    }
}

#[test]
fn single_choice_takes_one_offered_option_or_other_with_its_text() {
    let kind = || QuestionKind::SingleChoice {
        options: choices(&["yes", "no"]),
        other: true,
    };
    assert_eq!(read(kind(), &[("q.q", " yes ")]), value("yes"));
    assert_eq!(read(kind(), &[("q.q", "")]), Ok(None));
    assert_eq!(read(kind(), &[]), Ok(None));
    assert_eq!(
        read(kind(), &[("q.q", "maybe")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(
        read(kind(), &[("q.q", "yes"), ("q.q", "no")]),
        Err(FieldError::TooManyChoices { max: 1 })
    );
    assert_eq!(
        read(kind(), &[("q.q", "other"), ("q.q.other", " 土曜の夜 ")]),
        Ok(Some((
            Answer::Value("other".into()),
            Some("土曜の夜".into())
        )))
    );
    assert_eq!(
        read(kind(), &[("q.q", "other"), ("q.q.other", "  ")]),
        Err(FieldError::OtherRequired)
    );
    let long = "あ".repeat(OTHER_MAX_LEN as usize + 1);
    assert_eq!(
        read(kind(), &[("q.q", "other"), ("q.q.other", &long)]),
        Err(FieldError::TooLong { max: OTHER_MAX_LEN })
    );
    // Without the "other" option, `other` is just an unknown value.
    let plain = QuestionKind::SingleChoice {
        options: choices(&["yes", "no"]),
        other: false,
    };
    assert_eq!(
        read(plain, &[("q.q", "other")]),
        Err(FieldError::UnknownOption)
    );
}

#[test]
fn multiple_choice_keeps_survey_order_and_checks_limits() {
    let kind = || QuestionKind::MultipleChoice {
        options: choices(&["a", "b", "c"]),
        min: Some(2),
        max: Some(3),
        other: true,
    };
    assert_eq!(
        read(kind(), &[("q.q", "c"), ("q.q", "a"), ("q.q", "a")]),
        answer(Answer::Values(vec!["a".into(), "c".into()]))
    );
    assert_eq!(
        read(kind(), &[("q.q", "a")]),
        Err(FieldError::TooFewChoices { min: 2 })
    );
    assert_eq!(
        read(
            kind(),
            &[("q.q", "a"), ("q.q", "b"), ("q.q", "c"), ("q.q", "other")]
        ),
        Err(FieldError::TooManyChoices { max: 3 })
    );
    assert_eq!(
        read(kind(), &[("q.q", "a"), ("q.q", "zzz")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(
        read(
            kind(),
            &[("q.q", "other"), ("q.q", "b"), ("q.q.other", "卓球")]
        ),
        Ok(Some((
            Answer::Values(vec!["b".into(), "other".into()]),
            Some("卓球".into())
        )))
    );
    assert_eq!(
        read(kind(), &[("q.q", "other"), ("q.q", "b")]),
        Err(FieldError::OtherRequired)
    );
    assert_eq!(read(kind(), &[]), Ok(None));
}

#[test]
fn dropdown_and_yes_no_take_one_known_value() {
    let dropdown = || QuestionKind::Dropdown {
        options: choices(&["d1", "d2"]),
    };
    assert_eq!(read(dropdown(), &[("q.q", "d2")]), value("d2"));
    assert_eq!(
        read(dropdown(), &[("q.q", "d3")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(read(QuestionKind::YesNo, &[("q.q", "no")]), value("no"));
    assert_eq!(
        read(QuestionKind::YesNo, &[("q.q", "はい")]),
        Err(FieldError::UnknownOption)
    );
}

#[test]
fn scales_and_stars_take_a_whole_point_in_range() {
    let agree = || QuestionKind::Agreement {
        points: 5,
        labels: None,
    };
    assert_eq!(read(agree(), &[("q.q", "5")]), number(5.0));
    assert_eq!(
        read(agree(), &[("q.q", "6")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(
        read(agree(), &[("q.q", "0")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(
        read(agree(), &[("q.q", "2.5")]),
        Err(FieldError::UnknownOption)
    );
    let scale = || QuestionKind::Scale {
        low: None,
        high: None,
    };
    assert_eq!(read(scale(), &[("q.q", "0")]), number(0.0));
    assert_eq!(read(scale(), &[("q.q", "10")]), number(10.0));
    assert_eq!(
        read(scale(), &[("q.q", "11")]),
        Err(FieldError::UnknownOption)
    );
    let stars = || QuestionKind::Stars { max: 5 };
    assert_eq!(read(stars(), &[("q.q", "3")]), number(3.0));
    assert_eq!(
        read(stars(), &[("q.q", "0")]),
        Err(FieldError::UnknownOption)
    );
}

#[test]
fn numbers_accept_japanese_input_and_check_limits() {
    let people = || QuestionKind::Number {
        min: Some(1.0),
        max: Some(20.0),
        integer: true,
        unit: Some(Text::ja("人")),
    };
    assert_eq!(read(people(), &[("q.q", "４")]), number(4.0));
    assert_eq!(read(people(), &[("q.q", " 12 ")]), number(12.0));
    assert_eq!(
        read(people(), &[("q.q", "四")]),
        Err(FieldError::NotANumber)
    );
    assert_eq!(read(people(), &[("q.q", "2.5")]), Err(FieldError::NotWhole));
    assert_eq!(
        read(people(), &[("q.q", "21")]),
        Err(FieldError::OutOfRange {
            min: Some("1".into()),
            max: Some("20".into())
        })
    );
    let money = QuestionKind::Number {
        min: None,
        max: None,
        integer: false,
        unit: None,
    };
    assert_eq!(
        read(money.clone(), &[("q.q", "１，０００．５")]),
        number(1000.5)
    );
    assert_eq!(read(money.clone(), &[("q.q", "－3")]), number(-3.0));
    assert_eq!(
        read(money.clone(), &[("q.q", "inf")]),
        Err(FieldError::NotANumber)
    );
    assert_eq!(read(money, &[("q.q", "NaN")]), Err(FieldError::NotANumber));
}

#[test]
fn text_is_trimmed_and_counted_in_characters() {
    let kind = || QuestionKind::Text {
        multiline: true,
        max_len: 5,
    };
    assert_eq!(read(kind(), &[("q.q", " 日曜\r\nに ")]), value("日曜\nに"));
    assert_eq!(read(kind(), &[("q.q", "五文字です")]), value("五文字です"));
    assert_eq!(
        read(kind(), &[("q.q", "六文字です！")]),
        Err(FieldError::TooLong { max: 5 })
    );
    assert_eq!(read(kind(), &[("q.q", "   ")]), Ok(None));
    // A control character (NUL cannot be stored by PostgreSQL) is refused with its own
    // message, not stored; tabs and line breaks are text.
    assert_eq!(
        read(kind(), &[("q.q", "日\0曜")]),
        Err(FieldError::ControlCharacters)
    );
    assert_eq!(
        read(kind(), &[("q.q", "a\u{1b}b")]),
        Err(FieldError::ControlCharacters)
    );
    assert_eq!(read(kind(), &[("q.q", "日\t曜")]), value("日\t曜"));
}

#[test]
fn dates_are_calendar_days_within_limits() {
    let kind = || QuestionKind::Date {
        min: Some("2026-01-01".into()),
        max: Some("2026-12-31".into()),
    };
    assert_eq!(read(kind(), &[("q.q", "2026-03-08")]), value("2026-03-08"));
    assert_eq!(
        read(kind(), &[("q.q", "２０２６/３/８")]),
        value("2026-03-08")
    );
    assert_eq!(
        read(kind(), &[("q.q", "2026-02-30")]),
        Err(FieldError::NotADate)
    );
    assert_eq!(read(kind(), &[("q.q", "来週")]), Err(FieldError::NotADate));
    assert_eq!(
        read(kind(), &[("q.q", "2027-01-01")]),
        Err(FieldError::OutOfRange {
            min: Some("2026-01-01".into()),
            max: Some("2026-12-31".into())
        })
    );
}

#[test]
fn dates_follow_the_calendar() {
    let d = |s: &str| parse_date(s).map(|d| d.to_string());
    assert_eq!(d("2024-02-29"), Some("2024-02-29".into()), "leap year");
    assert_eq!(d("2000-02-29"), Some("2000-02-29".into()), "leap century");
    assert_eq!(d("1900-02-29"), None, "not a leap century");
    assert_eq!(d("2026-04-31"), None);
    assert_eq!(d("2026-4-3"), Some("2026-04-03".into()));
    assert_eq!(d("26-04-03"), None, "four-digit years only");
    assert_eq!(d("2026-04-03-01"), None);
    assert_eq!(d("2026-+4-03"), None);
    assert!(parse_date("2026-01-31") < parse_date("2026-02-01"));
}

#[test]
fn the_browser_and_server_agree_on_what_is_shown() {
    let d = logic_survey();
    let questions = &d.sections()[0].questions;
    let shown = |pairs: &[(&str, &str)]| {
        shown_questions(questions.iter(), &form(pairs), &Answers::default())
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&[("q.use", "no")]), vec!["use", "sunday"]);
    assert_eq!(shown(&[("q.use", "yes")]), vec!["use", "often", "sunday"]);
    // An invalid answer shows nothing that depends on it.
    assert_eq!(shown(&[("q.use", "perhaps")]), vec!["use", "sunday"]);
}

#[test]
fn rankings_need_every_rank_once_up_to_top() {
    let kind = |top| QuestionKind::Ranking {
        options: choices(&["a", "b", "c"]),
        top,
    };
    assert_eq!(
        read(
            kind(None),
            &[("q.q.a", "2"), ("q.q.b", "3"), ("q.q.c", "1")]
        ),
        answer(Answer::Values(vec!["c".into(), "a".into(), "b".into()]))
    );
    assert_eq!(
        read(
            kind(Some(2)),
            &[("q.q.b", "1"), ("q.q.a", "2"), ("q.q.c", "")]
        ),
        answer(Answer::Values(vec!["b".into(), "a".into()]))
    );
    assert_eq!(
        read(
            kind(None),
            &[("q.q.a", "1"), ("q.q.b", "1"), ("q.q.c", "2")]
        ),
        Err(FieldError::RankRepeated)
    );
    // A required ranking needs every rank; an optional one may stop early, without gaps.
    let required =
        |kind, pairs: &[(&str, &str)]| read_answer(&question("q", true, kind), &form(pairs));
    assert_eq!(
        required(kind(None), &[("q.q.a", "1"), ("q.q.b", "2")]),
        Err(FieldError::RankingIncomplete { needed: 3 })
    );
    assert_eq!(
        read(kind(None), &[("q.q.a", "1"), ("q.q.b", "2")]),
        answer(Answer::Values(vec!["a".into(), "b".into()]))
    );
    assert_eq!(
        read(kind(None), &[("q.q.c", "1")]),
        answer(Answer::Values(vec!["c".into()]))
    );
    assert_eq!(
        read(kind(None), &[("q.q.a", "1"), ("q.q.b", "3")]),
        Err(FieldError::RankingGap)
    );
    assert_eq!(
        read(kind(None), &[("q.q.a", "2")]),
        Err(FieldError::RankingGap)
    );
    assert_eq!(
        read(kind(Some(2)), &[("q.q.a", "3")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(read(kind(None), &[("q.q.a", "")]), Ok(None));
}

#[test]
fn matrices_need_a_known_column_for_every_row() {
    let kind = || QuestionKind::Matrix {
        rows: choices(&["quiet", "clean"]),
        columns: choices(&["bad", "ok", "good"]),
    };
    let mut both = BTreeMap::new();
    both.insert("quiet".to_string(), "ok".to_string());
    both.insert("clean".to_string(), "good".to_string());
    assert_eq!(
        read(kind(), &[("q.q.quiet", "ok"), ("q.q.clean", "good")]),
        answer(Answer::Rows(both))
    );
    // An optional matrix may be answered in part; a required one needs every row.
    let mut one_row = BTreeMap::new();
    one_row.insert("quiet".to_string(), "ok".to_string());
    assert_eq!(
        read(kind(), &[("q.q.quiet", "ok")]),
        answer(Answer::Rows(one_row))
    );
    assert_eq!(
        read_answer(&question("q", true, kind()), &form(&[("q.q.quiet", "ok")])),
        Err(FieldError::RowsMissing)
    );
    assert_eq!(
        read(kind(), &[("q.q.quiet", "ok"), ("q.q.clean", "great")]),
        Err(FieldError::UnknownOption)
    );
    assert_eq!(read(kind(), &[]), Ok(None));
}

/// A two-section survey: "do you use the centre?"; if yes, how often (same section); the
/// second section only for people who want Sunday opening.
fn logic_survey() -> SurveyDefinition {
    let mut how_often = question(
        "often",
        true,
        QuestionKind::SingleChoice {
            options: choices(&["weekly", "monthly"]),
            other: false,
        },
    );
    how_often.show_if = Some(Condition::Equals {
        question: "use".into(),
        value: "yes".into(),
    });
    let mut why = question(
        "why",
        true,
        QuestionKind::Text {
            multiline: false,
            max_len: 50,
        },
    );
    why.show_if = Some(Condition::AnyOf {
        question: "sunday".into(),
        values: vec!["4".into(), "5".into()],
    });
    let mut sunday_section = section("sunday-plans", vec![why]);
    sunday_section.show_if = Some(Condition::Answered {
        question: "sunday".into(),
    });
    def(vec![
        section(
            "use",
            vec![
                question("use", true, QuestionKind::YesNo),
                how_often,
                question(
                    "sunday",
                    false,
                    QuestionKind::Agreement {
                        points: 5,
                        labels: None,
                    },
                ),
            ],
        ),
        sunday_section,
    ])
}

#[test]
fn hidden_questions_are_neither_required_nor_stored() {
    let d = logic_survey();
    // "No": the follow-up is hidden, so it is not required and a posted value is dropped.
    let answers = collect_answers(&d, &form(&[("q.use", "no"), ("q.often", "weekly")]));
    let mut expected = Answers::default();
    expected.0.insert("use".into(), Answer::Value("no".into()));
    assert_eq!(answers, Ok(expected));
    // "Yes": now it is shown and required.
    let mut required = FieldErrors::default();
    required.push("q.often", FieldError::Required);
    assert_eq!(
        collect_answers(&d, &form(&[("q.use", "yes")])),
        Err(required)
    );
}

#[test]
fn a_condition_on_an_earlier_section_decides_a_later_one() {
    let d = logic_survey();
    // Sunday agreement 5: the second section shows and its question is required.
    let mut errors = FieldErrors::default();
    errors.push("q.why", FieldError::Required);
    assert_eq!(
        collect_answers(&d, &form(&[("q.use", "no"), ("q.sunday", "5")])),
        Err(errors)
    );
    // Sunday agreement 2: the section shows (answered) but its question does not.
    let ok = collect_answers(
        &d,
        &form(&[("q.use", "no"), ("q.sunday", "2"), ("q.why", "ignored")]),
    );
    assert_eq!(ok.map(|a| a.get("why").cloned()), Ok(None));
    // Section by section, with the earlier answers known.
    let mut known = Answers::default();
    known.0.insert("sunday".into(), Answer::Number(4.0));
    assert_eq!(
        collect_section(&d, 1, &form(&[("q.why", "子どもと行きたい")]), &known)
            .map(|a| a.get("why").cloned()),
        Ok(Some(Answer::Value("子どもと行きたい".into())))
    );
}

#[test]
fn changing_an_earlier_answer_prunes_what_it_no_longer_shows() {
    let d = logic_survey();
    let Ok(mut saved) = collect_answers(
        &d,
        &form(&[
            ("q.use", "yes"),
            ("q.often", "weekly"),
            ("q.sunday", "5"),
            ("q.why", "家族で"),
        ]),
    ) else {
        panic!("complete answers")
    };
    assert_eq!(saved.0.len(), 4);
    // The respondent goes back and answers "no" and removes the Sunday answer.
    let Ok(first) = collect_section(&d, 0, &form(&[("q.use", "no")]), &saved) else {
        panic!("valid section")
    };
    saved.replace(d.sections()[0].questions.iter(), first);
    let complete = check_complete(&d, &saved);
    let mut expected = Answers::default();
    expected.0.insert("use".into(), Answer::Value("no".into()));
    assert_eq!(complete, Ok(expected));
}

#[test]
fn incomplete_saved_answers_point_at_the_first_section_to_fix() {
    let d = logic_survey();
    let mut saved = Answers::default();
    saved.0.insert("use".into(), Answer::Value("no".into()));
    saved.0.insert("sunday".into(), Answer::Number(5.0));
    let mut errors = FieldErrors::default();
    errors.push("q.why", FieldError::Required);
    assert_eq!(check_complete(&d, &saved), Err((1, errors)));
    let mut nothing = FieldErrors::default();
    nothing.push("q.use", FieldError::Required);
    assert_eq!(check_complete(&d, &Answers::default()), Err((0, nothing)));
}

#[test]
fn stored_answers_come_back_as_the_form_that_made_them() {
    let d = def(vec![section(
        "all",
        vec![
            question(
                "one",
                false,
                QuestionKind::SingleChoice {
                    options: choices(&["a", "b"]),
                    other: true,
                },
            ),
            question(
                "many",
                false,
                QuestionKind::MultipleChoice {
                    options: choices(&["a", "b"]),
                    min: None,
                    max: None,
                    other: false,
                },
            ),
            question("stars", false, QuestionKind::Stars { max: 5 }),
            question(
                "rank",
                false,
                QuestionKind::Ranking {
                    options: choices(&["a", "b"]),
                    top: None,
                },
            ),
            question(
                "grid",
                false,
                QuestionKind::Matrix {
                    rows: choices(&["r1", "r2"]),
                    columns: choices(&["c1", "c2"]),
                },
            ),
        ],
    )]);
    let posted = form(&[
        ("q.one", "other"),
        ("q.one.other", "自由"),
        ("q.many", "a"),
        ("q.many", "b"),
        ("q.stars", "4"),
        ("q.rank.b", "1"),
        ("q.rank.a", "2"),
        ("q.grid.r1", "c2"),
        ("q.grid.r2", "c1"),
    ]);
    let Ok(answers) = collect_answers(&d, &posted) else {
        panic!("valid answers")
    };
    let again = collect_answers(&d, &answers_to_form(&d, &answers));
    assert_eq!(again, Ok(answers.clone()));
    let json = serde_json::to_string(&answers).unwrap_or_default();
    let back: Result<Answers, _> = serde_json::from_str(&json);
    assert_eq!(back.ok(), Some(answers));
}

#[test]
fn form_values_keep_what_was_typed() {
    let f = form(&[("q.uses", "a"), ("q.uses", "c"), ("q.comment", "x")]);
    assert!(f.contains("q.uses", "c"));
    assert!(!f.contains("q.uses", "b"));
    assert_eq!(f.first("q.comment"), Some("x"));
    assert_eq!(f.first("q.none"), None);
}
