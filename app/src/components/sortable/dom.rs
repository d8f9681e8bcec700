//! The outline's elements, read and moved in the browser.

use super::{Move, Moves};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The elements of `root` matching `selector`, in document order.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn question_of(item: &Element) -> Option<String> {
    item.get_attribute("data-question")
}

fn item(root: &Element, question: &str) -> Option<Element> {
    all(root, "[data-question]")
        .into_iter()
        .find(|e| question_of(e).as_deref() == Some(question))
}

fn sections(root: &Element) -> Vec<Element> {
    all(root, "[data-section]")
}

/// The list of a section's questions, in the section's element.
fn list_in(section: &Element) -> Option<Element> {
    section.query_selector("ol").ok()?
}

/// The list of a section's questions, by the section's id.
fn list(root: &Element, section: &str) -> Option<Element> {
    list_in(
        &sections(root)
            .into_iter()
            .find(|s| s.get_attribute("data-section").as_deref() == Some(section))?,
    )
}

/// The questions in a list, without `except`.
fn items_in(list: &Element, except: &Element) -> Vec<Element> {
    let children = list.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|e| e.has_attribute("data-question") && !e.is_same_node(Some(except)))
        .collect()
}

/// Where a question is: its section and its index there.
fn place_of(item: &Element) -> Option<(String, usize)> {
    let section = item.closest("[data-section]").ok()??;
    let list = item.parent_element()?;
    let index = items_in(&list, item)
        .iter()
        .take_while(|e| {
            // Those before it in the list.
            e.compare_document_position(item) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
        })
        .count();
    Some((section.get_attribute("data-section")?, index))
}

/// The element an event happened on, if it is an element.
fn target(event: &web_sys::Event) -> Option<Element> {
    event.target()?.dyn_into().ok()
}

/// Shows a move in the outline: puts the question or page where the move takes it (as
/// `PlaceQuestion` and `PlaceSection` do on the server).
pub(super) fn put(root: &Element, m: &Move) {
    match m {
        Move::Question {
            question,
            to: (section, index),
            ..
        } => {
            let (Some(item), Some(list)) = (item(root, question), list(root, section)) else {
                return;
            };
            let _ = match items_in(&list, &item).get(*index) {
                Some(next) => list.insert_before(&item, Some(next)),
                None => list.append_child(&item),
            };
        }
        Move::Section { section, to, .. } => {
            let Some(page) = section_element(root, section) else {
                return;
            };
            let others: Vec<Element> = sections(root)
                .into_iter()
                .filter(|s| !s.is_same_node(Some(&page)))
                .collect();
            let (Some(parent), Some(last)) = (page.parent_node(), others.last()) else {
                return;
            };
            let _ = match others.get(*to) {
                Some(next) => parent.insert_before(&page, Some(next)),
                None => parent.insert_before(&page, last.next_sibling().as_ref()),
            };
            renumber(root);
        }
    }
}

/// Numbers the pages in their order again: the number shown (`[data-page-number]`) and the
/// page a preview link (`[data-page-link]`, ending in the number) opens.
fn renumber(root: &Element) {
    for (i, page) in sections(root).iter().enumerate() {
        let n = (i + 1).to_string();
        for shown in all(page, "[data-page-number]") {
            shown.set_text_content(Some(&n));
        }
        for link in all(page, "[data-page-link]") {
            if let Some(href) = link.get_attribute("href")
                && let Some((base, _)) = href.rsplit_once('/')
            {
                let _ = link.set_attribute("href", &format!("{base}/{n}"));
            }
        }
    }
}

fn section_element(root: &Element, section: &str) -> Option<Element> {
    sections(root)
        .into_iter()
        .find(|s| s.get_attribute("data-section").as_deref() == Some(section))
}

/// A page's id and its index among the pages.
fn page_place(root: &Element, page: &Element) -> Option<(String, usize)> {
    let index = sections(root)
        .iter()
        .position(|s| s.is_same_node(Some(page)))?;
    Some((page.get_attribute("data-section")?, index))
}

/// The page whose handle `handle` is (`None` for anything else).
fn page_of_handle(handle: &Element) -> Option<Element> {
    if !handle.has_attribute("data-page-handle") {
        return None;
    }
    handle.closest("[data-section]").ok()?
}

/// A sentence with each question's id in quotes (「q3」, “q3”) replaced by its wording as the
/// outline shows it.
pub(super) fn in_words(root: &Element, sentence: String) -> String {
    all(root, "[data-question]")
        .iter()
        .filter_map(|item| {
            let id = question_of(item)?;
            let label = item
                .query_selector(".oq-label, .bq-label")
                .ok()??
                .text_content()?;
            Some((id, label.trim().to_string()))
        })
        .filter(|(_, label)| !label.is_empty())
        .fold(sentence, |s, (id, label)| {
            s.replace(&format!("「{id}」"), &format!("「{label}」"))
                .replace(&format!("“{id}”"), &format!("“{label}”"))
        })
}

/// The 1-based number of a section.
pub(super) fn section_number(root: &Element, section: &str) -> Option<usize> {
    sections(root)
        .iter()
        .position(|s| s.get_attribute("data-section").as_deref() == Some(section))
        .map(|i| i + 1)
}

/// One place up or down from where a question is, into the neighbouring section at either end.
fn neighbour(root: &Element, item: &Element, up: bool) -> Option<(String, usize)> {
    let (section, index) = place_of(item)?;
    let list = item.parent_element()?;
    let others = items_in(&list, item).len();
    if up && index > 0 {
        return Some((section, index - 1));
    }
    if !up && index < others {
        return Some((section, index + 1));
    }
    let all = sections(root);
    let at = all
        .iter()
        .position(|s| s.get_attribute("data-section").as_deref() == Some(&section))?;
    let next = if up { at.checked_sub(1)? } else { at + 1 };
    let to = all.get(next)?;
    let id = to.get_attribute("data-section")?;
    if up {
        let count = items_in(&list_in(to)?, item).len();
        Some((id, count))
    } else {
        Some((id, 0))
    }
}

pub(super) fn drag_start(moves: Moves, event: &web_sys::DragEvent) {
    let (Some(root), Some(on)) = (moves.root.get_untracked().map(Element::from), target(event))
    else {
        return;
    };
    let (id, started) = if let Some(page) = page_of_handle(&on) {
        let Some((section, from)) = page_place(&root, &page) else {
            return;
        };
        let _ = page.class_list().add_1("dragging");
        let started = Move::Section {
            section: section.clone(),
            from,
            to: from,
        };
        (section, started)
    } else {
        let Some(item) = on.closest("[data-question]").ok().flatten() else {
            return;
        };
        let (Some(question), Some(from)) = (question_of(&item), place_of(&item)) else {
            return;
        };
        let _ = item.class_list().add_1("dragging");
        let started = Move::Question {
            question: question.clone(),
            from: from.clone(),
            to: from,
        };
        (question, started)
    };
    if let Some(data) = event.data_transfer() {
        let _ = data.set_data("text/plain", &id);
        data.set_effect_allowed("move");
    }
    moves.dragging.set_value(Some(started));
}

/// Puts `dragged` before or after `near` (its sibling), by which half of `near` the pointer
/// is over.
fn beside(dragged: &Element, near: &Element, event: &web_sys::DragEvent) {
    if near.is_same_node(Some(dragged)) {
        return;
    }
    let rect = near.get_bounding_client_rect();
    let before = f64::from(event.client_y()) < rect.top() + rect.height() / 2.0;
    let Some(parent) = near.parent_node() else {
        return;
    };
    let _ = if before {
        parent.insert_before(dragged, Some(near))
    } else {
        parent.insert_before(dragged, near.next_sibling().as_ref())
    };
}

pub(super) fn drag_over(moves: Moves, event: &web_sys::DragEvent) {
    let (Some(dragging), Some(root)) = (
        moves.dragging.get_value(),
        moves.root.get_untracked().map(Element::from),
    ) else {
        return;
    };
    event.prevent_default();
    if let Some(data) = event.data_transfer() {
        data.set_drop_effect("move");
    }
    let Some(over) = target(event) else {
        return;
    };
    let question = match dragging {
        Move::Section { section, .. } => {
            if let (Some(page), Some(near)) = (
                section_element(&root, &section),
                over.closest("[data-section]").ok().flatten(),
            ) {
                beside(&page, &near, event);
            }
            return;
        }
        Move::Question { question, .. } => question,
    };
    let Some(dragged) = item(&root, &question) else {
        return;
    };
    if let Some(near) = over.closest("[data-question]").ok().flatten() {
        beside(&dragged, &near, event);
    } else if let Some(list) = over
        .closest("[data-section]")
        .ok()
        .flatten()
        .and_then(|s| list_in(&s))
        && !dragged
            .parent_node()
            .is_some_and(|p| p.is_same_node(Some(&list)))
    {
        let _ = list.append_child(&dragged);
    }
}

/// Where the dragged question or page is now: the move made, if it moved.
fn dropped(root: &Element, started: Move) -> Option<Move> {
    let m = match started {
        Move::Question { question, from, .. } => {
            let to = place_of(&item(root, &question)?)?;
            Move::Question { question, from, to }
        }
        Move::Section { section, from, .. } => {
            let (_, to) = page_place(root, &section_element(root, &section)?)?;
            Move::Section { section, from, to }
        }
    };
    match &m {
        Move::Question { from, to, .. } if from == to => None,
        Move::Section { from, to, .. } if from == to => None,
        _ => Some(m),
    }
}

pub(super) fn drop(moves: Moves, event: &web_sys::DragEvent) {
    let (Some(started), Some(root)) = (
        moves.dragging.get_value(),
        moves.root.get_untracked().map(Element::from),
    ) else {
        return;
    };
    event.prevent_default();
    moves.dragging.set_value(None);
    for e in all(&root, ".dragging") {
        let _ = e.class_list().remove_1("dragging");
    }
    if let Some(m) = dropped(&root, started) {
        renumber(&root);
        moves.made(m);
    }
}

/// A drag that ended without a drop (Escape, or let go outside the outline) puts the question
/// or page back.
pub(super) fn drag_end(moves: Moves, _event: &web_sys::DragEvent) {
    let Some(root) = moves.root.get_untracked().map(Element::from) else {
        return;
    };
    if let Some(started) = moves.dragging.get_value() {
        moves.dragging.set_value(None);
        // `started` goes from its place to the same place: shown, it puts it back there.
        put(&root, &started);
    }
    for e in all(&root, ".dragging") {
        let _ = e.class_list().remove_1("dragging");
    }
}

/// The move ↑ or ↓ on a handle asks for: a page one place, a question one place (into the
/// neighbouring page at either end).
fn stepped(root: &Element, handle: &Element, up: bool) -> Option<Move> {
    if let Some(page) = page_of_handle(handle) {
        let (section, from) = page_place(root, &page)?;
        let to = if up {
            from.checked_sub(1)?
        } else {
            Some(from + 1).filter(|to| *to < sections(root).len())?
        };
        return Some(Move::Section { section, from, to });
    }
    let item = handle.closest("[data-question]").ok()??;
    Some(Move::Question {
        question: question_of(&item)?,
        from: place_of(&item)?,
        to: neighbour(root, &item, up)?,
    })
}

pub(super) fn key(moves: Moves, event: &web_sys::KeyboardEvent) {
    let (Some(root), Some(on)) = (moves.root.get_untracked().map(Element::from), target(event))
    else {
        return;
    };
    let command = event.ctrl_key() || event.meta_key();
    let typing = matches!(on.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT");
    match event.key().as_str() {
        "z" | "Z" if command && !typing => {
            event.prevent_default();
            if event.shift_key() {
                moves.redo();
            } else {
                moves.undo();
            }
        }
        "y" if command && !typing => {
            event.prevent_default();
            moves.redo();
        }
        key @ ("ArrowUp" | "ArrowDown") if on.class_list().contains("drag-handle") && !command => {
            event.prevent_default();
            let Some(m) = stepped(&root, &on, key == "ArrowUp") else {
                return;
            };
            put(&root, &m);
            if let Ok(handle) = on.dyn_into::<web_sys::HtmlElement>() {
                let _ = handle.focus();
            }
            moves.made(m);
        }
        _ => {}
    }
}
