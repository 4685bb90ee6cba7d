//! Set-up codes, kept as hashes, and making the first administrator with one.

use fieldbook_core::roles::Role;
use rusqlite::{Connection, TransactionBehavior};
use subtle::ConstantTimeEq;

use super::accounts::insert_user;
use super::audit;
use crate::store::{role_code, AuditEntry, CodeState, FirstAdmin, Result};

pub fn has_admin(connection: &Connection) -> Result<bool> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE role = ?1 AND disabled = 0)",
        [role_code(Role::Admin)],
        |row| row.get(0),
    )?)
}

pub fn add_code(
    connection: &Connection,
    code_hash: &[u8],
    now_ms: u64,
    expires_ms: u64,
) -> Result<()> {
    connection.execute(
        "INSERT INTO setup_codes (code_hash, created_ms, expires_ms) VALUES (?1, ?2, ?3)",
        (code_hash, now_ms as i64, expires_ms as i64),
    )?;
    Ok(())
}

/// Each stored hash is compared in constant time, so how long the answer takes says nothing
/// about how near a guess came. There is one row per server start without an administrator.
pub fn code_state(connection: &Connection, code_hash: &[u8], now_ms: u64) -> Result<CodeState> {
    let mut statement =
        connection.prepare_cached("SELECT code_hash, expires_ms, used_ms FROM setup_codes")?;
    let mut rows = statement.query([])?;
    let mut state = CodeState::Unknown;
    while let Some(row) = rows.next()? {
        let stored: Vec<u8> = row.get(0)?;
        if bool::from(stored.ct_eq(code_hash)) {
            let expires_ms = row.get::<_, i64>(1)? as u64;
            let used: Option<i64> = row.get(2)?;
            state = if used.is_some() {
                CodeState::Used
            } else if expires_ms <= now_ms {
                CodeState::Expired
            } else {
                CodeState::Usable
            };
        }
    }
    Ok(state)
}

/// Checks and changes in one immediate transaction, so that two set-ups at once, from one
/// server or several on this file, make one administrator between them.
pub fn make_first_admin(
    connection: &mut Connection,
    code_hash: &[u8],
    username: &str,
    password_hash: &str,
    entry: &AuditEntry,
) -> Result<FirstAdmin> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if has_admin(&transaction)? {
        return Ok(FirstAdmin::AdminExists);
    }
    match code_state(&transaction, code_hash, entry.at_ms)? {
        CodeState::Usable => {}
        refused => return Ok(FirstAdmin::Code(refused)),
    }
    if !insert_user(&transaction, username, Role::Admin, password_hash)? {
        return Ok(FirstAdmin::UsernameTaken);
    }
    // Every code still out is used up with this one: were the administrator later disabled,
    // an old printed link must not make another.
    transaction.execute(
        "UPDATE setup_codes SET used_ms = ?1 WHERE used_ms IS NULL",
        [entry.at_ms as i64],
    )?;
    audit::record(&transaction, entry)?;
    transaction.commit()?;
    Ok(FirstAdmin::Made)
}
