//! "Log this": a staff member's button that puts what a page shows (a comment on a draft, a
//! group's post, the reports about a group) in the ward's liaison log (地域情報連絡会議) and
//! goes to the new matter. A plain form, so it works without JavaScript.

use crate::i18n::tr;
use leptos::prelude::*;
use shared::Lang;

/// The form posting to `/matters/log`: `from` (`comment`, `post` or `report`) and its ids.
pub fn log_this(lang: Lang, from: &'static str, ids: &[(&'static str, i64)]) -> AnyView {
    let hidden = ids
        .iter()
        .map(|(name, id)| view! { <input type="hidden" name=*name value=id.to_string()/> })
        .collect_view();
    view! {
        <form method="post" action="/matters/log" class="log-this" data-log-from=from>
            <input type="hidden" name="from" value=from/>
            {hidden}
            <button type="submit" class="link">
                {tr(lang, "地域情報連絡会議に記録する", "Log in the liaison log")}
            </button>
        </form>
    }
    .into_any()
}
