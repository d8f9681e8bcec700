//! What operators watch: `/metrics` in Prometheus's text format (requests by route class and
//! status, latency histograms, the response writer's batches and queue, the connection pool,
//! the mail outbox, the analytics cubes' refreshes), answered only to the addresses
//! `YORIAI_METRICS_FROM` allows; and `/readyz`, which a load balancer asks before sending
//! requests here (the database answers, the response writer runs, the mail sender goes round).
//!
//! Counters and histograms go through the `metrics` facade (the core records its own, such as
//! the writer's batch sizes); `metrics-exporter-prometheus` keeps them and writes the text.
//! Gauges that are a reading of now (the pool, the outbox) are read when `/metrics` is asked.

use super::AppState;
use super::forms::client_address;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// Latency buckets, in seconds: from a cached page to a slow export's first byte.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];
/// Batch-size buckets of the response writer (it commits at most 256 at once).
const BATCH_BUCKETS: [f64; 9] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];

/// The process's recorder, installed on first use. `None` when another recorder was installed
/// first (then `/metrics` says so instead of lying with empty numbers).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(yoriai_core::metrics::WRITER_BATCH.into()),
                        &BATCH_BUCKETS,
                    )
                })
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            yoriai_core::metrics::describe();
            describe();
            Some(handle)
        })
        .as_ref()
}

/// Installs the recorder (at start, so the first requests are counted).
pub fn install() {
    if handle().is_none() {
        tracing::warn!("another metrics recorder is installed: /metrics will be empty");
    }
}

const REQUESTS: &str = "yoriai_http_requests_total";
const LATENCY: &str = "yoriai_http_request_duration_seconds";
const POOL_SIZE: &str = "yoriai_db_pool_connections";
const POOL_IDLE: &str = "yoriai_db_pool_idle_connections";
const POOL_MAX: &str = "yoriai_db_pool_max_connections";
const OUTBOX: &str = "yoriai_mail_outbox_backlog";
const OUTBOX_FAILED: &str = "yoriai_mail_outbox_failed";

fn describe() {
    metrics::describe_counter!(REQUESTS, "Requests answered, by route class and status.");
    metrics::describe_histogram!(
        LATENCY,
        metrics::Unit::Seconds,
        "Time to the response's head, by route class."
    );
    metrics::describe_gauge!(POOL_SIZE, "Database connections open now.");
    metrics::describe_gauge!(POOL_IDLE, "Database connections open and idle now.");
    metrics::describe_gauge!(POOL_MAX, "Database connections the pool may open.");
    metrics::describe_gauge!(OUTBOX, "Mails waiting to be sent (due or retrying).");
    metrics::describe_gauge!(OUTBOX_FAILED, "Mails given up, still in the mail log.");
}

/// The class of a request, for the labels: a small fixed set, so a scanner asking for a
/// thousand unknown addresses adds no series.
fn route_class(method: &http::Method, path: &str, matched: Option<&str>) -> &'static str {
    let post = method == http::Method::POST;
    if matches!(path, "/healthz" | "/readyz" | "/metrics") {
        "probe"
    } else if path.starts_with("/pkg/")
        || path.starts_with("/assets/")
        || path == "/favicon.ico"
        || path == "/robots.txt"
    {
        "asset"
    } else if path.starts_with("/api/") {
        "server_fn"
    } else if path.starts_with("/s/") && post {
        "answer"
    } else if path.contains("/export") || path.ends_with(".csv") || path.ends_with(".xlsx") {
        "export"
    } else if matched.is_none() {
        "unmatched"
    } else if post {
        "form"
    } else {
        "page"
    }
}

/// Counts every request and times it to the response's head (a streamed export's body is not
/// included: its time is the download's, not the server's).
pub async fn track(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let class = route_class(
        req.method(),
        req.uri().path(),
        req.extensions()
            .get::<MatchedPath>()
            .map(MatchedPath::as_str),
    );
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "class" => class, "status" => status).increment(1);
    metrics::histogram!(LATENCY, "class" => class).record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: the numbers, for the allowed addresses only (404 for everyone else, as if
/// there were nothing here).
pub async fn metrics_page(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let address = client_address(&state, &parts);
    let allowed = address.parse::<std::net::IpAddr>().is_ok_and(|ip| {
        state
            .core
            .config
            .metrics_from
            .iter()
            .any(|n| n.contains(&ip))
    });
    if !allowed {
        return http::StatusCode::NOT_FOUND.into_response();
    }
    let Some(handle) = handle() else {
        return (
            http::StatusCode::SERVICE_UNAVAILABLE,
            "metrics are not recorded in this process",
        )
            .into_response();
    };
    let pool = state.core.store.db().pool_state();
    metrics::gauge!(POOL_SIZE).set(f64::from(pool.size));
    metrics::gauge!(POOL_IDLE).set(pool.idle as f64);
    metrics::gauge!(POOL_MAX).set(f64::from(pool.max));
    match state.core.store.outbox_backlog().await {
        Ok((waiting, failed)) => {
            metrics::gauge!(OUTBOX).set(waiting as f64);
            metrics::gauge!(OUTBOX_FAILED).set(failed as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be read"),
    }
    state.core.store.record_writer_queue();
    (
        [(
            http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// `GET /readyz`: 200 and `ready` when this server can take requests: the database answers
/// within two seconds, the response writer runs, and the mail sender went round lately. 503
/// with the failing part named otherwise (a load balancer then sends requests elsewhere).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let mut problems = Vec::new();
    let database = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        state.core.store.is_empty(),
    )
    .await;
    if !matches!(database, Ok(Ok(_))) {
        problems.push("database: not answering");
    }
    if !state.core.store.writer_running() {
        problems.push("writer: stopped");
    }
    let round = crate::background::MAIL_ROUND * 2 + std::time::Duration::from_secs(30);
    if !state.core.mail_sender_alive(round) {
        problems.push("outbox: the mail sender is not going round");
    }
    if problems.is_empty() {
        (http::StatusCode::OK, "ready\n").into_response()
    } else {
        tracing::warn!(?problems, "not ready");
        (
            http::StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready\n{}\n", problems.join("\n")),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::route_class;
    use http::Method;

    #[test]
    fn requests_fall_in_a_few_classes() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(route_class(&get, "/healthz", Some("/healthz")), "probe");
        assert_eq!(route_class(&get, "/pkg/yoriai.wasm", None), "asset");
        assert_eq!(
            route_class(&post, "/api/matters", Some("/api/{*name}")),
            "server_fn"
        );
        assert_eq!(route_class(&post, "/s/abc", Some("/s/{slug}")), "answer");
        assert_eq!(route_class(&get, "/s/abc", Some("/s/:slug")), "page");
        assert_eq!(
            route_class(
                &get,
                "/staff/surveys/3/export",
                Some("/staff/surveys/{id}/export")
            ),
            "export"
        );
        assert_eq!(route_class(&get, "/wp-login.php", None), "unmatched");
        assert_eq!(
            route_class(&post, "/matters/3", Some("/matters/{id}")),
            "form"
        );
    }
}
