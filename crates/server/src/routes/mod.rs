//! The JSON API, mounted under `/api`. docs/sync-protocol.md describes it; `/api/openapi.json`
//! serves it as OpenAPI 3.

mod account;
mod admin;
mod frameworks;
mod health;
mod reports;
mod sessions;
mod sync;

use axum::extract::{DefaultBodyLimit, OriginalUri};
use axum::http::{header, Method};
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post};
use axum::Router;

use fieldbook_core::permissions;

use crate::auth::Authenticated;
use crate::error::AppError;
use crate::store::Store;
use crate::{AppState, MAX_BODY_BYTES};

pub(crate) fn api(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(openapi))
        .route("/v1/login", post(account::login))
        .route("/v1/logout", post(account::logout))
        .route("/v1/info", get(account::info))
        .route("/v1/sessions", get(sessions::mine))
        .route("/v1/sessions/{id}", delete(sessions::revoke_mine))
        .route("/v1/sync/push", post(sync::push))
        .route("/v1/sync/pull", get(sync::pull))
        .route("/v1/reports", get(reports::sections))
        .route("/v1/reports/{name}", get(reports::file))
        .route(
            "/v1/frameworks",
            get(frameworks::list).post(frameworks::publish),
        )
        .route("/v1/admin/frameworks", get(frameworks::publications))
        .route(
            "/v1/admin/users",
            get(admin::users::list).post(admin::users::add),
        )
        .route("/v1/admin/users/{username}", patch(admin::users::change))
        .route(
            "/v1/admin/users/{username}/password-link",
            post(admin::users::password_link),
        )
        .route(
            "/v1/admin/users/{username}/export",
            get(admin::protection::export),
        )
        .route(
            "/v1/admin/users/{username}/erase",
            post(admin::protection::erase),
        )
        .route(
            "/v1/admin/users/{username}/sessions",
            get(sessions::of_user),
        )
        .route(
            "/v1/admin/users/{username}/sessions/{id}",
            delete(sessions::revoke_of_user),
        )
        .route(
            "/v1/admin/teams",
            get(admin::teams::list).post(admin::teams::add),
        )
        .route("/v1/admin/teams/{name}", patch(admin::teams::rename))
        .route("/v1/admin/audit", get(admin::protection::audit))
        .route(
            "/v1/admin/organisation",
            get(admin::organisation::show).put(admin::organisation::change),
        )
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Anything under `/api` that no route claims gets a JSON 404, never the app's HTML.
async fn unknown_endpoint(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NotFound {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }
}

async fn wrong_method(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::MethodNotAllowed {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }
}

/// The protocol as OpenAPI 3, kept beside the code it describes.
async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../openapi.json"),
    )
}

/// Admins may neither sync nor report: records are for the people who keep them and their
/// coordinators.
fn keeps_records(session: &Authenticated) -> Result<(), AppError> {
    if !permissions::keeps_records(&session.user) {
        return Err(AppError::Forbidden(
            "Administrators manage accounts; they do not see records. Use a coordinator account to see the team's records.".into(),
        ));
    }
    Ok(())
}

/// Run a store call off the async threads: SQLite blocks.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&dyn Store) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || work(store.as_ref()))
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?
}
