//! What every form post shares. Plain HTML forms work without JavaScript: on success a handler
//! redirects (303, so a reload does not post again); on refusal it renders the same page again
//! with the messages next to the fields, what was typed kept, and the status of the refusal.
//! Here: reading the body (413 when too large), the signed-in form extractor
//! ([`SignedInForm`]), rendering a refused form again, the client's address, and redirects.
//! The handlers live by area: `answering`, `accounts`, `staff`, `paper`, `codesign`,
//! `network`; each lists its own routes.

use super::cookies::read_cookie;
use super::{AppState, MAX_BODY_BYTES};
use app::api::SESSION_COOKIE;
use app::api::request::RejectedForm;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request};
use axum::response::{IntoResponse, Redirect, Response};
use http::{Method, StatusCode};
use leptos::prelude::provide_context;
use shared::ApiError;
use shared::answer::FormValues;
use shared::views::CurrentUser;
use std::net::SocketAddr;

/// Reads a URL-encoded body into name/value pairs; `None` when it is too large.
async fn read_form(req: Request) -> (http::request::Parts, Option<FormValues>) {
    let (parts, body) = req.into_parts();
    let values = to_bytes(body, MAX_BODY_BYTES).await.ok().map(|bytes| {
        FormValues(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    });
    (parts, values)
}

/// Reads a URL-encoded body; a body over the limit is answered here with 413.
pub(super) async fn form_or_413(
    req: Request,
) -> Result<(http::request::Parts, FormValues), Response> {
    match read_form(req).await {
        (parts, Some(values)) => Ok((parts, values)),
        (_, None) => Err((StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response()),
    }
}

/// A form posted by someone signed in: the request's head, its fields, and who sent it. As an
/// extractor it answers the request itself when either is missing: a body over the limit with
/// 413, a signed-out visitor by sending them to sign in and come back.
pub(super) struct SignedInForm {
    /// The request's head (its path, headers, cookies).
    pub parts: http::request::Parts,
    /// The posted fields.
    pub values: FormValues,
    /// Who posted them.
    pub user: CurrentUser,
}

impl axum::extract::FromRequest<AppState> for SignedInForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (parts, values) = form_or_413(req).await?;
        match session_user(state, &parts).await {
            Some(user) => Ok(SignedInForm {
                parts,
                values,
                user,
            }),
            None => Err(see_other(&format!("/sign-in?next={}", parts.uri.path()))),
        }
    }
}

/// Renders the page at the request's path (or at `at`) again, with the rejected form in context.
pub(super) async fn render_rejected(
    state: &AppState,
    parts: http::request::Parts,
    at: Option<&str>,
    values: FormValues,
    error: ApiError,
) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let retry = error.clone();
    let rejected = RejectedForm { values, error };
    let mut response = render_with(state, parts, at, rejected).await;
    *response.status_mut() = status;
    super::set_retry_after(&mut response, &retry);
    response
}

/// Renders the page at `at` (else the posted address) as a `GET` would, with `value` in the
/// page's context: what a form's answer shows once and never puts in an address (a new
/// invitation's link, say), or a refused form.
pub(super) async fn render_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: http::request::Parts,
    at: Option<&str>,
    value: T,
) -> Response {
    let base = state.context();
    let context = move || {
        base();
        provide_context(value.clone());
    };
    let options = state.leptos.clone();
    let handler =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut request = Request::new(Body::empty());
    *request.method_mut() = Method::GET;
    *request.uri_mut() = match at.and_then(|path| path.parse::<http::Uri>().ok()) {
        Some(uri) => uri,
        None => parts.uri,
    };
    *request.headers_mut() = parts.headers;
    handler(request).await
}

/// A refused form's values without its passwords (every field whose name ends in
/// `password`): a password is never sent back, not even into its own field.
pub(super) fn without_passwords(values: FormValues) -> FormValues {
    FormValues(
        values
            .0
            .into_iter()
            .filter(|(name, _)| !name.ends_with("password"))
            .collect(),
    )
}

/// The client's address, for rate limits.
pub(super) fn client_address(state: &AppState, parts: &http::request::Parts) -> String {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok());
    forwarded_client(forwarded, state.core.config.trusted_proxies)
        .or(peer)
        .map_or_else(|| "unknown".into(), |ip| ip.to_string())
}

/// The client address behind `proxies` trusted reverse proxies: each proxy appends the
/// address it received the request from to `X-Forwarded-For`, so the last `proxies` entries
/// are trustworthy and the first of them is the client. Entries further left were written by
/// the client itself and are ignored. `None` without proxies, or when the header is shorter
/// than the chain or that entry is not an address.
pub(super) fn forwarded_client<'a>(
    headers: impl Iterator<Item = &'a str>,
    proxies: usize,
) -> Option<std::net::IpAddr> {
    if proxies == 0 {
        return None;
    }
    let entries: Vec<&str> = headers.flat_map(|h| h.split(',')).map(str::trim).collect();
    let index = entries.len().checked_sub(proxies)?;
    entries.get(index)?.parse().ok()
}

/// The signed-in user of a request, if any (a failed lookup is logged and counts as none).
pub(super) async fn session_user(
    state: &AppState,
    parts: &http::request::Parts,
) -> Option<CurrentUser> {
    let token = read_cookie(&parts.headers, SESSION_COOKIE)?;
    state.core.user_for_token(&token).await.unwrap_or_else(|e| {
        tracing::error!(error = %e, "session lookup failed");
        None
    })
}

/// Goes to `to` when the change was made, or renders `page` again with the reason.
pub(super) async fn done(
    state: &AppState,
    parts: http::request::Parts,
    values: FormValues,
    page: &str,
    to: &str,
    result: yoriai_core::error::Result<()>,
) -> Response {
    match result {
        Ok(()) => see_other(to),
        Err(e) => render_rejected(state, parts, Some(page), values, e.into()).await,
    }
}

/// A multipart form's text fields and its one file (`file_field`; empty when none was
/// chosen), or the answer refusing it: 413 when a part is over the route's limit, 422 when a
/// text field holds a NUL character (as for URL-encoded forms, `input::no_nul_characters`).
pub(super) async fn multipart_form(
    state: &AppState,
    parts: &http::request::Parts,
    body: Body,
    file_field: &str,
) -> Result<(FormValues, Vec<u8>), Response> {
    use axum::extract::{FromRequest, Multipart};
    let mut multipart = Multipart::from_request(Request::from_parts(parts.clone(), body), state)
        .await
        .map_err(IntoResponse::into_response)?;
    let (mut values, mut file) = (Vec::new(), Vec::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                let Ok(bytes) = field.bytes().await else {
                    return Err((StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response());
                };
                if name == file_field {
                    file = bytes.to_vec();
                } else if bytes.contains(&0) {
                    return Err(
                        (StatusCode::UNPROCESSABLE_ENTITY, "NUL character in a field")
                            .into_response(),
                    );
                } else {
                    values.push((name, String::from_utf8_lossy(&bytes).into_owned()));
                }
            }
            Ok(None) => break,
            Err(e) => return Err(e.into_response()),
        }
    }
    Ok((FormValues(values), file))
}

/// A 303 to `to` (so a reload does not post again).
pub(super) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    fn client(headers: &[&str], proxies: usize) -> Option<String> {
        forwarded_client(headers.iter().copied(), proxies).map(|ip| ip.to_string())
    }

    #[test]
    fn the_client_address_is_the_one_the_trusted_proxy_added() {
        // One proxy: the last entry; whatever the client wrote before it is ignored.
        assert_eq!(client(&["203.0.113.9"], 1).as_deref(), Some("203.0.113.9"));
        assert_eq!(
            client(&["1.2.3.4, 203.0.113.9"], 1).as_deref(),
            Some("203.0.113.9")
        );
        // Several headers count as one list.
        assert_eq!(
            client(&["1.2.3.4", "203.0.113.9"], 1).as_deref(),
            Some("203.0.113.9")
        );
        // Two proxies: the outer one added the client, the inner one the outer one.
        assert_eq!(
            client(&["1.2.3.4, 203.0.113.9, 10.0.0.2"], 2).as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(
            client(&[" 2001:db8::1 "], 1).as_deref(),
            Some("2001:db8::1")
        );
        // No proxies, a header shorter than the chain, or garbage: the connection's address.
        assert_eq!(client(&["203.0.113.9"], 0), None);
        assert_eq!(client(&["203.0.113.9"], 2), None);
        assert_eq!(client(&[], 1), None);
        assert_eq!(client(&["1.2.3.4, not-an-address"], 1), None);
    }
}
