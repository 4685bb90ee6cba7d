//! Data protection in SQLite: export, erasure, purge, and the audit log that records them.

use chrono::NaiveDate;
use fieldbook_core::protocol::Change;
use fieldbook_core::{DeviceId, Replica};
use rusqlite::{Connection, TransactionBehavior};

use super::{accounts, sync};
use crate::protection::{self, ServerClock};
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

pub fn erase_user(
    connection: &mut Connection,
    device: DeviceId,
    actor: &str,
    username: &str,
    now_ms: u64,
) -> Result<usize> {
    if accounts::account(connection, username)?.is_none() {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    let pseudonym = protection::pseudonym(username);
    let touched = export_user(connection, username)?;
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut clock = ServerClock::new(device);
    let mut seq = sync::last_seq(&transaction)?;
    let mut changed = 0;
    for change in touched {
        let mut replica = decode(&change)?;
        if protection::erase(&mut replica, username, &pseudonym, &mut clock, now_ms) {
            seq += 1;
            changed += 1;
            transaction.execute(
                "UPDATE documents SET replica = ?2, seq = ?3, retain_until = NULL,
                   owner = CASE owner WHEN ?4 THEN ?5 ELSE owner END WHERE id = ?1",
                (
                    change.id.to_string(),
                    replica.encode(),
                    seq as i64,
                    username,
                    &pseudonym,
                ),
            )?;
        }
    }
    accounts::set_disabled(&transaction, username, true)?;
    audit(
        &transaction,
        now_ms,
        actor,
        "erase_user",
        username,
        &format!(
            "{changed} records now name {pseudonym}; contact details cleared; account disabled"
        ),
    )?;
    transaction.commit()?;
    Ok(changed)
}

pub fn purge(
    connection: &mut Connection,
    device: DeviceId,
    actor: &str,
    today: NaiveDate,
    now_ms: u64,
) -> Result<usize> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let expired = sync::changes(
        &transaction,
        "SELECT kind, id, replica, seq FROM documents
         WHERE retain_until IS NOT NULL AND retain_until < ?1 ORDER BY seq",
        [today.to_string()],
    )?;
    let mut clock = ServerClock::new(device);
    let mut seq = sync::last_seq(&transaction)?;
    let count = expired.len();
    for (change, _) in expired {
        let mut replica = decode(&change)?;
        protection::expire(&mut replica, &mut clock, now_ms);
        seq += 1;
        transaction.execute(
            "UPDATE documents SET replica = ?2, seq = ?3, deleted = 1, retain_until = NULL WHERE id = ?1",
            (change.id.to_string(), replica.encode(), seq as i64),
        )?;
    }
    audit(
        &transaction,
        now_ms,
        actor,
        "purge",
        "records past their retention date",
        &format!(
            "{count} records: contact details removed and the records deleted (before {today})"
        ),
    )?;
    transaction.commit()?;
    Ok(count)
}

fn decode(change: &Change) -> Result<Replica> {
    Replica::decode(change.replica.get())
        .map_err(|error| StoreError::Damaged(format!("{}: {error}", change.id)))
}

fn audit(
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
