//! Reading the question editor's form fields back into texts, options and a question.

use super::*;

/// A text from three form fields named `{prefix}.ja`, `{prefix}.en` and `{prefix}.easy`; `None`
/// when the Japanese is empty.
pub fn text_from_form(form: &FormValues, prefix: &str) -> Option<Text> {
    let field = |lang: &str| {
        form.first(&format!("{prefix}.{lang}"))
            .map(|s| s.replace("\r\n", "\n").trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Some(Text {
        ja: field("ja")?,
        en: field("en"),
        easy: field("easy"),
    })
}

/// The options edited as rows of fields: `{prefix}.value` (hidden, repeated), with `.ja`,
/// `.en` and `.easy` per row; rows whose Japanese is empty are dropped, rows without a value get
/// a fresh one.
pub(super) fn choices_from_form(form: &FormValues, prefix: &str, fresh: &str) -> Vec<Choice> {
    let column = |name: &str| -> Vec<String> {
        form.all(&format!("{prefix}.{name}"))
            .map(|s| s.trim().to_string())
            .collect()
    };
    let (values, ja, en, easy) = (column("value"), column("ja"), column("en"), column("easy"));
    let mut used: Vec<String> = values.iter().filter(|v| !v.is_empty()).cloned().collect();
    let mut out = Vec::new();
    for (i, label) in ja.iter().enumerate() {
        if label.is_empty() {
            continue;
        }
        let value = match values.get(i).filter(|v| !v.is_empty()) {
            Some(v) => v.clone(),
            None => {
                let v = (1..)
                    .map(|n| format!("{fresh}{n}"))
                    .find(|v| !used.contains(v))
                    .unwrap_or_default();
                used.push(v.clone());
                v
            }
        };
        let translation = |list: &[String]| list.get(i).filter(|s| !s.is_empty()).cloned();
        out.push(Choice::new(
            value,
            Text {
                ja: label.clone(),
                en: translation(&en),
                easy: translation(&easy),
            },
        ));
    }
    out
}

pub(super) fn number(form: &FormValues, name: &str) -> Option<f64> {
    form.first(name).and_then(crate::answer::parse_number)
}

/// The kinds whose own fields are a list of options (`opt.*`), read the same way by each.
const OPTION_KINDS: [&str; 4] = ["single_choice", "multiple_choice", "dropdown", "ranking"];

/// Reads the question editor's fields into a new version of `old` (same id and kind family;
/// the kind may be switched with the `kind` field). The result is checked by [`apply`].
pub fn question_from_form(old: &Question, form: &FormValues) -> Question {
    let kind_field = form.first("kind").unwrap_or(kind_name(&old.kind));
    // The kind whose own fields the form holds: `kind_fields` (hidden, beside them), or the
    // kind as saved. A switched kind whose fields the form does not hold yet starts from its
    // defaults, except that options typed for one kind with options stay for another.
    let fields_of = form.first("kind_fields").unwrap_or(kind_name(&old.kind));
    let switched = (kind_field != fields_of
        && !(OPTION_KINDS.contains(&kind_field) && OPTION_KINDS.contains(&fields_of)))
    .then(|| new_kind(kind_field))
    .flatten();
    let options = || choices_from_form(form, "opt", "o");
    let other = form.contains("other", "on");
    let small = |name: &str| number(form, name).map(|n| n.clamp(0.0, 65_535.0) as u16);
    let kind = match kind_field {
        "single_choice" => QuestionKind::SingleChoice {
            options: options(),
            other,
        },
        "multiple_choice" => QuestionKind::MultipleChoice {
            options: options(),
            min: small("min"),
            max: small("max"),
            other,
        },
        "dropdown" => QuestionKind::Dropdown { options: options() },
        "yes_no" => QuestionKind::YesNo,
        "agreement" => QuestionKind::Agreement {
            points: if form.first("points") == Some("7") {
                7
            } else {
                5
            },
            labels: None,
        },
        "scale" => QuestionKind::Scale {
            low: text_from_form(form, "low"),
            high: text_from_form(form, "high"),
        },
        "stars" => QuestionKind::Stars {
            max: number(form, "max").map_or(5, |n| n.clamp(0.0, 255.0) as u8),
        },
        "number" => QuestionKind::Number {
            min: number(form, "min"),
            max: number(form, "max"),
            integer: form.contains("integer", "on"),
            unit: text_from_form(form, "unit"),
        },
        "short_text" | "long_text" => QuestionKind::Text {
            multiline: kind_field == "long_text",
            max_len: number(form, "max_len").map_or(400, |n| n.clamp(0.0, 1e9) as u32),
        },
        "date" => QuestionKind::Date {
            min: form
                .first("min")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            max: form
                .first("max")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        },
        "ranking" => QuestionKind::Ranking {
            options: options(),
            top: small("top").filter(|t| *t > 0),
        },
        "matrix" => QuestionKind::Matrix {
            rows: choices_from_form(form, "row", "r"),
            columns: choices_from_form(form, "col", "c"),
        },
        _ => old.kind.clone(),
    };
    let kind = switched.unwrap_or(kind);
    let show_if = match (form.first("if.question"), form.first("if.op")) {
        (Some(q), Some("answered")) if !q.is_empty() => Some(Condition::Answered {
            question: q.to_string(),
        }),
        (Some(q), Some("any_of")) if !q.is_empty() => {
            let values: Vec<String> = form.all("if.value").map(str::to_string).collect();
            match values.as_slice() {
                [one] => Some(Condition::Equals {
                    question: q.to_string(),
                    value: one.clone(),
                }),
                _ => Some(Condition::AnyOf {
                    question: q.to_string(),
                    values,
                }),
            }
        }
        _ => None,
    };
    Question {
        id: old.id.clone(),
        label: text_from_form(form, "label").unwrap_or_else(|| Text::ja("")),
        help: text_from_form(form, "help"),
        required: form.contains("required", "on"),
        kind,
        show_if,
    }
}
