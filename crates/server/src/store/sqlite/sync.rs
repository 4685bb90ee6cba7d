//! Pushes and pulls: documents stored in change order, and the statuses of batches already
//! answered.

use std::collections::{BTreeSet, HashMap};

use fieldbook_core::protocol::{Change, ChangeResult, PushRequest, PushResponse, Status};
use fieldbook_core::roles::User;
use fieldbook_core::Id;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde_json::value::RawValue;

use crate::ingest::{self, Damaged, Decision, Row};
use crate::store::{answers, scope, Page, Result, StoreError};

pub fn push(
    connection: &mut Connection,
    user: &User,
    request: &PushRequest,
    now_ms: u64,
) -> Result<PushResponse> {
    // Immediate: take the write lock up front, so two pushes never deadlock upgrading a read.
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let device = request.device_id.to_string();
    let answered: Option<String> = transaction
        .query_row(
            "SELECT response FROM batches WHERE username = ?1 AND device_id = ?2 AND batch_id = ?3",
            (&user.username, &device, &request.batch_id),
            |row| row.get(0),
        )
        .optional()?;
    if let Some(answered) = answered {
        return replay(&transaction, &answered);
    }
    let mates = team_mates(&transaction, user)?;
    let sender = ingest::Sender {
        user,
        shares_team: |owner: &str| mates.contains(owner),
        now_ms,
        organisation: super::organisation::get(&transaction)?,
    };
    let rows = stored_rows(&transaction, &request.changes)?;
    let decisions = ingest::decide_batch(&sender, &request.changes, rows)
        .map_err(|Damaged { id, error }| StoreError::Damaged(format!("{id}: {error}")))?;
    let mut seq = last_seq(&transaction)?;
    let mut results = Vec::with_capacity(request.changes.len());
    for (change, decision) in request.changes.iter().zip(decisions) {
        let (status, server, reason) = match decision {
            Decision::Store {
                replica,
                encoded,
                owner,
                retain_until,
                status,
                sender_holds_it,
            } => {
                seq += 1;
                transaction
                    .prepare_cached(
                        "INSERT INTO documents (id, kind, owner, replica, seq, deleted, retain_until, last_device)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner,
                           replica = excluded.replica, seq = excluded.seq,
                           deleted = excluded.deleted, retain_until = excluded.retain_until,
                           last_device = excluded.last_device",
                    )?
                    .execute((
                        change.id.to_string(),
                        &change.kind,
                        &owner,
                        &encoded,
                        seq as i64,
                        replica.is_deleted(),
                        retain_until.map(|date| date.to_string()),
                        // Only a device that holds the stored result may skip it when pulling.
                        sender_holds_it.then_some(&device),
                    ))?;
                let server = (status == Status::Conflict)
                    .then(|| raw(encoded))
                    .transpose()?;
                (status, server, None)
            }
            Decision::Duplicate => (Status::Duplicate, None, None),
            Decision::Reject(reason) => (Status::Rejected, None, Some(reason)),
        };
        results.push(ChangeResult {
            id: change.id,
            kind: change.kind.clone(),
            status,
            server,
            reason,
        });
    }
    let response = PushResponse {
        batch_id: request.batch_id.clone(),
        results,
    };
    transaction.execute(
        "INSERT INTO batches (username, device_id, batch_id, response) VALUES (?1, ?2, ?3, ?4)",
        (
            &user.username,
            &device,
            &request.batch_id,
            answers::kept(&response)?,
        ),
    )?;
    transaction.commit()?;
    Ok(response)
}

/// The first answer to a batch again, with the current server copy of each record that was in
/// conflict, for the device to merge as it would have the first time.
fn replay(connection: &Connection, answered: &str) -> Result<PushResponse> {
    let mut response = answers::parse(answered)?;
    for result in &mut response.results {
        if result.status != Status::Conflict {
            continue;
        }
        let current: Option<String> = connection
            .prepare_cached("SELECT replica FROM documents WHERE id = ?1 AND kind = ?2")?
            .query_row((result.id.to_string(), &result.kind), |row| row.get(0))
            .optional()?;
        result.server = current.map(raw).transpose()?;
    }
    Ok(response)
}

/// A stored replica as it goes on the wire; a damaged one is an error, never a panic.
fn raw(json: String) -> Result<Box<RawValue>> {
    RawValue::from_string(json)
        .map_err(|error| StoreError::Damaged(format!("a stored replica is not JSON: {error}")))
}

/// The stored rows of the documents `changes` name, read as they are: decoding them is left to
/// the threads that decide the changes.
fn stored_rows(connection: &Connection, changes: &[Change]) -> Result<HashMap<Id, Row>> {
    let mut statement =
        connection.prepare_cached("SELECT replica, owner FROM documents WHERE id = ?1")?;
    let mut rows = HashMap::new();
    for change in changes {
        if rows.contains_key(&change.id) {
            continue;
        }
        let row = statement
            .query_row([change.id.to_string()], |row| {
                Ok(Row {
                    replica: row.get(0)?,
                    owner: row.get(1)?,
                })
            })
            .optional()?;
        if let Some(row) = row {
            rows.insert(change.id, row);
        }
    }
    Ok(rows)
}

pub fn last_seq(connection: &Connection) -> Result<u64> {
    let seq: i64 =
        connection.query_row("SELECT COALESCE(MAX(seq), 0) FROM documents", [], |row| {
            row.get(0)
        })?;
    Ok(seq as u64)
}

/// Everyone who shares a team with `user`, themselves included if they are in a team.
fn team_mates(connection: &Connection, user: &User) -> Result<BTreeSet<String>> {
    let mates = connection
        .prepare_cached(
            "SELECT DISTINCT theirs.username FROM user_teams mine
             JOIN user_teams theirs ON mine.team = theirs.team WHERE mine.username = ?1",
        )?
        .query_map([&user.username], |row| row.get(0))?
        .collect::<rusqlite::Result<BTreeSet<String>>>()?;
    Ok(mates)
}

/// Changes after `after` that `user` may see (core's rules, as [`scope::visible`] writes them in
/// SQL), leaving out documents `device` itself wrote last, which it already holds. The rows and
/// the latest sequence are read in one transaction, so the cursor never skips a change that
/// committed between the two.
pub fn pull(
    connection: &Connection,
    user: &User,
    device: Option<&str>,
    after: u64,
    limit: usize,
) -> Result<Page> {
    let read = connection.unchecked_transaction()?;
    let sql = format!(
        "SELECT kind, id, replica, seq FROM documents WHERE seq > ?1 AND {}
           AND (?4 IS NULL OR last_device IS NOT ?4)
         ORDER BY seq LIMIT ?3",
        scope::visible(user.role, "?2")
    );
    let params = (after as i64, &user.username, limit as i64 + 1, device);
    let mut rows = changes(&read, &sql, params)?;
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    // With nothing more to send, the cursor moves past everything the user was not sent too, so
    // the next pull does not look through it all again.
    let last_seq = if has_more {
        rows.last().map_or(after, |(_, seq)| *seq)
    } else {
        last_seq(&read)?.max(after)
    };
    read.finish()?;
    Ok(Page {
        last_seq,
        changes: rows.into_iter().map(|(change, _)| change).collect(),
        has_more,
    })
}

/// Every live document of `kind` that `user` may see, as stored.
pub fn live_replicas(connection: &Connection, user: &User, kind: &str) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT replica FROM documents WHERE kind = ?1 AND deleted = 0 AND {}",
        scope::visible(user.role, "?2")
    );
    let replicas = connection
        .prepare_cached(&sql)?
        .query_map((kind, &user.username), |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(replicas)
}

/// Rows of (kind, id, replica, seq) as changes.
pub fn changes(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<(Change, u64)>> {
    let mut statement = connection.prepare_cached(sql)?;
    let rows = statement.query_map(params, |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, i64>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (kind, id, replica, seq) = row?;
        let id = id
            .parse()
            .map_err(|_| StoreError::Damaged(format!("the document id {id:?}")))?;
        Ok((
            Change {
                kind,
                id,
                replica: raw(replica)?,
            },
            seq as u64,
        ))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use fieldbook_core::roles::{Role, User};
    use fieldbook_core::Id;

    use std::collections::BTreeSet;

    use fieldbook_core::permissions::may_view;

    use super::super::{sync, SqliteStore};
    use crate::store::{Store, StoreError};

    #[test]
    fn a_damaged_row_is_an_error_not_a_panic() {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        let sam = User {
            username: "sam".into(),
            role: Role::Outreach,
            teams: Vec::new(),
        };
        store.add_user(&sam, "hash").unwrap();
        store
            .connection()
            .execute(
                "INSERT INTO documents (id, kind, owner, replica, seq, deleted)
                 VALUES (?1, 'engagement', 'sam', 'half a reco', 1, 0)",
                [Id::from_random([1; 16]).to_string()],
            )
            .unwrap();
        let pulled = store.pull(&sam, None, 0, 10);
        assert!(matches!(pulled, Err(StoreError::Damaged(_))), "{pulled:?}");
    }

    /// A population of every role in overlapping teams, each owning a record of every kind:
    /// what each pulls must be exactly what core says they may view.
    #[test]
    fn pulls_carry_exactly_what_core_lets_each_user_view() {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        let teams = ["north", "south", "east"];
        for team in teams {
            store.add_team(team).unwrap();
        }
        let mut users = Vec::new();
        for n in 0..16usize {
            let role = fieldbook_core::roles::Role::ALL[n % 4];
            // Users in no team, one team, and two teams.
            let their_teams: Vec<String> = (0..n % 3)
                .map(|k| teams[(n + k) % teams.len()].to_owned())
                .collect();
            let user = User {
                username: format!("user{n}"),
                role,
                teams: their_teams,
            };
            store.add_user(&user, "hash").unwrap();
            users.push(user);
        }
        let connection = store.connection();
        let mut documents = Vec::new();
        for owner in users
            .iter()
            .map(|u| u.username.clone())
            .chain(["gone".into()])
        {
            for kind in ["engagement", "progress", "venue", "letter"] {
                let seq = documents.len() + 1;
                let id = Id::from_random([seq as u8; 16]);
                connection
                    .execute(
                        "INSERT INTO documents (id, kind, owner, replica, seq, deleted)
                         VALUES (?1, ?2, ?3, '{}', ?4, 0)",
                        (id.to_string(), kind, &owner, seq as i64),
                    )
                    .unwrap();
                documents.push((id, kind, owner.clone()));
            }
        }
        let teams_of = |name: &str| -> BTreeSet<&str> {
            users
                .iter()
                .filter(|u| u.username == name)
                .flat_map(|u| u.teams.iter().map(String::as_str))
                .collect()
        };
        for user in &users {
            let pulled: BTreeSet<Id> = sync::pull(&connection, user, None, 0, 1000)
                .unwrap()
                .changes
                .into_iter()
                .map(|change| change.id)
                .collect();
            let expected: BTreeSet<Id> = documents
                .iter()
                .filter(|(_, kind, owner)| {
                    let shares_team = !teams_of(&user.username).is_disjoint(&teams_of(owner));
                    may_view(user, kind, owner, shares_team)
                })
                .map(|(id, _, _)| *id)
                .collect();
            assert_eq!(pulled, expected, "{user:?}");
        }
        assert!(documents.len() > 60);
    }
}
