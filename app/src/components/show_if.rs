//! Shows and hides questions while the respondent answers, when a question depends on another
//! one on the same screen.
//!
//! Without JavaScript every such question is shown with a note saying when it applies, and the
//! server ignores answers to questions that do not apply. With JavaScript this island applies
//! the same rule live, with the same function the server uses
//! ([`shared::answer::shown_questions`]), so the two can never disagree.

use leptos::prelude::*;
use shared::survey::Question;

/// Wraps a screen's questions. `questions` are the screen's questions (conditions included).
#[island]
pub fn ShowIf(questions: Vec<Question>, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    let update = {
        let questions = StoredValue::new(questions);
        move || {
            if let Some(root) = root.get_untracked() {
                questions.with_value(|qs| browser::apply(&root, qs));
            }
        }
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            let _ = root.set_attribute("data-hydrated", "true");
            update();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let (update, _) = (|| {}, questions);
    view! {
        <div
            class="show-if"
            node_ref=root
            on:change=move |_| update()
            on:input=move |_| update()
        >
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use shared::answer::{Answers, FormValues, shown_questions};
    use shared::survey::Question;
    use wasm_bindgen::JsCast;

    /// The form's current fields as name/value pairs (files and other non-text values skipped).
    fn form_values(root: &web_sys::HtmlDivElement) -> Option<FormValues> {
        let form: web_sys::HtmlFormElement = root.closest("form").ok()??.dyn_into().ok()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let mut values = FormValues::default();
        for entry in js_sys::try_iter(&data).ok()??.flatten() {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                values.push(name, value);
            }
        }
        Some(values)
    }

    /// Hides every conditional question whose condition does not hold for the form as it is.
    pub fn apply(root: &web_sys::HtmlDivElement, questions: &[Question]) {
        let Some(values) = form_values(root) else {
            return;
        };
        let shown = shown_questions(questions.iter(), &values, &Answers::default());
        for q in questions.iter().filter(|q| q.show_if.is_some()) {
            let Ok(Some(element)) = root.query_selector(&format!("#q-{}", q.id)) else {
                continue;
            };
            if shown.contains(&q.id.as_str()) {
                let _ = element.remove_attribute("hidden");
            } else {
                let _ = element.set_attribute("hidden", "");
            }
        }
    }
}
