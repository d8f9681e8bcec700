//! Reordering a survey's pages and questions by drag and drop or with the keyboard (an island).
//!
//! The outline is rendered on the server (`children`): every page an element with
//! `data-section` (its id), all of them siblings, each with its page handle
//! (`[data-page-handle]`) and its questions, elements with `data-question` (the id) in a list
//! (`ol`). Without JavaScript nothing here runs and the outline's own buttons (上へ・下へ) move
//! pages and questions. With it, a question or a page is dragged to its new place, or moved
//! with ↑ and ↓ on its handle (a question one place at a time, across pages at either end); the
//! outline changes at once and the move is saved through the `place_question` server
//! function, one after another in the order they were made. A move the
//! server refuses (a question put before the question its condition reads) goes back, with the
//! reason. Undo and redo step through this session's moves.

use crate::i18n::tr;
use leptos::prelude::*;
use shared::Lang;

/// A question or a page moved from one place to another.
#[derive(Clone, Debug, PartialEq)]
pub enum Move {
    /// A question: from and to a section's id and the index in it, counted without the question
    /// itself (as `shared::edit::Edit::PlaceQuestion` counts).
    Question {
        question: String,
        from: (String, usize),
        to: (String, usize),
    },
    /// A page (section): its index among the pages, counted without itself
    /// (`shared::edit::Edit::PlaceSection`).
    Section {
        section: String,
        from: usize,
        to: usize,
    },
}

impl Move {
    fn reversed(&self) -> Move {
        match self.clone() {
            Move::Question { question, from, to } => Move::Question {
                question,
                from: to,
                to: from,
            },
            Move::Section { section, from, to } => Move::Section {
                section,
                from: to,
                to: from,
            },
        }
    }
}

/// The handle a question is moved by with the keyboard (↑ ↓), shown once the island runs.
pub fn drag_handle(lang: Lang, label: &str) -> impl IntoView + use<> {
    let name = match lang {
        Lang::En => format!("Move “{label}” (↑ ↓)"),
        _ => format!("「{label}」を移動（↑ ↓ キー）"),
    };
    view! { <button type="button" class="drag-handle" aria-label=name.clone() title=name>"⠿"</button> }
}

/// The handle a page is moved by: dragged, or ↑ ↓ on it (the page's element itself is not
/// draggable, so that text in its fields stays selectable).
pub fn page_handle(lang: Lang, number: usize) -> impl IntoView + use<> {
    let name = match lang {
        Lang::En => format!("Move page {number} (↑ ↓)"),
        _ => format!("{number}ページ目を移動（↑ ↓ キー）"),
    };
    view! {
        <button type="button" class="drag-handle page-handle" draggable="true" data-page-handle=""
            aria-label=name.clone() title=name>"⠿"</button>
    }
}

/// The outline (`children`) with its questions movable, undo and redo, and a line that says
/// what happened.
#[island]
pub fn SortableOutline(lang: Lang, survey_id: i64, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let message = RwSignal::new(String::new());
    let done = RwSignal::new(Vec::<Move>::new());
    let undone = RwSignal::new(Vec::<Move>::new());
    let ready = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let moves = Moves {
        lang,
        survey_id,
        root,
        message,
        done,
        undone,
        saving,
        queue: StoredValue::new(Default::default()),
        dragging: StoredValue::new(None),
    };
    Effect::new(move |_| ready.set(true));
    let undo = move |_| moves.undo();
    let redo = move |_| moves.redo();
    // Each event is handled in the browser only (`dom`); the server renders the same element.
    macro_rules! on {
        ($handler:ident, $event:ty) => {
            move |event: $event| {
                #[cfg(feature = "hydrate")]
                dom::$handler(moves, &event);
                #[cfg(not(feature = "hydrate"))]
                let _ = (&event, moves);
            }
        };
    }
    view! {
        <div class="sortable" node_ref=root data-ready=move || ready.get().then_some("1")
            data-saving=move || saving.get().then_some("1")
            on:dragstart=on!(drag_start, leptos::ev::DragEvent)
            on:dragover=on!(drag_over, leptos::ev::DragEvent)
            on:drop=on!(drop, leptos::ev::DragEvent)
            on:dragend=on!(drag_end, leptos::ev::DragEvent)
            on:keydown=on!(key, leptos::ev::KeyboardEvent)
        >
            <div class="sort-bar" hidden=move || !ready.get()>
                <button type="button" class="secondary" data-sort="undo" on:click=undo
                    disabled=move || done.with(Vec::is_empty)>{tr(lang, "元に戻す", "Undo")}</button>
                <button type="button" class="secondary" data-sort="redo" on:click=redo
                    disabled=move || undone.with(Vec::is_empty)>{tr(lang, "やり直す", "Redo")}</button>
                <span class="help">{tr(
                    lang,
                    "質問やページは ⠿ をドラッグするか、⠿ で ↑↓ キーを押して並べ替えられます。",
                    "Drag a question or page by its ⠿ handle, or press ↑ ↓ on it, to reorder.",
                )}</span>
            </div>
            <p class="sort-status" role="status" aria-live="polite">{move || message.get()}</p>
            {children()}
        </div>
    }
}

/// What the island keeps: its element, what it said, the moves made and undone, the moves
/// still to save, and the drag under way (the question and where it came from).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Moves {
    lang: Lang,
    survey_id: i64,
    root: NodeRef<leptos::html::Div>,
    message: RwSignal<String>,
    done: RwSignal<Vec<Move>>,
    undone: RwSignal<Vec<Move>>,
    /// Whether moves are waiting to be saved (`data-saving` on the element).
    saving: RwSignal<bool>,
    queue: StoredValue<Queue>,
    /// The drag under way: what is dragged and where from (`to` is where it started too).
    dragging: StoredValue<Option<Move>>,
}

/// The moves waiting to be saved, and whether they are being saved now.
#[derive(Default)]
struct Queue {
    waiting: std::collections::VecDeque<Move>,
    saving: bool,
}

impl Moves {
    /// A move made by dragging or with the keyboard: remembered for undo, then saved.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn made(self, m: Move) {
        self.done.update(|d| d.push(m.clone()));
        self.undone.update(Vec::clear);
        self.save(m);
    }

    fn undo(self) {
        if let Some(m) = self.done.try_update(Vec::pop).flatten() {
            self.undone.update(|u| u.push(m.clone()));
            self.redo_move(m.reversed());
        }
    }

    fn redo(self) {
        if let Some(m) = self.undone.try_update(Vec::pop).flatten() {
            self.done.update(|d| d.push(m.clone()));
            self.redo_move(m);
        }
    }

    /// Shows a move again in the outline and saves it.
    fn redo_move(self, m: Move) {
        #[cfg(feature = "hydrate")]
        if let Some(root) = self.root.get_untracked() {
            dom::put(&root, &m);
        }
        self.save(m);
    }

    /// Saves a move after those before it.
    fn save(self, m: Move) {
        self.message
            .set(tr(self.lang, "保存しています…", "Saving…").to_string());
        let start = self.queue.try_update_value(|q| {
            q.waiting.push_back(m);
            !std::mem::replace(&mut q.saving, true)
        });
        if start == Some(true) {
            self.saving.set(true);
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(self.save_waiting());
        }
    }

    /// Saves the waiting moves one by one; a refused one is taken back in the outline.
    #[cfg(feature = "hydrate")]
    async fn save_waiting(self) {
        while let Some(m) = self
            .queue
            .try_update_value(|q| {
                let next = q.waiting.pop_front();
                q.saving = next.is_some();
                next
            })
            .flatten()
        {
            let (question, section, index) = match &m {
                Move::Question { question, to, .. } => (Some(question.clone()), to.0.clone(), to.1),
                Move::Section { section, to, .. } => (None, section.clone(), *to),
            };
            let saved =
                crate::api::staff::place_question(self.survey_id, question, section, index).await;
            match saved {
                Ok(_) => self.message.set(self.said(&m)),
                Err(e) => {
                    if let Some(root) = self.root.get_untracked() {
                        dom::put(&root, &m.reversed());
                    }
                    self.done.update(|d| d.retain(|x| *x != m));
                    self.undone.update(|u| u.retain(|x| *x != m.reversed()));
                    let why = match &e {
                        // The reason names the question by its id: staff know it by its
                        // wording, which the outline shows.
                        shared::ApiError::Definition(d) => {
                            let why = crate::i18n::definition_error(self.lang, d);
                            match self.root.get_untracked() {
                                Some(root) => dom::in_words(&root, why),
                                None => why,
                            }
                        }
                        e => crate::i18n::error_title(self.lang, e).to_string(),
                    };
                    self.message.set(format!(
                        "{} {why}",
                        tr(self.lang, "移動できませんでした。", "Not moved.")
                    ));
                }
            }
        }
        self.saving.set(false);
    }

    /// "Moved: page 2, place 3", in the page's language.
    #[cfg(feature = "hydrate")]
    fn said(&self, m: &Move) -> String {
        match m {
            Move::Question { to, .. } => {
                let page = self
                    .root
                    .get_untracked()
                    .and_then(|root| dom::section_number(&root, &to.0))
                    .unwrap_or(0);
                let place = to.1 + 1;
                match self.lang {
                    Lang::En => format!("Moved and saved: page {page}, place {place}."),
                    _ => format!("{page}ページの{place}番目に移動し、保存しました。"),
                }
            }
            Move::Section { to, .. } => match self.lang {
                Lang::En => format!("Page moved and saved: now page {}.", to + 1),
                _ => format!("ページを{}ページ目に移動し、保存しました。", to + 1),
            },
        }
    }
}

#[cfg(feature = "hydrate")]
mod dom;
