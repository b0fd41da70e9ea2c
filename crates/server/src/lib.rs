//! # foidesk-server: how do people and programs reach foidesk over HTTP?
//!
//! The JSON API under `/api/v1` (axum), with sign-in by session cookie or
//! bearer token, `/healthz`, and the web pages (`web`). Handlers turn HTTP into engine calls and
//! engine results into JSON; the rules about who may see what live in the
//! engine, so every front end applies the same ones.
//!
//! Invariant: the only crate that knows HTTP. A client's mistake is always a
//! 4xx with a JSON body saying what and where; internal error text is logged,
//! never sent.

mod auth;
mod body;
mod error;
mod openapi;
mod paths;
mod routes;
mod web;

use std::future::Future;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use foidesk_engine::Engine;
use foidesk_store::Store;
use tokio::net::TcpListener;

pub use error::{ApiError, FieldError};
pub use routes::{RouteInfo, ROUTES};

/// Largest request body accepted; a case file is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What every handler needs.
#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
    pub store: Store,
    /// Mark session cookies `Secure`: set when foidesk is served over TLS.
    pub secure_cookies: bool,
}

/// The whole application: API, health check, JSON fallbacks.
pub fn app(state: AppState) -> Router {
    routes::router()
        .merge(web::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Serve until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
