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

/// Puts the fields of `kind` (`html`, from the server) in place of the editor form's kind
/// fields, if the form still asks for that kind, and tells the editor its form changed.
pub(super) fn put_kind_fields(kind: &str, html: &str) -> bool {
    let Some(form) = the_editor_form() else {
        return false;
    };
    let chosen = form
        .query_selector("select[name='kind']")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value());
    let Ok(Some(fields)) = form.query_selector("[data-kind-fields]") else {
        return false;
    };
    if chosen.as_deref() != Some(kind) {
        return false;
    }
    fields.set_outer_html(html);
    changed(&form);
    true
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

/// The row of an option list an event came from.
fn option_row(event: &web_sys::Event) -> Option<web_sys::Element> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    target.closest("table.choices tbody tr").ok()?
}

/// The option row being dragged, in the same list as `row`.
fn dragged_beside(row: &web_sys::Element) -> Option<web_sys::Element> {
    row.parent_element()?.query_selector("tr.dragging").ok()?
}

/// Tells the editor its form changed (the preview follows, the autosave saves the order).
fn form_changed(row: &web_sys::Element) {
    if let Ok(Some(form)) = row.closest("form.editor-form") {
        changed(&form);
    }
}

/// Sends an `input` event from `form` (the editor reads it again).
fn changed(form: &web_sys::Element) {
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = form.dispatch_event(&event);
    }
}

pub(super) fn option_drag_start(event: &web_sys::DragEvent) {
    let Some(row) = option_row(event) else { return };
    if let Some(data) = event.data_transfer() {
        let _ = data.set_data("text/plain", "");
        data.set_effect_allowed("move");
    }
    let _ = row.class_list().add_1("dragging");
}

/// A dragged option row goes before or after the row it is over, at once.
pub(super) fn option_drag_over(event: &web_sys::DragEvent) {
    let Some(over) = option_row(event) else {
        return;
    };
    let Some(dragged) = dragged_beside(&over) else {
        return;
    };
    event.prevent_default();
    if over.is_same_node(Some(&dragged)) {
        return;
    }
    let rect = over.get_bounding_client_rect();
    let before = f64::from(event.client_y()) < rect.top() + rect.height() / 2.0;
    if let Some(list) = over.parent_node() {
        let _ = if before {
            list.insert_before(&dragged, Some(&over))
        } else {
            list.insert_before(&dragged, over.next_sibling().as_ref())
        };
    }
}

pub(super) fn option_drop(event: &web_sys::DragEvent) {
    let Some(over) = option_row(event) else {
        return;
    };
    let Some(dragged) = dragged_beside(&over) else {
        return;
    };
    event.prevent_default();
    let _ = dragged.class_list().remove_1("dragging");
    form_changed(&dragged);
}

pub(super) fn option_drag_end(event: &web_sys::DragEvent) {
    if let Some(row) = option_row(event) {
        let _ = row.class_list().remove_1("dragging");
    }
}

/// ↑ or ↓ on an option's handle moves it one row, keeping the focus on the handle.
pub(super) fn option_key(event: &web_sys::KeyboardEvent) {
    let up = match event.key().as_str() {
        "ArrowUp" => true,
        "ArrowDown" => false,
        _ => return,
    };
    let Some(handle) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|t| t.class_list().contains("drag-handle"))
    else {
        return;
    };
    let Some(row) = option_row(event) else { return };
    let (Some(list), neighbour) = (
        row.parent_node(),
        if up {
            row.previous_element_sibling()
        } else {
            row.next_element_sibling()
        },
    ) else {
        return;
    };
    event.prevent_default();
    let Some(neighbour) = neighbour else { return };
    let _ = if up {
        list.insert_before(&row, Some(&neighbour))
    } else {
        list.insert_before(&row, neighbour.next_sibling().as_ref())
    };
    let _ = handle.focus();
    form_changed(&row);
}
