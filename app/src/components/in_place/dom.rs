//! Following links and forms in place, in the browser.

use super::{BODY, Part, State};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlFormElement, Url};

/// `href` read against the page's own address.
fn resolve(href: &str) -> Option<Url> {
    let here = window().location().href().ok()?;
    Url::new_with_base(href, &here).ok()
}

/// Whether `url` is this page with another query (the only addresses followed in place).
fn same_page(url: &Url) -> bool {
    let location = window().location();
    location.origin().ok().as_deref() == Some(url.origin().as_str())
        && location.pathname().ok().as_deref() == Some(url.pathname().as_str())
}

/// The part's element whose content is swapped.
fn body(part: Part) -> Option<Element> {
    let root: HtmlElement = part.root.get_untracked()?.into();
    root.query_selector(&format!("[{BODY}]")).ok()?
}

/// A click on a link to this page with another query: that view, in place.
pub(super) fn click(part: Part, event: &leptos::ev::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return;
    };
    if link.has_attribute("download") || link.has_attribute("target") {
        return;
    }
    // `getAttribute`, not `href`: a chart's bar is an SVG link, whose `href` is no string.
    let Some(url) = link.get_attribute("href").and_then(|h| resolve(&h)) else {
        return;
    };
    if same_page(&url) {
        event.prevent_default();
        show(part, &url);
    }
}

/// A form sent from the part: a GET form to this page shows that view in place; a POST form
/// is posted from here, and the page it leads to is shown in place when it is this one.
pub(super) fn submit(part: Part, event: &leptos::ev::SubmitEvent) {
    if event.default_prevented() {
        return;
    }
    let Some(form) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    if form.method().eq_ignore_ascii_case("post") {
        let (Some(url), Some(body)) = (
            resolve(&form.get_attribute("action").unwrap_or_default()),
            form_query(&form, event.submitter()),
        ) else {
            return;
        };
        if url.origin() != window().location().origin().unwrap_or_default() {
            return;
        }
        event.prevent_default();
        // Sent once: the button waits until the answer is in.
        if let Some(button) = event.submitter() {
            let _ = button.set_attribute("disabled", "");
        }
        load(
            part,
            Request::Post {
                url: url.href(),
                body,
                form,
            },
        );
        return;
    }
    let Some(url) = form_address(&form, event.submitter()) else {
        return;
    };
    event.prevent_default();
    show(part, &url);
}

/// Shows the view at `url` in place, as a new entry in the history.
fn show(part: Part, url: &Url) {
    load(
        part,
        Request::Get {
            url: url.href(),
            push: true,
        },
    );
}

/// What a form sends (by `submitter`), as a query string.
fn form_query(form: &HtmlFormElement, submitter: Option<HtmlElement>) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    // The button that sent the form counts when it has a name, as in a page load.
    if let Some(button) = submitter
        && let (Some(name), Some(value)) =
            (button.get_attribute("name"), button.get_attribute("value"))
    {
        data.append_with_str(&name, &value).ok()?;
    }
    let query = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    Some(query.to_string().into())
}

/// The address a GET form leads to when sent (by `submitter`), when it is this page.
fn form_address(form: &HtmlFormElement, submitter: Option<HtmlElement>) -> Option<Url> {
    if !form.method().eq_ignore_ascii_case("get") {
        return None;
    }
    let action = form.get_attribute("action").unwrap_or_default();
    let url = resolve(&action)?;
    if !same_page(&url) {
        return None;
    }
    url.set_search(&form_query(form, submitter)?);
    Some(url)
}

/// A control changed in a GET form of this page: the form applies at once.
pub(super) fn change(part: Part, event: &leptos::ev::Event) {
    let Some(control) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(form) = control
        .closest("form")
        .ok()
        .flatten()
        .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    if form_address(&form, None).is_none() || !form.check_validity() {
        return;
    }
    let _ = part;
    // Sent as if its button were pressed: the `submit` handler above takes it from there.
    let _ = form.request_submit();
}

/// The back and forward buttons step through the views shown in place.
pub(super) fn follow_history(part: Part) {
    let Ok(path) = window().location().pathname() else {
        return;
    };
    let on_pop = Closure::<dyn Fn()>::new(move || {
        let location = window().location();
        if location.pathname().ok().as_deref() == Some(path.as_str()) {
            if let Ok(url) = location.href() {
                load(part, Request::Get { url, push: false });
            }
        } else {
            let _ = location.reload();
        }
    });
    let _ = window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_pop.forget();
}

/// What the part asks the server for.
enum Request {
    /// The view at `url`; `push`: as a new entry in the history (not when going back or
    /// forward to it).
    Get { url: String, push: bool },
    /// `form`'s fields (`body`, a query string) posted to `url`.
    Post {
        url: String,
        body: String,
        form: HtmlFormElement,
    },
}

/// What came back.
enum Answer {
    /// This page again (at `url`, after any redirect), with its part.
    Here { html: String, url: String },
    /// Another page, at `url`: a sign-in page, or where a post led.
    Elsewhere(String),
    /// Nothing to show in place (no network, an error page).
    Nothing,
}

/// Asks for `request` and puts the part of the page that comes back in place of this one.
fn load(part: Part, request: Request) {
    let n = part.latest.get_value().wrapping_add(1);
    part.latest.set_value(n);
    part.state.set(State::Loading);
    leptos::task::spawn_local(async move {
        let answer = fetch_part(&request).await;
        if part.latest.get_value() != n {
            // A later view was asked for meanwhile: this one is out of date.
            return;
        }
        let location = window().location();
        match (answer, body(part)) {
            (Answer::Here { html, url }, Some(body)) => {
                swap(&body, &html);
                part.last.set_value(html);
                // A link's `#place` is not sent: the address keeps it, and the page goes there.
                let url = match &request {
                    Request::Get { url: asked, .. } => match asked.split_once('#') {
                        Some((page, place)) if page == url => {
                            if let Some(at) =
                                window().document().and_then(|d| d.get_element_by_id(place))
                            {
                                at.scroll_into_view();
                            }
                            asked.clone()
                        }
                        _ => url,
                    },
                    Request::Post { .. } => url,
                };
                let history = window().history();
                let _ = match &request {
                    Request::Get { push: true, .. } => history.and_then(|h| {
                        h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    }),
                    // After a post, the address is the page it led to (a refused post stays).
                    Request::Post { .. } => history.and_then(|h| {
                        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    }),
                    Request::Get { push: false, .. } => Ok(()),
                };
                part.shown.update(|n| *n += 1);
                part.state.set(State::Shown);
            }
            (Answer::Elsewhere(url), _) => {
                let _ = location.assign(&url);
            }
            // The page at that address says what happened; a post that came to nothing is
            // sent again as the browser would send it.
            (_, _) => match request {
                Request::Get { url, .. } => {
                    let _ = location.assign(&url);
                }
                Request::Post { form, .. } => {
                    let _ = form.submit();
                }
            },
        }
    });
}

/// Fetches this page again every `seconds` and shows its part when it changed, unless the page
/// is out of view, a view is on its way, or something is being typed in the part.
pub(super) fn refresh_every(part: Part, seconds: u32) {
    if let Some(body) = body(part) {
        part.last.set_value(body.inner_html());
    }
    let tick = move || {
        let hidden = window().document().is_none_or(|d| d.hidden());
        if hidden || part.state.get_untracked() == State::Loading {
            return;
        }
        let Some(body) = body(part) else { return };
        if being_typed_in(&body) {
            return;
        }
        let Ok(url) = window().location().href() else {
            return;
        };
        let n = part.latest.get_value();
        leptos::task::spawn_local(async move {
            let request = Request::Get { url, push: false };
            let Answer::Here { html, .. } = fetch_part(&request).await else {
                // A failed refresh leads nowhere: the next one may do better.
                return;
            };
            // Unless the person did something meanwhile, or nothing changed.
            if part.latest.get_value() != n
                || being_typed_in(&body)
                || part.last.with_value(|l| *l == html)
            {
                return;
            }
            swap(&body, &html);
            part.last.set_value(html);
            part.shown.update(|n| *n += 1);
        });
    };
    let _ = set_interval_with_handle(tick, std::time::Duration::from_secs(u64::from(seconds)));
}

/// Whether something is being typed in `body`: a field holds other than what the server sent,
/// or has the focus.
fn being_typed_in(body: &Element) -> bool {
    let focused = window()
        .document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| {
            body.contains(Some(&a))
                && matches!(a.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        });
    let Ok(fields) = body.query_selector_all("textarea, input:not([type=hidden])") else {
        return focused;
    };
    focused
        || (0..fields.length())
            .filter_map(|i| fields.item(i))
            .any(|f| {
                if let Some(t) = f.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    t.default_value().is_ok_and(|d| t.value() != d)
                } else if let Some(i) = f.dyn_ref::<web_sys::HtmlInputElement>() {
                    i.value() != i.default_value() || i.checked() != i.default_checked()
                } else {
                    false
                }
            })
}

/// Sends `request`, and reads the part out of the page that comes back.
async fn fetch_part(request: &Request) -> Answer {
    let sent = match request {
        Request::Get { url, .. } => window().fetch_with_str(url),
        Request::Post { url, body, .. } => {
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            let Ok(body) = web_sys::UrlSearchParams::new_with_str(body) else {
                return Answer::Nothing;
            };
            init.set_body(&body.into());
            window().fetch_with_str_and_init(url, &init)
        }
    };
    let Some(response) = JsFuture::from(sent)
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
    else {
        return Answer::Nothing;
    };
    let url = response.url();
    match resolve(&url) {
        Some(at) if same_page(&at) => {}
        Some(_) if response.ok() => return Answer::Elsewhere(url),
        _ => return Answer::Nothing,
    }
    let Some(text) = async {
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
    .await
    else {
        return Answer::Nothing;
    };
    // A refused form comes back as this page (422) with the reasons in the part: shown too.
    let html = web_sys::DomParser::new()
        .ok()
        .and_then(|p| {
            p.parse_from_string(&text, web_sys::SupportedType::TextHtml)
                .ok()
        })
        .and_then(|doc| doc.query_selector(&format!("[{BODY}]")).ok().flatten())
        .map(|part| part.inner_html());
    match html {
        Some(html) => Answer::Here { html, url },
        None => Answer::Nothing,
    }
}

/// Puts `html` in `body`, keeping open what the person had open, and the keyboard's place.
fn swap(body: &Element, html: &str) {
    let opened: Vec<bool> = details(body).iter().map(|d| d.open()).collect();
    let focused = focused_control(body);
    body.set_inner_html(html);
    let now = details(body);
    // What the person opened stays open; what the server opens (the filter, once one is on)
    // opens too.
    if now.len() == opened.len() {
        for (d, open) in now.iter().zip(opened) {
            if open {
                d.set_open(true);
            }
        }
    }
    // The field the page wants typed in next (a new sheet's number, the first refused
    // answer), else the control that had the focus.
    let wanted = body.query_selector("[autofocus]").ok().flatten();
    let again = focused.and_then(|selector| body.query_selector(&selector).ok().flatten());
    if let Some(control) = wanted.or(again)
        && let Ok(control) = control.dyn_into::<HtmlElement>()
    {
        let _ = control.focus();
    }
}

/// The `details` in `body`, in document order.
fn details(body: &Element) -> Vec<web_sys::HtmlDetailsElement> {
    let Ok(list) = body.query_selector_all("details") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// A selector for the form control that has the focus in `body`, to find it again after the
/// swap (by its name, and its value for a checkbox).
fn focused_control(body: &Element) -> Option<String> {
    let active = window().document()?.active_element()?;
    if !body.contains(Some(&active)) {
        return None;
    }
    let name = active.get_attribute("name")?;
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    Some(match active.get_attribute("type").as_deref() {
        Some("checkbox" | "radio") => {
            let value = active.get_attribute("value").unwrap_or_default();
            let value = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("[name=\"{name}\"][value=\"{value}\"]")
        }
        _ => format!("[name=\"{name}\"]"),
    })
}
