//! How long a client may take and how many may be connected at once, so that
//! slow or half-open connections cannot use up the server's file descriptors.
//!
//! hyper's HTTP/1 server, with its header-read timer, serves each connection;
//! hyper-util's `GracefulShutdown` lets open requests finish on shutdown.
//! `axum::serve` cannot be given a header timeout, hence this accept loop.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt as _;

use crate::error::ApiError;

/// The limits on each connection and on how many are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From the connection opening, or the previous answer, to the end of
    /// the request's headers; it also closes idle keep-alive connections.
    pub header_timeout: Duration,
    /// From the end of the headers to the answer, the body included.
    pub request_timeout: Duration,
    /// Longest wait for the client to send or take any byte.
    pub idle_timeout: Duration,
    /// Connections open at once; more wait in the listen queue.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(30),
            // Below the usual soft limit of 1,024 open files, leaving room
            // for the database, the search index and the log.
            max_connections: 512,
        }
    }
}

/// How many times the request timeout an attachment upload may take (five
/// minutes with the default of 30 s).
pub const UPLOAD_TIMEOUT_FACTOR: u32 = 10;

/// Answer 408, and log it, when a request is not answered within `limit`
/// (a body sent slowly is the usual cause).
pub(crate) async fn request_timeout(
    State(limit): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // An attachment of up to 30 MiB may take minutes on a slow uplink; the
    // idle timeout still ends an upload that stalls.
    let limit = if crate::web::is_upload(&method, &path) {
        limit.saturating_mul(UPLOAD_TIMEOUT_FACTOR)
    } else {
        limit
    };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                "request timeout: {method} {path} was not received and answered within {} s; answered 408 and closed the connection",
                limit.as_secs_f64()
            );
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                format!(
                    "the request took longer than {} s to arrive; send it again without pausing",
                    limit.as_secs_f64()
                ),
            )
            .into_response()
        }
    }
}

/// Serve `app` until `shutdown` completes, within `limits`.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut at_cap = false;
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = take_slot(&slots, limits.max_connections, &mut at_cap) => slot,
            () = &mut shutdown => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                accept_failed(&e).await;
                continue;
            }
        };
        let served = Arc::new(AtomicU64::new(0));
        let counter = served.clone();
        let service =
            TowerToHyperService::new(app.clone().map_request(move |req: Request<Incoming>| {
                counter.fetch_add(1, Ordering::Relaxed);
                req
            }));
        let connection = http.serve_connection(idle_limited(stream, limits.idle_timeout), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                log_closed(&e, peer, served.load(Ordering::Relaxed), &limits);
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// A free connection slot, waiting for one when all are taken. Logs once
/// when the cap is reached and once when there is room again.
async fn take_slot(slots: &Arc<Semaphore>, max: usize, at_cap: &mut bool) -> OwnedSemaphorePermit {
    if let Ok(slot) = slots.clone().try_acquire_owned() {
        if std::mem::take(at_cap) {
            tracing::info!("connections are below the cap of {max} again");
        }
        return slot;
    }
    if !*at_cap {
        *at_cap = true;
        tracing::warn!(
            "connection cap reached: {max} connections open; new ones wait until one closes (raise --max-connections if this is real traffic)"
        );
    }
    match slots.clone().acquire_owned().await {
        Ok(slot) => slot,
        // The semaphore is never closed; if it were, serving on is right.
        Err(_) => std::future::pending().await,
    }
}

/// A stream that fails with `TimedOut` when the client neither sends nor
/// takes a byte for `idle`.
fn idle_limited(
    stream: TcpStream,
    idle: Duration,
) -> TokioIo<std::pin::Pin<Box<TimeoutStream<TcpStream>>>> {
    let mut stream = TimeoutStream::new(stream);
    stream.set_read_timeout(Some(idle));
    stream.set_write_timeout(Some(idle));
    TokioIo::new(Box::pin(stream))
}

/// Why a connection ended early, logged when a limit ended it.
fn log_closed(e: &hyper::Error, peer: SocketAddr, served: u64, limits: &Limits) {
    let secs = |d: Duration| d.as_secs_f64();
    if e.is_timeout() && served == 0 {
        tracing::warn!(
            "header timeout: closed the connection from {peer}, which sent no complete request within {} s",
            secs(limits.header_timeout)
        );
    } else if e.is_timeout() {
        tracing::debug!("closed an idle keep-alive connection from {peer}");
    } else if io_kind(e) == Some(io::ErrorKind::TimedOut) {
        tracing::warn!(
            "idle timeout: closed the connection from {peer}, which sent and took nothing for {} s",
            secs(limits.idle_timeout)
        );
    } else {
        tracing::debug!("connection from {peer} ended: {e}");
    }
}

fn io_kind(e: &hyper::Error) -> Option<io::ErrorKind> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<io::Error>() {
            return Some(io.kind());
        }
        source = s.source();
    }
    None
}

/// A failed accept: one client's trouble is skipped; anything else (out of
/// file descriptors, say) is logged and retried after a pause, as axum does.
async fn accept_failed(e: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::warn!("could not accept a connection: {e}; trying again in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

#[cfg(test)]
mod tests {
    use super::Limits;
    use std::time::Duration;

    #[test]
    fn finding_2_every_default_limit_is_at_most_30_s_and_the_cap_below_1024() {
        let limits = Limits::default();
        for (name, limit) in [
            ("header", limits.header_timeout),
            ("request", limits.request_timeout),
            ("idle", limits.idle_timeout),
        ] {
            assert!(
                limit > Duration::ZERO && limit <= Duration::from_secs(30),
                "{name} timeout {limit:?}"
            );
        }
        assert!((1..1024).contains(&limits.max_connections));
    }
}
