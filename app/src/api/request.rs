//! What the current request says about its sender: the session and the chosen language.

#[cfg(feature = "ssr")]
use shared::{ApiError, Lang, views::CurrentUser};

/// The value of a cookie of the current request.
#[cfg(feature = "ssr")]
pub fn cookie(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    cookie_in(&parts.headers, name)
}

/// The value of the cookie `name` in a request's headers.
#[cfg(feature = "ssr")]
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The interface language of the current request: the language cookie, else Japanese.
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    cookie(super::LANG_COOKIE)
        .and_then(|c| Lang::parse(&c))
        .unwrap_or_default()
}

/// The signed-in user of the current request, if any.
#[cfg(feature = "ssr")]
pub async fn current_user() -> Result<Option<CurrentUser>, ApiError> {
    match cookie(super::SESSION_COOKIE) {
        Some(token) => Ok(crate::api::core()?.user_for_token(&token).await?),
        None => Ok(None),
    }
}

/// The signed-in user, or `Unauthorized`.
#[cfg(feature = "ssr")]
pub async fn require_user() -> Result<CurrentUser, ApiError> {
    current_user().await?.ok_or(ApiError::Unauthorized)
}

/// Sets the HTTP status of the page being rendered (a 404 for an unknown survey, say).
pub fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_status),
    ) {
        options.set_status(code);
    }
}

/// A form posted without JavaScript that the server rejected, handed back to the page (as
/// context) so it can show the messages next to the fields and keep what the person typed.
#[derive(Clone, Debug)]
pub struct RejectedForm {
    /// What was posted.
    pub values: shared::answer::FormValues,
    /// Why it was rejected.
    pub error: shared::ApiError,
}

/// Sends the browser to the sign-in page, to come back to `next` afterwards.
pub fn redirect_to_sign_in(next: &str) {
    redirect_to(&format!("/sign-in?next={next}"));
}

/// Sends the browser elsewhere. Pages are only rendered for navigations, so this is always a
/// plain 302 (unlike `leptos_axum::redirect`, which answers 200 to clients that do not say they
/// accept HTML).
pub fn redirect_to(_path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(location)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(_path),
    ) {
        options.insert_header(http::header::LOCATION, location);
        options.set_status(http::StatusCode::FOUND);
    }
}

/// The address this request was made to (`http://host`), as a fallback for printing links when
/// no public origin is configured. Honours `X-Forwarded-Proto` from a proxy.
pub fn request_origin() -> String {
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
        return origin_of(&parts);
    }
    String::new()
}

/// The address a request was made to (`http://host`; empty without a `Host` header).
#[cfg(feature = "ssr")]
pub fn origin_of(parts: &http::request::Parts) -> String {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    match header("host") {
        Some(host) => {
            let scheme = header("x-forwarded-proto").unwrap_or_else(|| "http".into());
            format!("{scheme}://{host}")
        }
        None => String::new(),
    }
}

/// The Content-Security-Policy of a page whose scripts carry `nonce`: scripts only from this
/// site or with the page's nonce (no inline script otherwise), WebAssembly compiled, styles
/// from this site or with the nonce (the show-if rules of a survey screen), everything else
/// from this site, no plugins, no framing, forms only to this site.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The nonce of this response, for an inline `<style>` the policy above must let through
/// (`None` outside a server render).
pub fn page_nonce() -> Option<String> {
    leptos::nonce::use_nonce().map(|nonce| nonce.to_string())
}

/// Sets the page's Content-Security-Policy with the nonce Leptos put on this request's
/// scripts (the hydration loader and resolved resources).
#[cfg(feature = "ssr")]
pub fn set_content_security_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
