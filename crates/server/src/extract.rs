//! Extractors whose rejections are the API's own JSON errors, never axum's plain text.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::AppState;

/// A JSON body: malformed JSON, wrong types, unknown fields and oversized bodies are 4xx.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonSyntaxError(error) => AppError::bad_request(
                    "malformed_json",
                    format!("The body is not valid JSON: {}", error.body_text()),
                ),
                JsonRejection::JsonDataError(error) => AppError::bad_request(
                    "invalid_body",
                    format!(
                        "The body does not have the expected shape: {}",
                        error.body_text()
                    ),
                ),
                JsonRejection::MissingJsonContentType(_) => AppError::bad_request(
                    "content_type",
                    "Send the body as JSON, with Content-Type: application/json.",
                ),
                other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    AppError::TooLarge(other.body_text())
                }
                other => AppError::bad_request("unreadable_body", other.body_text()),
            }),
        }
    }
}

/// Query parameters, with unreadable ones as a 400.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|rejection: QueryRejection| {
                AppError::bad_request("invalid_query", rejection.body_text())
            })
    }
}

/// The client's address: the connection's, or with a trusted proxy, the last hop the proxy
/// wrote into `X-Forwarded-For` (the hops before it are whatever the client claimed). Tests
/// through `oneshot` have no connection, and all share the unspecified address.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let forwarded = || {
            let last = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()?;
            last.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
        };
        let connected = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        };
        let address = state
            .settings
            .trusted_proxy
            .then(forwarded)
            .flatten()
            .or_else(connected)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(ClientAddr(address))
    }
}
