//! The editor's fields: options as rows, numbers, ticks, the kind's own fields and the
//! condition.

use super::*;

/// Rows of inputs for a list of options (values kept hidden so answers stay linked), plus
/// empty rows to add more. With JavaScript a row is moved by dragging it or with ↑ ↓ on its
/// handle (the form posts the rows in their order, so the new order is what is saved).
pub(super) fn choice_rows(
    lang: Lang,
    prefix: &'static str,
    label: Msg,
    list: &[Choice],
) -> impl IntoView {
    let mut rows: Vec<(String, String, String, String)> = list
        .iter()
        .map(|c| {
            (
                c.value.clone(),
                c.label.ja.clone(),
                c.label.en.clone().unwrap_or_default(),
                c.label.easy.clone().unwrap_or_default(),
            )
        })
        .collect();
    rows.extend(std::iter::repeat_n(Default::default(), 3));
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, (value, ja, en, easy))| {
            let id = |lang_code: &str| format!("f-{prefix}-{i}-{lang_code}");
            let name = if ja.is_empty() { format!("{}", i + 1) } else { ja.clone() };
            view! {
                <tr>
                    <td class="row-handle">{option_handle(lang, &name)}</td>
                    <td>
                        <input type="hidden" name=format!("{prefix}.value") value=value/>
                        <label class="visually-hidden" for=id("ja")>{t(lang, Msg::InJapanese)}</label>
                        <input type="text" id=id("ja") name=format!("{prefix}.ja") value=ja/>
                    </td>
                    <td>
                        <label class="visually-hidden" for=id("en")>{t(lang, Msg::InEnglish)}</label>
                        <input type="text" id=id("en") name=format!("{prefix}.en") value=en/>
                    </td>
                    <td>
                        <label class="visually-hidden" for=id("easy")>{t(lang, Msg::InEasy)}</label>
                        <input type="text" id=id("easy") name=format!("{prefix}.easy") value=easy/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question">
            <legend>{t(lang, label)}</legend>
            <div class="table-wrap">
                <table class="data choices">
                    <thead>
                        <tr>
                            <td class="row-handle"></td>
                            <th scope="col">{t(lang, Msg::InJapanese)}</th>
                            <th scope="col">{t(lang, Msg::InEnglish)}</th>
                            <th scope="col">{t(lang, Msg::InEasy)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </fieldset>
    }
}

/// The handle an option is moved by (drag, or ↑ ↓ on it), shown once the editor's island
/// runs; without JavaScript the options keep their order.
fn option_handle(lang: Lang, name: &str) -> impl IntoView + use<> {
    let label = match lang {
        Lang::En => format!("Move option “{name}” (↑ ↓)"),
        _ => format!("選択肢「{name}」を移動（↑ ↓ キー）"),
    };
    // The handle alone is draggable: text in the option's fields stays selectable.
    view! { <button type="button" class="drag-handle" draggable="true" aria-label=label.clone() title=label>"⠿"</button> }
}

pub(super) fn number_field(
    label: &'static str,
    name: &'static str,
    value: Option<String>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="lang-field">
            <label for=id.clone()>{label}</label>
            <input type="text" inputmode="decimal" id=id name=name value=value/>
        </div>
    }
}

pub(super) fn check(label: &'static str, name: &'static str, on: bool) -> impl IntoView {
    view! {
        <label class="option">
            <input type="checkbox" name=name value="on" checked=on/>
            <span>{label}</span>
        </label>
    }
}

/// The fields of the question's own kind, marked with the kind (`kind_fields`, read back by
/// `shared::edit::question_from_form`): with JavaScript, switching the kind puts that kind's
/// fields here (the `kind_fields` server function) without saving.
pub fn kind_fields(lang: Lang, q: &Question) -> AnyView {
    let kind = kind_name(&q.kind);
    view! {
        <div class="kind-fields stack" data-kind-fields=kind>
            <input type="hidden" name="kind_fields" value=kind/>
            {own_fields(lang, q)}
        </div>
    }
    .into_any()
}

fn own_fields(lang: Lang, q: &Question) -> AnyView {
    let num = |n: Option<f64>| n.map(shared::answer::format_number);
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => view! {
            {choice_rows(lang, "opt", Msg::OptionsLabel, options)}
            {check(t(lang, Msg::OfferOther), "other", *other)}
        }
        .into_any(),
        QuestionKind::MultipleChoice {
            options,
            min,
            max,
            other,
        } => view! {
            {choice_rows(lang, "opt", Msg::OptionsLabel, options)}
            {check(t(lang, Msg::OfferOther), "other", *other)}
            {number_field(t(lang, Msg::MinPicks), "min", min.map(|m| m.to_string()))}
            {number_field(t(lang, Msg::MaxPicks), "max", max.map(|m| m.to_string()))}
        }
        .into_any(),
        QuestionKind::Dropdown { options } => {
            choice_rows(lang, "opt", Msg::OptionsLabel, options).into_any()
        }
        QuestionKind::Ranking { options, top } => view! {
            {choice_rows(lang, "opt", Msg::OptionsLabel, options)}
            {number_field(t(lang, Msg::RankTop), "top", top.map(|m| m.to_string()))}
        }
        .into_any(),
        QuestionKind::YesNo => ().into_any(),
        QuestionKind::Agreement { points, .. } => view! {
            <div class="lang-field">
                <label for="f-points">{t(lang, Msg::Points)}</label>
                <select id="f-points" name="points">
                    <option value="5" selected=*points == 5>"5"</option>
                    <option value="7" selected=*points == 7>"7"</option>
                </select>
            </div>
        }
        .into_any(),
        QuestionKind::Scale { low, high } => view! {
            {text_fields(lang, "low", t(lang, Msg::LowLabel), low.as_ref(), false)}
            {text_fields(lang, "high", t(lang, Msg::HighLabel), high.as_ref(), false)}
        }
        .into_any(),
        QuestionKind::Stars { max } => {
            number_field(t(lang, Msg::StarCount), "max", Some(max.to_string())).into_any()
        }
        QuestionKind::Number {
            min,
            max,
            integer,
            unit,
        } => view! {
            {number_field(t(lang, Msg::MinValue), "min", num(*min))}
            {number_field(t(lang, Msg::MaxValue), "max", num(*max))}
            {check(t(lang, Msg::WholeOnly), "integer", *integer)}
            {text_fields(lang, "unit", t(lang, Msg::Unit), unit.as_ref(), false)}
        }
        .into_any(),
        QuestionKind::Text { max_len, .. } => number_field(
            t(lang, Msg::MaxLength),
            "max_len",
            Some(max_len.to_string()),
        )
        .into_any(),
        QuestionKind::Date { min, max } => view! {
            <div class="lang-field">
                <label for="f-min">{t(lang, Msg::EarliestDate)}</label>
                <input type="date" id="f-min" name="min" value=min.clone()/>
            </div>
            <div class="lang-field">
                <label for="f-max">{t(lang, Msg::LatestDate)}</label>
                <input type="date" id="f-max" name="max" value=max.clone()/>
            </div>
        }
        .into_any(),
        QuestionKind::Matrix { rows, columns } => view! {
            {choice_rows(lang, "row", Msg::RowsLabel, rows)}
            {choice_rows(lang, "col", Msg::ColumnsLabel, columns)}
        }
        .into_any(),
    }
}

/// The condition editor: an earlier question, "answered" or "any of", and the values.
pub(super) fn condition_fields(
    lang: Lang,
    b: &BuilderView,
    q: &Question,
    incomplete: bool,
) -> impl IntoView {
    let earlier: Vec<&Question> = b
        .definition
        .questions()
        .take_while(|other| other.id != q.id)
        .collect();
    let current = q.show_if.as_ref();
    let target = current
        .map(Condition::question)
        .unwrap_or_default()
        .to_string();
    let options = earlier
        .iter()
        .map(|e| {
            let selected = e.id == target;
            view! { <option value=e.id.clone() selected=selected>{e.label.plain(lang)}</option> }
        })
        .collect_view();
    let answered = matches!(current, Some(Condition::Answered { .. }));
    let chosen = current.map(Condition::values).unwrap_or_default();
    let groups = earlier
        .iter()
        .filter_map(|e| e.comparable_values().map(|vs| (e, vs)))
        .map(|(e, vs)| {
            let shown = e.id == target;
            let boxes = vs
                .into_iter()
                .map(|v| {
                    let label = value_label(lang, Some(e), &v);
                    let checked = shown && chosen.contains(&v.as_str());
                    view! {
                        <label class="option">
                            <input type="checkbox" name="if.value" value=v checked=checked/>
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="options if-values" data-for=e.id.clone() hidden=!shown disabled=!shown>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view();
    let target_has_values = earlier
        .iter()
        .any(|e| e.id == target && e.comparable_values().is_some());
    view! {
        <fieldset class="question" id="condition" aria-invalid=incomplete.then_some("true")>
            <legend>{t(lang, Msg::ShowIfLabel)}</legend>
            <div class="lang-field">
                <label for="f-if-question">{t(lang, Msg::ConditionQuestion)}</label>
                <select id="f-if-question" name="if.question">
                    <option value="">{t(lang, Msg::AlwaysShow)}</option>
                    {options}
                </select>
            </div>
            <div class="options">
                <label class="option">
                    <input type="radio" name="if.op" value="answered" checked=answered/>
                    <span>{t(lang, Msg::WhenAnswered)}</span>
                </label>
                <label class="option">
                    <input type="radio" name="if.op" value="any_of" checked=!answered/>
                    <span>{t(lang, Msg::WhenAnyOf)}</span>
                </label>
            </div>
            {incomplete.then(|| view! {
                <p class="field-error" role="alert" id="condition-error">
                    {crate::i18n::tr(
                        lang,
                        "表示の条件にする回答を1つ以上選んでから保存してください（下に、選んだ質問の回答が並んでいます）。条件を付けない場合は「常に表示」を選びます。",
                        "Choose at least one answer for the condition, then save (the chosen question's answers are listed below). For no condition, choose \u{201c}Always\u{201d}.",
                    )}
                </p>
            })}
            {groups}
            <p class="help if-none" hidden=target_has_values>{t(lang, Msg::ChooseQuestionFirst)}</p>
        </fieldset>
    }
}
