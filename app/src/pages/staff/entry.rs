//! `/staff/surveys/{id}/entry`: staff type in paper answers, keyboard first. One row per
//! question, numbered as printed (問1, 問2, …); each answer is the number printed beside the
//! option, so an operator reads the sheet and types `4 ⇥ 1 3 ⇥ …` without a mouse, and Enter
//! saves. A refused sheet comes back with every typed value kept and the reasons beside the
//! fields. With JavaScript each cell is checked as it is typed (`PaperChecks`, with the
//! server's own `shared::paper::entry_answers`), and the sheet is saved without a page load
//! (`InPlace`): the next empty sheet, or the refused one with its reasons, takes its place with
//! the cursor where it belongs. `/staff/surveys/{id}/entry/{sheet}` shows two differing typings side by side to
//! settle question by question.

use crate::api::request::RejectedForm;
use crate::api::staff::{get_current_user, get_paper_differences, get_paper_entry};
use crate::components::account::SignOutButton;
use crate::components::account::error_or_sign_in;
use crate::components::in_place::InPlace;
use crate::components::islands::IslandScripts;
use crate::components::paper_checks::PaperChecks;
use crate::components::params::id_param;
use crate::display::answer_text;
use crate::i18n::{
    Msg, entry_notice, error_title, field_error, paper_count, question_number, t, use_lang,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::answer::{FormValues, field_name, part_name};
use shared::paper::printed_answer;
use shared::survey::{Question, QuestionKind, ResponsePolicy, other_key};
use shared::views::{DifferencesView, EntryView};
use shared::{ApiError, FieldErrors, Lang};

/// The numbers an operator may type for a question, as a hint ("1–5").
fn number_range(q: &Question) -> Option<String> {
    let (low, high) = match &q.kind {
        QuestionKind::YesNo => (1, 2),
        QuestionKind::Agreement { points, .. } => (1, usize::from(*points)),
        QuestionKind::Scale { .. } => (0, 10),
        QuestionKind::Stars { max } => (1, usize::from(*max)),
        QuestionKind::Matrix { columns, .. } => (1, columns.len()),
        QuestionKind::SingleChoice { .. }
        | QuestionKind::Dropdown { .. }
        | QuestionKind::MultipleChoice { .. }
        | QuestionKind::Ranking { .. } => (1, q.options().len() + usize::from(q.has_other())),
        _ => return None,
    };
    Some(format!("{low}–{high}"))
}

/// The input(s) for one question.
/// `focus`: the first input gets the focus (the first question refused).
fn entry_inputs(lang: Lang, q: &Question, typed: &FormValues, focus: bool) -> AnyView {
    let name = field_name(&q.id);
    let input_id = format!("e-{}", q.id);
    let value = |field: &str| typed.first(field).unwrap_or_default().to_string();
    let small = |field: String, id: Option<String>, label: String| {
        view! {
            <label class="entry-part">
                <span>{label}</span>
                <input type="text" inputmode="numeric" class="entry-num" autofocus=focus && id.is_some() id=id name=field.clone() value=value(&field)/>
            </label>
        }
    };
    let other = q.has_other().then(|| {
        let field = other_key(&name);
        view! {
            <input
                type="text"
                class="entry-other"
                name=field.clone()
                value=value(&field)
                placeholder=t(lang, Msg::OtherText)
                aria-label=t(lang, Msg::OtherText)
            />
        }
    });
    match &q.kind {
        QuestionKind::Matrix { rows, .. } => rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                small(
                    part_name(&q.id, &r.value),
                    (i == 0).then(|| input_id.clone()),
                    r.label.plain(lang),
                )
            })
            .collect_view()
            .into_any(),
        QuestionKind::Ranking { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                small(
                    part_name(&q.id, &o.value),
                    (i == 0).then(|| input_id.clone()),
                    format!("{}. {}", i + 1, o.label.plain(lang)),
                )
            })
            .collect_view()
            .into_any(),
        QuestionKind::Text { multiline: true, .. } => view! {
            <textarea id=input_id autofocus=focus name=name.clone() rows="2">{value(&name)}</textarea>
        }
        .into_any(),
        QuestionKind::Text { .. } | QuestionKind::Date { .. } | QuestionKind::Number { .. } => {
            let mode = if matches!(q.kind, QuestionKind::Text { .. }) { "text" } else { "decimal" };
            view! { <input type="text" id=input_id autofocus=focus inputmode=mode name=name.clone() value=value(&name)/> }
                .into_any()
        }
        _ => view! {
            <input type="text" inputmode="numeric" class="entry-num" autofocus=focus id=input_id name=name.clone() value=value(&name)/>
            {other}
        }
        .into_any(),
    }
}

/// What the operator types for a question, in words.
fn entry_hint(lang: Lang, q: &Question) -> Option<String> {
    let range = number_range(q);
    match &q.kind {
        QuestionKind::MultipleChoice { .. } => {
            range.map(|r| format!("{r} {}", t(lang, Msg::EntryMany)))
        }
        QuestionKind::Date { .. } => Some(t(lang, Msg::EntryDate).to_string()),
        QuestionKind::Ranking { .. } => Some(t(lang, Msg::EntryRank).to_string()),
        _ => range,
    }
}

/// The paper entry page.
#[component]
pub fn PaperEntryPage() -> impl IntoView {
    let id = id_param();
    let here = format!("/staff/surveys/{id}/entry");
    let query = use_query_map().read_untracked();
    let notice = [("stored", 0u8), ("first", 1), ("discarded", 2)]
        .into_iter()
        .find_map(|(key, kind)| query.get(key).map(|sheet| (kind, sheet)));
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (here, notice, rejected) = (here.clone(), notice.clone(), rejected.clone());
                Suspend::new(async move {
                    let data = async {
                        let user = get_current_user().await?.ok_or(ApiError::Unauthorized)?;
                        Ok::<_, ApiError>((user, get_paper_entry(id).await?))
                    };
                    match data.await {
                        Ok((user, entry)) => entry_view(user.display_name, entry, notice, rejected),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn entry_view(
    name: String,
    e: EntryView,
    notice: Option<(u8, String)>,
    rejected: Option<RejectedForm>,
) -> AnyView {
    let lang = use_lang();
    let id = e.survey_id;
    let typed = rejected
        .as_ref()
        .map(|r| r.values.clone())
        .unwrap_or_default();
    let errors = match rejected.as_ref().map(|r| &r.error) {
        Some(ApiError::Validation(errors)) => errors.clone(),
        _ => FieldErrors::default(),
    };
    let failure = rejected.as_ref().map(|r| {
        view! { <p class="form-failure" role="alert" data-error=r.error.code()>{error_title(lang, &r.error)}</p> }
    });
    let error_at = |field: &str| errors.get(field).map(|e| field_error(lang, e));
    // The focus goes where the operator must look: the first refused question, else the sheet
    // number (a new sheet, or a refused sheet number).
    let first_error = errors
        .0
        .iter()
        .map(|(field, _)| field.clone())
        .find(|field| field != "sheet");
    let sheet_focus = first_error.is_none() || errors.get("sheet").is_some();
    let first_error = first_error.filter(|_| !sheet_focus);
    let mut n = 0usize;
    let sections = e
        .definition
        .sections()
        .iter()
        .map(|section| {
            let rows = section
                .questions
                .iter()
                .map(|q| {
                    n += 1;
                    let error = error_at(&field_name(&q.id));
                    let invalid = error.is_some();
                    view! {
                        <tr data-question=q.id.clone() class:invalid=invalid>
                            <th scope="row"><label for=format!("e-{}", q.id)>{question_number(lang, n)}</label></th>
                            <td class="entry-label">
                                {q.label.plain(lang)}
                                {entry_hint(lang, q).map(|h| view! { <small class="entry-hint">{h}</small> })}
                            </td>
                            <td class="entry-inputs">
                                {entry_inputs(lang, q, &typed, first_error.as_deref() == Some(field_name(&q.id).as_str()))}
                                {error.map(|m| view! { <span class="field-error">{m}</span> })}
                            </td>
                        </tr>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <tbody>
                    <tr class="entry-section"><th colspan="3" scope="rowgroup">{section.title.plain(lang)}</th></tr>
                    {rows}
                </tbody>
            }
            .into_any()
        })
        .collect_view();
    let sheet_error = error_at("sheet");
    let code_field = (e.policy == ResponsePolicy::Code).then(|| {
        view! {
            <label for="e-code">{t(lang, Msg::CodeLabel)}</label>
            <input type="text" id="e-code" name="code" autocapitalize="characters" value=typed.first("code").unwrap_or_default().to_string()/>
        }
    });
    let mode = if e.double_entry {
        (Msg::DoubleEntryOn, Msg::TurnDoubleEntryOff, "off")
    } else {
        (Msg::DoubleEntryOff, Msg::TurnDoubleEntryOn, "on")
    };
    let waiting = (!e.waiting.is_empty()).then(|| {
        let items = e
            .waiting
            .iter()
            .map(|w| view! { <li data-sheet=w.sheet.clone()>{w.sheet.clone()}" — "{w.operator.clone()}</li> })
            .collect_view();
        view! { <h2>{t(lang, Msg::WaitingSheets)}</h2><ul class="entry-waiting">{items}</ul> }
    });
    let differing = (!e.differing.is_empty()).then(|| {
        let items = e
            .differing
            .iter()
            .map(|s| view! { <li><a href=format!("/staff/surveys/{id}/entry/{s}")>{s.clone()}</a></li> })
            .collect_view();
        view! { <h2>{t(lang, Msg::DifferingSheets)}</h2><ul class="entry-differing">{items}</ul> }
    });
    let notice = notice.map(|(kind, sheet)| {
        view! { <p class="saved" role="status" data-state=format!("entry-{kind}")>{entry_notice(lang, kind, &sheet)}</p> }
    });
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::PaperEntry), e.title.plain(lang))/>
        <SignOutButton name=name/>
        <p><a href=format!("/staff/surveys/{id}/edit")>{t(lang, Msg::BackToBuilder)}</a></p>
        <h1>{t(lang, Msg::PaperEntry)}" — "{e.title.plain(lang)}</h1>
        <PaperChecks lang definition=e.definition.clone()>
        <InPlace lang>
        <ul class="facts">
            <li>{paper_count(lang, e.paper_count, e.version)}</li>
            <li>
                <form method="post" action=format!("/staff/surveys/{id}/entry-mode") class="inline">
                    <span data-state=format!("double-entry-{}", e.double_entry)>{t(lang, mode.0)}</span>" "
                    <input type="hidden" name="double_entry" value=mode.2/>
                    <button type="submit" class="secondary">{t(lang, mode.1)}</button>
                </form>
            </li>
        </ul>
        {notice}
        {differing}
        {waiting}
        <p class="help">{t(lang, Msg::EntryHowTo)}</p>
        <form method="post" action=format!("/staff/surveys/{id}/entry") class="entry" autocomplete="off" novalidate>
            {failure}
            <div class="entry-head">
                <label for="e-sheet">{t(lang, Msg::SheetNumber)}</label>
                <input type="text" id="e-sheet" name="sheet" inputmode="numeric" autofocus=sheet_focus value=typed.first("sheet").unwrap_or_default().to_string() aria-invalid=sheet_error.is_some().to_string()/>
                {sheet_error.map(|m| view! { <span class="field-error">{m}</span> })}
                {code_field}
            </div>
            <table class="entry-grid">{sections}</table>
            <button type="submit" class="primary">{t(lang, Msg::SaveSheet)}</button>
        </form>
        </InPlace>
        </PaperChecks>
        <IslandScripts/>
    }
    .into_any()
}

/// The page to settle two differing typings of a sheet.
#[component]
pub fn PaperDifferencesPage() -> impl IntoView {
    let id = id_param();
    let sheet = use_params_map()
        .read_untracked()
        .get("sheet")
        .unwrap_or_default();
    let here = format!("/staff/surveys/{id}/entry/{sheet}");
    let rejected = use_context::<RejectedForm>();
    view! {
        <Suspense>
            {move || {
                let (here, sheet, rejected) = (here.clone(), sheet.clone(), rejected.clone());
                Suspend::new(async move {
                    match get_paper_differences(id, sheet).await {
                        Ok(d) => differences_view(d, rejected),
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

fn differences_view(d: DifferencesView, rejected: Option<RejectedForm>) -> AnyView {
    let lang = use_lang();
    let id = d.survey_id;
    let action = format!("/staff/surveys/{id}/entry/{}", d.sheet);
    // Both typings of one question, as radio buttons: the printed numbers and what they mean.
    let choice = |name: String, legend: String, first: String, second: String| {
        let option = |value: &'static str, msg: Msg, operator: &str, text: String| {
            view! {
                <label class="option">
                    <input type="radio" name=name.clone() value=value/>
                    <span>
                        <strong>{t(lang, msg)}" — "{operator.to_string()}</strong>
                        <br/>
                        {text}
                    </span>
                </label>
            }
        };
        view! {
            <fieldset class="question" data-question=name.trim_start_matches("take.").to_string()>
                <legend>{legend}</legend>
                <div class="options">
                    {option("1", Msg::FirstTyping, &d.first.operator, first)}
                    {option("2", Msg::SecondTyping, &d.second.operator, second)}
                </div>
            </fieldset>
        }
        .into_any()
    };
    let numbers: Vec<&str> = d.definition.questions().map(|q| q.id.as_str()).collect();
    let typed = |q: &shared::survey::Question, answers: &shared::answer::Answers| {
        let printed = printed_answer(q, answers);
        if printed.is_empty() {
            t(lang, Msg::NoAnswer).to_string()
        } else {
            format!("{printed}（{}）", answer_text(lang, q, answers))
        }
    };
    let questions = d
        .differing
        .iter()
        .filter_map(|qid| {
            let q = d.definition.question(qid)?;
            let n = numbers.iter().position(|x| x == qid).map_or(0, |i| i + 1);
            Some(choice(
                format!("take.{qid}"),
                format!("{} {}", question_number(lang, n), q.label.plain(lang)),
                typed(q, &d.first.answers),
                typed(q, &d.second.answers),
            ))
        })
        .collect_view();
    let code = (d.first.code != d.second.code).then(|| {
        let shown = |c: &Option<String>| {
            c.as_deref().map_or_else(
                || t(lang, Msg::NoAnswer).to_string(),
                shared::invitation::display,
            )
        };
        choice(
            "take.code".into(),
            t(lang, Msg::CodeLabel).into(),
            shown(&d.first.code),
            shown(&d.second.code),
        )
    });
    let failure = rejected
        .map(|r| view! { <p class="form-failure" role="alert">{error_title(lang, &r.error)}</p> });
    view! {
        <Title text=format!("{} — {}", t(lang, Msg::EntryDifferences), d.sheet)/>
        <p><a href=format!("/staff/surveys/{id}/entry")>{t(lang, Msg::PaperEntry)}</a></p>
        <h1>{t(lang, Msg::EntryDifferences)}" — "{t(lang, Msg::SheetNumber)}" "{d.sheet.clone()}</h1>
        <p>{d.title.plain(lang)}</p>
        <p class="help">{t(lang, Msg::PickCorrect)}</p>
        <form method="post" action=action.clone() class="entry-differences">
            {failure}
            {questions}
            {code}
            <button type="submit" class="primary" name="action" value="resolve">{t(lang, Msg::SaveResolved)}</button>
        </form>
        <form method="post" action=action>
            <button type="submit" class="danger" name="action" value="discard">{t(lang, Msg::DiscardTypings)}</button>
        </form>
    }
    .into_any()
}
