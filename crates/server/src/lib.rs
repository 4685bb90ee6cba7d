//! The sync server as a library, so that tests can drive [`app`] without a socket.

pub mod admin;
mod auth;
pub mod cli;
mod codes;
pub mod error;
mod extract;
mod headers;
mod html;
pub mod ingest;
pub mod password;
pub mod protection;
mod routes;
pub mod serve;
pub mod setup;
pub mod store;
mod web;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use auth::{hash_password, PasswordChecks};
use store::Store;

/// The most changes one push may carry.
pub const MAX_CHANGES: usize = 500;
/// The largest request body: 500 realistic records are about 1 MB.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// How the server treats the requests it is sent; `serve` sets it from the command line.
#[derive(Clone, Default)]
pub struct Settings {
    /// Take the client's address from the last hop of `X-Forwarded-For`: set it only when a
    /// reverse proxy that writes that header is the only way in.
    pub trusted_proxy: bool,
    /// Checks passwords a few at a time; shared, so that a caller can see how many it checked.
    pub passwords: Arc<PasswordChecks>,
}

/// What every API handler can reach.
#[derive(Clone)]
struct AppState {
    store: Arc<dyn Store>,
    settings: Settings,
}

/// The whole server with default [`Settings`].
pub fn app(store: Arc<dyn Store>, dist: &Path) -> Router {
    app_with(store, dist, Settings::default())
}

/// The whole server: the JSON API under `/api`, the first-run page at `/setup`, the password
/// page at `/password`, and the built app from `dist` for everything else, each with its
/// security headers. A panic in an API
/// handler becomes a JSON 500.
pub fn app_with(store: Arc<dyn Store>, dist: &Path, settings: Settings) -> Router {
    let state = AppState { store, settings };
    // Panics are caught inside the header layers, so that a panic's 500 has the headers too.
    let pages = setup::routes(state.clone()).merge(password::routes(state.clone()));
    let api = routes::api(state).layer(CatchPanicLayer::custom(error::panic_response));
    let router = Router::new()
        .nest("/api", headers::for_api(api))
        .merge(headers::for_pages(pages, html::STYLE))
        .fallback_service(headers::for_app(web::app_files(dist), dist));
    headers::for_all(router)
}

/// Bytes as lowercase hex, as the server writes hashes and secrets.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Milliseconds since the Unix epoch, by the server's clock.
pub fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}
