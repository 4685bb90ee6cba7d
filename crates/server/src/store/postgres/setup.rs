//! Set-up codes, kept as hashes, and making the first administrator with one.

use fieldbook_core::roles::Role;
use postgres::{Client, GenericClient};
use subtle::ConstantTimeEq;

use super::accounts::insert_user;
use super::{audit, begin_writing};
use crate::store::{role_code, AuditEntry, CodeState, FirstAdmin, Result};

pub fn has_admin(client: &mut impl GenericClient) -> Result<bool> {
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM users WHERE role = $1 AND NOT disabled)",
            &[&role_code(Role::Admin)],
        )?
        .get(0))
}

pub fn add_code(
    client: &mut impl GenericClient,
    code_hash: &[u8],
    now_ms: u64,
    expires_ms: u64,
) -> Result<()> {
    client.execute(
        "INSERT INTO setup_codes (code_hash, created_ms, expires_ms) VALUES ($1, $2, $3)",
        &[&code_hash, &(now_ms as i64), &(expires_ms as i64)],
    )?;
    Ok(())
}

/// Each stored hash is compared in constant time, so how long the answer takes says nothing
/// about how near a guess came. There is one row per server start without an administrator.
pub fn code_state(
    client: &mut impl GenericClient,
    code_hash: &[u8],
    now_ms: u64,
) -> Result<CodeState> {
    let rows = client.query(
        "SELECT code_hash, expires_ms, used_ms FROM setup_codes",
        &[],
    )?;
    let mut state = CodeState::Unknown;
    for row in rows {
        let stored: &[u8] = row.get(0);
        if bool::from(stored.ct_eq(code_hash)) {
            let expires_ms = row.get::<_, i64>(1) as u64;
            state = if row.get::<_, Option<i64>>(2).is_some() {
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

/// Checks and changes while every other writer waits, so that two set-ups at once, from any
/// of the server's processes, make one administrator between them.
pub fn make_first_admin(
    client: &mut Client,
    code_hash: &[u8],
    username: &str,
    password_hash: &str,
    entry: &AuditEntry,
) -> Result<FirstAdmin> {
    let mut transaction = begin_writing(client)?;
    if has_admin(&mut transaction)? {
        return Ok(FirstAdmin::AdminExists);
    }
    match code_state(&mut transaction, code_hash, entry.at_ms)? {
        CodeState::Usable => {}
        refused => return Ok(FirstAdmin::Code(refused)),
    }
    if !insert_user(&mut transaction, username, Role::Admin, password_hash)? {
        return Ok(FirstAdmin::UsernameTaken);
    }
    // Every code still out is used up with this one: were the administrator later disabled,
    // an old printed link must not make another.
    transaction.execute(
        "UPDATE setup_codes SET used_ms = $1 WHERE used_ms IS NULL",
        &[&(entry.at_ms as i64)],
    )?;
    audit::record(&mut transaction, entry)?;
    transaction.commit()?;
    Ok(FirstAdmin::Made)
}
