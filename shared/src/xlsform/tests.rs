#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail by panicking"
)]

use super::*;
use crate::template::community_centre;

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_string()).collect())
            .collect(),
    }
}

/// The standard wording, as the interface would give it (only its shape matters here).
fn standard(points: u8) -> Vec<Text> {
    (1..=points).map(|p| Text::ja(format!("{p}"))).collect()
}

#[test]
fn the_template_round_trips_unchanged() {
    let districts = vec![
        ("kmn-a".to_string(), Text::ja("北方")),
        ("kmn-b".to_string(), Text::ja("沼")),
    ];
    let template = community_centre(&districts).unwrap();
    let book = export(
        &template.title,
        &template.intro,
        "shimin-center",
        &template.definition,
        &standard,
    );
    let back = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(back.definition, template.definition);
    assert_eq!(back.title.as_ref(), Some(&template.title));
    assert_eq!(back.intro.as_ref(), Some(&template.intro));
    assert_eq!(back.form_id.as_deref(), Some("shimin-center"));
    assert!(back.notes.is_empty());
}

fn odk_form(survey: &[&[&str]]) -> Workbook {
    Workbook {
        sheets: vec![
            sheet("survey", survey),
            sheet(
                "choices",
                &[
                    &["list_name", "name", "label", "label::English (en)"],
                    &["freq", "often", "よく", "Often"],
                    &["freq", "never", "使わない", "Never"],
                    &["yes_no", "yes", "はい", "Yes"],
                    &["yes_no", "no", "いいえ", "No"],
                ],
            ),
            sheet(
                "settings",
                &[
                    &["form_title", "form_id", "default_language"],
                    &["地域調査", "chiiki", "Japanese (ja)"],
                ],
            ),
        ],
    }
}

#[test]
fn an_odk_style_form_without_groups_reads_as_one_section() {
    let book = odk_form(&[
        &[
            "type",
            "name",
            "label",
            "label::English (en)",
            "required",
            "relevant",
            "hint",
        ],
        &["start", "start", "", "", "", "", ""],
        &[
            "select_one freq or_other",
            "use",
            "使いますか",
            "Do you use it?",
            "yes",
            "",
            "一つ",
        ],
        &[
            "select_one yes_no",
            "again",
            "また来ますか",
            "",
            "true()",
            "${use} = 'often'",
            "",
        ],
        &[
            "integer",
            "age",
            "年齢",
            "",
            "",
            "selected(${use}, 'often') or selected(${use}, 'never')",
            "",
        ],
        &["text", "why", "理由", "", "", "${use} != ''", ""],
    ]);
    let got = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(got.title, Some(Text::ja("地域調査")));
    assert_eq!(
        got.notes.len(),
        1,
        "the start metadata is skipped with a note"
    );
    let d = &got.definition;
    assert_eq!(d.sections().len(), 1);
    let q = |id: &str| d.question(id).unwrap();
    assert!(matches!(
        q("use").kind,
        QuestionKind::SingleChoice { other: true, .. }
    ));
    assert_eq!(q("use").label.en.as_deref(), Some("Do you use it?"));
    assert_eq!(q("use").help, Some(Text::ja("一つ")));
    assert!(q("use").required);
    assert_eq!(q("again").kind, QuestionKind::YesNo);
    assert_eq!(
        q("again").show_if,
        Some(Condition::Equals {
            question: "use".into(),
            value: "often".into()
        })
    );
    assert_eq!(
        q("age").show_if,
        Some(Condition::AnyOf {
            question: "use".into(),
            values: vec!["often".into(), "never".into()]
        })
    );
    assert!(matches!(
        q("age").kind,
        QuestionKind::Number { integer: true, .. }
    ));
    assert_eq!(
        q("why").show_if,
        Some(Condition::Answered {
            question: "use".into()
        })
    );
    assert_eq!(
        q("why").kind,
        QuestionKind::Text {
            multiline: false,
            max_len: 400
        }
    );
}

#[test]
fn what_yoriai_cannot_represent_is_reported_row_by_row_and_nothing_is_imported() {
    let book = odk_form(&[
        &[
            "type",
            "name",
            "label",
            "label::Korean (ko)",
            "relevant",
            "constraint",
            "media::image",
        ],
        &["begin_group", "g", "グループ", "", "", "", ""],
        &["geopoint", "where", "場所", "", "", "", ""],
        &["select_one nolist", "pick", "選ぶ", "", "", "", ""],
        &["text", "t", "", "", "", "", ""],
        &[
            "integer",
            "n",
            "数",
            "",
            "${t} > 3",
            ". mod 2 = 0",
            "photo.jpg",
        ],
        &["begin_group", "inner", "内側", "", "", "", ""],
    ]);
    let issues = import(&book).unwrap_err();
    let at = |row: usize, column: &str| {
        issues
            .iter()
            .find(|i| i.row == row && i.column.as_deref() == Some(column))
            .map(|i| i.problem.clone())
            .unwrap_or_else(|| panic!("no issue at row {row}, {column}: {issues:#?}"))
    };
    assert_eq!(
        at(1, "label::Korean (ko)"),
        Problem::UnsupportedLanguage("Korean (ko)".into())
    );
    assert_eq!(at(3, "type"), Problem::UnsupportedType("geopoint".into()));
    assert_eq!(at(4, "type"), Problem::UnknownList("nolist".into()));
    assert_eq!(
        at(6, "relevant"),
        Problem::UnsupportedRelevant("${t} > 3".into())
    );
    assert_eq!(
        at(6, "constraint"),
        Problem::UnsupportedConstraint(". mod 2 = 0".into())
    );
    assert_eq!(at(6, "media::image"), Problem::UnsupportedColumn);
    assert_eq!(at(7, "type"), Problem::NestedGroup);
    assert_eq!(at(2, "type"), Problem::UnclosedGroup);
    assert!(issues.iter().all(|i| i.sheet == "survey"));
}

#[test]
fn a_definition_problem_points_at_the_row_of_the_question() {
    let book = odk_form(&[
        &["type", "name", "label", "relevant"],
        &["text", "first", "最初", "${later} = 'x'"],
        &["select_one freq", "later", "あと", ""],
    ]);
    let issues = import(&book).unwrap_err();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].row, 2);
    assert_eq!(issues[0].column.as_deref(), Some("name"));
    assert!(matches!(
        issues[0].problem,
        Problem::Definition(DefinitionError::BadCondition(_))
    ));
}

#[test]
fn relevant_expressions_read_back_what_is_written() {
    for c in [
        Condition::Equals {
            question: "a".into(),
            value: "x".into(),
        },
        Condition::AnyOf {
            question: "a".into(),
            values: vec!["x".into()],
        },
        Condition::AnyOf {
            question: "a".into(),
            values: vec!["x".into(), "y".into()],
        },
        Condition::Answered {
            question: "a".into(),
        },
    ] {
        assert_eq!(parse_relevant(&write_relevant(&c)), Some(c));
    }
    assert_eq!(parse_relevant("${a} = 'x' and ${b} = 'y'"), None);
    assert_eq!(parse_relevant("${a} = 'x' or ${b} = 'y'"), None);
}

/// Found by `tests/fuzz.rs`: a list named with capitals was looked up in lower case, so a
/// question whose id has capitals (its list is named after it) did not import back.
#[test]
fn list_names_keep_their_case_and_type_words_do_not_matter() {
    let book = Workbook {
        sheets: vec![
            sheet(
                "survey",
                &[
                    &["type", "name", "label"],
                    &["Select_One Places OR_OTHER", "Where", "どこで"],
                ],
            ),
            sheet(
                "choices",
                &[
                    &["list_name", "name", "label"],
                    &["Places", "park", "公園"],
                    &["Places", "library", "図書館"],
                    &["places", "shop", "店"],
                ],
            ),
        ],
    };
    let imported = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    let q = imported.definition.question("Where").unwrap();
    let values: Vec<&str> = q.options().iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["park", "library"], "the list named exactly so");
    assert!(matches!(
        q.kind,
        QuestionKind::SingleChoice { other: true, .. }
    ));
    let again = import(&export(
        &Text::ja("題"),
        &Text::ja("説明"),
        "f",
        &imported.definition,
        &standard,
    ))
    .unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(again.definition, imported.definition);
}

/// Found by `tests/fuzz.rs`: a question whose id is a list name the format reserves (`yes_no`)
/// or that another list already uses took that list over on export.
#[test]
fn lists_named_after_questions_never_collide() {
    let choices = |values: &[&str]| -> Vec<Choice> {
        values
            .iter()
            .map(|v| Choice::new(*v, Text::ja(*v)))
            .collect()
    };
    let q = |id: &str, kind: QuestionKind| Question {
        id: id.into(),
        label: Text::ja(id),
        help: None,
        required: false,
        kind,
        show_if: None,
    };
    let def = SurveyDefinition::new(vec![Section {
        id: "s".into(),
        title: Text::ja("s"),
        intro: None,
        questions: vec![
            q(
                "yes_no",
                QuestionKind::MultipleChoice {
                    options: choices(&["a", "b"]),
                    min: None,
                    max: None,
                    other: false,
                },
            ),
            q("ok", QuestionKind::YesNo),
            q(
                "yoriai_agree5",
                QuestionKind::SingleChoice {
                    options: choices(&["x", "y"]),
                    other: false,
                },
            ),
            q(
                "sunday",
                QuestionKind::Agreement {
                    points: 5,
                    labels: None,
                },
            ),
        ],
        show_if: None,
    }])
    .unwrap();
    let book = export(&Text::ja("題"), &Text::ja("説明"), "f", &def, &standard);
    let back = import(&book).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(back.definition, def);
}
