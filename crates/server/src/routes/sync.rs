//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`.

use axum::extract::State;
use axum::Json;
use fieldbook_core::protocol::{Cursor, PullResponse, PushRequest, PushResponse};
use fieldbook_core::Id;
use serde::Deserialize;

use super::{blocking, keeps_records};
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::{Body, Query};
use crate::{now_ms, AppState, MAX_CHANGES};

/// A batch id is the client's name for one attempt at a push; it need only be unique per device.
const MAX_BATCH_ID: usize = 100;
const DEFAULT_PULL: usize = 500;
const MAX_PULL: usize = 1000;

pub(crate) async fn push(
    State(state): State<AppState>,
    session: Authenticated,
    Body(request): Body<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    keeps_records(&session)?;
    if request.changes.len() > MAX_CHANGES {
        return Err(AppError::TooLarge(format!(
            "{} changes in one push; send at most {MAX_CHANGES} at a time.",
            request.changes.len()
        )));
    }
    if request.batch_id.trim().is_empty() || request.batch_id.len() > MAX_BATCH_ID {
        return Err(AppError::bad_request(
            "invalid_batch_id",
            format!("The batch id must be 1 to {MAX_BATCH_ID} characters."),
        ));
    }
    let response = blocking(&state, move |store| {
        Ok(store.push(&session.user, &request, now_ms())?)
    })
    .await?;
    Ok(Json(response))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PullQuery {
    #[serde(default)]
    cursor: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
    /// The pulling device: what it wrote last, it already holds.
    #[serde(default)]
    device: Option<Id>,
}

pub(crate) async fn pull(
    State(state): State<AppState>,
    session: Authenticated,
    Query(query): Query<PullQuery>,
) -> Result<Json<PullResponse>, AppError> {
    keeps_records(&session)?;
    let limit = query.limit.unwrap_or(DEFAULT_PULL);
    if !(1..=MAX_PULL).contains(&limit) {
        return Err(AppError::bad_request(
            "invalid_limit",
            format!("The limit must be from 1 to {MAX_PULL}."),
        ));
    }
    let epoch = state.store.epoch().to_owned();
    let after = match query.cursor.as_deref().filter(|cursor| !cursor.is_empty()) {
        None => 0,
        Some(text) => {
            let cursor: Cursor =
                text.parse()
                    .map_err(|error: fieldbook_core::protocol::CursorError| {
                        AppError::PullAgain {
                            code: "cursor_unknown",
                            message: error.to_string(),
                        }
                    })?;
            if cursor.epoch != epoch {
                return Err(AppError::PullAgain {
                    code: "epoch_changed",
                    message: "This server's data was replaced since that cursor was issued; pull again from the start, with no cursor.".into(),
                });
            }
            cursor.seq
        }
    };
    let page = blocking(&state, move |store| {
        if after > store.last_seq()? {
            return Err(AppError::PullAgain {
                code: "cursor_unknown",
                message: "This server never issued that cursor; pull again from the start, with no cursor.".into(),
            });
        }
        let device = query.device.map(|id| id.to_string());
        Ok(store.pull(&session.user, device.as_deref(), after, limit)?)
    })
    .await?;
    Ok(Json(PullResponse {
        changes: page.changes,
        next_cursor: Cursor {
            epoch: epoch.clone(),
            seq: page.last_seq,
        }
        .to_string(),
        has_more: page.has_more,
        server_epoch: epoch,
    }))
}
