//! The JSON API, mounted under `/api`.

mod health;

use axum::extract::OriginalUri;
use axum::http::Method;
use axum::routing::get;
use axum::Router;

use crate::error::AppError;
use crate::AppState;

pub(crate) fn api(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .fallback(unknown_endpoint)
        .with_state(state)
}

/// Anything under `/api` that no route claims gets a JSON 404, never the app's HTML.
async fn unknown_endpoint(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }
}
