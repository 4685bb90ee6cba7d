//! The audit log: who did what to whom, and when, in the order it happened.

use rusqlite::Connection;

use crate::store::{AuditEntry, Result};

pub fn record(connection: &Connection, entry: &AuditEntry) -> Result<()> {
    connection.execute(
        "INSERT INTO audit (at_ms, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            entry.at_ms as i64,
            &entry.actor,
            &entry.action,
            &entry.subject,
            &entry.detail,
        ),
    )?;
    Ok(())
}
