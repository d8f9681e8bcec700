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

/// Posts `form`'s fields, URL-encoded as the browser would, to `url`; the answer's text when it
/// is a success (`None` for a refusal, an error page or no network).
pub async fn post_form(url: &str, form: &web_sys::HtmlFormElement) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let sent = leptos::prelude::window().fetch_with_str_and_init(url, &init);
    let response: web_sys::Response = JsFuture::from(sent).await.ok()?.dyn_into().ok()?;
    if !response.ok() || response.redirected() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
