//! Cross-site request forgery defence: every state-changing request must come from this site.
//!
//! Browsers send `Origin` with every POST, and `Sec-Fetch-Site` with every request. A request
//! that changes state is refused when `Origin` names another site, or when `Sec-Fetch-Site`
//! says `cross-site` or `same-site` (a sibling subdomain). A request with neither header does
//! not come from a modern browser, so it cannot carry a victim's cookies in a forged request.
//! Session cookies are also `SameSite=Lax`, a second line of defence.

use super::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{Method, StatusCode, header};

/// Whether the request's `Origin` (if any) is this site.
fn origin_allowed(req: &Request, public_origin: Option<&str>) -> bool {
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    if public_origin.is_some_and(|p| p.trim_end_matches('/') == origin) {
        return true;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((host, origin_host), (Some(h), Some(o)) if h.eq_ignore_ascii_case(o))
}

/// Whether `Sec-Fetch-Site` (if any) allows a state change.
fn fetch_site_allowed(req: &Request) -> bool {
    match req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
    {
        None => true,
        Some(site) => matches!(site, "same-origin" | "none"),
    }
}

/// Middleware: refuses cross-site state-changing requests with 403.
pub async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe
        || (origin_allowed(&req, state.core.config.public_origin.as_deref())
            && fetch_site_allowed(&req))
    {
        return next.run(req).await;
    }
    tracing::warn!(uri = %req.uri(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "他のサイトからの送信は受け付けられません。 / Requests from other sites are refused.",
    )
        .into_response()
}
