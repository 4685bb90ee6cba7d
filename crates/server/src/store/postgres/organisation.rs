//! The organisation's settings, as one JSON value in `server_meta`; the defaults until an
//! administrator saves some.

use fieldbook_core::organisation::Organisation;
use postgres::{Client, GenericClient};

use super::{audit, begin_writing};
use crate::store::{AuditEntry, Result, StoreError};

const KEY: &str = "organisation";

pub fn get(client: &mut impl GenericClient) -> Result<Organisation> {
    let stored = client.query_opt("SELECT value FROM server_meta WHERE key = $1", &[&KEY])?;
    match stored {
        None => Ok(Organisation::default()),
        Some(row) => serde_json::from_str(row.get(0))
            .map_err(|error| StoreError::Damaged(format!("the organisation's settings: {error}"))),
    }
}

/// Save the settings and log `entry`, in one transaction.
pub fn set(client: &mut Client, organisation: &Organisation, entry: &AuditEntry) -> Result<()> {
    let mut transaction = begin_writing(client)?;
    let json = serde_json::to_string(organisation).expect("settings serialise");
    transaction.execute(
        "INSERT INTO server_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&KEY, &json],
    )?;
    audit::record(&mut transaction, entry)?;
    transaction.commit()?;
    Ok(())
}
