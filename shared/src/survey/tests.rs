use super::*;

fn choice(v: &str) -> Choice {
    Choice::new(v, Text::ja(v))
}

fn question(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        label: Text::ja("質問"),
        help: None,
        required: true,
        kind,
        show_if: None,
    }
}

fn single(id: &str, options: Vec<Choice>) -> Question {
    question(
        id,
        QuestionKind::SingleChoice {
            options,
            other: false,
        },
    )
}

fn section(id: &str, questions: Vec<Question>) -> Section {
    Section {
        id: id.into(),
        title: Text::ja("ページ"),
        intro: None,
        questions,
        show_if: None,
    }
}

fn one(q: Question) -> Result<SurveyDefinition, DefinitionError> {
    SurveyDefinition::new(vec![section("s", vec![q])])
}

fn two() -> Vec<Choice> {
    vec![choice("x"), choice("y")]
}

#[test]
fn definitions_round_trip_through_json_and_are_checked_on_the_way_in() {
    let def = one(single("a", two())).map_err(|e| e.to_string());
    let Ok(json) = def.as_ref().map(SurveyDefinition::to_json) else {
        panic!("valid definition: {def:?}")
    };
    assert_eq!(
        SurveyDefinition::parse_json(&json).map_err(|e| e.to_string()),
        def
    );
    let broken = json.replace("\"y\"", "\"x\"");
    assert_eq!(
        SurveyDefinition::parse_json(&broken),
        Err(DefinitionError::BadOptions("a".into()))
    );
    assert!(matches!(
        SurveyDefinition::parse_json("{\"sections\": 3}"),
        Err(DefinitionError::Malformed(_))
    ));
}

#[test]
fn definitions_from_before_sections_read_as_one_section() {
    let json = r#"{"questions":[{"id":"a","label":{"ja":"質問"},"required":true,
        "kind":{"single_choice":{"options":[{"value":"x","label":{"ja":"x"}},
        {"value":"y","label":{"ja":"y"}}]}}}]}"#;
    let def = SurveyDefinition::parse_json(json).map_err(|e| e.to_string());
    assert_eq!(def.as_ref().map(|d| d.sections().len()), Ok(1));
    assert_eq!(
        def.as_ref()
            .map(|d| d.questions().map(|q| q.id.clone()).collect::<Vec<_>>()),
        Ok(vec!["a".to_string()])
    );
}

#[test]
fn every_kind_round_trips_through_json() {
    let kinds = vec![
        QuestionKind::SingleChoice {
            options: two(),
            other: true,
        },
        QuestionKind::MultipleChoice {
            options: two(),
            min: Some(1),
            max: Some(2),
            other: false,
        },
        QuestionKind::Dropdown { options: two() },
        QuestionKind::YesNo,
        QuestionKind::Agreement {
            points: 5,
            labels: None,
        },
        QuestionKind::Scale {
            low: Some(Text::ja("全く")),
            high: None,
        },
        QuestionKind::Stars { max: 5 },
        QuestionKind::Number {
            min: Some(0.0),
            max: Some(120.5),
            integer: false,
            unit: Some(Text::ja("歳")),
        },
        QuestionKind::Text {
            multiline: true,
            max_len: 400,
        },
        QuestionKind::Date {
            min: Some("2026-01-01".into()),
            max: None,
        },
        QuestionKind::Ranking {
            options: vec![choice("a"), choice("b"), choice("c")],
            top: Some(2),
        },
        QuestionKind::Matrix {
            rows: two(),
            columns: vec![choice("lo"), choice("hi")],
        },
    ];
    let questions: Vec<Question> = kinds
        .into_iter()
        .enumerate()
        .map(|(i, k)| question(&format!("q{i}"), k))
        .collect();
    let def = SurveyDefinition::new(vec![section("s", questions)]);
    let Ok(def) = def else {
        panic!("every kind has a valid example: {def:?}")
    };
    assert_eq!(
        SurveyDefinition::parse_json(&def.to_json()).as_ref(),
        Ok(&def)
    );
    assert!(def.to_json().contains("\"yes_no\""));
}

#[test]
fn every_rule_of_a_definition_is_enforced() {
    use DefinitionError as E;
    assert_eq!(SurveyDefinition::new(vec![]), Err(E::Empty));
    assert_eq!(
        SurveyDefinition::new(vec![section("s", vec![])]),
        Err(E::Empty)
    );
    assert_eq!(
        SurveyDefinition::new(vec![section(
            "s",
            vec![single("a", two()), single("a", two())]
        )]),
        Err(E::DuplicateId("a".into()))
    );
    assert_eq!(
        SurveyDefinition::new(vec![
            section("s", vec![single("a", two())]),
            section("s", vec![single("b", two())])
        ]),
        Err(E::DuplicateId("s".into()))
    );
    assert_eq!(one(single("a b", two())), Err(E::BadId("a b".into())));
    assert_eq!(
        one(single("a", vec![choice("x")])),
        Err(E::BadOptions("a".into()))
    );
    let mut unlabelled = single("a", two());
    unlabelled.label = Text::ja(" ");
    assert_eq!(one(unlabelled), Err(E::MissingLabel("a".into())));
    let bad = |kind: QuestionKind| one(question("k", kind));
    let limits = Err(E::BadLimits("k".into()));
    assert_eq!(
        bad(QuestionKind::MultipleChoice {
            options: two(),
            min: Some(2),
            max: Some(1),
            other: false
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Text {
            multiline: false,
            max_len: MAX_TEXT_LEN + 1
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Agreement {
            points: 4,
            labels: None
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Agreement {
            points: 5,
            labels: Some(vec![Text::ja("a")])
        }),
        limits
    );
    assert_eq!(bad(QuestionKind::Stars { max: 11 }), limits);
    assert_eq!(
        bad(QuestionKind::Number {
            min: Some(5.0),
            max: Some(1.0),
            integer: true,
            unit: None
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Number {
            min: Some(f64::NAN),
            max: None,
            integer: true,
            unit: None
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Date {
            min: Some("2026-13-01".into()),
            max: None
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Date {
            min: Some("2026-12-01".into()),
            max: Some("2026-11-01".into())
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Ranking {
            options: two(),
            top: Some(3)
        }),
        limits
    );
    assert_eq!(
        bad(QuestionKind::Matrix {
            rows: vec![],
            columns: two()
        }),
        Err(E::BadOptions("k".into()))
    );
    assert_eq!(
        bad(QuestionKind::SingleChoice {
            options: vec![choice("x"), choice(OTHER)],
            other: true
        }),
        Err(E::BadOptions("k".into()))
    );
}

#[test]
fn conditions_must_point_back_at_a_possible_answer() {
    let first = single("first", two());
    let conditional = |condition: Condition| {
        let mut q = single("later", two());
        q.show_if = Some(condition);
        q
    };
    let ok = SurveyDefinition::new(vec![section(
        "s",
        vec![
            first.clone(),
            conditional(Condition::Equals {
                question: "first".into(),
                value: "x".into(),
            }),
        ],
    )]);
    assert!(ok.is_ok(), "{ok:?}");
    let refused = |questions: Vec<Question>| {
        SurveyDefinition::new(vec![section("s", questions)])
            == Err(DefinitionError::BadCondition("later".into()))
    };
    // A value the question does not offer.
    assert!(refused(vec![
        first.clone(),
        conditional(Condition::Equals {
            question: "first".into(),
            value: "z".into()
        })
    ]));
    // A question asked later, or itself.
    assert!(refused(vec![
        conditional(Condition::Answered {
            question: "first".into()
        }),
        first.clone()
    ]));
    // An empty list.
    assert!(refused(vec![
        first,
        conditional(Condition::AnyOf {
            question: "first".into(),
            values: vec![]
        })
    ]));
    // Text can only be asked whether it was answered.
    let text = question(
        "first",
        QuestionKind::Text {
            multiline: false,
            max_len: 10,
        },
    );
    assert!(refused(vec![
        text.clone(),
        conditional(Condition::Equals {
            question: "first".into(),
            value: "x".into()
        })
    ]));
    assert!(!refused(vec![
        text,
        conditional(Condition::Answered {
            question: "first".into()
        })
    ]));
    // Scales compare with their points; "other" is a possible value when offered.
    let scale = question(
        "first",
        QuestionKind::Agreement {
            points: 5,
            labels: None,
        },
    );
    assert!(!refused(vec![
        scale.clone(),
        conditional(Condition::AnyOf {
            question: "first".into(),
            values: vec!["4".into(), "5".into()]
        })
    ]));
    assert!(refused(vec![
        scale,
        conditional(Condition::Equals {
            question: "first".into(),
            value: "6".into()
        })
    ]));
}

#[test]
fn conditions_hold_on_the_answers_they_name() {
    let mut answers = Answers::default();
    answers.0.insert("one".into(), Answer::Value("yes".into()));
    answers
        .0
        .insert("many".into(), Answer::Values(vec!["a".into(), "b".into()]));
    answers.0.insert("score".into(), Answer::Number(4.0));
    let eq = |q: &str, v: &str| Condition::Equals {
        question: q.into(),
        value: v.into(),
    };
    assert!(eq("one", "yes").holds(&answers));
    assert!(!eq("one", "no").holds(&answers));
    assert!(eq("many", "b").holds(&answers));
    assert!(!eq("many", "c").holds(&answers));
    assert!(eq("score", "4").holds(&answers));
    assert!(!eq("score", "5").holds(&answers));
    assert!(!eq("missing", "yes").holds(&answers));
    let any = |q: &str, vs: &[&str]| Condition::AnyOf {
        question: q.into(),
        values: vs.iter().map(|v| (*v).to_string()).collect(),
    };
    assert!(any("many", &["z", "a"]).holds(&answers));
    assert!(!any("many", &["z", "y"]).holds(&answers));
    assert!(any("score", &["4", "5"]).holds(&answers));
    let answered = |q: &str| Condition::Answered { question: q.into() };
    assert!(answered("one").holds(&answers));
    assert!(!answered("missing").holds(&answers));
}

#[test]
fn sections_can_be_skipped_by_a_condition() {
    let mut later = section("later", vec![single("b", two())]);
    later.show_if = Some(Condition::Equals {
        question: "a".into(),
        value: "y".into(),
    });
    let def = SurveyDefinition::new(vec![section("first", vec![single("a", two())]), later]);
    let Ok(def) = def else {
        panic!("valid: {def:?}")
    };
    let mut answers = Answers::default();
    assert_eq!(def.shown_sections(&answers), vec![0]);
    answers.0.insert("a".into(), Answer::Value("y".into()));
    assert_eq!(def.shown_sections(&answers), vec![0, 1]);
    assert_eq!(def.section_of("b"), Some(1));
}
