//! A push's answer as kept for replaying the same batch: statuses and reasons only. The records
//! it sent back (contact details and all) are not kept; a replay reads the current copies.

use fieldbook_core::protocol::{ChangeResult, PushResponse};

use super::{Result, StoreError};

pub fn kept(response: &PushResponse) -> Result<String> {
    let statuses = PushResponse {
        batch_id: response.batch_id.clone(),
        results: response
            .results
            .iter()
            .map(|result| ChangeResult {
                server: None,
                ..result.clone()
            })
            .collect(),
    };
    serde_json::to_string(&statuses).map_err(|error| StoreError::Damaged(error.to_string()))
}

pub fn parse(answered: &str) -> Result<PushResponse> {
    serde_json::from_str(answered)
        .map_err(|error| StoreError::Damaged(format!("a stored batch answer: {error}")))
}
