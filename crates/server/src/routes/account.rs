//! Signing in and out, and what the server tells every client about itself.

use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::protocol::{Info, LoginRequest, Session};

use super::blocking;
use crate::auth::{new_token, verify_password, Authenticated, TOKEN_LIFETIME_MS};
use crate::error::AppError;
use crate::extract::{Body, ClientAddr};
use crate::store::TokenRecord;
use crate::{now_ms, AppState, MAX_BODY_BYTES, MAX_CHANGES};

const WRONG: &str = "The username or password is wrong.";

static NOBODY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| crate::auth::hash_password("no account has this password"));

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    Body(request): Body<LoginRequest>,
) -> Result<Json<Session>, AppError> {
    if let Some(wait) = state
        .limiter
        .wait(&request.username, &address, Instant::now())
    {
        return Err(AppError::TooManyAttempts(wait));
    }
    let limiter = state.limiter.clone();
    blocking(&state, move |store| {
        let account = store.account(&request.username)?;
        let signed_in = match &account {
            Some((account, hash)) => !account.disabled && verify_password(&request.password, hash),
            // Check a password anyway, so a missing account takes as long as a wrong password.
            None => {
                verify_password(&request.password, &NOBODY);
                false
            }
        };
        let (Some((account, _)), true) = (account, signed_in) else {
            limiter.failed(&request.username, &address, Instant::now());
            return Err(AppError::Unauthorized(WRONG));
        };
        limiter.succeeded(&request.username);
        let (token, id, secret_hash) = new_token();
        let expires_ms = now_ms() + TOKEN_LIFETIME_MS;
        store.add_token(
            &id,
            &TokenRecord {
                username: account.user.username.clone(),
                secret_hash,
                expires_ms,
                revoked: false,
            },
        )?;
        Ok(Json(Session {
            token,
            expires_at_ms: expires_ms,
            user: account.user,
        }))
    })
    .await
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<StatusCode, AppError> {
    blocking(&state, move |store| {
        Ok(store.revoke_token(&session.token_id)?)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn info(State(state): State<AppState>) -> Json<Info> {
    Json(Info {
        version: fieldbook_core::VERSION.to_owned(),
        max_changes: MAX_CHANGES,
        max_body_bytes: MAX_BODY_BYTES,
        server_epoch: state.store.epoch().to_owned(),
    })
}
