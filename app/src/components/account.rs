//! Pieces of every page for signed-in people: the sign-out button, and what a page shows when
//! it could not load its data (a signed-out visitor is sent to sign in).

use crate::api::request::redirect_to_sign_in;
use crate::components::error_page::ErrorPage;
use crate::i18n::tr;
use leptos::prelude::*;
use shared::{ApiError, Lang};

/// What a page for signed-in people shows when its data could not be loaded: a signed-out visitor is sent to
/// the sign-in page, anything else gets an error page with the right status.
pub fn error_or_sign_in(error: ApiError, here: &str) -> AnyView {
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
            <span>{t(lang, Msg::SignedInAs)}<a href="/account" class="account-link">{name}</a></span>
            " "
            <button type="submit" class="secondary">{t(lang, Msg::SignOut)}</button>
        </form>
    }
}

/// The link to the notifications, with how many are unread.
pub fn notification_link(lang: Lang, unread: i64) -> AnyView {
    let count = (unread > 0).then(|| view! { " "<span class="badge unread">{unread}</span> });
    view! { <a href="/notifications" class="notifications-link">{tr(lang, "お知らせ", "Notifications")}{count}</a> }
        .into_any()
}
