//! The sync server as a library, so that tests can drive [`app`] without a socket.

pub mod cli;
pub mod error;
mod routes;
pub mod serve;
pub mod store;
mod web;

use std::path::Path;
use std::sync::Arc;

use axum::Router;

use store::Store;

/// What every API handler can reach.
#[derive(Clone)]
struct AppState {
    store: Arc<Store>,
}

/// The whole server: the JSON API under `/api`, and the built app from `dist` for everything else.
pub fn app(store: Store, dist: &Path) -> Router {
    let state = AppState {
        store: Arc::new(store),
    };
    Router::new()
        .nest("/api", routes::api(state))
        .fallback_service(web::app_files(dist))
}
