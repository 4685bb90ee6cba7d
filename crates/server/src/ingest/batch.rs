//! Deciding every change of a push at once. Reading, merging, checking and re-encoding records is
//! most of a push's time, and changes to different documents do not depend on each other, so the
//! batch's documents are shared out among the machine's cores. A document's own changes stay on
//! one thread, in the order sent, each decided on the result of the one before.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::thread;

use fieldbook_core::protocol::Change;
use fieldbook_core::replica::DecodeError;
use fieldbook_core::{Id, Replica};

use super::{decide, Decision, Existing, Sender};

/// Below this many changes each, another thread costs more than it saves.
const MIN_CHANGES_PER_THREAD: usize = 32;

/// A document as the store keeps it: its replica's JSON and its owner.
pub struct Row {
    pub replica: String,
    pub owner: String,
}

/// A stored replica that does not read: the store is damaged, and the push fails.
#[derive(Debug)]
pub struct Damaged {
    pub id: Id,
    pub error: DecodeError,
}

/// One document's changes (indices into the batch, in order) and its stored row, if any.
struct Chain {
    row: Option<Row>,
    changes: Vec<usize>,
}

/// The decision on each of `changes`, in order, given the stored `rows` of the documents they
/// name. The same as deciding them one by one and storing each before reading the next.
pub fn decide_batch<F: Fn(&str) -> bool + Sync>(
    sender: &Sender<'_, F>,
    changes: &[Change],
    mut rows: HashMap<Id, Row>,
) -> Result<Vec<Decision>, Damaged> {
    let mut chains: Vec<Chain> = Vec::new();
    let mut chain_of: HashMap<Id, usize> = HashMap::with_capacity(changes.len());
    for (index, change) in changes.iter().enumerate() {
        let chain = *chain_of.entry(change.id).or_insert_with(|| {
            chains.push(Chain {
                row: rows.remove(&change.id),
                changes: Vec::new(),
            });
            chains.len() - 1
        });
        chains[chain].changes.push(index);
    }
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(changes.len() / MIN_CHANGES_PER_THREAD)
        .max(1);
    let per_thread = chains.len().div_ceil(threads).max(1);
    let mut shares: Vec<Vec<Chain>> = Vec::new();
    let mut chains = chains.into_iter().peekable();
    while chains.peek().is_some() {
        shares.push(chains.by_ref().take(per_thread).collect());
    }
    let decided: Vec<Result<Vec<(usize, Decision)>, Damaged>> = thread::scope(|scope| {
        let mut shares = shares.into_iter();
        // The calling thread takes the first share itself.
        let first = shares.next();
        let others: Vec<_> = shares
            .map(|share| scope.spawn(move || decide_chains(sender, changes, share)))
            .collect();
        let mut decided = vec![first.map_or(Ok(Vec::new()), |share| {
            decide_chains(sender, changes, share)
        })];
        for other in others {
            // A panic in a decision is the push's panic, as it was on one thread.
            decided.push(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        decided
    });
    let mut decisions: Vec<Option<Decision>> = Vec::new();
    decisions.resize_with(changes.len(), || None);
    for share in decided {
        for (index, decision) in share? {
            decisions[index] = Some(decision);
        }
    }
    Ok(decisions
        .into_iter()
        .map(|decision| decision.expect("every change is in one chain"))
        .collect())
}

fn decide_chains<F: Fn(&str) -> bool>(
    sender: &Sender<'_, F>,
    changes: &[Change],
    chains: Vec<Chain>,
) -> Result<Vec<(usize, Decision)>, Damaged> {
    let mut decided = Vec::new();
    for Chain {
        mut row,
        changes: indices,
    } in chains
    {
        let mut indices = indices.into_iter().peekable();
        while let Some(index) = indices.next() {
            let change = &changes[index];
            let existing = row
                .as_ref()
                .map(|row| {
                    Ok(Existing {
                        replica: Replica::decode(&row.replica).map_err(|error| Damaged {
                            id: change.id,
                            error,
                        })?,
                        owner: row.owner.clone(),
                    })
                })
                .transpose()?;
            let decision = decide(sender, change, existing);
            // The next change to this document reads what this one stored, as from the store.
            if let (Decision::Store { encoded, owner, .. }, Some(_)) = (&decision, indices.peek()) {
                row = Some(Row {
                    replica: encoded.clone(),
                    owner: owner.clone(),
                });
            }
            decided.push((index, decision));
        }
    }
    Ok(decided)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use fieldbook_core::protocol::Change;
    use fieldbook_core::roles::{Role, User};
    use fieldbook_core::{sample, Id, Replica, Stamp};
    use serde_json::value::RawValue;

    use super::{decide_batch, Row};
    use crate::ingest::{decide, Decision, Existing, Sender};

    fn change(replica: &Replica) -> Change {
        Change {
            kind: replica.kind().to_owned(),
            id: replica.id(),
            replica: RawValue::from_string(replica.encode()).unwrap(),
        }
    }

    /// What a decision says, to compare: status, stored text and who it is stored for.
    fn outcome(decision: &Decision) -> String {
        match decision {
            Decision::Store {
                encoded,
                owner,
                status,
                sender_holds_it,
                ..
            } => format!("{status:?} {owner} {sender_holds_it} {encoded}"),
            Decision::Duplicate => "duplicate".to_owned(),
            Decision::Reject(reason) => format!("rejected {}", reason.code),
        }
    }

    /// A batch big enough to be shared among threads, sending some documents more than once and
    /// editing ones already stored, decides as one change at a time does.
    #[test]
    fn a_batch_decides_as_its_changes_would_one_by_one() {
        let sam = User {
            username: "sam".into(),
            role: Role::Outreach,
            teams: vec!["Brinnington".into()],
        };
        let sender = Sender {
            user: &sam,
            shares_team: |owner: &str| owner == "sam",
            now_ms: 1_800_000_000_000,
            organisation: Default::default(),
        };
        let stamp = |wall_ms: u64| Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([1; 16]),
        };
        let replicas: Vec<Replica> = (0..100)
            .map(|n| {
                let mut record = sample::engagement(n);
                record.author = if n % 10 == 9 { "cath" } else { "sam" }.into();
                Replica::create(&record, stamp(1_700_000_000_000 + n))
            })
            .collect();
        let edited = |replica: &Replica, notes: &str| {
            let mut record: fieldbook_core::model::Engagement = replica.to_doc().unwrap();
            record.notes = notes.into();
            let mut replica = replica.clone();
            replica.update(&record, stamp(1_750_000_000_000));
            replica
        };
        let mut changes: Vec<Change> = replicas.iter().map(change).collect();
        // Again, edited, and edited differently at the same stamp: duplicate, applied, conflict.
        changes.insert(60, change(&replicas[3]));
        changes.push(change(&edited(&replicas[3], "Edited once.")));
        changes.push(change(&edited(&replicas[3], "Edited twice.")));
        changes.push(change(&edited(
            &replicas[40],
            "Edited in the store's copy.",
        )));
        // The store already holds some, one of them changed since.
        let stored = [(40, "Stored."), (41, ""), (49, "")];
        let rows = || -> HashMap<Id, Row> {
            stored
                .iter()
                .map(|&(n, notes)| {
                    let replica = if notes.is_empty() {
                        replicas[n].clone()
                    } else {
                        edited(&replicas[n], notes)
                    };
                    let owner = replica
                        .to_doc::<fieldbook_core::model::Engagement>()
                        .unwrap()
                        .author;
                    let row = Row {
                        replica: replica.encode(),
                        owner,
                    };
                    (replica.id(), row)
                })
                .collect()
        };

        let mut one_by_one = Vec::new();
        let mut store = rows();
        for change in &changes {
            let existing = store.get(&change.id).map(|row| Existing {
                replica: Replica::decode(&row.replica).unwrap(),
                owner: row.owner.clone(),
            });
            let decision = decide(&sender, change, existing);
            if let Decision::Store { encoded, owner, .. } = &decision {
                let row = Row {
                    replica: encoded.clone(),
                    owner: owner.clone(),
                };
                store.insert(change.id, row);
            }
            one_by_one.push(outcome(&decision));
        }
        let batch: Vec<String> = decide_batch(&sender, &changes, rows())
            .unwrap()
            .iter()
            .map(outcome)
            .collect();

        assert_eq!(batch, one_by_one);
        for expected in ["Applied", "duplicate", "Conflict", "rejected"] {
            assert!(
                batch.iter().any(|outcome| outcome.starts_with(expected)),
                "{expected}"
            );
        }
    }

    #[test]
    fn a_stored_copy_that_does_not_read_fails_the_batch() {
        let sam = User {
            username: "sam".into(),
            role: Role::Outreach,
            teams: Vec::new(),
        };
        let sender = Sender {
            user: &sam,
            shares_team: |_: &str| false,
            now_ms: 1_800_000_000_000,
            organisation: Default::default(),
        };
        let mut record = sample::engagement(1);
        record.author = "sam".into();
        let replica = Replica::create(
            &record,
            Stamp {
                wall_ms: 1_700_000_000_000,
                counter: 0,
                device: Id::from_random([1; 16]),
            },
        );
        let rows = HashMap::from([(
            replica.id(),
            Row {
                replica: "half a reco".into(),
                owner: "sam".into(),
            },
        )]);
        let Err(damaged) = decide_batch(&sender, &[change(&replica)], rows) else {
            panic!("a damaged stored copy was decided on");
        };
        assert_eq!(damaged.id, replica.id());
    }
}
