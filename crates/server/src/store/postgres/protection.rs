//! Data protection in PostgreSQL: a person's records, and reading stored ones back for erasure
//! and purge (see `erasure` and `purge`).

use fieldbook_core::protocol::Change;
use fieldbook_core::Replica;
use postgres::GenericClient;

use super::sync;
use crate::store::{Result, StoreError};

/// Documents a user owns or that name them anywhere (as an assessor, say).
pub fn export_user(client: &mut impl GenericClient, username: &str) -> Result<Vec<Change>> {
    let quoted = serde_json::to_string(username).expect("a string serialises");
    let rows = sync::changes(
        client,
        "SELECT kind, id, replica, seq FROM documents
         WHERE owner = $1 OR strpos(replica, $2) > 0 ORDER BY seq",
        &[&username, &quoted],
    )?;
    Ok(rows.into_iter().map(|(change, _)| change).collect())
}

pub(super) fn decode(change: &Change) -> Result<Replica> {
    Replica::decode(change.replica.get())
        .map_err(|error| StoreError::Damaged(format!("{}: {error}", change.id)))
}
