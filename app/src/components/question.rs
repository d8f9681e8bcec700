//! One question as form fields, for every kind, working without JavaScript.
//!
//! Field names follow `shared::answer` (`q.{id}`, `q.{id}.other`, `q.{id}.{part}`), so the server
//! reads what these fields post with the same code that checks them. Every input has a visible
//! label, errors are tied to their fields with `aria-describedby`, and touch targets are at
//! least 44 px (see `style/main.css`).

use crate::components::rich::Rich;
use crate::i18n::{Msg, agreement_labels, choose_up_to, field_error, stars, t};
use leptos::prelude::*;
use shared::answer::{FormValues, field_name, part_name};
use shared::survey::{Choice, Condition, OTHER, Question, QuestionKind, other_key};
use shared::{FieldError, Lang};

mod inputs;

use inputs::inputs;

/// The id of the first input of a question, so an error summary can link to it.
pub fn input_id(question_id: &str) -> String {
    format!("f-{question_id}")
}

/// A value a condition compares with, in words: an option's label, yes or no, "other", or the
/// scale point itself.
pub fn value_label(lang: Lang, on: Option<&Question>, v: &str) -> String {
    match on {
        Some(q) if matches!(q.kind, QuestionKind::YesNo) => match v {
            "yes" => t(lang, Msg::Yes).to_string(),
            _ => t(lang, Msg::No).to_string(),
        },
        Some(q) if matches!(q.kind, QuestionKind::Agreement { .. }) => {
            let labels = match &q.kind {
                QuestionKind::Agreement {
                    labels: Some(l), ..
                } => l.iter().map(|t| t.plain(lang)).collect(),
                QuestionKind::Agreement { points, .. } => agreement_labels(lang, *points)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            v.parse::<usize>()
                .ok()
                .and_then(|n| labels.get(n.wrapping_sub(1)).cloned())
                .unwrap_or_else(|| v.to_string())
        }
        Some(_) if v == OTHER => t(lang, Msg::OtherSpecify).to_string(),
        Some(q) => q
            .options()
            .iter()
            .find(|o| o.value == v)
            .map_or_else(|| v.to_string(), |o| o.label.plain(lang)),
        None => v.to_string(),
    }
}

/// Says when a question applies, for questions that depend on an answer on the same screen
/// (shown to everyone without JavaScript; the respondent skips it when it does not apply).
pub fn condition_note(lang: Lang, condition: &Condition, on: Option<&Question>) -> String {
    let label_of = |v: &str| value_label(lang, on, v);
    let values = condition.values();
    // The question it depends on, named by its words (shortened): "the question above" is no
    // help when it is several pages back.
    let named = on.map(|q| {
        let label = q.label.plain(lang);
        // Long enough for a whole question in either script (a Japanese question of 27
        // characters is a 61-character English one); only the rare essay is shortened.
        let cap = if lang == Lang::En { 120 } else { 60 };
        let short: String = label.chars().take(cap).collect();
        if short.chars().count() < label.chars().count() {
            format!("{short}…")
        } else {
            short
        }
    });
    if let Some(name) = &named {
        let quoted = values
            .iter()
            .map(|v| match lang {
                Lang::En => format!("\u{201c}{}\u{201d}", label_of(v)),
                _ => format!("「{}」", label_of(v)),
            })
            .collect::<Vec<_>>()
            .join(if lang == Lang::En { " or " } else { "か" });
        return match (lang, values.is_empty()) {
            (Lang::En, true) => format!("Only if you answered \u{201c}{name}\u{201d}"),
            (Lang::En, false) => format!("Only if you answered {quoted} to \u{201c}{name}\u{201d}"),
            (Lang::EasyJa, true) => format!("「{name}」に こたえた ひと"),
            (Lang::EasyJa, false) => format!("「{name}」で {quoted}と こたえた ひと"),
            (Lang::Ja, true) => format!("「{name}」に答えた方"),
            (Lang::Ja, false) => format!("「{name}」で{quoted}と答えた方"),
        };
    }
    if values.is_empty() {
        return t(lang, Msg::ConditionalAnswered).to_string();
    }
    let quoted = values
        .iter()
        .map(|v| format!("「{}」", label_of(v)))
        .collect::<Vec<_>>()
        .join(if lang == Lang::En { " or " } else { "か" });
    let (prefix, suffix) = (
        t(lang, Msg::ConditionalPrefix),
        t(lang, Msg::ConditionalSuffix),
    );
    if lang == Lang::En {
        format!("{prefix} {quoted}")
    } else {
        format!("{prefix}{quoted}{suffix}")
    }
}

/// A question with its label, badges, help, hints, message and inputs.
pub fn question_field(
    q: &Question,
    lang: Lang,
    values: &FormValues,
    error: Option<&FieldError>,
    note: Option<String>,
) -> AnyView {
    let id = input_id(&q.id);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = format!("{help_id} {error_id}");
    let badge = if q.required {
        view! { <span class="badge required">{t(lang, Msg::Required)}</span> }
    } else {
        view! { <span class="badge">{t(lang, Msg::Optional)}</span> }
    };
    let hint = match &q.kind {
        QuestionKind::SingleChoice { .. } | QuestionKind::YesNo => {
            Some(t(lang, Msg::ChooseOne).to_string())
        }
        QuestionKind::MultipleChoice { max: Some(max), .. } => Some(choose_up_to(lang, *max)),
        QuestionKind::MultipleChoice { .. } => Some(t(lang, Msg::ChooseAny).to_string()),
        QuestionKind::Ranking { .. } => Some(t(lang, Msg::RankHint).to_string()),
        QuestionKind::Date { .. } => Some(t(lang, Msg::DateHint).to_string()),
        _ => None,
    };
    let help = q.help.as_ref().map(|h| h.get(lang).to_string());
    let no_help = help.is_none();
    let message = error.map(|e| field_error(lang, e));
    let invalid = error.is_some().to_string();
    let grouped = !matches!(
        q.kind,
        QuestionKind::Dropdown { .. }
            | QuestionKind::Number { .. }
            | QuestionKind::Text { .. }
            | QuestionKind::Date { .. }
    );
    let show_if = q
        .show_if
        .as_ref()
        .map(|c| serde_json::to_string(c).unwrap_or_default());
    let head = view! {
        <span class="q-label"><Rich text=q.label.get(lang).to_string()/></span>
        " "
        {badge}
    };
    let details = view! {
        {note.map(|n| view! { <p class="condition">{n}</p> })}
        <p class="help" id=help_id hidden=no_help>
            {help.map(|h| view! { <Rich text=h/> })}
        </p>
        {hint.map(|h| view! { <p class="hint">{h}</p> })}
        <p class="field-error" id=error_id>{message}</p>
    };
    let fields = inputs(q, lang, values, &described_by);
    if grouped {
        view! {
            <fieldset
                class="question"
                id=format!("q-{}", q.id)
                data-show-if=show_if
                aria-describedby=described_by
                aria-invalid=invalid
            >
                <legend>{head}</legend>
                {details}
                {fields}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div class="question" id=format!("q-{}", q.id) data-show-if=show_if aria-invalid=invalid>
                <label for=id class="q-label-row">{head}</label>
                {details}
                {fields}
            </div>
        }
        .into_any()
    }
}
