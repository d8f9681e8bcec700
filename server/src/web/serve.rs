//! Accepting connections: axum's router on hyper, with the limits `axum::serve` does not set.
//!
//! `axum::serve` gives hyper no timer, so a client could open a connection and send its request
//! head one byte a minute, or keep an idle keep-alive connection forever: 200 such connections
//! stayed open through a whole test run. Here every HTTP/1 connection has
//! [`Config::header_timeout`](yoriai_core::config::Config::header_timeout) to send each request's
//! head, which hyper also applies while a kept-alive connection waits for its next request; a
//! connection that misses it is closed. Bodies have their own limits (`web::input`, the router's
//! body timeout); whole requests the router's 30 s.
//!
//! On shutdown the listener closes, every connection finishes the request it is serving
//! (hyper's graceful shutdown: no new request on it), and `serve` returns when the last one
//! has closed, as `axum::serve(…).with_graceful_shutdown(…)` did.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Serves `app` on `listener` until `shutdown` resolves, then finishes what is in flight.
/// Requests carry the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve<F>(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: F,
) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send,
{
    // `stop` tells the connections to finish; `done` is held by each one until it closes.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            app.clone()
                .map_request(move |mut req: http::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(remote));
                    req.map(Body::new)
                });
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            builder.http2().timer(TokioTimer::new());
            let connection = builder.serve_connection_with_upgrades(
                TokioIo::new(stream),
                TowerToHyperService::new(service),
            );
            let mut connection = std::pin::pin!(connection);
            loop {
                tokio::select! {
                    result = connection.as_mut() => {
                        if let Err(e) = result {
                            tracing::debug!(error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    Ok(()) = stop.changed() => connection.as_mut().graceful_shutdown(),
                }
            }
            drop(done);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

/// Serves `app` on `listener` in the background until the returned sender is dropped or sent
/// to (tests and tools that run the app in process).
pub fn spawn(listener: TcpListener, app: Router, header_timeout: Duration) -> watch::Sender<()> {
    let (tx, mut rx) = watch::channel(());
    tokio::spawn(async move {
        let stopped = async move {
            let _ = rx.changed().await;
        };
        if let Err(e) = serve(listener, app, header_timeout, stopped).await {
            tracing::error!(error = %e, "serving failed");
        }
    });
    tx
}
