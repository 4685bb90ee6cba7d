//! `GET /api/health`: the version, and the schema version read from the database itself.

use axum::extract::State;
use axum::Json;
use fieldbook_core::Health;

use crate::error::AppError;
use crate::AppState;

pub(crate) async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let store = state.store.clone();
    let schema_version = tokio::task::spawn_blocking(move || store.schema_version())
        .await
        .map_err(|error| AppError::Internal(error.to_string()))??;
    Ok(Json(Health::ok(schema_version)))
}
