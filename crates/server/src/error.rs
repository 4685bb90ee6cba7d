//! One error type for the API: every failure becomes a status and a JSON `{code, message}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is no API endpoint at {method} {path}.")]
    NotFound { method: String, path: String },
    #[error("The server's database failed: {0}")]
    Store(#[from] crate::store::StoreError),
    #[error("The server failed unexpectedly: {0}")]
    Internal(String),
}

/// The body of every error the API sends.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// A stable, machine-readable code, such as `not_found`.
    pub code: &'static str,
    /// A sentence for a person.
    pub message: String,
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Self::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "store_error"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let body = ErrorBody {
            code,
            message: self.to_string(),
        };
        (status, Json(body)).into_response()
    }
}
