//! The cookies Yoriai sets: the session (HttpOnly, SameSite=Lax) and the language choice.

use super::AppState;
use app::api::{LANG_COOKIE, SESSION_COOKIE};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderValue;
use http::header::SET_COOKIE;
use shared::Lang;
use std::collections::HashMap;

/// Builds a `Set-Cookie` value. `max_age` of 0 deletes the cookie.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The session cookie for a new sign-in.
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let config = &state.services.config;
    set_cookie(
        SESSION_COOKIE,
        token,
        config.session_hours * 3600,
        config.secure_cookies,
    )
}

/// A header that deletes the session cookie.
pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    set_cookie(SESSION_COOKIE, "", 0, state.services.config.secure_cookies)
}

pub use app::api::request::cookie_in as read_cookie;

/// A path on this site to go back to, or `/` for anything else (no open redirects).
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_string(),
        _ => "/".to_string(),
    }
}

/// `GET /lang/{code}?next=/path`: remembers the interface language for a year, then goes back.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    let mut response =
        Redirect::to(&local_path(query.get("next").map(String::as_str))).into_response();
    response.headers_mut().append(
        SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            365 * 24 * 3600,
            state.services.config.secure_cookies,
        ),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/staff")), "/staff");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let v = set_cookie("a", "b", 60, true);
        assert_eq!(
            v.to_str().ok(),
            Some("a=b; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure")
        );
    }
}
