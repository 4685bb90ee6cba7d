//! Accounts: listing them, adding one (with a password link instead of a password), changing
//! its role, teams and whether it is disabled, and a new password link when one is forgotten.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::protocol::admin::{NewUser, PasswordLink, UserChange};
use fieldbook_core::roles::{Role, User};

use super::super::blocking;
use super::manages_users;
use crate::auth::rules::username_problem;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Body;
use crate::store::{audit_now, role_code, Account, StoreError};
use crate::{now_ms, password, AppState};

pub(crate) async fn list(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<Account>>, AppError> {
    manages_users(&session)?;
    Ok(Json(blocking(&state, |store| Ok(store.accounts()?)).await?))
}

/// The account has no password (an empty hash, which matches none) until its person uses the
/// link in the answer.
pub(crate) async fn add(
    State(state): State<AppState>,
    session: Authenticated,
    Body(new): Body<NewUser>,
) -> Result<(StatusCode, Json<PasswordLink>), AppError> {
    manages_users(&session)?;
    if let Some(problem) = username_problem(&new.username) {
        return Err(AppError::bad_request("invalid_username", problem));
    }
    let link = blocking(&state, move |store| {
        let user = User {
            username: new.username,
            role: new.role,
            teams: new.teams,
        };
        store.add_user(&user, "").map_err(|error| match error {
            StoreError::Exists(_) => AppError::conflict(
                "username_taken",
                format!(
                    "There is already an account called {}. Choose another username.",
                    user.username
                ),
            ),
            other => other.into(),
        })?;
        let detail = format!(
            "{}, teams: {}; password to be set from a link",
            role_code(user.role),
            user.teams.join(", ")
        );
        let actor = &session.user.username;
        store.record_audit(&audit_now(actor, "add_user", &user.username, detail))?;
        Ok(password::issue(store, &user.username, now_ms())?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(link)))
}

/// Each part given is applied and audited; the store refuses, changing nothing, whatever
/// would leave no administrator who can sign in.
pub(crate) async fn change(
    State(state): State<AppState>,
    session: Authenticated,
    Path(username): Path<String>,
    Body(change): Body<UserChange>,
) -> Result<Json<Account>, AppError> {
    manages_users(&session)?;
    let demoted = change.role.is_some_and(|role| role != Role::Admin);
    if username == session.user.username && (demoted || change.disabled == Some(true)) {
        return Err(AppError::conflict(
            "own_account",
            "You cannot take away your own administrator role or disable your own account; \
             ask another administrator.",
        ));
    }
    let account = blocking(&state, move |store| {
        let actor = &session.user.username;
        Ok(store.change_user(actor, &username, &change, now_ms())?)
    })
    .await?;
    Ok(Json(account))
}

/// Nothing changes until the person uses the link; their earlier links stop working.
pub(crate) async fn password_link(
    State(state): State<AppState>,
    session: Authenticated,
    Path(username): Path<String>,
) -> Result<(StatusCode, Json<PasswordLink>), AppError> {
    manages_users(&session)?;
    let link = blocking(&state, move |store| {
        let link = password::issue(store, &username, now_ms())?;
        let detail = "valid for 72 hours; earlier links no longer work";
        let actor = &session.user.username;
        store.record_audit(&audit_now(actor, "password_link", &username, detail))?;
        Ok(link)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(link)))
}
