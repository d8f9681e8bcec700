//! Paper entry's checks as each cell is typed (an island).
//!
//! The entry sheet is rendered on the server (`children`), one row `tr[data-question]` per
//! question. With JavaScript, every keystroke in a row reads the whole sheet as the form would
//! post it and checks it with the server's own reading of a paper sheet
//! (`shared::paper::entry_answers`): a number that is no option, a bad date, a word where a
//! number belongs is marked in its row at once, with the same sentence the server would give,
//! and the mark goes as soon as the cell is right. A blank required question is left to the
//! save (the operator has not reached it yet). The server still checks everything when the
//! sheet is saved; without JavaScript it is the only check, as before.

use leptos::prelude::*;
use shared::Lang;
use shared::survey::SurveyDefinition;

/// `children` (the entry form), checked cell by cell against `definition` as it is typed.
#[island]
pub fn PaperChecks(lang: Lang, definition: SurveyDefinition, children: Children) -> impl IntoView {
    let definition = StoredValue::new(definition);
    let on_input = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        definition.with_value(|d| dom::check_row(lang, d, &event));
        #[cfg(not(feature = "hydrate"))]
        let _ = (&event, definition, lang);
    };
    view! { <div class="paper-checks" on:input=on_input>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod dom;
