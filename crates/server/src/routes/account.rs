//! Signing in and out, and what the server tells every client about itself.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use fieldbook_core::protocol::{Info, LoginRequest, Session};

use super::blocking;
use crate::auth::{limiter, new_token, Authenticated, IDLE_LIFETIME_MS, MAX_LIFETIME_MS};
use crate::error::AppError;
use crate::extract::{Body, ClientAddr};
use crate::store::{audit_now, Account, TokenRecord};
use crate::{now_ms, AppState, MAX_BODY_BYTES, MAX_CHANGES};

const WRONG: &str = "The username or password is wrong.";
/// How much of a browser's description of itself names a session.
const MAX_LABEL: usize = 120;

static NOBODY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| crate::auth::hash_password("no account has this password"));

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    headers: HeaderMap,
    Body(request): Body<LoginRequest>,
) -> Result<Json<Session>, AppError> {
    let username = request.username;
    // The attempt counts before the password is checked, so that simultaneous guesses cannot
    // all pass the limit together. A database that cannot say lets nobody try.
    blocking(&state, {
        let username = username.clone();
        move |store| Ok(limiter::reserve(store, &username, address, now_ms())?)
    })
    .await?
    .map_err(AppError::TooManyAttempts)?;
    let checked = async {
        let account = blocking(&state, {
            let username = username.clone();
            move |store| Ok(store.account(&username)?)
        })
        .await?;
        // A missing account, or one whose password is not set yet, costs a check too, against
        // a hash no password matches: it takes as long as a wrong password, and answers the same.
        let hash = account
            .as_ref()
            .map(|(_, hash)| hash.clone())
            .filter(|hash| !hash.is_empty())
            .unwrap_or_else(|| NOBODY.clone());
        let matches = state
            .settings
            .passwords
            .verify(request.password, hash)
            .await?;
        Ok::<_, AppError>((account, matches))
    };
    let (account, matches) = match checked.await {
        Ok(checked) => checked,
        Err(error) => {
            let given_back = blocking(&state, move |store| {
                Ok(limiter::not_checked(store, &username, address)?)
            })
            .await;
            // The first failure is the one to answer; this one only leaves the attempt counted.
            if let Err(not_given_back) = given_back {
                tracing::warn!("an attempt not checked still counts: {not_given_back}");
            }
            return Err(error);
        }
    };
    let account = match account {
        // NOBODY's password matches NOBODY: an account with no password set never signs in.
        Some((account, _)) if matches && !account.disabled && account.password_set => account,
        account => {
            // Only the name of a real account is recorded: a mistyped name can be a password.
            let (subject, reason) = match &account {
                None => ("", "no such account"),
                Some((account, _)) if account.disabled => (username.as_str(), "account disabled"),
                Some((account, _)) if !account.password_set => {
                    (username.as_str(), "no password set yet")
                }
                Some(_) => (username.as_str(), "wrong password"),
            };
            let entry = audit_now(&address.to_string(), "sign_in_failed", subject, reason);
            blocking(&state, move |store| {
                limiter::failed(store, &username, address, now_ms())?;
                Ok(store.record_audit(&entry)?)
            })
            .await?;
            return Err(AppError::Unauthorized(WRONG));
        }
    };
    let label = device_label(&headers);
    let session = blocking(&state, move |store| {
        limiter::succeeded(store, &username, address)?;
        start_session(store, account, label, &address.to_string())
    })
    .await?;
    Ok(Json(session))
}

fn start_session(
    store: &dyn crate::store::Store,
    account: Account,
    label: String,
    address: &str,
) -> Result<Session, AppError> {
    let (token, id, secret_hash) = new_token();
    let now = now_ms();
    store.add_token(
        &id,
        &TokenRecord {
            username: account.user.username.clone(),
            secret_hash,
            expires_ms: now + MAX_LIFETIME_MS,
            revoked: false,
            created_ms: now,
            last_used_ms: now,
            label: label.clone(),
        },
    )?;
    let username = &account.user.username;
    let detail = format!("session {id} from {address} ({label})");
    store.record_audit(&audit_now(username, "sign_in", username, detail))?;
    Ok(Session {
        token,
        // The soonest it can end; each use moves this on, up to the cap.
        expires_at_ms: now + IDLE_LIFETIME_MS,
        user: account.user,
    })
}

/// The device a session is on, as its browser describes itself.
fn device_label(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|agent| agent.to_str().ok())
        .unwrap_or("unknown device")
        .chars()
        .take(MAX_LABEL)
        .collect()
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<StatusCode, AppError> {
    blocking(&state, move |store| {
        store.revoke_token(&session.token_id)?;
        let username = &session.user.username;
        let detail = format!("session {}", session.token_id);
        Ok(store.record_audit(&audit_now(username, "sign_out", username, detail))?)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn info(State(state): State<AppState>) -> Result<Json<Info>, AppError> {
    let organisation = blocking(&state, |store| Ok(store.organisation()?)).await?;
    Ok(Json(Info {
        version: fieldbook_core::VERSION.to_owned(),
        max_changes: MAX_CHANGES,
        max_body_bytes: MAX_BODY_BYTES,
        server_epoch: state.store.epoch().to_owned(),
        organisation,
    }))
}
