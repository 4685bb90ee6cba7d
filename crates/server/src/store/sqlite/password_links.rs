//! One-time links that let a person set their password, kept as hashes of their codes. A link
//! works once, until it expires, and only while it is its person's newest.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::{accounts, audit};
use crate::store::{LinkState, Result, StoreError};

pub fn add(
    connection: &Connection,
    username: &str,
    code_hash: &[u8],
    now_ms: u64,
    expires_ms: u64,
) -> Result<()> {
    let added = connection.execute(
        "INSERT INTO password_links (code_hash, username, created_ms, expires_ms)
         SELECT ?1, username, ?3, ?4 FROM users WHERE username = ?2",
        (code_hash, username, now_ms as i64, expires_ms as i64),
    )?;
    if added == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    Ok(())
}

/// The link is found by its hash, which stands for a 140-bit random code: nothing is learnt
/// from how long finding it takes. Rows only ever get larger rowids, so a later one for the
/// same person is a newer link.
pub fn state(connection: &Connection, code_hash: &[u8], now_ms: u64) -> Result<LinkState> {
    let found: Option<(String, i64, Option<i64>, bool, bool)> = connection
        .query_row(
            "SELECT link.username, link.expires_ms, link.used_ms,
               EXISTS (SELECT 1 FROM password_links newer
                       WHERE newer.username = link.username AND newer.rowid > link.rowid),
               users.disabled
             FROM password_links link JOIN users ON users.username = link.username
             WHERE link.code_hash = ?1",
            [code_hash],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?;
    let Some((username, expires_ms, used_ms, replaced, disabled)) = found else {
        return Ok(LinkState::Unknown);
    };
    Ok(if used_ms.is_some() {
        LinkState::Used
    } else if replaced {
        LinkState::Replaced
    } else if expires_ms as u64 <= now_ms {
        LinkState::Expired
    } else if disabled {
        LinkState::AccountDisabled
    } else {
        LinkState::Usable(username)
    })
}

pub fn use_link(
    connection: &mut Connection,
    code_hash: &[u8],
    password_hash: &str,
    now_ms: u64,
) -> Result<LinkState> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = state(&transaction, code_hash, now_ms)?;
    let LinkState::Usable(username) = &found else {
        return Ok(found);
    };
    accounts::set_password(&transaction, username, password_hash)?;
    transaction.execute(
        "UPDATE password_links SET used_ms = ?2 WHERE code_hash = ?1",
        (code_hash, now_ms as i64),
    )?;
    audit::record_now(
        &transaction,
        now_ms,
        username,
        "set_password",
        username,
        "from a password link; every session signed out",
    )?;
    transaction.commit()?;
    Ok(found)
}
