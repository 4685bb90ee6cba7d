//! Pushes and pulls: documents stored in change order, and the statuses of batches already
//! answered.

use std::collections::{BTreeSet, HashMap};

use fieldbook_core::protocol::{Change, ChangeResult, PushRequest, PushResponse, Status};
use fieldbook_core::roles::User;
use fieldbook_core::Id;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, IsolationLevel};
use serde_json::value::RawValue;

use super::{begin_writing, organisation};
use crate::ingest::{self, Damaged, Decision, Row};
use crate::store::{answers, scope, Page, Result, StoreError};

/// The whole push is one writer's turn: it reads the stored copies, decides, numbers what it
/// stores after every change already committed, and commits before the next writer starts.
pub fn push(
    client: &mut Client,
    user: &User,
    request: &PushRequest,
    now_ms: u64,
) -> Result<PushResponse> {
    let mut transaction = begin_writing(client)?;
    let device = request.device_id.to_string();
    let answered = transaction.query_opt(
        "SELECT response FROM batches WHERE username = $1 AND device_id = $2 AND batch_id = $3",
        &[&user.username, &device, &request.batch_id],
    )?;
    if let Some(answered) = answered {
        return replay(&mut transaction, answered.get(0));
    }
    let mates = team_mates(&mut transaction, user)?;
    let sender = ingest::Sender {
        user,
        shares_team: |owner: &str| mates.contains(owner),
        now_ms,
        organisation: organisation::get(&mut transaction)?,
    };
    let rows = stored_rows(&mut transaction, &request.changes)?;
    let decisions = ingest::decide_batch(&sender, &request.changes, rows)
        .map_err(|Damaged { id, error }| StoreError::Damaged(format!("{id}: {error}")))?;
    let mut seq = last_seq(&mut transaction)?;
    let mut stored = Documents::default();
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
                let server = (status == Status::Conflict)
                    .then(|| raw(encoded.clone()))
                    .transpose()?;
                stored.add(Document {
                    id: change.id,
                    kind: change.kind.clone(),
                    owner,
                    replica: encoded,
                    seq: seq as i64,
                    deleted: replica.is_deleted(),
                    retain_until: retain_until.map(|date| date.to_string()),
                    // Only a device that holds the stored result may skip it when pulling.
                    last_device: sender_holds_it.then(|| device.clone()),
                });
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
    stored.upsert(&mut transaction)?;
    let response = PushResponse {
        batch_id: request.batch_id.clone(),
        results,
    };
    transaction.execute(
        "INSERT INTO batches (username, device_id, batch_id, response) VALUES ($1, $2, $3, $4)",
        &[
            &user.username,
            &device,
            &request.batch_id,
            &answers::kept(&response)?,
        ],
    )?;
    transaction.commit()?;
    Ok(response)
}

/// A document as a push stores it.
struct Document {
    id: Id,
    kind: String,
    owner: String,
    replica: String,
    seq: i64,
    deleted: bool,
    retain_until: Option<String>,
    last_device: Option<String>,
}

/// The documents a push stores, upserted in one statement: one round trip for the batch, not
/// one per change, inside the writers' turn. A document the batch changes twice keeps its last
/// row, as two upserts one after the other would leave it.
#[derive(Default)]
struct Documents {
    rows: Vec<Document>,
    at: HashMap<Id, usize>,
}

impl Documents {
    fn add(&mut self, document: Document) {
        match self.at.get(&document.id) {
            Some(&index) => self.rows[index] = document,
            None => {
                self.at.insert(document.id, self.rows.len());
                self.rows.push(document);
            }
        }
    }

    fn upsert(self, client: &mut impl GenericClient) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let column = |value: fn(&Document) -> String| -> Vec<String> {
            self.rows.iter().map(value).collect()
        };
        let ids = column(|row| row.id.to_string());
        let kinds = column(|row| row.kind.clone());
        let owners = column(|row| row.owner.clone());
        let replicas = column(|row| row.replica.clone());
        let seqs: Vec<i64> = self.rows.iter().map(|row| row.seq).collect();
        let deleted: Vec<bool> = self.rows.iter().map(|row| row.deleted).collect();
        let retain_until: Vec<Option<&str>> = self
            .rows
            .iter()
            .map(|row| row.retain_until.as_deref())
            .collect();
        let last_device: Vec<Option<&str>> = self
            .rows
            .iter()
            .map(|row| row.last_device.as_deref())
            .collect();
        client.execute(
            "INSERT INTO documents (id, kind, owner, replica, seq, deleted, retain_until, last_device)
             SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[],
               $6::BOOLEAN[], $7::TEXT[], $8::TEXT[])
             ON CONFLICT (id) DO UPDATE SET owner = excluded.owner,
               replica = excluded.replica, seq = excluded.seq,
               deleted = excluded.deleted, retain_until = excluded.retain_until,
               last_device = excluded.last_device",
            &[
                &ids,
                &kinds,
                &owners,
                &replicas,
                &seqs,
                &deleted,
                &retain_until,
                &last_device,
            ],
        )?;
        Ok(())
    }
}

/// The first answer to a batch again, with the current server copy of each record that was in
/// conflict, for the device to merge as it would have the first time.
fn replay(client: &mut impl GenericClient, answered: &str) -> Result<PushResponse> {
    let mut response = answers::parse(answered)?;
    for result in &mut response.results {
        if result.status != Status::Conflict {
            continue;
        }
        let current = client.query_opt(
            "SELECT replica FROM documents WHERE id = $1 AND kind = $2",
            &[&result.id.to_string(), &result.kind],
        )?;
        result.server = current.map(|row| raw(row.get(0))).transpose()?;
    }
    Ok(response)
}

/// A stored replica as it goes on the wire; a damaged one is an error, never a panic.
fn raw(json: String) -> Result<Box<RawValue>> {
    RawValue::from_string(json)
        .map_err(|error| StoreError::Damaged(format!("a stored replica is not JSON: {error}")))
}

/// The stored rows of the documents `changes` name, in one query, read as they are: decoding
/// them is left to the threads that decide the changes.
fn stored_rows(client: &mut impl GenericClient, changes: &[Change]) -> Result<HashMap<Id, Row>> {
    let ids: Vec<String> = changes.iter().map(|change| change.id.to_string()).collect();
    let found = client.query(
        "SELECT id, replica, owner FROM documents WHERE id = ANY($1)",
        &[&ids],
    )?;
    let mut rows = HashMap::with_capacity(found.len());
    for row in found {
        let id: &str = row.get(0);
        let id = id
            .parse()
            .map_err(|_| StoreError::Damaged(format!("the document id {id:?}")))?;
        rows.insert(
            id,
            Row {
                replica: row.get(1),
                owner: row.get(2),
            },
        );
    }
    Ok(rows)
}

pub fn last_seq(client: &mut impl GenericClient) -> Result<u64> {
    let seq: i64 = client
        .query_one("SELECT COALESCE(MAX(seq), 0) FROM documents", &[])?
        .get(0);
    Ok(seq as u64)
}

/// Everyone who shares a team with `user`, themselves included if they are in a team.
fn team_mates(client: &mut impl GenericClient, user: &User) -> Result<BTreeSet<String>> {
    let rows = client.query(
        "SELECT DISTINCT theirs.username FROM user_teams mine
         JOIN user_teams theirs ON mine.team = theirs.team WHERE mine.username = $1",
        &[&user.username],
    )?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// Changes after `after` that `user` may see (core's rules, as [`scope::visible`] writes them in
/// SQL), leaving out documents `device` itself wrote last, which it already holds. The rows and
/// the latest sequence are read from one snapshot (REPEATABLE READ; PostgreSQL's default gives
/// each statement its own), so the cursor never skips a change that committed between the two.
pub fn pull(
    client: &mut Client,
    user: &User,
    device: Option<&str>,
    after: u64,
    limit: usize,
) -> Result<Page> {
    let mut read = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let sql = format!(
        "SELECT kind, id, replica, seq FROM documents WHERE seq > $1 AND {}
           AND ($4::TEXT IS NULL OR last_device IS DISTINCT FROM $4)
         ORDER BY seq LIMIT $3",
        scope::visible(user.role, "$2")
    );
    let params: [&(dyn ToSql + Sync); 4] = [
        &(after as i64),
        &user.username,
        &(limit as i64 + 1),
        &device,
    ];
    let mut rows = changes(&mut read, &sql, &params)?;
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    // With nothing more to send, the cursor moves past everything the user was not sent too, so
    // the next pull does not look through it all again.
    let last_seq = if has_more {
        rows.last().map_or(after, |(_, seq)| *seq)
    } else {
        last_seq(&mut read)?.max(after)
    };
    read.commit()?;
    Ok(Page {
        last_seq,
        changes: rows.into_iter().map(|(change, _)| change).collect(),
        has_more,
    })
}

/// Every live document of `kind` that `user` may see, as stored.
pub fn live_replicas(client: &mut Client, user: &User, kind: &str) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT replica FROM documents WHERE kind = $1 AND NOT deleted AND {}",
        scope::visible(user.role, "$2")
    );
    let rows = client.query(&sql, &[&kind, &user.username])?;
    Ok(rows.into_iter().map(|row| row.get(0)).collect())
}

/// Rows of (kind, id, replica, seq) as changes.
pub fn changes(
    client: &mut impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<(Change, u64)>> {
    client
        .query(sql, params)?
        .into_iter()
        .map(|row| {
            let id: &str = row.get(1);
            let id = id
                .parse()
                .map_err(|_| StoreError::Damaged(format!("the document id {id:?}")))?;
            Ok((
                Change {
                    kind: row.get(0),
                    id,
                    replica: raw(row.get(2))?,
                },
                row.get::<_, i64>(3) as u64,
            ))
        })
        .collect()
}
