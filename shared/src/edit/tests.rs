use super::*;

/// Two sections: s1 with q1 and q0, s2 (added by the builder) with q2.
fn start() -> SurveyDefinition {
    let def = apply(
        &match SurveyDefinition::parse_json(
            r#"{"sections":[{"id":"s1","title":{"ja":"一"},"questions":[
            {"id":"q1","label":{"ja":"質問1"},"kind":"yes_no"},
            {"id":"q0","label":{"ja":"質問0"},"kind":"yes_no"}]}]}"#,
        ) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        },
        &Edit::AddSection,
    );
    match def {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

fn ids(def: &SurveyDefinition) -> Vec<Vec<String>> {
    def.sections()
        .iter()
        .map(|s| s.questions.iter().map(|q| q.id.clone()).collect())
        .collect()
}

#[test]
fn every_kind_can_be_added_as_it_comes() {
    let mut def = start();
    for kind in KIND_NAMES {
        let next = apply(
            &def,
            &Edit::AddQuestion {
                section: "s1".into(),
                kind: kind.into(),
            },
        );
        def = match next {
            Ok(d) => d,
            Err(e) => panic!("{kind}: {e}"),
        };
    }
    let kinds: Vec<&str> = def.sections()[0]
        .questions
        .iter()
        .skip(2)
        .map(|q| kind_name(&q.kind))
        .collect();
    assert_eq!(kinds, KIND_NAMES.to_vec());
    assert!(
        apply(
            &def,
            &Edit::AddQuestion {
                section: "s1".into(),
                kind: "hologram".into()
            }
        )
        .is_err()
    );
}

#[test]
fn questions_move_within_and_across_sections_and_copies_get_new_ids() {
    let def = start();
    assert_eq!(ids(&def), vec![vec!["q1", "q0"], vec!["q2"]]);
    let moved = apply(
        &def,
        &Edit::MoveQuestion {
            question: "q0".into(),
            up: false,
        },
    );
    let Ok(moved) = moved else {
        panic!("{moved:?}")
    };
    assert_eq!(ids(&moved), vec![vec!["q1"], vec!["q0", "q2"]]);
    let up = apply(
        &moved,
        &Edit::MoveQuestion {
            question: "q2".into(),
            up: true,
        },
    );
    let Ok(up) = up else { panic!("{up:?}") };
    assert_eq!(ids(&up), vec![vec!["q1"], vec!["q2", "q0"]]);
    let copied = apply(
        &def,
        &Edit::DuplicateQuestion {
            question: "q1".into(),
        },
    );
    let Ok(copied) = copied else {
        panic!("{copied:?}")
    };
    assert_eq!(ids(&copied)[0], vec!["q1", "q3", "q0"]);
    // Emptying a section is refused: a screen without questions cannot be answered.
    assert_eq!(
        apply(
            &def,
            &Edit::DeleteQuestion {
                question: "q2".into()
            }
        ),
        Err(DefinitionError::Empty)
    );
    let swapped = apply(
        &def,
        &Edit::MoveSection {
            section: "s2".into(),
            up: true,
        },
    );
    assert_eq!(
        swapped.map(|d| d.sections()[0].id.clone()),
        Ok("s2".to_string())
    );
}

#[test]
fn a_question_is_placed_anywhere_and_a_deleted_one_is_put_back_under_its_own_id() {
    let def = start();
    let place = |def: &SurveyDefinition, q: &str, section: &str, index: usize| {
        apply(
            def,
            &Edit::PlaceQuestion {
                question: q.into(),
                section: section.into(),
                index,
            },
        )
    };
    // Within a section, counted without the question itself.
    let Ok(first) = place(&def, "q0", "s1", 0) else {
        panic!("q0 to the top")
    };
    assert_eq!(ids(&first), vec![vec!["q0", "q1"], vec!["q2"]]);
    // Across sections; a place past the end is the end.
    let Ok(across) = place(&def, "q1", "s2", 9) else {
        panic!("q1 to the end of s2")
    };
    assert_eq!(ids(&across), vec![vec!["q0"], vec!["q2", "q1"]]);
    assert_eq!(
        place(&def, "q9", "s1", 0),
        Err(DefinitionError::BadId("q9".into()))
    );
    assert_eq!(
        place(&def, "q1", "s9", 0),
        Err(DefinitionError::BadId("s9".into()))
    );
    // Putting back: same id, same place; refused while the id is in use.
    let q1 = def.sections()[0].questions[0].clone();
    let Ok(deleted) = apply(
        &def,
        &Edit::DeleteQuestion {
            question: "q1".into(),
        },
    ) else {
        panic!("delete q1")
    };
    let put = |def: &SurveyDefinition| {
        apply(
            def,
            &Edit::PutQuestion {
                section: "s1".into(),
                index: 0,
                question: Box::new(q1.clone()),
            },
        )
    };
    assert_eq!(put(&deleted).as_ref().map(ids), Ok(ids(&def)));
    assert_eq!(put(&def), Err(DefinitionError::DuplicateId("q1".into())));
}

#[test]
fn a_question_cannot_be_placed_before_the_question_its_condition_reads() {
    let def = start();
    let mut q2 = def.sections()[1].questions[0].clone();
    q2.show_if = Some(Condition::Answered {
        question: "q1".into(),
    });
    let Ok(def) = apply(&def, &Edit::ReplaceQuestion(Box::new(q2))) else {
        panic!("condition on q1")
    };
    let early = apply(
        &def,
        &Edit::PlaceQuestion {
            question: "q2".into(),
            section: "s1".into(),
            index: 0,
        },
    );
    assert!(early.is_err(), "{early:?}");
}

#[test]
fn deleting_a_question_a_condition_needs_is_refused() {
    let def = start();
    let mut q2 = def.sections()[1].questions[0].clone();
    q2.show_if = Some(Condition::Equals {
        question: "q1".into(),
        value: "yes".into(),
    });
    let Ok(def) = apply(&def, &Edit::ReplaceQuestion(Box::new(q2))) else {
        panic!("a condition on an earlier yes/no is fine")
    };
    assert_eq!(
        apply(
            &def,
            &Edit::DeleteQuestion {
                question: "q1".into()
            }
        ),
        Err(DefinitionError::BadCondition("q2".into()))
    );
}

#[test]
fn the_question_editor_reads_every_field() {
    let def = start();
    let yes_no = def.sections()[0].questions[0].clone();
    // Switching the kind starts from the new kind's defaults (three placeholder options).
    let switched = question_from_form(
        &yes_no,
        &FormValues(vec![
            ("kind".into(), "multiple_choice".into()),
            ("label.ja".into(), "使いたい曜日".into()),
        ]),
    );
    assert_eq!(switched.options().len(), 3);
    let old = switched;
    let form = FormValues(
        [
            ("kind", "multiple_choice"),
            ("label.ja", "使いたい曜日"),
            ("label.en", "Days"),
            ("label.easy", ""),
            ("required", "on"),
            ("opt.value", "mon"),
            ("opt.ja", "月曜"),
            ("opt.en", "Monday"),
            ("opt.easy", ""),
            ("opt.value", ""),
            ("opt.ja", "日曜"),
            ("opt.en", ""),
            ("opt.easy", "にちよう"),
            ("opt.value", ""),
            ("opt.ja", ""),
            ("opt.en", ""),
            ("opt.easy", ""),
            ("max", "2"),
            ("other", "on"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect(),
    );
    let q = question_from_form(&old, &form);
    assert_eq!(q.id, "q1");
    assert_eq!(q.label, Text::ja_en("使いたい曜日", "Days"));
    assert!(q.required);
    assert_eq!(
        q.kind,
        QuestionKind::MultipleChoice {
            options: vec![
                Choice::new("mon", Text::ja_en("月曜", "Monday")),
                Choice::new(
                    "o1",
                    Text {
                        ja: "日曜".into(),
                        en: None,
                        easy: Some("にちよう".into())
                    }
                ),
            ],
            min: None,
            max: Some(2),
            other: true,
        }
    );
    assert!(apply(&def, &Edit::ReplaceQuestion(Box::new(q))).is_ok());
}

#[test]
fn a_page_is_placed_anywhere_unless_a_condition_would_read_a_later_question() {
    let Ok(def) = apply(&start(), &Edit::AddSection) else {
        panic!("a third page")
    };
    assert_eq!(ids(&def), vec![vec!["q1", "q0"], vec!["q2"], vec!["q3"]]);
    let place = |def: &SurveyDefinition, section: &str, index: usize| {
        apply(
            def,
            &Edit::PlaceSection {
                section: section.into(),
                index,
            },
        )
    };
    // Counted without the page itself; a place past the end is the end.
    assert_eq!(
        place(&def, "s3", 0).as_ref().map(ids),
        Ok(vec![
            vec!["q3".to_string()],
            vec!["q1".into(), "q0".into()],
            vec!["q2".into()]
        ])
    );
    assert_eq!(
        place(&def, "s1", 9).as_ref().map(ids),
        Ok(vec![
            vec!["q2".to_string()],
            vec!["q3".into()],
            vec!["q1".into(), "q0".into()]
        ])
    );
    assert_eq!(place(&def, "s2", 1).as_ref().map(ids), Ok(ids(&def)));
    assert_eq!(
        place(&def, "s9", 0),
        Err(DefinitionError::BadId("s9".into()))
    );
    // q3 shows if q1 was answered: its page cannot go before q1's.
    let mut q3 = def.sections()[2].questions[0].clone();
    q3.show_if = Some(Condition::Answered {
        question: "q1".into(),
    });
    let Ok(def) = apply(&def, &Edit::ReplaceQuestion(Box::new(q3))) else {
        panic!("condition on q1")
    };
    assert!(place(&def, "s3", 0).is_err());
    assert!(place(&def, "s3", 1).is_ok());
}

#[test]
fn options_typed_for_one_kind_stay_when_switched_to_another_kind_with_options() {
    let def = start();
    let yes_no = def.sections()[0].questions[0].clone();
    let form = |pairs: &[(&str, &str)]| {
        FormValues(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        )
    };
    let single = question_from_form(
        &yes_no,
        &form(&[("kind", "single_choice"), ("label.ja", "曜日")]),
    );
    let typed = [
        ("label.ja", "曜日"),
        ("kind_fields", "single_choice"),
        ("opt.value", "o1"),
        ("opt.ja", "月曜"),
        ("opt.value", ""),
        ("opt.ja", "火曜"),
        ("other", "on"),
    ];
    // Switched to multiple choice: the two options typed stay, with "other".
    let multiple = question_from_form(
        &single,
        &form(&[&[("kind", "multiple_choice")], &typed[..]].concat()),
    );
    assert_eq!(kind_name(&multiple.kind), "multiple_choice");
    let labels: Vec<&str> = multiple
        .options()
        .iter()
        .map(|c| c.label.ja.as_str())
        .collect();
    assert_eq!(labels, vec!["月曜", "火曜"]);
    // To a number: its own defaults, not the options' fields read as numbers.
    let number = question_from_form(
        &single,
        &form(&[&[("kind", "number")], &typed[..]].concat()),
    );
    assert_eq!(
        number.kind,
        new_kind("number").unwrap_or(QuestionKind::YesNo)
    );
    // The form holding the number's own fields (after they were put in place): read as typed.
    let typed_number = question_from_form(
        &single,
        &form(&[
            ("kind", "number"),
            ("kind_fields", "number"),
            ("label.ja", "人数"),
            ("min", "1"),
            ("max", "9"),
        ]),
    );
    assert_eq!(
        typed_number.kind,
        QuestionKind::Number {
            min: Some(1.0),
            max: Some(9.0),
            integer: false,
            unit: None
        }
    );
}
