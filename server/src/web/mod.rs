//! HTTP: the router, form handlers, cookies and the cross-site request check.

mod accounts;
mod admin;
mod answering;
pub mod assets;
mod codesign;
mod cookies;
mod csrf;
mod flyer_svg;
mod forms;
mod input;
mod matters;
pub mod metrics;
mod network;
mod paper;
mod places;
pub mod serve;
mod staff;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;
use yoriai_core::Core;

/// The largest request body accepted (a survey response is a few kilobytes; the longest
/// free-text answer of 10,000 Japanese characters is about 90 KB once URL-encoded).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long a request may take to arrive and to be answered (the response's first byte).
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The rules and the database.
    pub core: Core,
    /// Leptos's settings (where the built site lives, the bundle's name).
    pub leptos: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// Builds the state for a configuration.
    pub fn new(core: Core) -> AppState {
        let leptos = LeptosOptions::builder()
            .output_name("yoriai")
            .site_root(core.config.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .site_addr(core.config.addr)
            .build();
        AppState { core, leptos }
    }

    /// The context every page render and server function gets: the core and the options.
    pub fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let core = self.core.clone();
        let options = self.leptos.clone();
        move || {
            provide_context(core.clone());
            provide_context(options.clone());
        }
    }
}

/// Runs a server function (`/api/…`) with the core in context. (Leptos registers every
/// server function's own path too; this catches the rest, such as unknown names.)
async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    handle_server_fns_with_context(state.context(), req)
        .await
        .into_response()
}

/// Gives a server function's refusal its own status. A refusal travels as the JSON of its
/// [`shared::ApiError`], which the server-function layer always sends as 500; the status is set
/// to the refusal's own (401, 403, 404, 409, 429, 503, …), so that a caller, a log or a proxy
/// can tell "not yours" from a failure. The browser's server-function client decodes any 4xx
/// or 5xx body the same way.
async fn server_fn_status(req: Request, next: axum::middleware::Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if !is_api || response.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return (http::StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let mut refused = None;
    if let Ok(refusal) = serde_json::from_slice::<shared::ApiError>(&bytes)
        && let Ok(status) = http::StatusCode::from_u16(refusal.status())
    {
        parts.status = status;
        refused = Some(refusal);
    }
    let mut response = Response::from_parts(parts, Body::from(bytes));
    if let Some(refusal) = refused {
        set_retry_after(&mut response, &refusal);
    }
    response
}

/// `GET /healthz`: 200 when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.core.store.is_empty().await {
        Ok(_) => (http::StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable",
            )
                .into_response()
        }
    }
}

/// The Content-Security-Policy of responses that are not pages: no inline script at all.
const FALLBACK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Asks clients to come back in a few seconds whenever the service answers 503 (the database
/// busy, locked or full: nothing was stored).
async fn retry_after(mut response: Response) -> Response {
    if response.status() == http::StatusCode::SERVICE_UNAVAILABLE
        && !response.headers().contains_key(http::header::RETRY_AFTER)
    {
        set_retry_after(&mut response, &shared::ApiError::Busy);
    }
    response
}

/// Says in `Retry-After` when to try again, for refusals that pass with time (a busy database,
/// a rate limit).
pub(super) fn set_retry_after(response: &mut Response, refusal: &shared::ApiError) {
    if let Some(seconds) = refusal.retry_after() {
        response
            .headers_mut()
            .insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
    }
}

/// A layer that sets a response header on every response.
fn always(
    name: http::HeaderName,
    value: &'static str,
) -> SetResponseHeaderLayer<http::HeaderValue> {
    SetResponseHeaderLayer::overriding(name, http::HeaderValue::from_static(value))
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let shell_options = state.leptos.clone();
    let shell = move || app::shell(shell_options.clone());
    let fallback = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        state.context(),
        app::shell,
    );
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(metrics::readyz))
        .route("/metrics", get(metrics::metrics_page))
        .route(
            "/api/{*name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .merge(answering::routes())
        .merge(accounts::routes())
        .merge(admin::routes())
        .merge(places::routes())
        .merge(staff::routes())
        .merge(paper::routes())
        .merge(codesign::routes())
        .merge(network::routes())
        .merge(matters::routes())
        .route("/lang/{code}", get(cookies::switch_language))
        .leptos_routes_with_context(&state, routes, state.context(), shell)
        .fallback(fallback)
        .layer(axum::middleware::from_fn(input::no_nul_characters))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::same_origin_only,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(server_fn_status))
        // A body that trickles in is cut off (408); a request the server cannot answer in time
        // (the database stuck) is 503 with the retry hint below. Exports answer at once and
        // stream their file, so they are not cut off.
        .layer(RequestBodyTimeoutLayer::new(REQUEST_TIMEOUT))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::map_response(retry_after))
        // Pages depend on the session and language cookies: browsers must revalidate them, and
        // shared caches must not keep them. Static files revalidate cheaply (Last-Modified).
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-cache, private"),
        ))
        // Pages set their own policy with the nonce of their scripts (`app::shell`); anything
        // else (files, plain-text refusals) gets the same policy without one.
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::CONTENT_SECURITY_POLICY,
            http::HeaderValue::from_static(FALLBACK_CSP),
        ))
        // Behind HTTPS (secure cookies), browsers are told to use nothing else for a year.
        .layer(tower::util::option_layer(
            state
                .core
                .config
                .secure_cookies
                .then(|| always(http::header::STRICT_TRANSPORT_SECURITY, "max-age=31536000")),
        ))
        // No page of Yoriai is meant to be framed, sniffed or to leak its address elsewhere.
        .layer(always(http::header::X_FRAME_OPTIONS, "DENY"))
        .layer(always(http::header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(http::header::REFERRER_POLICY, "same-origin"))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
