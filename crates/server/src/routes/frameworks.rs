//! Competency frameworks: a coordinator publishes one to their teams (an admin, to every team),
//! and everyone fetches those published to them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::framework::Framework;
use fieldbook_core::roles::{can_import_framework, Role};
use serde::Serialize;

use super::blocking;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::store::{AuditEntry, EVERY_TEAM};
use crate::{now_ms, AppState};

#[derive(Serialize)]
pub(crate) struct Published {
    id: String,
    teams: Vec<String>,
}

pub(crate) async fn publish(
    State(state): State<AppState>,
    session: Authenticated,
    body: Bytes,
) -> Result<(StatusCode, Json<Published>), AppError> {
    if !can_import_framework(&session.user) {
        return Err(AppError::Forbidden(
            "Only a coordinator or an administrator can publish a framework.".into(),
        ));
    }
    let text = std::str::from_utf8(&body).map_err(|_| {
        AppError::bad_request("invalid_framework", "The framework file is not UTF-8 text.")
    })?;
    let framework = Framework::import(text).map_err(|error| {
        AppError::bad_request(
            "invalid_framework",
            format!("The framework cannot be used: {error}."),
        )
    })?;
    let teams = match session.user.role {
        Role::Admin => vec![EVERY_TEAM.to_owned()],
        _ if session.user.teams.is_empty() => {
            return Err(AppError::bad_request(
                "no_team",
                "You belong to no team to publish to; ask an administrator to add you to one.",
            ))
        }
        _ => session.user.teams.clone(),
    };
    let published = Published {
        id: framework.id.clone(),
        teams: teams.clone(),
    };
    blocking(&state, move |store| {
        let by = &session.user.username;
        store.publish_framework(&framework, &teams, by, now_ms())?;
        let detail = format!("to {}", teams.join(", "));
        Ok(store.record_audit(&AuditEntry::now(
            by,
            "publish_framework",
            &framework.id,
            detail,
        ))?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(published)))
}

pub(crate) async fn list(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<Framework>>, AppError> {
    Ok(Json(
        blocking(
            &state,
            move |store| Ok(store.frameworks_for(&session.user)?),
        )
        .await?,
    ))
}
