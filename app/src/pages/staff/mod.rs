//! Pages for ward staff.

pub mod builder;
pub mod confirm;
pub mod entry;
pub mod preview;
pub mod print;
pub mod question_editor;
pub mod responses;
pub mod results;
pub mod surveys;
pub mod texts;

use crate::api::request::redirect_to_sign_in;
use crate::components::error_page::ErrorPage;
use leptos::prelude::*;
use shared::ApiError;

/// What a staff page shows when its data could not be loaded: a signed-out visitor is sent to
/// the sign-in page, anything else gets an error page with the right status.
pub(crate) fn staff_error(error: ApiError, here: &str) -> AnyView {
    if error == ApiError::Unauthorized {
        // The redirect sets a 302; rendering the error page would overwrite it with a 401.
        redirect_to_sign_in(here);
        let lang = crate::i18n::use_lang();
        let href = format!("/sign-in?next={here}");
        return view! {
            <p>
                <a href=href>{crate::i18n::t(lang, crate::i18n::Msg::SignIn)}</a>
            </p>
        }
        .into_any();
    }
    view! { <ErrorPage error/> }.into_any()
}

/// The sign-out button, a plain form so it works without JavaScript.
#[component]
pub fn SignOutButton(name: String) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    use crate::i18n::{Msg, t};
    view! {
        <form method="post" action="/sign-out" class="signed-in">
            <span>{t(lang, Msg::SignedInAs)}{name}</span>
            " "
            <button type="submit" class="secondary">{t(lang, Msg::SignOut)}</button>
        </form>
    }
}
