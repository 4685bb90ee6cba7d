//! One-time links that let a person set their password, kept as hashes of their codes. A link
//! works once, until it expires, and only while it is its person's newest.

use postgres::{Client, GenericClient};

use super::{accounts, audit, begin_writing};
use crate::store::{LinkState, Result, StoreError};

pub fn add(
    client: &mut impl GenericClient,
    username: &str,
    code_hash: &[u8],
    now_ms: u64,
    expires_ms: u64,
) -> Result<()> {
    let added = client.execute(
        "INSERT INTO password_links (code_hash, username, created_ms, expires_ms)
         SELECT $1, username, $3, $4 FROM users WHERE username = $2",
        &[
            &code_hash,
            &username,
            &(now_ms as i64),
            &(expires_ms as i64),
        ],
    )?;
    if added == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    Ok(())
}

/// The link is found by its hash, which stands for a 140-bit random code: nothing is learnt
/// from how long finding it takes. A later `id` for the same person is a newer link.
pub fn state(client: &mut impl GenericClient, code_hash: &[u8], now_ms: u64) -> Result<LinkState> {
    let found = client.query_opt(
        "SELECT link.username, link.expires_ms, link.used_ms,
           EXISTS (SELECT 1 FROM password_links newer
                   WHERE newer.username = link.username AND newer.id > link.id),
           users.disabled
         FROM password_links link JOIN users ON users.username = link.username
         WHERE link.code_hash = $1",
        &[&code_hash],
    )?;
    let Some(row) = found else {
        return Ok(LinkState::Unknown);
    };
    let expires_ms: i64 = row.get(1);
    Ok(if row.get::<_, Option<i64>>(2).is_some() {
        LinkState::Used
    } else if row.get(3) {
        LinkState::Replaced
    } else if expires_ms as u64 <= now_ms {
        LinkState::Expired
    } else if row.get(4) {
        LinkState::AccountDisabled
    } else {
        LinkState::Usable(row.get(0))
    })
}

pub fn use_link(
    client: &mut Client,
    code_hash: &[u8],
    password_hash: &str,
    now_ms: u64,
) -> Result<LinkState> {
    // Writers take turns, so a link used twice at once sets the password once.
    let mut transaction = begin_writing(client)?;
    let found = state(&mut transaction, code_hash, now_ms)?;
    let LinkState::Usable(username) = &found else {
        return Ok(found);
    };
    accounts::set_password(&mut transaction, username, password_hash)?;
    transaction.execute(
        "UPDATE password_links SET used_ms = $2 WHERE code_hash = $1",
        &[&code_hash, &(now_ms as i64)],
    )?;
    audit::record_now(
        &mut transaction,
        now_ms,
        username,
        "set_password",
        username,
        "from a password link; every session signed out",
    )?;
    transaction.commit()?;
    Ok(found)
}
