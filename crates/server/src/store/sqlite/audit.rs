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

/// An entry for `actor`'s `action` on `subject` now, in the same transaction as the action.
pub fn record_now(
    connection: &Connection,
    now_ms: u64,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    record(
        connection,
        &AuditEntry {
            at_ms: now_ms,
            actor: actor.to_owned(),
            action: action.to_owned(),
            subject: subject.to_owned(),
            detail: detail.to_owned(),
        },
    )
}

pub fn log(connection: &Connection) -> Result<Vec<AuditEntry>> {
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
