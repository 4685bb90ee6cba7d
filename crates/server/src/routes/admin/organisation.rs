//! The organisation's settings: whether records may hold contact details, and for how long.
//! Everyone's phone reads them from `/api/v1/info`; only an administrator changes them.

use axum::extract::State;
use axum::Json;
use fieldbook_core::organisation::Organisation;

use super::super::blocking;
use super::protects_data;
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Body;
use crate::store::audit_now;
use crate::AppState;

pub(crate) async fn show(
    State(state): State<AppState>,
    session: Authenticated,
) -> Result<Json<Organisation>, AppError> {
    protects_data(&session)?;
    Ok(Json(
        blocking(&state, |store| Ok(store.organisation()?)).await?,
    ))
}

pub(crate) async fn change(
    State(state): State<AppState>,
    session: Authenticated,
    Body(organisation): Body<Organisation>,
) -> Result<Json<Organisation>, AppError> {
    protects_data(&session)?;
    if let Some(problem) = organisation.problem() {
        return Err(AppError::bad_request("invalid_setting", problem));
    }
    blocking(&state, move |store| {
        let detail = if organisation.contact_details {
            format!(
                "contact details on, kept at most {} months",
                organisation.retention_months
            )
        } else {
            "contact details off".to_owned()
        };
        let by = &session.user.username;
        let entry = audit_now(by, "change_organisation", "contact details", detail);
        Ok(store.set_organisation(&organisation, &entry)?)
    })
    .await?;
    Ok(Json(organisation))
}
