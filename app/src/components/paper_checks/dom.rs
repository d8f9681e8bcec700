//! The entry sheet's rows, checked and marked in the browser.

use crate::components::browser::form_values;
use crate::i18n::field_error;
use shared::answer::field_name;
use shared::survey::SurveyDefinition;
use shared::{FieldError, Lang};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Checks the row of the cell `event` came from, and marks it or clears its mark.
pub(super) fn check_row(lang: Lang, definition: &SurveyDefinition, event: &leptos::ev::Event) {
    let Some(cell) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let (Some(row), Some(form)) = (
        cell.closest("tr[data-question]").ok().flatten(),
        cell.closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok()),
    ) else {
        return;
    };
    let Some(question) = row.get_attribute("data-question") else {
        return;
    };
    let name = field_name(&question);
    let error = match shared::paper::entry_answers(definition, &form_values(&form)) {
        Ok(_) => None,
        Err(errors) => errors
            .0
            .into_iter()
            .find(|(field, _)| *field == name || field.starts_with(&format!("{name}.")))
            .map(|(_, e)| e)
            // Still to be typed: said when the sheet is saved.
            .filter(|e| !matches!(e, FieldError::Required | FieldError::OtherRequired)),
    };
    mark(&row, error.map(|e| field_error(lang, &e)));
}

/// Shows `message` in the row (or takes the row's message away).
fn mark(row: &Element, message: Option<String>) {
    let Ok(Some(cells)) = row.query_selector("td.entry-inputs") else {
        return;
    };
    let shown = cells.query_selector(".field-error").ok().flatten();
    let _ = row
        .class_list()
        .toggle_with_force("invalid", message.is_some());
    if let Ok(inputs) = cells.query_selector_all("input, textarea") {
        for i in 0..inputs.length() {
            if let Some(Ok(input)) = inputs.item(i).map(|n| n.dyn_into::<Element>()) {
                let _ = match message {
                    Some(_) => input.set_attribute("aria-invalid", "true"),
                    None => input.remove_attribute("aria-invalid"),
                };
            }
        }
    }
    match (message, shown) {
        (Some(message), Some(span)) => span.set_text_content(Some(&message)),
        (Some(message), None) => {
            let Some(span) = leptos::prelude::document().create_element("span").ok() else {
                return;
            };
            span.set_class_name("field-error");
            let _ = span.set_attribute("data-live", "");
            span.set_text_content(Some(&message));
            let _ = cells.append_child(&span);
        }
        (None, Some(span)) => span.remove(),
        (None, None) => {}
    }
}
