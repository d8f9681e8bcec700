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

/// A list of radio buttons or checkboxes.
fn option_inputs(
    q: &Question,
    options: &[Choice],
    multiple: bool,
    lang: Lang,
    values: &FormValues,
) -> AnyView {
    let name = field_name(&q.id);
    let first = input_id(&q.id);
    let kind = if multiple { "checkbox" } else { "radio" };
    let mut inputs: Vec<AnyView> = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let id = if i == 0 {
                first.clone()
            } else {
                format!("{first}-{i}")
            };
            let checked = values.contains(&name, &o.value);
            view! {
                <label class="option">
                    <input type=kind id=id name=name.clone() value=o.value.clone() checked=checked/>
                    <span><Rich text=o.label.get(lang).to_string()/></span>
                </label>
            }
            .into_any()
        })
        .collect();
    if q.has_other() {
        let other_name = other_key(&name);
        let other_id = format!("{first}-other");
        let typed = values.first(&other_name).unwrap_or_default().to_string();
        inputs.push(
            view! {
                <div class="option other">
                    <label class="option">
                        <input
                            type=kind
                            name=name.clone()
                            value=OTHER
                            checked=values.contains(&name, OTHER)
                        />
                        <span>{t(lang, Msg::OtherSpecify)}</span>
                    </label>
                    <label class="other-detail" for=other_id.clone()>
                        <span class="visually-hidden">{t(lang, Msg::OtherDetail)}</span>
                        <input
                            type="text"
                            id=other_id.clone()
                            name=other_name
                            value=typed
                            maxlength=shared::answer::OTHER_MAX_LEN.to_string()
                            placeholder=t(lang, Msg::OtherDetail)
                        />
                    </label>
                </div>
            }
            .into_any(),
        );
    }
    view! { <div class="options">{inputs}</div> }.into_any()
}

/// Radio buttons for points of a scale, with a label per point.
fn point_inputs(
    q: &Question,
    points: Vec<(String, String)>,
    values: &FormValues,
    class: &'static str,
) -> AnyView {
    let name = field_name(&q.id);
    let first = input_id(&q.id);
    let inputs = points
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let id = if i == 0 {
                first.clone()
            } else {
                format!("{first}-{i}")
            };
            let checked = values.contains(&name, &value);
            view! {
                <label class="option">
                    <input type="radio" id=id name=name.clone() value=value checked=checked/>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! { <div class=format!("options {class}")>{inputs}</div> }.into_any()
}

/// The inputs of a question of any kind.
fn inputs(q: &Question, lang: Lang, values: &FormValues, described_by: &str) -> AnyView {
    let name = field_name(&q.id);
    let id = input_id(&q.id);
    let value = values.first(&name).unwrap_or_default().to_string();
    match &q.kind {
        QuestionKind::SingleChoice { options, .. } => {
            option_inputs(q, options, false, lang, values)
        }
        QuestionKind::MultipleChoice { options, .. } => {
            option_inputs(q, options, true, lang, values)
        }
        QuestionKind::Dropdown { options } => {
            let choices = options
                .iter()
                .map(|o| {
                    let selected = o.value == value;
                    view! { <option value=o.value.clone() selected=selected>{o.label.inline(lang)}</option> }
                })
                .collect_view();
            view! {
                <select id=id name=name aria-describedby=described_by.to_string()>
                    <option value="">{t(lang, Msg::SelectPrompt)}</option>
                    {choices}
                </select>
            }
            .into_any()
        }
        QuestionKind::YesNo => point_inputs(
            q,
            vec![
                ("yes".into(), t(lang, Msg::Yes).into()),
                ("no".into(), t(lang, Msg::No).into()),
            ],
            values,
            "yes-no",
        ),
        QuestionKind::Agreement { points, labels } => {
            let words: Vec<String> = match labels {
                Some(labels) => labels.iter().map(|l| l.plain(lang)).collect(),
                None => agreement_labels(lang, *points)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            };
            // Agreement first, as Japanese questionnaires usually list it.
            let points = words
                .into_iter()
                .enumerate()
                .map(|(i, w)| ((i + 1).to_string(), w))
                .rev()
                .collect();
            point_inputs(q, points, values, "agreement")
        }
        QuestionKind::Scale { low, high } => {
            let points = (0..=10).map(|n| (n.to_string(), n.to_string())).collect();
            let low = low.as_ref().map(|l| l.plain(lang)).unwrap_or_default();
            let high = high.as_ref().map(|h| h.plain(lang)).unwrap_or_default();
            view! {
                {point_inputs(q, points, values, "scale")}
                <p class="scale-ends" aria-hidden="true">
                    <span>"0: "{low}</span>
                    <span>"10: "{high}</span>
                </p>
            }
            .into_any()
        }
        QuestionKind::Stars { max } => {
            let points = (1..=*max)
                .rev()
                .map(|n| {
                    (
                        n.to_string(),
                        format!("{} {}", "★".repeat(usize::from(n)), stars(lang, n)),
                    )
                })
                .collect();
            point_inputs(q, points, values, "stars")
        }
        QuestionKind::Number {
            min,
            max,
            integer,
            unit,
        } => {
            let unit = unit.as_ref().map(|u| u.get(lang).to_string());
            view! {
                <div class="number-row">
                    <input
                        type="text"
                        id=id
                        name=name
                        value=value
                        inputmode=if *integer { "numeric" } else { "decimal" }
                        autocomplete="off"
                        data-min=min.map(shared::answer::format_number)
                        data-max=max.map(shared::answer::format_number)
                        aria-describedby=described_by.to_string()
                    />
                    {unit.map(|u| view! { <span class="unit"><Rich text=u/></span> })}
                </div>
            }
            .into_any()
        }
        QuestionKind::Text { multiline, max_len } => {
            if *multiline {
                view! {
                    // A blank placeholder lets style rules tell an empty box from a filled one.
                    <textarea
                        id=id
                        name=name
                        placeholder=" "
                        rows="5"
                        maxlength=max_len.to_string()
                        aria-describedby=described_by.to_string()
                    >
                        {value}
                    </textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        type="text"
                        id=id
                        name=name
                        value=value
                        placeholder=" "
                        maxlength=max_len.to_string()
                        aria-describedby=described_by.to_string()
                    />
                }
                .into_any()
            }
        }
        QuestionKind::Date { min, max } => view! {
            <input
                type="date"
                id=id
                name=name
                value=value
                min=min.clone()
                max=max.clone()
                aria-describedby=described_by.to_string()
            />
        }
        .into_any(),
        QuestionKind::Ranking { options, top } => {
            let ranks = top.map_or(options.len(), usize::from);
            let rows = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let field = part_name(&q.id, &o.value);
                    let current = values.first(&field).unwrap_or_default().to_string();
                    let select_id = if i == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{i}")
                    };
                    let choices = (1..=ranks)
                        .map(|r| {
                            let r = r.to_string();
                            let selected = r == current;
                            view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
                        })
                        .collect_view();
                    view! {
                        <div class="rank-row">
                            <select id=select_id.clone() name=field>
                                <option value="">{t(lang, Msg::NotRanked)}</option>
                                {choices}
                            </select>
                            <label for=select_id><Rich text=o.label.get(lang).to_string()/></label>
                        </div>
                    }
                })
                .collect_view();
            view! { <div class="ranking">{rows}</div> }.into_any()
        }
        QuestionKind::Matrix { rows, columns } => {
            let groups = rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let field = part_name(&q.id, &row.value);
                    let cells = columns
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            let cell_id = if i == 0 && j == 0 {
                                id.clone()
                            } else {
                                format!("{id}-{i}-{j}")
                            };
                            let checked = values.contains(&field, &c.value);
                            view! {
                                <label class="option">
                                    <input
                                        type="radio"
                                        id=cell_id
                                        name=field.clone()
                                        value=c.value.clone()
                                        checked=checked
                                    />
                                    <span><Rich text=c.label.get(lang).to_string()/></span>
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="matrix-row">
                            <legend><Rich text=row.label.get(lang).to_string()/></legend>
                            <div class="options">{cells}</div>
                        </fieldset>
                    }
                })
                .collect_view();
            view! { <div class="matrix">{groups}</div> }.into_any()
        }
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
