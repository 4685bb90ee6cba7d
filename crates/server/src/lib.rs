//! The sync server as a library, so that tests can drive [`app`] without a socket.

pub mod admin;
mod auth;
pub mod cli;
pub mod error;
mod extract;
pub mod ingest;
pub mod protection;
mod routes;
pub mod serve;
pub mod store;
mod web;

use std::path::Path;
use std::sync::Arc;

use axum::Router;

pub use auth::hash_password;
use auth::LoginLimiter;
use store::Store;

/// The most changes one push may carry.
pub const MAX_CHANGES: usize = 500;
/// The largest request body: 500 realistic records are about 1 MB.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// What every API handler can reach.
#[derive(Clone)]
struct AppState {
    store: Arc<dyn Store>,
    limiter: Arc<LoginLimiter>,
}

/// The whole server: the JSON API under `/api`, and the built app from `dist` for everything else.
pub fn app(store: Arc<dyn Store>, dist: &Path) -> Router {
    let state = AppState {
        store,
        limiter: Arc::new(LoginLimiter::default()),
    };
    Router::new()
        .nest("/api", routes::api(state))
        .fallback_service(web::app_files(dist))
}

/// Milliseconds since the Unix epoch, by the server's clock.
pub fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}
