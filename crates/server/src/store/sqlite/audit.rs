//! The audit log: who did what to whom, and when, in the order it happened.

use fieldbook_core::protocol::admin::{AUDIT_ACTIONS, AUDIT_PAGE};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::store::{AuditEntry, AuditQuery, Result};

pub fn record(connection: &Connection, entry: &AuditEntry) -> Result<()> {
    // Checked in every test run: the admin app names actions in words from core's list, and
    // filters by them, so an action missing there could not be found by its words.
    debug_assert!(
        AUDIT_ACTIONS.iter().any(|(code, _)| *code == entry.action),
        "{:?} is not in fieldbook_core::protocol::admin::AUDIT_ACTIONS",
        entry.action
    );
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

/// Newest first; each filter given narrows it, in SQL.
pub fn log(connection: &Connection, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let mut conditions = vec!["1"];
    let mut values: Vec<Value> = Vec::new();
    if let Some(person) = &query.person {
        conditions.push("(actor = ? OR subject = ?)");
        values.extend([Value::from(person.clone()), Value::from(person.clone())]);
    }
    if let Some(action) = &query.action {
        conditions.push("action = ?");
        values.push(Value::from(action.clone()));
    }
    if let Some(from_ms) = query.from_ms {
        conditions.push("at_ms >= ?");
        values.push(Value::from(i64::try_from(from_ms).unwrap_or(i64::MAX)));
    }
    if let Some(to_ms) = query.to_ms {
        conditions.push("at_ms < ?");
        values.push(Value::from(i64::try_from(to_ms).unwrap_or(i64::MAX)));
    }
    let limit = query.limit.unwrap_or(AUDIT_PAGE).min(AUDIT_PAGE);
    values.push(Value::from(limit as i64));
    let sql = format!(
        "SELECT at_ms, actor, action, subject, detail FROM audit WHERE {}
         ORDER BY at_ms DESC, id DESC LIMIT ?",
        conditions.join(" AND ")
    );
    let entries = connection
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(values), |row| {
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
