#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use super::*;
use crate::edit::apply;

fn choice_question(id: &str, label: &str, options: &[&str]) -> Question {
    Question {
        id: id.into(),
        label: Text::ja_en(label, "English"),
        help: None,
        required: true,
        kind: QuestionKind::SingleChoice {
            options: options
                .iter()
                .enumerate()
                .map(|(i, o)| Choice::new(format!("o{}", i + 1), Text::ja_en(*o, format!("E{i}"))))
                .collect(),
            other: false,
        },
        show_if: None,
    }
}

fn survey(questions: Vec<Question>) -> Content {
    Content {
        title: Text::ja("市民センターアンケート"),
        intro: Text::ja("ご協力ください"),
        definition: SurveyDefinition::new(vec![Section {
            id: "s1".into(),
            title: Text::ja("利用について"),
            intro: None,
            questions,
            show_if: None,
        }])
        .unwrap(),
    }
}

fn form(pairs: &[(&str, &str)]) -> FormValues {
    FormValues(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn japanese_text_splits_into_words_at_script_changes() {
    assert_eq!(
        words("市民センターの利用は月1回です。"),
        vec![
            "市民",
            "センター",
            "の",
            "利用",
            "は",
            "月",
            "1",
            "回",
            "です",
            "。"
        ]
    );
    assert_eq!(
        words("how often, 2 times"),
        vec!["how", " ", "often", ",", " ", "2", " ", "times"]
    );
    assert!(words("").is_empty());
}

#[test]
fn word_diff_marks_only_the_changed_words() {
    assert_eq!(
        word_diff(
            "市民センターをよく利用しますか",
            "市民センターをどのくらい利用しますか"
        ),
        vec![
            Piece::Same("市民センター".into()),
            // A hiragana run is one word: the particle goes with it.
            Piece::Removed("をよく".into()),
            Piece::Added("をどのくらい".into()),
            Piece::Same("利用しますか".into()),
        ]
    );
    assert_eq!(word_diff("同じ", "同じ"), vec![Piece::Same("同じ".into())]);
    assert!(!changed(&word_diff("同じ", "同じ")));
    assert!(changed(&word_diff("", "new")));
}

#[test]
fn a_reworded_option_list_keeps_values_of_options_it_keeps() {
    let q = choice_question("q1", "利用頻度", &["毎週", "毎月", "年に数回"]);
    let change = change_from_form(
        &q,
        &form(&[
            ("change", "reword"),
            ("label", "利用頻度を教えてください"),
            ("options", "毎月\r\n毎週\n\n  ほとんど利用しない  \n"),
        ]),
    )
    .unwrap();
    let Change::Replace(new) = &change else {
        panic!("expected a replacement, got {change:?}")
    };
    let values: Vec<(&str, &str)> = new
        .options()
        .iter()
        .map(|c| (c.value.as_str(), c.label.ja.as_str()))
        .collect();
    // Kept options keep their values (and translations); the new one gets an unused value.
    assert_eq!(
        values,
        vec![("o2", "毎月"), ("o1", "毎週"), ("o4", "ほとんど利用しない")]
    );
    assert_eq!(new.options()[0].label.en.as_deref(), Some("E1"));
    // The wording changed, so its stale English is dropped.
    assert_eq!(new.label, Text::ja("利用頻度を教えてください"));
    assert!(new.required, "settings a member cannot see are kept");

    let diff = question_diff(&q, new);
    assert!(diff.is_change());
    let lines: Vec<(Vec<Piece>, bool)> = diff
        .options
        .iter()
        .map(|l| (l.label.clone(), l.moved))
        .collect();
    assert_eq!(
        lines,
        vec![
            // Moving one option up marks that one only, not the one it passed.
            (vec![Piece::Same("毎月".into())], true),
            (vec![Piece::Same("毎週".into())], false),
            (vec![Piece::Added("ほとんど利用しない".into())], false),
            (vec![Piece::Removed("年に数回".into())], false),
        ]
    );
    assert_eq!(diff.settings, vec!["translation".to_string()]);
}

#[test]
fn suggestions_are_checked_before_they_are_stored() {
    let q = choice_question("q1", "利用頻度", &["毎週", "毎月"]);
    let errors =
        change_from_form(&q, &form(&[("change", "reword"), ("options", "毎週")])).unwrap_err();
    assert_eq!(errors.get("label"), Some(&FieldError::Required));
    assert_eq!(
        errors.get("options"),
        Some(&FieldError::TooFewChoices { min: 2 })
    );
    assert_eq!(
        change_from_form(&q, &form(&[])).unwrap_err().get("change"),
        Some(&FieldError::Required)
    );
    let long = "長".repeat(MAX_COMMENT_CHARS + 1);
    assert!(change_from_form(&q, &form(&[("change", "reword"), ("label", &long)])).is_err());
    assert_eq!(
        change_from_form(&q, &form(&[("change", "delete")])).unwrap(),
        Change::Delete
    );
}

#[test]
fn an_inserted_question_lands_after_its_neighbour_under_a_fresh_id() {
    let q1 = choice_question("q1", "利用頻度", &["毎週", "毎月"]);
    let q2 = choice_question("q2", "満足度", &["満足", "不満"]);
    let content = survey(vec![q1.clone(), q2]);
    let change = change_from_form(
        &q1,
        &form(&[
            ("change", "insert"),
            ("label", "利用しない理由"),
            ("kind", "multiple_choice"),
            ("options", "時間がない\n場所が遠い"),
        ]),
    )
    .unwrap();
    let def = apply(&content.definition, &change.edit("q1")).unwrap();
    let ids: Vec<&str> = def.questions().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, vec!["q1", "q3", "q2"]);
    let added = def.question("q3").unwrap();
    assert!(matches!(added.kind, QuestionKind::MultipleChoice { .. }));
    assert_eq!(added.options().len(), 2);

    let after = Content {
        definition: def,
        ..content.clone()
    };
    let diff = survey_diff(&content, &after);
    assert_eq!(diff.questions.len(), 1, "{diff:?}");
    assert!(matches!(&diff.questions[0], QuestionChange::Added(d) if d.id == "q3"));
}

#[test]
fn survey_diff_lists_added_removed_changed_and_moved_questions_in_order() {
    let a = choice_question("q1", "一", &["はい", "いいえ"]);
    let b = choice_question("q2", "二", &["はい", "いいえ"]);
    let c = choice_question("q3", "三", &["はい", "いいえ"]);
    let old = survey(vec![a.clone(), b.clone(), c.clone()]);
    let mut c2 = c.clone();
    c2.label = Text::ja("三つ目");
    let d = choice_question("q4", "四", &["はい", "いいえ"]);
    let new = Content {
        title: Text::ja("市民センター利用アンケート"),
        ..survey(vec![c2, a, d])
    };
    let diff = survey_diff(&old, &new);
    let summary: Vec<String> = diff
        .questions
        .iter()
        .map(|c| match c {
            QuestionChange::Added(d) => format!("+{}", d.id),
            QuestionChange::Removed(d) => format!("-{}", d.id),
            QuestionChange::Changed(d) => format!("~{}", d.id),
            QuestionChange::Moved(id) => format!(">{id}"),
        })
        .collect();
    // q3 changed (and moved before q1, which therefore did not move itself), q2 is gone
    // from where it stood, q4 is new at the end.
    assert_eq!(summary, vec!["~q3", "-q2", "+q4"]);
    assert!(changed(&diff.title));
    assert!(!diff.is_empty());
    assert!(survey_diff(&old, &old).is_empty());

    // Only moving: q2 before q1.
    let swapped = survey(vec![b, choice_question("q1", "一", &["はい", "いいえ"]), c]);
    let moved = survey_diff(&old, &swapped);
    assert!(
        moved
            .questions
            .iter()
            .any(|c| matches!(c, QuestionChange::Moved(id) if id == "q1" || id == "q2")),
        "{moved:?}"
    );
}

#[test]
fn mentions_find_whole_names_after_an_at_sign() {
    let names = vec!["区役所 花子".to_string(), "田中".to_string(), String::new()];
    assert_eq!(
        mentions("@区役所 花子 さん、確認お願いします", &names),
        vec!["区役所 花子"]
    );
    assert_eq!(mentions("＠田中 さん", &names), vec!["田中"]);
    assert!(mentions("田中さんへ", &names).is_empty());
}

#[test]
fn comment_bodies_are_trimmed_and_limited() {
    assert_eq!(
        comment_body("  よろしく\r\nお願いします "),
        Ok("よろしく\nお願いします".into())
    );
    assert_eq!(comment_body(" \n "), Err(FieldError::Required));
    assert_eq!(
        comment_body(&"x".repeat(MAX_COMMENT_CHARS + 1)),
        Err(FieldError::TooLong {
            max: MAX_COMMENT_CHARS as u32
        })
    );
}
