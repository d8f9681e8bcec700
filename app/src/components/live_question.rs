//! The question editor's phone preview and autosave, kept up to date as staff type (an
//! island).
//!
//! Without JavaScript the preview shows the question as saved, and the editor form posts as
//! before. With it, every keystroke or change in the editor form is read as the form would post
//! it and turned into the question with the same code the server saves it with
//! (`shared::edit::question_from_form`), so the preview shows what saving would make: new
//! wording, options, a switched kind, the condition's note. Switching the kind puts that
//! kind's own fields in the form at once (rendered by the server: the form posted to
//! `…/q/{qid}/fields`; nothing saved until they are there). Choosing the condition's question lists its answers at once. A moment after typing stops, the form is saved through the
//! `save_question` server function (`autosave`), with the same checks and the same
//! compare-and-set as the save button; a conflict with another editor is shown beside the
//! form, which keeps everything typed.

use crate::components::question::{condition_note, question_field};
use crate::i18n::{Msg, t};
use leptos::prelude::*;
use shared::Lang;
use shared::answer::FormValues;
use shared::survey::Question;

mod autosave;
#[cfg(feature = "hydrate")]
mod dom;

use autosave::{Autosave, autosave_status};

/// The question as a phone shows it, with the note of its condition (`earlier`: the
/// questions before it, one of which the condition may name).
pub fn question_preview(lang: Lang, q: &Question, earlier: &[Question]) -> AnyView {
    let note = q.show_if.as_ref().map(|c| {
        let on = earlier.iter().find(|e| e.id == c.question());
        condition_note(lang, c, on)
    });
    question_field(q, lang, &FormValues::default(), None, note)
}

/// The editor (`children`: the form, rendered on the server) beside the phone preview of
/// `question` (what the form holds when the page opens), which follows what is typed in the
/// form, read against `saved` (the question as saved) as the server will read it; what is
/// typed is saved as the next revision of survey `survey_id` soon after typing stops.
#[island]
pub fn LiveQuestion(
    lang: Lang,
    survey_id: i64,
    saved: Question,
    question: Question,
    earlier: Vec<Question>,
    children: Children,
) -> impl IntoView {
    let shown = RwSignal::new(question);
    let autosave = Autosave::new(lang, survey_id, saved);
    let on_edit = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            dom::switch_condition_values(&event);
            if let Some(values) = dom::editor_form(&event).map(|form| dom::form_values(&form)) {
                let saved = autosave.saved.get_value();
                let question = shared::edit::question_from_form(&saved, &values);
                dom::show_in_outline(&question.id, &question.label.plain(lang));
                shown.set(question);
                autosave.fetch_kind_fields(&values);
                autosave.schedule();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, autosave);
    };
    // The save button posts the form: nothing more is saved from here.
    let on_submit = move |_| autosave.stop();
    let earlier = StoredValue::new(earlier);
    // The preview in each language residents may choose (with JavaScript: the buttons wait for
    // the island; without it the preview is in the page's language).
    let shown_in = RwSignal::new(lang);
    let ready = RwSignal::new(false);
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            view! {
                <button type="button" class="secondary" data-preview-lang=l.code()
                    aria-pressed=move || (shown_in.get() == l).to_string()
                    on:click=move |_| shown_in.set(l)>
                    {l.native_name()}
                </button>
            }
        })
        .collect_view();
    let preview = view! {
        <aside class="phone-preview" aria-label=t(lang, Msg::Preview)>
            {autosave_status(autosave, earlier)}
            <p class="help">{t(lang, Msg::Preview)}</p>
            <div class="preview-lang-choice" role="group" aria-label=t(lang, Msg::Preview) hidden=move || !ready.get()>{languages}</div>
            <div class="phone">{move || shown.with(|q| earlier.with_value(|e| question_preview(shown_in.get(), q, e)))}</div>
        </aside>
    }
    .into_any();
    // Options are reordered by drag or with ↑ ↓ on their handles (browser only).
    macro_rules! on {
        ($handler:ident, $event:ty) => {
            move |event: $event| {
                #[cfg(feature = "hydrate")]
                dom::$handler(&event);
                #[cfg(not(feature = "hydrate"))]
                let _ = &event;
            }
        };
    }
    Effect::new(move |_| ready.set(true));
    view! {
        <div class="editor-layout" on:input=on_edit on:change=on_edit on:submit=on_submit
            data-ready=move || ready.get().then_some("1")
            on:dragstart=on!(option_drag_start, leptos::ev::DragEvent)
            on:dragover=on!(option_drag_over, leptos::ev::DragEvent)
            on:drop=on!(option_drop, leptos::ev::DragEvent)
            on:dragend=on!(option_drag_end, leptos::ev::DragEvent)
            on:keydown=on!(option_key, leptos::ev::KeyboardEvent)
        >
            {children()}
            {preview}
        </div>
    }
}
