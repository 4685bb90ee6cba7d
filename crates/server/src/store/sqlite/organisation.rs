//! The organisation's settings, as one JSON value in `server_meta`; the defaults until an
//! administrator saves some.

use fieldbook_core::organisation::Organisation;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::audit;
use crate::store::{AuditEntry, Result, StoreError};

const KEY: &str = "organisation";

pub fn get(connection: &Connection) -> Result<Organisation> {
    let stored: Option<String> = connection
        .query_row(
            "SELECT value FROM server_meta WHERE key = ?1",
            [KEY],
            |row| row.get(0),
        )
        .optional()?;
    match stored {
        None => Ok(Organisation::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|error| StoreError::Damaged(format!("the organisation's settings: {error}"))),
    }
}

/// Save the settings and log `entry`, in one transaction.
pub fn set(
    connection: &mut Connection,
    organisation: &Organisation,
    entry: &AuditEntry,
) -> Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let json = serde_json::to_string(organisation).expect("settings serialise");
    transaction.execute(
        "INSERT INTO server_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (KEY, json),
    )?;
    audit::record(&transaction, entry)?;
    transaction.commit()?;
    Ok(())
}
