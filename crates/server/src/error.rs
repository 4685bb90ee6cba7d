//! One error type for the API: every failure becomes a status and a JSON `{code, message}`.

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fieldbook_core::protocol::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is no API endpoint at {method} {path}.")]
    NotFound { method: String, path: String },
    #[error("There is no user called {0}.")]
    NoSuchUser(String),
    #[error("{path} does not answer {method}.")]
    MethodNotAllowed { method: String, path: String },
    /// The request could not be read: `code` says how.
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("The request is larger than this server accepts: {0}")]
    TooLarge(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(String),
    #[error("Too many failed sign-ins; try again in {} minutes.", .0.as_secs().div_ceil(60))]
    TooManyAttempts(Duration),
    /// The client's pull cursor is no use: it must pull again from the start.
    #[error("{message}")]
    PullAgain { code: &'static str, message: String },
    #[error("The server's database failed: {0}")]
    Store(#[from] crate::store::StoreError),
    #[error("The server failed unexpectedly: {0}")]
    Internal(String),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Self::NoSuchUser(_) => (StatusCode::NOT_FOUND, "no_such_user"),
            Self::MethodNotAllowed { .. } => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            Self::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::PullAgain { code, .. } => (StatusCode::CONFLICT, code),
            Self::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "store_error"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let body = ApiError {
            code: code.to_owned(),
            message: self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        if let Self::TooManyAttempts(wait) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, wait.as_secs().max(1).into());
        }
        response
    }
}
