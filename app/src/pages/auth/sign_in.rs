//! `/sign-in`: the sign-in form for staff, council members and organisers.
//!
//! The form posts to the server's `/sign-in` handler (not a server function) because signing in
//! sets a cookie and must work without JavaScript. A rejected attempt comes back as
//! [`RejectedForm`] with the e-mail address kept and the password cleared.

use crate::api::request::RejectedForm;
use crate::i18n::{Msg, error_title, field_error, t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ApiError;

/// The sign-in form.
#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let next = use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        // None: the server sends each role to where its work is.
        .unwrap_or_default();
    let email = rejected
        .as_ref()
        .and_then(|r| r.values.first("email").map(str::to_string))
        .unwrap_or_default();
    let (message, email_error, password_error) = match rejected.map(|r| r.error) {
        Some(ApiError::Validation(errors)) => (
            None,
            errors.get("email").map(|e| field_error(lang, e)),
            errors.get("password").map(|e| field_error(lang, e)),
        ),
        Some(e) => (Some(error_title(lang, &e)), None, None),
        None => (None, None, None),
    };
    view! {
        <Title text=t(lang, Msg::SignInTitle)/>
        <h1>{t(lang, Msg::SignInTitle)}</h1>
        <p>{t(lang, Msg::SignInIntro)}</p>
        {message.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
        <form method="post" action="/sign-in" class="stack" novalidate>
            <input type="hidden" name="next" value=next/>
            <div class="question">
                <label for="email">{t(lang, Msg::Email)}</label>
                <p class="field-error" id="email-error">{email_error}</p>
                <input
                    type="email"
                    id="email"
                    name="email"
                    autocomplete="username"
                    value=email
                    aria-describedby="email-error"
                />
            </div>
            <div class="question">
                <label for="password">{t(lang, Msg::Password)}</label>
                <p class="field-error" id="password-error">{password_error}</p>
                <input
                    type="password"
                    id="password"
                    name="password"
                    autocomplete="current-password"
                    aria-describedby="password-error"
                />
            </div>
            <button type="submit" class="primary">{t(lang, Msg::SignIn)}</button>
        </form>
        <p>
            <a href="/forgot">{crate::i18n::tre(lang, "パスワードを忘れた方", "Forgot your password?", "パスワードを わすれた ひと")}</a>
        </p>
        <p>
            {crate::i18n::tre(lang, "アカウントをお持ちでない方（住民の方）は ", "No account yet (residents): ", "まだ とうろく して いない ひと（すんで いる ひと）は ")}
            <a href="/sign-up">{crate::i18n::tre(lang, "登録する", "sign up", "とうろく する")}</a>
        </p>
    }
}
