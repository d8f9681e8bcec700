//! A part of a page that changes in place (an island): its links and GET forms that lead to the
//! same page with another query are fetched and swapped in, and its POST forms are posted from
//! the page, without a page load.
//!
//! The server renders the part (`children`) as it always does, and every link and form in it
//! works without JavaScript. With it, following such a link or sending such a form fetches the
//! page at the new address, takes the same part out of it and puts it in place of this one;
//! the address bar follows (`history.pushState`), so the view can be shared and the back and
//! forward buttons step through the views. A control changed in a GET form applies it at once.
//! A POST form is sent by `fetch` exactly as the browser would send it (the same fields, the
//! same handler, the same checks); when the answer is this page (a form refused with its
//! reasons, or the page a success redirects to), its part is shown in place, with the focus
//! where the page puts it (`autofocus`). Whatever else happens (an expired session, an error
//! page, no network, a post that leads to another page) ends in an ordinary page load, so the
//! server's own page says what happened.
//!
//! With `refresh`, the part is fetched again every so many seconds while the page is in view,
//! and replaced when it changed, unless something is being typed in it (a field differs from
//! what the server sent, or has the focus): others' new comments appear without a reload. A
//! refresh that fails changes nothing and leads nowhere.
//!
//! Built on it: the results explorer (`/staff/surveys/{id}/results`: filters and cross-tab
//! variables change the charts and tables in place, and a bar of a chart filters by what it
//! counts), paper entry (a sheet saved, the next one ready) and the co-design page (comments
//! and replies posted in place, others' appearing by themselves).

use crate::i18n::tr;
use leptos::prelude::*;
use shared::Lang;

#[cfg(feature = "hydrate")]
mod dom;

/// The attribute on the element whose content is swapped.
pub const BODY: &str = "data-in-place-body";

/// `children`, changed in place when their links and forms lead to this page again, and
/// fetched again every `refresh` seconds when given.
#[island]
pub fn InPlace(
    lang: Lang,
    #[prop(optional)] refresh: Option<u32>,
    children: Children,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let state = RwSignal::new(State::Ready);
    // How many views were swapped in (browser tests wait on it).
    let shown = RwSignal::new(0u32);
    let ready = RwSignal::new(false);
    let part = Part {
        root,
        state,
        shown,
        latest: StoredValue::new(0),
        last: StoredValue::new(String::new()),
    };
    Effect::new(move |_| {
        ready.set(true);
        #[cfg(feature = "hydrate")]
        {
            dom::follow_history(part);
            if let Some(seconds) = refresh {
                dom::refresh_every(part, seconds);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = refresh;
    });
    macro_rules! on {
        ($handler:ident, $event:ty) => {
            move |event: $event| {
                #[cfg(feature = "hydrate")]
                dom::$handler(part, &event);
                #[cfg(not(feature = "hydrate"))]
                let _ = (&event, part);
            }
        };
    }
    let status = move || match state.get() {
        State::Ready => String::new(),
        State::Loading => tr(lang, "表示を更新しています…", "Updating…").to_string(),
        State::Shown => tr(lang, "表示を更新しました。", "Updated.").to_string(),
    };
    view! {
        <div class="in-place" node_ref=root
            data-ready=move || ready.get().then_some("1")
            data-shown=move || shown.get().to_string()
            aria-busy=move || (state.get() == State::Loading).then_some("true")
            on:click=on!(click, leptos::ev::MouseEvent)
            on:submit=on!(submit, leptos::ev::SubmitEvent)
            on:change=on!(change, leptos::ev::Event)
        >
            <p class="in-place-status" role="status" aria-live="polite">{status}</p>
            <div data-in-place-body="">{children()}</div>
        </div>
    }
}

/// What the part is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum State {
    /// As the server sent it.
    Ready,
    /// Fetching another view.
    Loading,
    /// Another view was swapped in.
    Shown,
}

/// The island's element and state, shared by its handlers.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Part {
    root: NodeRef<leptos::html::Div>,
    state: RwSignal<State>,
    shown: RwSignal<u32>,
    /// The number of the last view asked for: an answer to an earlier one is dropped.
    latest: StoredValue<u32>,
    /// The part's HTML as last swapped in or refreshed (a refresh that brings the same changes
    /// nothing).
    last: StoredValue<String>,
}
