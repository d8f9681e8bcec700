//! The survey form: the one island residents download.
//!
//! Without JavaScript it is a plain `<form method="post">` that the server validates. Once the
//! WebAssembly has loaded, the same form checks answers in the browser with the same shared code,
//! sends them through the `submit_survey` server function and shows the thank-you message
//! without a page load. A submit repeated by a flaky connection reuses the idempotency key the
//! server rendered into the form, so it never stores a second response.

use crate::i18n::{Msg, error_title, field_error, t};
use leptos::prelude::*;
use shared::answer::{FormValues, field_name};
use shared::survey::SurveyDefinition;
use shared::survey::{Question, QuestionKind};
use shared::{ApiError, FieldErrors, Lang};

/// Where the hydrated form is in its life.
#[derive(Debug, Clone, PartialEq)]
enum FormState {
    Editing,
    Sending,
    Failed(ApiError),
    Done,
}

/// The survey's questions as a form, with messages for rejected fields.
///
/// The props are only what the form needs (not the whole `SurveyForm`): everything passed here
/// is serialised into the page and decoded by the WebAssembly, and every type decoded there
/// (a date, say) adds its parser to the bundle residents download.
#[island]
pub fn SurveyFormIsland(
    slug: String,
    definition: SurveyDefinition,
    idempotency_key: String,
    lang: Lang,
    values: FormValues,
    errors: FieldErrors,
    failure: Option<ApiError>,
) -> impl IntoView {
    let errors = RwSignal::new(errors);
    let state = RwSignal::new(failure.map_or(FormState::Editing, FormState::Failed));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let thanks_ref = NodeRef::<leptos::html::Div>::new();
    let key = values
        .first("idempotency_key")
        .map(str::to_string)
        .unwrap_or(idempotency_key);
    let definition_for_summary = definition.clone();
    let definition = StoredValue::new(definition);

    #[cfg(feature = "hydrate")]
    let on_submit = {
        let slug = slug.clone();
        let key = key.clone();
        move |ev: leptos::ev::SubmitEvent| {
            submit_in_browser(
                ev,
                SubmitContext {
                    slug: slug.clone(),
                    key: key.clone(),
                    lang,
                    definition,
                    errors,
                    state,
                    form_ref,
                    summary_ref,
                    thanks_ref,
                },
            );
        }
    };
    // On the server the handler is never called; it only has to exist for the view to compile.
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        let _ = definition;
        |_: leptos::ev::SubmitEvent| {}
    };

    // Marks the form once its code runs, so tests (and curious people) can tell a hydrated form
    // from a plain one.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            let _ = form.set_attribute("data-hydrated", "true");
        }
    });

    let questions = definition_for_summary
        .questions()
        .iter()
        .map(|q| question_view(q, lang, &values, errors))
        .collect_view();
    let done = move || state.with(|s| *s == FormState::Done);
    let sending = move || state.with(|s| *s == FormState::Sending);

    view! {
        <div class="thanks" tabindex="-1" node_ref=thanks_ref hidden=move || !done()>
            <h2>{t(lang, Msg::ThanksTitle)}</h2>
            <p>{t(lang, Msg::ThanksBody)}</p>
            <p>{t(lang, Msg::ThanksNetworks)}</p>
            <p>
                <a href="/">{t(lang, Msg::BackHome)}</a>
            </p>
        </div>
        <form
            method="post"
            action=format!("/s/{slug}")
            novalidate
            node_ref=form_ref
            on:submit=on_submit
            hidden=done
        >
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                node_ref=summary_ref
                hidden=move || errors.with(FieldErrors::is_empty)
            >
                <h2>{t(lang, Msg::ErrorSummary)}</h2>
                <ul>
                    {move || {
                        errors
                            .get()
                            .0
                            .into_iter()
                            .map(|(field, e)| {
                                let label = definition_for_summary
                                    .questions()
                                    .iter()
                                    .find(|q| field_name(&q.id) == field)
                                    .map(|q| q.label.get(lang).to_string())
                                    .unwrap_or_default();
                                let anchor = format!("#{}", input_id(&field));
                                view! {
                                    <li>
                                        <a href=anchor>{label}": "{field_error(lang, &e)}</a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <input type="hidden" name="idempotency_key" value=key/>
            <input type="hidden" name="lang" value=lang.code()/>
            {questions}
            <p class="form-failure" role="alert">
                {move || match state.get() {
                    FormState::Failed(ApiError::Unreachable) => t(lang, Msg::ConnectionLost),
                    FormState::Failed(e) => error_title(lang, &e),
                    _ => "",
                }}
            </p>
            <button type="submit" class="primary" disabled=sending aria-busy=move || sending().to_string()>
                {move || if sending() { t(lang, Msg::Sending) } else { t(lang, Msg::Submit) }}
            </button>
        </form>
    }
}

/// The id of the first input of a field, so an error summary can link to it.
fn input_id(field: &str) -> String {
    format!("f-{}", field.replace('.', "-"))
}

/// One question: its label, help, message and inputs.
fn question_view(
    q: &Question,
    lang: Lang,
    values: &FormValues,
    errors: RwSignal<FieldErrors>,
) -> AnyView {
    let name = field_name(&q.id);
    let id = input_id(&name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described_by = format!("{help_id} {error_id}");
    let error_name = name.clone();
    let message = move || errors.with(|e| e.get(&error_name).map(|fe| field_error(lang, fe)));
    let invalid_name = name.clone();
    let invalid = move || errors.with(|e| e.get(&invalid_name).is_some()).to_string();
    let badge = if q.required {
        view! { <span class="badge required">{t(lang, Msg::Required)}</span> }
    } else {
        view! { <span class="badge">{t(lang, Msg::Optional)}</span> }
    };
    let help = q.help.as_ref().map(|h| h.get(lang).to_string());
    let label = q.label.get(lang).to_string();
    let error_line = view! {
        <p class="field-error" id=error_id>
            {message}
        </p>
    };
    let help_line = view! {
        <p class="help" id=help_id.clone() hidden=help.is_none()>
            {help.clone()}
        </p>
    };
    match &q.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options, .. } => {
            let (multiple, hint) = match q.kind {
                QuestionKind::MultipleChoice { max: Some(max), .. } => {
                    (true, crate::i18n::choose_up_to(lang, max))
                }
                QuestionKind::MultipleChoice { .. } => (true, t(lang, Msg::ChooseAny).to_string()),
                _ => (false, t(lang, Msg::ChooseOne).to_string()),
            };
            let inputs = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let input_id = if i == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{i}")
                    };
                    let checked = values.contains(&name, &o.value);
                    view! {
                        <label class="option">
                            <input
                                type=if multiple { "checkbox" } else { "radio" }
                                id=input_id
                                name=name.clone()
                                value=o.value.clone()
                                checked=checked
                            />
                            <span>{o.label.get(lang).to_string()}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset
                    class="question"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    aria-required=q.required.to_string()
                >
                    <legend>
                        <span class="q-label">{label}</span>
                        " "
                        {badge}
                    </legend>
                    {help_line}
                    <p class="hint">{hint}</p>
                    {error_line}
                    <div class="options">{inputs}</div>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Text { multiline, max_len } => {
            let value = values.first(&name).unwrap_or_default().to_string();
            let input = if *multiline {
                view! {
                    <textarea
                        id=id.clone()
                        name=name.clone()
                        rows="5"
                        maxlength=max_len.to_string()
                        aria-describedby=described_by.clone()
                        aria-invalid=invalid.clone()
                        aria-required=q.required.to_string()
                    >
                        {value}
                    </textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        type="text"
                        id=id.clone()
                        name=name.clone()
                        value=value
                        maxlength=max_len.to_string()
                        aria-describedby=described_by.clone()
                        aria-invalid=invalid.clone()
                        aria-required=q.required.to_string()
                    />
                }
                .into_any()
            };
            view! {
                <div class="question">
                    <label for=id class="q-label-row">
                        <span class="q-label">{label}</span>
                        " "
                        {badge}
                    </label>
                    {help_line}
                    {error_line}
                    {input}
                </div>
            }
            .into_any()
        }
    }
}

/// Everything the browser-side submit needs.
#[cfg(feature = "hydrate")]
struct SubmitContext {
    slug: String,
    key: String,
    lang: Lang,
    definition: StoredValue<shared::survey::SurveyDefinition>,
    errors: RwSignal<FieldErrors>,
    state: RwSignal<FormState>,
    form_ref: NodeRef<leptos::html::Form>,
    summary_ref: NodeRef<leptos::html::Div>,
    thanks_ref: NodeRef<leptos::html::Div>,
}

/// Checks the answers in the browser, then sends them; falls back to nothing: if anything about
/// the browser is missing, the event is not cancelled and the plain form post goes ahead.
#[cfg(feature = "hydrate")]
fn submit_in_browser(ev: leptos::ev::SubmitEvent, cx: SubmitContext) {
    use shared::answer::collect_answers;
    use shared::views::Submission;

    let Some(form_el) = cx.form_ref.get_untracked() else {
        return;
    };
    let Some(fields) = read_form(&form_el) else {
        return;
    };
    ev.prevent_default();
    if cx.state.get_untracked() == FormState::Sending {
        return;
    }
    let checked = cx
        .definition
        .with_value(|def| collect_answers(def, &fields));
    if let Err(e) = checked {
        cx.errors.set(e);
        cx.state.set(FormState::Editing);
        focus_later(cx.summary_ref);
        return;
    }
    cx.errors.set(FieldErrors::default());
    cx.state.set(FormState::Sending);
    let submission = Submission {
        slug: cx.slug,
        fields,
        idempotency_key: cx.key,
        lang: cx.lang,
    };
    let SubmitContext {
        errors,
        state,
        summary_ref,
        thanks_ref,
        ..
    } = cx;
    leptos::task::spawn_local(async move {
        match crate::api::survey::submit_survey(submission).await {
            Ok(_) => {
                state.set(FormState::Done);
                focus_later(thanks_ref);
            }
            Err(ApiError::Validation(e)) => {
                errors.set(e);
                state.set(FormState::Editing);
                focus_later(summary_ref);
            }
            Err(e) => state.set(FormState::Failed(e)),
        }
    });
}

/// Moves focus (and so the screen reader and the scroll position) to an element once the
/// pending DOM updates, such as removing its `hidden` attribute, have been applied.
#[cfg(feature = "hydrate")]
fn focus_later(target: NodeRef<leptos::html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// The form's fields as `name=value` pairs, exactly as a plain form post would send them.
#[cfg(feature = "hydrate")]
fn read_form(form: &web_sys::HtmlFormElement) -> Option<FormValues> {
    use wasm_bindgen::JsCast;
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let mut pairs = Vec::new();
    for entry in js_sys::try_iter(&data).ok()??.flatten() {
        let entry: js_sys::Array = entry.dyn_into().ok()?;
        let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) else {
            continue;
        };
        pairs.push((name, value));
    }
    Some(FormValues(pairs))
}
