//! `GET /api/v1/reports` and `GET /api/v1/reports/{name}.csv`: the coordinator's dashboard and
//! files over every engagement the signed-in user may see, for any period and area, computed by
//! the same core functions the phone uses offline, so the figures cannot differ.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::NaiveDate;
use fieldbook_core::find;
use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::Report;
use fieldbook_core::report::{engagement_sections, EngagementFile, Filter, Period};
use fieldbook_core::roles::User;
use fieldbook_core::{Document, Replica};
use serde::Deserialize;

use super::{blocking, keeps_records};
use crate::auth::Authenticated;
use crate::error::AppError;
use crate::extract::Query;
use crate::store::{Store, StoreError};

/// A UTF-8 byte order mark, so that spreadsheets which guess the encoding (older Excel) read
/// names such as "Tenants’" right.
const BOM: &str = "\u{feff}";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportQuery {
    from: String,
    to: String,
    /// Exactly as the records name it; absent or empty for every area.
    #[serde(default)]
    area: Option<String>,
}

impl ReportQuery {
    fn filter(&self) -> Result<Filter, AppError> {
        let period = Period::new(day("from", &self.from)?, day("to", &self.to)?)
            .map_err(|error| AppError::bad_request("invalid_period", error.to_string()))?;
        let filter = Filter::new(period);
        Ok(match self.area.as_deref().filter(|area| !area.is_empty()) {
            Some(area) => filter.in_area(area),
            None => filter,
        })
    }
}

fn day(name: &str, text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        AppError::bad_request(
            "invalid_period",
            format!(
                "{name} must be a day written as YYYY-MM-DD, such as 2026-04-01, not {text:?}."
            ),
        )
    })
}

pub(crate) async fn sections(
    State(state): State<crate::AppState>,
    session: Authenticated,
    Query(query): Query<ReportQuery>,
) -> Result<Json<Report>, AppError> {
    keeps_records(&session)?;
    let filter = query.filter()?;
    let report = blocking(&state, move |store| {
        let engagements = engagements(store, &session.user)?;
        let live: Vec<&Engagement> = engagements.iter().collect();
        Ok(Report {
            records: live.len(),
            areas: find::areas(live.iter().copied()),
            sections: engagement_sections(&live, &filter),
        })
    })
    .await?;
    Ok(Json(report))
}

pub(crate) async fn file(
    State(state): State<crate::AppState>,
    session: Authenticated,
    Path(name): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<impl IntoResponse, AppError> {
    keeps_records(&session)?;
    let file = name
        .strip_suffix(".csv")
        .and_then(EngagementFile::from_stem)
        .ok_or_else(|| {
            let names: Vec<String> = EngagementFile::ALL
                .iter()
                .map(|file| format!("{}.csv", file.stem()))
                .collect();
            AppError::bad_request(
                "unknown_report",
                format!(
                    "There is no report called {name:?}; the files are {}.",
                    names.join(", ")
                ),
            )
        })?;
    let filter = query.filter()?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name(&filter));
    let body = blocking(&state, move |store| {
        let engagements = engagements(store, &session.user)?;
        Ok(format!("{BOM}{}", file.make(&engagements, &filter)))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    ))
}

/// Every live engagement `user` may see.
fn engagements(store: &dyn Store, user: &User) -> Result<Vec<Engagement>, AppError> {
    store
        .live_replicas(user, Engagement::KIND)?
        .iter()
        .map(|replica| {
            Replica::decode_doc::<Engagement>(replica)
                .map(|stored| stored.doc)
                .map_err(|error| StoreError::Damaged(format!("an engagement: {error}")).into())
        })
        .collect()
}
