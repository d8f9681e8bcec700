//! The cookies Yoriai sets: the session (HttpOnly, SameSite=Lax) and the language choice.

use super::AppState;
use app::api::{ANSWER_COOKIE, DEVICE_COOKIE, LANG_COOKIE, SESSION_COOKIE};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderValue;
use http::header::SET_COOKIE;
use shared::Lang;
use std::collections::HashMap;

/// Builds a `Set-Cookie` value for the whole site. `max_age` of 0 deletes the cookie.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    set_cookie_at(name, value, "/", max_age_seconds, secure)
}

/// Builds a `Set-Cookie` value sent back only to paths under `path`.
pub fn set_cookie_at(
    name: &str,
    value: &str,
    path: &str,
    max_age_seconds: i64,
    secure: bool,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{name}={value}; Path={path}; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The cookie that finds a respondent's saved answers to one survey (sent only to its pages).
pub fn answer_cookie(state: &AppState, slug: &str, token: &str) -> HeaderValue {
    set_cookie_at(
        ANSWER_COOKIE,
        token,
        &format!("/s/{slug}"),
        yoriai_core::retention::DRAFT_LIFETIME.num_seconds(),
        state.core.config.secure_cookies,
    )
}

/// The cookie that tells one browser from another, for one-per-device surveys (a year).
pub fn device_cookie(state: &AppState, token: &str) -> HeaderValue {
    set_cookie(
        DEVICE_COOKIE,
        token,
        365 * 24 * 3600,
        state.core.config.secure_cookies,
    )
}

/// The session cookie for a new sign-in.
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let config = &state.core.config;
    set_cookie(
        SESSION_COOKIE,
        token,
        config.session_hours * 3600,
        config.secure_cookies,
    )
}

/// A header that deletes the session cookie.
pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    set_cookie(SESSION_COOKIE, "", 0, state.core.config.secure_cookies)
}

pub use app::api::request::cookie_in as read_cookie;

/// The interface language the request's cookie chose (Japanese without one).
pub fn lang_of(headers: &http::HeaderMap) -> shared::Lang {
    read_cookie(headers, LANG_COOKIE)
        .and_then(|c| shared::Lang::parse(&c))
        .unwrap_or_default()
}

/// A path on this site to go back to, or `/` for anything else (no open redirects).
///
/// Browsers drop tabs and line breaks from an address and read `\\` as `/`, so `/\t/evil`
/// would take a visitor to `//evil`, another site: a path with any control character,
/// whitespace or backslash is refused, and what is left must parse as a path and query alone
/// (a line break would also have made the `Location` header invalid).
pub fn local_path(next: Option<&str>) -> String {
    let own = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
            && p.parse::<http::uri::PathAndQuery>()
                .is_ok_and(|parsed| parsed.as_str() == p)
    };
    match next {
        Some(p) if own(p) => p.to_string(),
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
            state.core.config.secure_cookies,
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
        // What browsers would turn into another site, and what no header may hold.
        assert_eq!(local_path(Some("/\t/evil.example/x")), "/");
        assert_eq!(local_path(Some("/\n/evil.example")), "/");
        assert_eq!(local_path(Some("/\r\nSet-Cookie: x=y")), "/");
        assert_eq!(local_path(Some("/ /evil.example")), "/");
        assert_eq!(local_path(Some("/\u{3000}/evil.example")), "/");
        assert_eq!(local_path(Some("/staff?x=1#top")), "/");
        // Ordinary paths with a query are kept.
        assert_eq!(
            local_path(Some("/groups?q=%E5%B1%B1")),
            "/groups?q=%E5%B1%B1"
        );
        assert_eq!(
            local_path(Some("/s/shimin-center-2026")),
            "/s/shimin-center-2026"
        );
    }

    #[test]
    fn answer_cookies_stay_on_their_survey() {
        let v = set_cookie_at("a", "b", "/s/x", 60, false);
        assert_eq!(
            v.to_str().ok(),
            Some("a=b; Path=/s/x; Max-Age=60; HttpOnly; SameSite=Lax")
        );
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
