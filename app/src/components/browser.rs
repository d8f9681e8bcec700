//! Small helpers the islands share in the browser.

use shared::answer::FormValues;
use wasm_bindgen::JsCast;

/// The form's fields as the browser would post them.
pub fn form_values(form: &web_sys::HtmlFormElement) -> FormValues {
    let mut values = FormValues::default();
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return values;
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return values;
    };
    for entry in entries.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            values.push(name, value);
        }
    }
    values
}
