//! The question editor's phone preview, kept up to date as staff type (an island).
//!
//! Without JavaScript the preview shows the question as saved, and the editor form posts as
//! before. With it, every keystroke or change in the editor form is read as the form would post
//! it and turned into the question with the same code the server saves it with
//! (`shared::edit::question_from_form`), so the preview shows what saving would make: new
//! wording, options, a switched kind, the condition's note. Nothing is saved until "save".

use crate::components::question::{condition_note, question_field};
use crate::i18n::{Msg, t};
use leptos::prelude::*;
use shared::Lang;
use shared::answer::FormValues;
use shared::survey::Question;

/// The question as a phone shows it, with the note of its condition (`earlier`: the
/// questions before it, one of which the condition may name).
pub fn question_preview(lang: Lang, q: &Question, earlier: &[Question]) -> AnyView {
    let note = q.show_if.as_ref().map(|c| {
        let on = earlier.iter().find(|e| e.id == c.question());
        condition_note(lang, c, on)
    });
    question_field(q, lang, &FormValues::default(), None, note)
}

/// Reads the editor form an event came from, as the browser would post it; `None` for an
/// event from anywhere else.
#[cfg(feature = "hydrate")]
fn editor_values(event: &leptos::ev::Event) -> Option<FormValues> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let form: web_sys::HtmlFormElement =
        target.closest("form.editor-form").ok()??.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let mut values = FormValues::default();
    for entry in js_sys::try_iter(&data).ok()??.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            values.push(name, value);
        }
    }
    Some(values)
}

/// The editor (`children`: the form, rendered on the server) beside the phone preview of
/// `question` (what the form holds when the page opens), which follows what is typed in the
/// form, read against `saved` (the question as saved) as the server will read it.
#[island]
pub fn LiveQuestion(
    lang: Lang,
    saved: Question,
    question: Question,
    earlier: Vec<Question>,
    children: Children,
) -> impl IntoView {
    let shown = RwSignal::new(question);
    let on_edit = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(values) = editor_values(&event) {
            shown.set(shared::edit::question_from_form(&saved, &values));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, &saved);
    };
    view! {
        <div class="editor-layout" on:input=on_edit.clone() on:change=on_edit>
            {children()}
            <aside class="phone-preview" aria-label=t(lang, Msg::Preview)>
                <p class="help">{t(lang, Msg::Preview)}</p>
                <div class="phone">{move || shown.with(|q| question_preview(lang, q, &earlier))}</div>
            </aside>
        </div>
    }
}
