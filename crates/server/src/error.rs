//! One error type for the API: every failure becomes a status and a JSON `{code, message}`.

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fieldbook_core::protocol::ApiError;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is no API endpoint at {method} {path}.")]
    NotFound { method: String, path: String },
    #[error("There is no user called {0}.")]
    NoSuchUser(String),
    #[error("There is no team called {0}.")]
    NoSuchTeam(String),
    #[error("There is no such session to sign out; it may have ended already.")]
    NoSuchSession,
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
    #[error("Too many failed sign-ins; try again in {}.", wait_in_words(*.0))]
    TooManyAttempts(Duration),
    /// Too many passwords are being checked at once: the client may retry shortly.
    #[error("The server is busy checking other sign-ins; try again in a few seconds.")]
    Busy,
    /// The request clashes with what is stored: `code` says how.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// The client's pull cursor is no use: it must pull again from the start.
    #[error("{message}")]
    PullAgain { code: &'static str, message: String },
    #[error("The server's database failed: {0}")]
    Store(StoreError),
    #[error("The server failed unexpectedly: {0}")]
    Internal(String),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Self::NoSuchUser(_) => (StatusCode::NOT_FOUND, "no_such_user"),
            Self::NoSuchTeam(_) => (StatusCode::NOT_FOUND, "no_such_team"),
            Self::NoSuchSession => (StatusCode::NOT_FOUND, "no_such_session"),
            Self::MethodNotAllowed { .. } => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            Self::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Self::Conflict { code, .. } | Self::PullAgain { code, .. } => {
                (StatusCode::CONFLICT, code)
            }
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

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}

/// What the store refuses is the request's fault, said as a sentence; the rest is the server's.
impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NoSuchUser(username) => Self::NoSuchUser(username),
            StoreError::NoSuchTeam(team) => Self::bad_request(
                "no_such_team",
                format!("There is no team called {team}. Add the team first, or leave it out."),
            ),
            StoreError::Exists(what) => {
                Self::conflict("exists", format!("That exists already: {what}."))
            }
            StoreError::LastAdmin => Self::conflict(
                "last_admin",
                "That would leave no administrator who can sign in. Make someone else an \
                 administrator first.",
            ),
            other => Self::Store(other),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The detail can carry the database's own text (tables, columns, stored values), which
            // is no business of the client's: it goes to the log, and the client gets a reference
            // that finds it there.
            let reference = incident_reference();
            tracing::error!(reference, "{self}");
            format!("{SERVER_FAULT} (reference {reference}).")
        } else {
            self.to_string()
        };
        let retry_after = match &self {
            Self::TooManyAttempts(wait) => Some(wait_seconds(*wait)),
            Self::Busy => Some(BUSY_RETRY_SECS),
            _ => None,
        };
        let body = ApiError {
            code: code.to_owned(),
            message,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// What a client is told about any failure of the server's own.
pub const SERVER_FAULT: &str = "Something went wrong on the server";
/// How long a client should wait after [`AppError::Busy`].
const BUSY_RETRY_SECS: u64 = 2;

/// A short random name for one failure, printed both in the log and in the answer.
pub(crate) fn incident_reference() -> String {
    format!("{:08x}", rand::random::<u32>())
}

/// A panic in a handler (tower-http's `CatchPanicLayer` catches it) becomes the same JSON 500
/// as any other failure, and the server goes on serving.
pub(crate) fn panic_response(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("no message");
    AppError::Internal(format!("a handler panicked: {detail}")).into_response()
}

/// A wait in whole seconds for `Retry-After`, rounded up: a client that waits as long as it is
/// told is let in, not refused again for the part of a second left over.
pub(crate) fn wait_seconds(wait: Duration) -> u64 {
    u64::try_from(wait.as_millis().div_ceil(1000))
        .unwrap_or(u64::MAX)
        .max(1)
}

pub(crate) fn wait_in_words(wait: Duration) -> String {
    match wait_seconds(wait) {
        1 => "a second".to_owned(),
        seconds @ 2..=90 => format!("{seconds} seconds"),
        seconds => format!("{} minutes", seconds.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use axum::Router;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;

    use super::*;

    async fn panics() -> &'static str {
        panic!("the secret detail")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_json_500_that_keeps_its_message_to_the_log() {
        let router = Router::new()
            .route("/", get(panics))
            .layer(CatchPanicLayer::custom(panic_response));
        for _ in 0..2 {
            let request = Request::get("/").body(Body::empty()).unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let error: ApiError = serde_json::from_slice(&body).unwrap();
            assert_eq!(error.code, "internal");
            assert!(error.message.starts_with(SERVER_FAULT), "{}", error.message);
            assert!(!error.message.contains("secret"), "{}", error.message);
        }
    }

    #[test]
    fn a_wait_is_rounded_up_to_whole_seconds() {
        use std::time::Duration;

        use super::wait_seconds;
        assert_eq!(wait_seconds(Duration::ZERO), 1);
        assert_eq!(wait_seconds(Duration::from_millis(1_001)), 2);
        assert_eq!(wait_seconds(Duration::from_secs(4)), 4);
        assert_eq!(wait_seconds(Duration::from_millis(899_999)), 900);
    }
}
