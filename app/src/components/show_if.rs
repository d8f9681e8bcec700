//! Shows and hides questions while the respondent answers, when a question depends on another
//! one on the same screen, without any script: the server turns each condition into a CSS rule
//! with `:has()`, which the browser applies as inputs are ticked, JavaScript on or off.
//!
//! A browser without `:has()` (older than Chrome 105, Safari 15.4, Firefox 121) drops those
//! rules and shows every question with its note ("only if you answered …"); the server decides
//! in every case ([`shared::answer::collect_questions`]), so a hidden question is never required
//! and its answer never stored.
//!
//! The rules are written from [`Formula`], a plain "any of these sets of ticks" form of each
//! question's visibility; [`Formula::holds`] evaluates it on form fields, and the tests check it
//! against [`shared::answer::shown_questions`] on every combination of answers, so the browser
//! and the server agree.

use shared::answer::{FormValues, field_name};
use shared::survey::{Condition, OTHER, Question, QuestionKind, Section};

/// A tick the browser can see: an option picked, or a question answered at all.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Test {
    Picked(String),
    Answered,
}

/// One fact about a question's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Literal {
    question: String,
    test: Test,
}

/// When a question is shown: if any of the terms holds, where a term holds when all its literals
/// do. `None` means "always" (or "cannot be decided without a script": shown, with its note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula(Vec<Vec<Literal>>);

impl Formula {
    /// Whether the question is shown for these form fields.
    pub fn holds(&self, form: &FormValues) -> bool {
        self.0.iter().any(|term| {
            term.iter().all(|lit| {
                let name = field_name(&lit.question);
                match &lit.test {
                    Test::Picked(v) => form.contains(&name, v),
                    Test::Answered => form.0.iter().any(|(n, v)| {
                        (*n == name || n.starts_with(&format!("{name}.")))
                            && !n.ends_with(".other")
                            && !v.trim().is_empty()
                    }),
                }
            })
        })
    }
}

/// The literal for a condition's value on question `on`, if ticks alone decide it exactly as
/// the server would for every screen it accepts. A multiple choice qualifies whatever its
/// limits and "other": picks outside the limits, or "other" ticked without its text, refuse the
/// whole screen, which comes back with every tick kept and the follow-up as the server decided,
/// so nothing typed is dropped unseen. Where the server could accept the screen yet read the
/// answer differently from the ticks ("other" of a single choice, a number that is not one, an
/// unfinished ranking or matrix), the browser cannot know, so the question stays shown with
/// its note.
fn literal(on: &Question, test: Test) -> Option<Literal> {
    let visible = match (&on.kind, &test) {
        (QuestionKind::MultipleChoice { .. }, _) => true,
        (_, Test::Picked(v)) if v == OTHER && on.has_other() => false,
        (_, Test::Answered) if on.has_other() => false,
        (
            QuestionKind::Date { .. }
            | QuestionKind::Number { .. }
            | QuestionKind::Ranking { .. }
            | QuestionKind::Matrix { .. },
            Test::Answered,
        ) => false,
        _ => true,
    };
    visible.then(|| Literal {
        question: on.id.clone(),
        test,
    })
}

/// The formula of a condition alone.
fn condition_formula(condition: &Condition, on: &Question) -> Option<Vec<Vec<Literal>>> {
    let picked = |v: &str| literal(on, Test::Picked(v.to_string())).map(|l| vec![l]);
    match condition {
        Condition::Answered { .. } => literal(on, Test::Answered).map(|l| vec![vec![l]]),
        Condition::Equals { value, .. } => picked(value).map(|t| vec![t]),
        Condition::AnyOf { values, .. } => values.iter().map(|v| picked(v)).collect(),
    }
}

/// The visibility formula of every conditional question of a section (as shown: conditions on
/// other screens already decided), in order. Chains are followed: a question whose condition
/// refers to a hidden question is hidden too.
pub fn formulas(section: &Section) -> Vec<(String, Option<Formula>)> {
    let mut out: Vec<(String, Option<Formula>)> = Vec::new();
    for q in &section.questions {
        let Some(condition) = &q.show_if else {
            continue;
        };
        let on = section
            .questions
            .iter()
            .find(|o| o.id == condition.question());
        let own = on.and_then(|on| condition_formula(condition, on));
        let parent = out
            .iter()
            .find(|(id, _)| id == condition.question())
            .map(|(_, f)| f.clone());
        let formula = match (own, parent) {
            (None, _) | (_, Some(None)) => None,
            (Some(own), None) => Some(Formula(own)),
            (Some(own), Some(Some(Formula(parent)))) => Some(Formula(
                own.iter()
                    .flat_map(|a| {
                        parent.iter().map(move |b| {
                            let mut term = a.clone();
                            term.extend(b.iter().cloned());
                            term
                        })
                    })
                    .collect(),
            )),
        };
        out.push((q.id.clone(), formula));
    }
    out
}

/// A string as a CSS string literal's content, every character outside `[A-Za-z0-9_-]`
/// escaped, so no value can end the string or the style element.
fn css_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}

/// The selector that matches when a literal holds, inside `:has()`.
fn selector(lit: &Literal, section: &Section) -> String {
    let name = css_escape(&field_name(&lit.question));
    let kind = section
        .questions
        .iter()
        .find(|q| q.id == lit.question)
        .map(|q| &q.kind);
    match (&lit.test, kind) {
        (Test::Picked(v), Some(QuestionKind::Dropdown { .. })) => {
            format!(
                "select[name='{name}'] option[value='{}']:checked",
                css_escape(v)
            )
        }
        (Test::Picked(v), _) => {
            format!("input[name='{name}'][value='{}']:checked", css_escape(v))
        }
        (Test::Answered, Some(QuestionKind::Dropdown { .. })) => {
            format!("select[name='{name}'] option:not([value='']):checked")
        }
        (Test::Answered, Some(QuestionKind::Text { .. })) => {
            format!("[name='{name}']:not(:placeholder-shown)")
        }
        (Test::Answered, _) => format!("input[name='{name}']:checked"),
    }
}

/// The style rules that hide each conditional question of a section while its condition does
/// not hold. Empty when nothing on the screen depends on anything else on it.
pub fn show_if_css(section: &Section) -> String {
    formulas(section)
        .into_iter()
        .filter_map(|(id, formula)| {
            let Formula(terms) = formula?;
            let nots: String = terms
                .iter()
                .map(|term| {
                    let has: String = term
                        .iter()
                        .map(|lit| format!(":has({})", selector(lit, section)))
                        .collect();
                    format!(":not({has})")
                })
                .collect();
            Some(format!(
                "form.answers{nots} #q-{} {{ display: none; }}\n",
                css_escape(&id)
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::answer::{Answers, shown_questions};
    use shared::survey::Text;

    fn q(id: &str, kind: QuestionKind, show_if: Option<Condition>) -> Question {
        Question {
            id: id.into(),
            label: Text::ja(id),
            help: None,
            required: false,
            kind,
            show_if,
        }
    }

    fn options(values: &[&str]) -> Vec<shared::survey::Choice> {
        values
            .iter()
            .map(|v| shared::survey::Choice::new(*v, Text::ja(*v)))
            .collect()
    }

    /// Every combination of one value (or none) per controlling question.
    fn combinations(choices: &[(&str, Vec<&str>)]) -> Vec<FormValues> {
        let mut forms = vec![FormValues::default()];
        for (name, values) in choices {
            let mut next = Vec::new();
            for form in &forms {
                next.push(form.clone());
                for v in values {
                    let mut f = form.clone();
                    f.push(field_name(name), *v);
                    next.push(f);
                }
            }
            forms = next;
        }
        forms
    }

    /// On every screen the server accepts, the browser shows exactly the questions the server
    /// keeps (a refused screen comes back as the server decided it, ticks kept).
    fn agree_everywhere(section: &Section, forms: &[FormValues]) {
        let formulas = formulas(section);
        for form in forms {
            let (_, errors) = shared::answer::collect_questions(
                section.questions.iter(),
                form,
                &Answers::default(),
            );
            if !errors.is_empty() {
                continue;
            }
            let shown = shown_questions(section.questions.iter(), form, &Answers::default());
            for (id, formula) in &formulas {
                let Some(formula) = formula else { continue };
                assert_eq!(
                    formula.holds(form),
                    shown.contains(&id.as_str()),
                    "{id} with {form:?}"
                );
            }
        }
    }

    #[test]
    fn the_browser_rule_matches_the_server_rule_on_every_combination() {
        let section = Section {
            id: "s".into(),
            title: Text::ja("s"),
            intro: None,
            show_if: None,
            questions: vec![
                q("use", QuestionKind::YesNo, None),
                q(
                    "often",
                    QuestionKind::SingleChoice {
                        options: options(&["weekly", "monthly"]),
                        other: false,
                    },
                    Some(Condition::Equals {
                        question: "use".into(),
                        value: "yes".into(),
                    }),
                ),
                // A chain: shown only when "often" is shown and answered weekly.
                q(
                    "weekly_what",
                    QuestionKind::Text {
                        multiline: false,
                        max_len: 10,
                    },
                    Some(Condition::Equals {
                        question: "often".into(),
                        value: "weekly".into(),
                    }),
                ),
                q(
                    "day",
                    QuestionKind::Dropdown {
                        options: options(&["sat", "sun"]),
                    },
                    None,
                ),
                q(
                    "sunday_why",
                    QuestionKind::Agreement {
                        points: 5,
                        labels: None,
                    },
                    Some(Condition::AnyOf {
                        question: "day".into(),
                        values: vec!["sun".into()],
                    }),
                ),
                q(
                    "any_day",
                    QuestionKind::YesNo,
                    Some(Condition::Answered {
                        question: "day".into(),
                    }),
                ),
                q(
                    "strong",
                    QuestionKind::YesNo,
                    Some(Condition::AnyOf {
                        question: "sunday_why".into(),
                        values: vec!["4".into(), "5".into()],
                    }),
                ),
            ],
        };
        let forms = combinations(&[
            ("use", vec!["yes", "no"]),
            ("often", vec!["weekly", "monthly"]),
            ("day", vec!["sat", "sun"]),
            ("sunday_why", vec!["1", "4", "5"]),
        ]);
        agree_everywhere(&section, &forms);
        let css = show_if_css(&section);
        assert!(css.contains(
            "form.answers:not(:has(input[name='q\\2e use'][value='yes']:checked)) #q-often"
        ));
        assert!(css.contains("option[value='sun']:checked"));
        assert_eq!(css.lines().count(), 5, "{css}");
    }

    #[test]
    fn the_template_screens_agree_too() {
        let template = shared::template::community_centre(&[]);
        let Ok(template) = template else {
            panic!("template")
        };
        let s1 = &template.definition.sections()[0];
        let forms = combinations(&[(
            "use_freq",
            vec!["weekly", "monthly", "yearly", "rarely", "never"],
        )]);
        agree_everywhere(s1, &forms);
        let s2 = &template.definition.sections()[1];
        let forms = combinations(&[
            ("sunday", vec!["1", "2", "3", "4", "5"]),
            ("times", vec!["weekday_evening", "saturday"]),
        ]);
        agree_everywhere(s2, &forms);
        assert!(!show_if_css(s1).is_empty());
        // The household page: "how many children" follows the household's ticks (a multiple
        // choice with "other"), hidden live like a single choice's follow-up.
        let Some(household) = template
            .definition
            .sections()
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == "children"))
        else {
            panic!("the household page")
        };
        let mut forms = Vec::new();
        for ticks in 0..(1u32 << 6) {
            let mut form = FormValues::default();
            for (bit, value) in ["alone", "partner", "preschool", "school", "elderly", OTHER]
                .iter()
                .enumerate()
            {
                if ticks & (1 << bit) != 0 {
                    form.push(field_name("household"), *value);
                }
            }
            if ticks & (1 << 5) != 0 {
                form.push(format!("{}.other", field_name("household")), "祖父母");
            }
            forms.push(form);
        }
        agree_everywhere(household, &forms);
        let css = show_if_css(household);
        assert!(css.contains("#q-children"), "{css}");
    }

    #[test]
    fn values_cannot_break_out_of_the_style() {
        assert_eq!(css_escape("a'b</style>"), "a\\27 b\\3c \\2f style\\3e ");
        assert_eq!(css_escape("日"), "\\65e5 ");
    }
}
