//! The inputs of each kind of question: options, points, numbers, dates, rankings and matrices.

use super::*;

/// A list of radio buttons or checkboxes.
pub(super) fn option_inputs(
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
pub(super) fn point_inputs(
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
pub(super) fn inputs(q: &Question, lang: Lang, values: &FormValues, described_by: &str) -> AnyView {
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
