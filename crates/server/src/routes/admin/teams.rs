//! Teams: listing them with their members, adding one, and renaming one everywhere.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::protocol::admin::TeamName;

use super::super::blocking;
use super::manages_users;
use crate::auth::rules::team_name;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Body;
use crate::store::{audit_now, Store, StoreError, Team};
use crate::AppState;

pub(crate) async fn list(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<Team>>, AppError> {
    manages_users(&session)?;
    Ok(Json(blocking(&state, |store| Ok(store.teams()?)).await?))
}

pub(crate) async fn add(
    State(state): State<AppState>,
    session: Authenticated,
    Body(TeamName { name }): Body<TeamName>,
) -> Result<(StatusCode, Json<Team>), AppError> {
    manages_users(&session)?;
    let name = valid(&name)?;
    let team = blocking(&state, move |store| {
        store.add_team(&name).map_err(|error| taken(error, &name))?;
        let actor = &session.user.username;
        store.record_audit(&audit_now(actor, "add_team", &name, ""))?;
        team(store, &name)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(team)))
}

pub(crate) async fn rename(
    State(state): State<AppState>,
    session: Authenticated,
    Path(old): Path<String>,
    Body(TeamName { name }): Body<TeamName>,
) -> Result<Json<Team>, AppError> {
    manages_users(&session)?;
    let new = valid(&name)?;
    let team = blocking(&state, move |store| {
        store.rename_team(&old, &new).map_err(|error| match error {
            StoreError::NoSuchTeam(_) => AppError::NoSuchTeam(old.clone()),
            other => taken(other, &new),
        })?;
        let detail = format!("from {old} to {new}");
        let actor = &session.user.username;
        store.record_audit(&audit_now(actor, "rename_team", &new, detail))?;
        team(store, &new)
    })
    .await?;
    Ok(Json(team))
}

fn valid(typed: &str) -> Result<String, AppError> {
    team_name(typed).map_err(|problem| AppError::bad_request("invalid_team_name", problem))
}

fn taken(error: StoreError, name: &str) -> AppError {
    match error {
        StoreError::Exists(_) => AppError::conflict(
            "team_taken",
            format!("There is already a team called {name}. Choose another name."),
        ),
        other => other.into(),
    }
}

fn team(store: &dyn Store, name: &str) -> Result<Team, AppError> {
    store
        .teams()?
        .into_iter()
        .find(|team| team.name == name)
        .ok_or_else(|| AppError::NoSuchTeam(name.to_owned()))
}
