//! `/staff/surveys/{id}/q/{qid}`: one question's editor, with the question as a phone shows it.

use super::builder::text_fields;
use crate::api::request::RejectedForm;
use crate::api::staff::{get_builder, get_current_user};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::forms::refusal;
use crate::components::islands::IslandScripts;
use crate::components::live_question::LiveQuestion;
use crate::components::params::id_param;
use crate::components::question::{question_field, value_label};
use crate::i18n::{Msg, kind_label, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::answer::FormValues;
use shared::edit::{KIND_NAMES, kind_name};
use shared::survey::{Choice, Condition, Question, QuestionKind};
use shared::views::BuilderView;
use shared::{ApiError, Lang};

/// The question editor page.
#[component]
pub fn QuestionEditorPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let qid = use_params_map()
        .read_untracked()
        .get("qid")
        .unwrap_or_default();
    let here = format!("/staff/surveys/{id}/q/{qid}");
    let rejected = use_context::<RejectedForm>();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <Suspense>
            {move || {
                let (here, rejected, qid) = (here.clone(), rejected.clone(), qid.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_builder(id).await?))
                    };
                    match data.await {
                        Ok((user, b)) => match b.definition.question(&qid).cloned() {
                            Some(q) => view! {
                                <SignOutButton name=user.display_name/>
                                {editor(lang, &b, q, rejected.as_ref(), saved)}
                            }
                            .into_any(),
                            None => error_or_sign_in(ApiError::NotFound, &here),
                        },
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// Rows of inputs for a list of options (values kept hidden so answers stay linked), plus
/// empty rows to add more.
fn choice_rows(lang: Lang, prefix: &'static str, label: Msg, list: &[Choice]) -> impl IntoView {
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
            view! {
                <tr>
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

fn number_field(label: &'static str, name: &'static str, value: Option<String>) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="lang-field">
            <label for=id.clone()>{label}</label>
            <input type="text" inputmode="decimal" id=id name=name value=value/>
        </div>
    }
}

fn check(label: &'static str, name: &'static str, on: bool) -> impl IntoView {
    view! {
        <label class="option">
            <input type="checkbox" name=name value="on" checked=on/>
            <span>{label}</span>
        </label>
    }
}

/// The fields of the question's own kind.
fn kind_fields(lang: Lang, q: &Question) -> AnyView {
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
fn condition_fields(lang: Lang, b: &BuilderView, q: &Question, incomplete: bool) -> impl IntoView {
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
    let values = earlier
        .iter()
        .find(|e| e.id == target)
        .and_then(|e| e.comparable_values().map(|vs| (e, vs)))
        .map(|(e, vs)| {
            vs.into_iter()
                .map(|v| {
                    let label = value_label(lang, Some(e), &v);
                    let checked = chosen.contains(&v.as_str());
                    view! {
                        <label class="option">
                            <input type="checkbox" name="if.value" value=v checked=checked/>
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view()
        });
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
            {match values {
                Some(v) => view! { <div class="options">{v}</div> }.into_any(),
                None => view! { <p class="help">{t(lang, Msg::ChooseQuestionFirst)}</p> }.into_any(),
            }}
        </fieldset>
    }
}

/// On a conflict: the question as saved by someone else meanwhile, and how the refused edit
/// differs from it, so the editor can keep what should stay and save again.
fn conflict_panel(lang: Lang, theirs: &Question, mine: &Question) -> AnyView {
    let diff = shared::codesign::question_diff(theirs, mine);
    view! {
        <section class="conflict" id="conflict">
            <h2>{crate::i18n::tr(lang, "保存されている内容（他の方の変更後）", "As saved now (after the other change)")}</h2>
            <div class="phone">{question_field(theirs, lang, &FormValues::default(), None, None)}</div>
            <h2>{crate::i18n::tr(lang, "あなたの変更（保存されている内容との違い）", "Your edit, compared with what is saved")}</h2>
            {crate::components::diff::question_diff(lang, &diff)}
            <p class="help">{crate::i18n::tr(
                lang,
                "下の欄はあなたの入力のままです。残す内容にしてから保存すると、今の内容に上書きせず反映されます。",
                "The fields below keep what you typed. Adjust them to what should stay and save: this time it is saved on top of the current version.",
            )}</p>
        </section>
    }
    .into_any()
}

fn editor(
    lang: Lang,
    b: &BuilderView,
    saved_q: Question,
    rejected: Option<&RejectedForm>,
    saved: bool,
) -> AnyView {
    let id = b.summary.id;
    // After any refused save (a conflict, a condition left incomplete, a definition that does
    // not hold) the fields show what this editor typed, never the saved question: nothing typed
    // is lost.
    let conflict = rejected.filter(|r| matches!(r.error, ApiError::EditConflict { .. }));
    let q = match rejected {
        Some(r) => shared::edit::question_from_form(&saved_q, &r.values),
        None => saved_q.clone(),
    };
    let condition_incomplete = rejected.is_some_and(
        |r| matches!(&r.error, ApiError::Validation(errors) if errors.get("if.value").is_some()),
    );
    let post = format!("/staff/surveys/{id}/q/{}", q.id);
    let current_kind = kind_name(&q.kind);
    let kinds = KIND_NAMES
        .iter()
        .map(|k| view! { <option value=*k selected=*k == current_kind>{kind_label(lang, k)}</option> })
        .collect_view();
    let earlier: Vec<Question> = b
        .definition
        .questions()
        .take_while(|other| other.id != q.id)
        .cloned()
        .collect();
    let form = view! {
        <form method="post" action=post class="stack editor-form">
            <input type="hidden" name="rev" value=b.revision.to_string()/>
            <div class="lang-field">
                <label for="f-kind">{t(lang, Msg::QuestionKindLabel)}</label>
                <select id="f-kind" name="kind">{kinds}</select>
            </div>
            <p class="help">{t(lang, Msg::FuriganaHelp)}</p>
            {text_fields(lang, "label", t(lang, Msg::QuestionText), Some(&q.label), true)}
            {text_fields(lang, "help", t(lang, Msg::HelpText), q.help.as_ref(), true)}
            {check(t(lang, Msg::RequiredLabel), "required", q.required)}
            {kind_fields(lang, &q)}
            {condition_fields(lang, b, &q, condition_incomplete)}
            <button type="submit" class="primary">{t(lang, Msg::Save)}</button>
        </form>
    }
    .into_any();
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::Question), q.label.plain(lang))/>
        <p><a href=format!("/staff/surveys/{id}/edit#q-{}", q.id)>{t(lang, Msg::BackToBuilder)}</a></p>
        <h1>{t(lang, Msg::Question)}" "{q.id.clone()}</h1>
        {saved.then(|| view! { <p class="saved" role="status">{t(lang, Msg::Saved)}</p> })}
        {refusal(lang, rejected)}
        {conflict.map(|_| conflict_panel(lang, &saved_q, &q))}
        <IslandScripts/>
        <LiveQuestion lang saved=saved_q question=q earlier>{form}</LiveQuestion>
    }
    .into_any()
}
