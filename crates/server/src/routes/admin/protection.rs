//! A person's records, erasing them, and the audit log that records both.

use axum::extract::{Path, State};
use axum::Json;
use fieldbook_core::protocol::Change;
use serde::Serialize;

use super::super::blocking;
use super::protects_data;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Query;
use crate::store::{audit_now, AuditEntry, AuditQuery, Erasure};
use crate::{now_ms, AppState};

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
    protects_data(&session)?;
    let documents = blocking(&state, {
        let username = username.clone();
        move |store| {
            if store.account(&username)?.is_none() {
                return Err(AppError::NoSuchUser(username));
            }
            let documents = store.export_user(&username)?;
            let detail = format!("{} records", documents.len());
            let actor = &session.user.username;
            store.record_audit(&audit_now(actor, "export_user", &username, detail))?;
            Ok(documents)
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
    protects_data(&session)?;
    let erasure = blocking(&state, {
        let username = username.clone();
        move |store| {
            if store.account(&username)?.is_none() {
                return Err(AppError::NoSuchUser(username));
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
    Query(query): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    protects_data(&session)?;
    Ok(Json(
        blocking(&state, move |store| Ok(store.audit_log(&query)?)).await?,
    ))
}
