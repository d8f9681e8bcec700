use super::*;
use shared::survey::{Condition, Question, QuestionKind, Text};

fn q(id: &str, show_if: Option<Condition>) -> Question {
    Question {
        id: id.into(),
        label: Text::ja(id),
        help: None,
        required: false,
        kind: QuestionKind::YesNo,
        show_if,
    }
}

fn eq(question: &str) -> Option<Condition> {
    Some(Condition::Equals {
        question: question.into(),
        value: "yes".into(),
    })
}

#[test]
fn a_screen_shows_only_what_earlier_screens_allow() {
    let section = Section {
        id: "s".into(),
        title: Text::ja("s"),
        intro: None,
        questions: vec![
            q("a", None),
            q("b", eq("earlier")),
            q("c", eq("a")),
            q("d", eq("b")),
            q("e", eq("other_no")),
        ],
        show_if: None,
    };
    let mut known = Answers::default();
    known.0.insert("earlier".into(), Answer::Value("no".into()));
    known
        .0
        .insert("other_no".into(), Answer::Value("yes".into()));
    let shown = section_as_shown(&section, &known);
    let ids: Vec<(&str, bool)> = shown
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.show_if.is_some()))
        .collect();
    // b is hidden by an earlier screen, so d (which depends on b) goes too; c keeps its
    // condition on a (same screen); e's condition is decided and dropped.
    assert_eq!(ids, vec![("a", false), ("c", true), ("e", false)]);
}
