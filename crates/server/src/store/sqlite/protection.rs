//! Data protection in SQLite: a person's records, and the audit log that records erasures and
//! purges (see `erasure` and `purge`).

use fieldbook_core::protocol::Change;
use fieldbook_core::Replica;
use rusqlite::Connection;

use super::sync;
use crate::store::{AuditEntry, Result, StoreError};

/// Documents a user owns or that name them anywhere (as an assessor, say).
pub fn export_user(connection: &Connection, username: &str) -> Result<Vec<Change>> {
    let quoted = serde_json::to_string(username).expect("a string serialises");
    let rows = sync::changes(
        connection,
        "SELECT kind, id, replica, seq FROM documents
         WHERE owner = ?1 OR instr(replica, ?2) > 0 ORDER BY seq",
        (username, quoted),
    )?;
    Ok(rows.into_iter().map(|(change, _)| change).collect())
}

pub(super) fn decode(change: &Change) -> Result<Replica> {
    Replica::decode(change.replica.get())
        .map_err(|error| StoreError::Damaged(format!("{}: {error}", change.id)))
}

pub(super) fn audit(
    connection: &Connection,
    now_ms: u64,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    connection.execute(
        "INSERT INTO audit (at_ms, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (now_ms as i64, actor, action, subject, detail),
    )?;
    Ok(())
}

pub fn audit_log(connection: &Connection) -> Result<Vec<AuditEntry>> {
    let entries = connection
        .prepare("SELECT at_ms, actor, action, subject, detail FROM audit ORDER BY id")?
        .query_map([], |row| {
            Ok(AuditEntry {
                at_ms: row.get::<_, i64>(0)? as u64,
                actor: row.get(1)?,
                action: row.get(2)?,
                subject: row.get(3)?,
                detail: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}
