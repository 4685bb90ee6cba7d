//! Erasing a user in PostgreSQL: their records as server-stamped edits that every phone holding
//! them pulls, and their name everywhere else the server keeps it.

use fieldbook_core::DeviceId;
use postgres::{Client, GenericClient};

use super::protection::decode;
use super::{accounts, audit, begin_writing, sync};
use crate::protection::{self, Pseudonyms, ServerClock};
use crate::store::{Erasure, Result, StoreError};

pub fn erase_user(
    client: &mut Client,
    device: DeviceId,
    pseudonyms: &Pseudonyms,
    actor: &str,
    username: &str,
    now_ms: u64,
) -> Result<Erasure> {
    // A writer: it numbers the changes it makes, as a push does.
    let mut transaction = begin_writing(client)?;
    if accounts::account(&mut transaction, username)?.is_none() {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    let pseudonym = pseudonyms.of(username);
    let records_changed = erase_records(&mut transaction, device, username, &pseudonym, now_ms)?;
    let entries_renamed = rename_in_audit(&mut transaction, username, &pseudonym)?;
    // The account can never sign in or push again, so its sessions, the answers kept for its
    // retried pushes and its password links have no use left.
    for table in ["tokens", "batches", "password_links"] {
        transaction.execute(
            &format!("DELETE FROM {table} WHERE username = $1"),
            &[&username],
        )?;
    }
    transaction.execute(
        "UPDATE frameworks SET published_by = $2 WHERE published_by = $1",
        &[&username, &pseudonym],
    )?;
    rename_account(&mut transaction, username, &pseudonym)?;
    audit::record_now(
        &mut transaction,
        now_ms,
        actor,
        "erase_user",
        &pseudonym,
        &format!(
            "{records_changed} records changed, contact details they recorded cleared; \
             {entries_renamed} audit entries and the account renamed; account disabled"
        ),
    )?;
    transaction.commit()?;
    Ok(Erasure {
        pseudonym,
        records_changed,
    })
}

/// Rewrite every document that names `username`, each as a new change that every device
/// pulls, the one that wrote it last included.
fn erase_records(
    client: &mut impl GenericClient,
    device: DeviceId,
    username: &str,
    pseudonym: &str,
    now_ms: u64,
) -> Result<usize> {
    // A wide net (the name anywhere, in any case); `protection::erase` decides what names them.
    let candidates = sync::changes(
        client,
        "SELECT kind, id, replica, seq FROM documents
         WHERE owner = $1 OR strpos(lower(replica), lower($1)) > 0 ORDER BY seq",
        &[&username],
    )?;
    let mut clock = ServerClock::new(device);
    let mut seq = sync::last_seq(client)?;
    let mut changed = 0;
    for (change, _) in candidates {
        let mut replica = decode(&change)?;
        if !protection::erase(&mut replica, username, pseudonym, &mut clock, now_ms) {
            continue;
        }
        seq += 1;
        changed += 1;
        // Their own records lost the contact details, and with them the retention date.
        client.execute(
            "UPDATE documents SET replica = $2, seq = $3, last_device = NULL,
               retain_until = CASE owner WHEN $4 THEN NULL ELSE retain_until END
             WHERE id = $1",
            &[
                &change.id.to_string(),
                &replica.encode(),
                &(seq as i64),
                &username,
            ],
        )?;
    }
    client.execute(
        "UPDATE documents SET owner = $2 WHERE owner = $1",
        &[&username, &pseudonym],
    )?;
    Ok(changed)
}

/// Rename the account to the pseudonym, disabled, rather than remove it: its team memberships
/// are what scope the pseudonymised records into their coordinators' pulls. A later account of
/// the same name, erased in turn, has the same pseudonym: it joins the first, teams and all.
fn rename_account(client: &mut impl GenericClient, username: &str, pseudonym: &str) -> Result<()> {
    let taken: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM users WHERE username = $1)",
            &[&pseudonym],
        )?
        .get(0);
    if !taken {
        client.execute(
            "UPDATE users SET username = $2, disabled = TRUE WHERE username = $1",
            &[&username, &pseudonym],
        )?;
        return Ok(());
    }
    client.execute(
        "INSERT INTO user_teams (username, team)
         SELECT $2, team FROM user_teams WHERE username = $1 ON CONFLICT DO NOTHING",
        &[&username, &pseudonym],
    )?;
    client.execute("DELETE FROM user_teams WHERE username = $1", &[&username])?;
    client.execute("DELETE FROM users WHERE username = $1", &[&username])?;
    Ok(())
}

/// Name the pseudonym instead of `username` in the audit log, keeping each entry.
fn rename_in_audit(
    client: &mut impl GenericClient,
    username: &str,
    pseudonym: &str,
) -> Result<usize> {
    let entries = client.query(
        "SELECT id, actor, subject, detail FROM audit
         WHERE strpos(lower(actor || ' ' || subject || ' ' || detail), lower($1)) > 0",
        &[&username],
    )?;
    let mut renamed = 0;
    for row in entries {
        let id: i64 = row.get(0);
        let (mut actor, mut subject, mut detail): (String, String, String) =
            (row.get(1), row.get(2), row.get(3));
        let mut changed = false;
        for text in [&mut actor, &mut subject, &mut detail] {
            if let Some(new) = protection::names(text, username, pseudonym) {
                *text = new;
                changed = true;
            }
        }
        if changed {
            renamed += 1;
            client.execute(
                "UPDATE audit SET actor = $2, subject = $3, detail = $4 WHERE id = $1",
                &[&id, &actor, &subject, &detail],
            )?;
        }
    }
    Ok(renamed)
}
