//! Competency frameworks: a coordinator publishes one to their teams (an admin, to every team),
//! or to the teams named; everyone fetches those published to them; and publishers list where
//! each is published.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use fieldbook_core::framework::Framework;
use fieldbook_core::roles::{can_import_framework, can_manage_users, can_publish_to, User};
use serde::Serialize;

use super::blocking;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Query;
use crate::store::{audit_now, Publication, Store, EVERY_TEAM};
use crate::{now_ms, AppState};

#[derive(Serialize)]
pub(crate) struct Published {
    id: String,
    teams: Vec<String>,
}

/// `?team=NAME`, repeated: the query as its pairs, so that a key may come more than once.
type Teams = Vec<(String, String)>;

pub(crate) async fn publish(
    State(state): State<AppState>,
    session: Authenticated,
    Query(query): Query<Teams>,
    body: Bytes,
) -> Result<(StatusCode, Json<Published>), AppError> {
    publisher(&session.user)?;
    let mut named = Vec::new();
    for (key, team) in query {
        if key != "team" {
            return Err(AppError::bad_request(
                "invalid_query",
                format!("Publishing takes only team=NAME in its query, not {key}."),
            ));
        }
        if !named.contains(&team) {
            named.push(team);
        }
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
    let teams = if named.is_empty() {
        default_teams(&session.user)?
    } else {
        named
    };
    let published = Published {
        id: framework.id.clone(),
        teams: teams.clone(),
    };
    blocking(&state, move |store| {
        allowed(store, &session.user, &teams)?;
        let by = &session.user.username;
        store.publish_framework(&framework, &teams, by, now_ms())?;
        let detail = format!("to {}", teams.join(", "));
        Ok(store.record_audit(&audit_now(by, "publish_framework", &framework.id, detail))?)
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

/// Whoever manages teams publishes to every team; a coordinator, to their own.
fn default_teams(user: &User) -> Result<Vec<String>, AppError> {
    if can_manage_users(user) {
        return Ok(vec![EVERY_TEAM.to_owned()]);
    }
    if user.teams.is_empty() {
        return Err(AppError::bad_request(
            "no_team",
            "You belong to no team to publish to; ask an administrator to add you to one.",
        ));
    }
    Ok(user.teams.clone())
}

/// Each team named may be published to by `user`, and exists (or is every team).
fn allowed(store: &dyn Store, user: &User, teams: &[String]) -> Result<(), AppError> {
    let known = store.teams()?;
    for team in teams {
        if !can_publish_to(user, team) {
            return Err(AppError::Forbidden(format!(
                "You cannot publish to {team}: a coordinator publishes only to their own teams."
            )));
        }
        if team != EVERY_TEAM && !known.iter().any(|known| known.name == *team) {
            return Err(AppError::bad_request(
                "no_such_team",
                format!("There is no team called {team} to publish to."),
            ));
        }
    }
    Ok(())
}

fn publisher(user: &User) -> Result<(), AppError> {
    if !can_import_framework(user) {
        return Err(AppError::Forbidden(
            "Only a coordinator or an administrator can publish a framework.".into(),
        ));
    }
    Ok(())
}

/// Where frameworks are published, as far as `session`'s user publishes: everywhere for whoever
/// may publish to any team, and a coordinator's own teams and every team for a coordinator.
pub(crate) async fn publications(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Vec<Publication>>, AppError> {
    publisher(&session.user)?;
    let all = blocking(&state, |store| Ok(store.publications()?)).await?;
    Ok(Json(
        all.into_iter()
            .filter(|p| p.team == EVERY_TEAM || can_publish_to(&session.user, &p.team))
            .collect(),
    ))
}
