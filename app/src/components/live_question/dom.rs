//! The editor form, read and changed in the browser.

use wasm_bindgen::JsCast;

/// The editor form an event came from; `None` for an event from anywhere else.
pub(super) fn editor_form(event: &leptos::ev::Event) -> Option<web_sys::HtmlFormElement> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    target.closest("form.editor-form").ok()??.dyn_into().ok()
}

/// The editor form on the page.
pub(super) fn the_editor_form() -> Option<web_sys::HtmlFormElement> {
    leptos::prelude::document()
        .query_selector("form.editor-form")
        .ok()??
        .dyn_into()
        .ok()
}

pub(super) use crate::components::browser::form_values;

/// Shows a question's new wording in the studio's outline as it is typed.
pub(super) fn show_in_outline(question: &str, label: &str) {
    let Ok(items) =
        leptos::prelude::document().query_selector_all(".studio-outline [data-question]")
    else {
        return;
    };
    for i in 0..items.length() {
        let Some(item) = items
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if item.get_attribute("data-question").as_deref() == Some(question)
            && let Ok(Some(shown)) = item.query_selector(".oq-label")
        {
            shown.set_text_content(Some(label));
        }
    }
}

/// Sets the revision the form is based on (its `rev` field), so that the save button, and the
/// next autosave, compare against it.
pub(super) fn set_revision(form: &web_sys::HtmlFormElement, revision: i64) {
    if let Ok(Some(rev)) = form.query_selector("input[name='rev']") {
        let _ = rev.set_attribute("value", &revision.to_string());
        if let Ok(input) = rev.dyn_into::<web_sys::HtmlInputElement>() {
            input.set_value(&revision.to_string());
        }
    }
}

/// After another question is chosen for the condition: shows that question's answers to
/// choose from (`.if-values[data-for]`), hides and disables the others so that they post
/// nothing, and shows the hint (`.if-none`) when the question has no answers to choose.
pub(super) fn switch_condition_values(event: &leptos::ev::Event) {
    let Some(select) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .filter(|s| s.name() == "if.question")
    else {
        return;
    };
    let Ok(Some(condition)) = select.closest("#condition") else {
        return;
    };
    let chosen = select.value();
    let mut any = false;
    if let Ok(groups) = condition.query_selector_all(".if-values") {
        for i in 0..groups.length() {
            let Some(group) = groups
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let on = group.get_attribute("data-for").as_deref() == Some(chosen.as_str());
            any |= on;
            for name in ["hidden", "disabled"] {
                let _ = if on {
                    group.remove_attribute(name)
                } else {
                    group.set_attribute(name, "")
                };
            }
        }
    }
    if let Ok(Some(hint)) = condition.query_selector(".if-none") {
        let _ = if any {
            hint.set_attribute("hidden", "")
        } else {
            hint.remove_attribute("hidden")
        };
    }
}
