//! Administrators' endpoints: accounts, and the data protection duties (a person's records, and
//! erasing them), with the audit log that records those.

use axum::extract::{Path, State};
use axum::Json;
use fieldbook_core::protocol::Change;
use fieldbook_core::roles::can_manage_users;
use serde::Serialize;

use super::blocking;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::store::{Account, AuditEntry, Erasure};
use crate::{now_ms, AppState};

pub(super) fn admin(session: &Authenticated) -> Result<(), AppError> {
    if !can_manage_users(&session.user) {
        return Err(AppError::Forbidden(
            "Only an administrator can do this.".into(),
        ));
    }
    Ok(())
}

pub(crate) async fn users(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<Account>>, AppError> {
    admin(&session)?;
    Ok(Json(blocking(&state, |store| Ok(store.accounts()?)).await?))
}

#[derive(Serialize)]
pub(crate) struct Export {
    username: String,
    documents: Vec<Change>,
}

pub(crate) async fn export(
    State(state): State<AppState>,
    session: Authenticated,
    Path(username): Path<String>,
) -> Result<Json<Export>, AppError> {
    admin(&session)?;
    let documents = blocking(&state, {
        let username = username.clone();
        move |store| {
            if store.account(&username)?.is_none() {
                return Err(no_such_user(&username));
            }
            Ok(store.export_user(&username)?)
        }
    })
    .await?;
    Ok(Json(Export {
        username,
        documents,
    }))
}

#[derive(Serialize)]
pub(crate) struct Erased {
    username: String,
    #[serde(flatten)]
    erasure: Erasure,
}

pub(crate) async fn erase(
    State(state): State<AppState>,
    session: Authenticated,
    Path(username): Path<String>,
) -> Result<Json<Erased>, AppError> {
    admin(&session)?;
    let erasure = blocking(&state, {
        let username = username.clone();
        move |store| {
            if store.account(&username)?.is_none() {
                return Err(no_such_user(&username));
            }
            Ok(store.erase_user(&session.user.username, &username, now_ms())?)
        }
    })
    .await?;
    Ok(Json(Erased { username, erasure }))
}

pub(crate) async fn audit(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    admin(&session)?;
    Ok(Json(
        blocking(&state, |store| Ok(store.audit_log()?)).await?,
    ))
}

fn no_such_user(username: &str) -> AppError {
    AppError::NoSuchUser(username.to_owned())
}
