//! The audit log: who did what to whom, and when, in the order it happened.

use fieldbook_core::protocol::admin::{AUDIT_ACTIONS, AUDIT_PAGE};
use postgres::types::ToSql;
use postgres::GenericClient;

use crate::store::{AuditEntry, AuditQuery, Result};

pub fn record(client: &mut impl GenericClient, entry: &AuditEntry) -> Result<()> {
    // As in the SQLite store: the admin app finds actions by core's words for them.
    debug_assert!(
        AUDIT_ACTIONS.iter().any(|(code, _)| *code == entry.action),
        "{:?} is not in fieldbook_core::protocol::admin::AUDIT_ACTIONS",
        entry.action
    );
    client.execute(
        "INSERT INTO audit (at_ms, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
        &[
            &(entry.at_ms as i64),
            &entry.actor,
            &entry.action,
            &entry.subject,
            &entry.detail,
        ],
    )?;
    Ok(())
}

/// An entry for `actor`'s `action` on `subject` now, in the same transaction as the action.
pub fn record_now(
    client: &mut impl GenericClient,
    now_ms: u64,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    record(
        client,
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
pub fn log(client: &mut impl GenericClient, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let mut conditions = vec!["TRUE".to_owned()];
    let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut bind = |value: Box<dyn ToSql + Sync>| {
        values.push(value);
        format!("${}", values.len())
    };
    if let Some(person) = &query.person {
        let person = bind(Box::new(person.clone()));
        conditions.push(format!("(actor = {person} OR subject = {person})"));
    }
    if let Some(action) = &query.action {
        conditions.push(format!("action = {}", bind(Box::new(action.clone()))));
    }
    if let Some(from_ms) = query.from_ms {
        let from_ms = i64::try_from(from_ms).unwrap_or(i64::MAX);
        conditions.push(format!("at_ms >= {}", bind(Box::new(from_ms))));
    }
    if let Some(to_ms) = query.to_ms {
        let to_ms = i64::try_from(to_ms).unwrap_or(i64::MAX);
        conditions.push(format!("at_ms < {}", bind(Box::new(to_ms))));
    }
    let limit = query.limit.unwrap_or(AUDIT_PAGE).min(AUDIT_PAGE) as i64;
    let limit = bind(Box::new(limit));
    let sql = format!(
        "SELECT at_ms, actor, action, subject, detail FROM audit WHERE {}
         ORDER BY at_ms DESC, id DESC LIMIT {limit}",
        conditions.join(" AND ")
    );
    let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|value| value.as_ref()).collect();
    let rows = client.query(&sql, &params)?;
    Ok(rows
        .iter()
        .map(|row| AuditEntry {
            at_ms: row.get::<_, i64>(0) as u64,
            actor: row.get(1),
            action: row.get(2),
            subject: row.get(3),
            detail: row.get(4),
        })
        .collect())
}
