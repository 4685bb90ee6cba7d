//! `GET /api/health`: the version, and the schema version read from the database itself.

use axum::extract::State;
use axum::Json;
use fieldbook_core::Health;

use super::blocking;
use crate::error::AppError;
use crate::AppState;

pub(crate) async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let schema_version = blocking(&state, |store| Ok(store.schema_version()?)).await?;
    Ok(Json(Health::ok(schema_version)))
}
