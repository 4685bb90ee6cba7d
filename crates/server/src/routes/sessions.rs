//! Sessions one by one: a signed-in person lists and revokes their own (a lost phone), and an
//! administrator does the same for anyone. The token's secret is never shown.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::protocol::SessionSummary;

use super::admin::manages_users;
use super::blocking;
use crate::auth::{ends_at, Authenticated};
use crate::error::AppError;
use crate::store::{audit_now, Store};
use crate::{now_ms, AppState};

pub(crate) async fn mine(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<SessionSummary>>, AppError> {
    let listed = blocking(&state, move |store| {
        live_sessions(store, &session.user.username, Some(&session.token_id))
    })
    .await?;
    Ok(Json(listed))
}

pub(crate) async fn revoke_mine(
    State(state): State<AppState>,
    session: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    blocking(&state, move |store| {
        let username = &session.user.username;
        revoke(store, username, username, &id)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn of_user(
    State(state): State<AppState>,
    session: Authenticated,
    Path(username): Path<String>,
) -> Result<Json<Vec<SessionSummary>>, AppError> {
    manages_users(&session)?;
    let listed = blocking(&state, move |store| {
        if store.account(&username)?.is_none() {
            return Err(AppError::NoSuchUser(username));
        }
        live_sessions(store, &username, Some(&session.token_id))
    })
    .await?;
    Ok(Json(listed))
}

pub(crate) async fn revoke_of_user(
    State(state): State<AppState>,
    session: Authenticated,
    Path((username, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    manages_users(&session)?;
    blocking(&state, move |store| {
        revoke(store, &session.user.username, &username, &id)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn live_sessions(
    store: &dyn Store,
    username: &str,
    current: Option<&str>,
) -> Result<Vec<SessionSummary>, AppError> {
    let now = now_ms();
    Ok(store
        .sessions(username)?
        .into_iter()
        .filter(|(_, token)| ends_at(token) > now)
        .map(|(id, token)| SessionSummary {
            current: current == Some(id.as_str()),
            expires_ms: ends_at(&token),
            id,
            label: token.label,
            created_ms: token.created_ms,
            last_used_ms: token.last_used_ms,
        })
        .collect())
}

fn revoke(store: &dyn Store, actor: &str, username: &str, id: &str) -> Result<(), AppError> {
    if !store.revoke_session(username, id)? {
        return Err(AppError::NoSuchSession);
    }
    let entry = audit_now(actor, "revoke_session", username, format!("session {id}"));
    Ok(store.record_audit(&entry)?)
}
