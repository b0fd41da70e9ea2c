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
mod headers;
mod limits;
mod openapi;
mod paths;
mod routes;
mod web;

use std::future::Future;

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::Router;
use foidesk_engine::Service;
use tokio::net::TcpListener;

pub use error::{ApiError, FieldError};
pub use headers::{CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY};
pub use limits::Limits;
pub use routes::{RouteInfo, ROUTES};

/// Largest request body accepted; a case file is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What every handler needs.
#[derive(Clone)]
pub struct AppState {
    /// The engine and its store; use cases on stored data go through
    /// `service.as_user(..)`, which applies the access rules.
    pub service: Service,
    /// Mark session cookies `Secure`: set when foidesk is served over TLS.
    pub secure_cookies: bool,
}

/// The whole application: API, health check, web pages, JSON fallbacks,
/// with the default request timeout.
pub fn app(state: AppState) -> Router {
    app_with_limits(state, &Limits::default())
}

/// The application with `limits.request_timeout`; security headers go on
/// every answer, the timeout's 408 included.
pub fn app_with_limits(state: AppState, limits: &Limits) -> Router {
    let tls = state.secure_cookies;
    routes::router()
        .merge(web::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
        .layer(from_fn_with_state(
            limits.request_timeout,
            limits::request_timeout,
        ))
        .layer(from_fn_with_state(tls, headers::add))
}

/// Serve until `shutdown` completes, within the default limits.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_limits(listener, state, Limits::default(), shutdown).await
}

/// Serve until `shutdown` completes: open requests finish, new connections
/// are refused.
pub async fn serve_with_limits(
    listener: TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app_with_limits(state, &limits);
    limits::serve(listener, app, limits, shutdown).await
}
