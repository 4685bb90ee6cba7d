//! Copies from the server merged into the stored ones: a pulled change, and the server's copy
//! in answer to a push that lost a field. A field this device wrote that lost is
//! kept as a conflict, written before the merged copy replaces it, so a crash between the two
//! writes cannot lose the only copy of someone's edit.

use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::Change;
use fieldbook_core::Document;
use fieldbook_core::{Id, Replica, Stamp};

use crate::store::decode_sent;
use crate::sync_state::{Conflict, Held};
use crate::{keys, Exchanged, SaveError, Store};

/// What became of a server's copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Absorbed {
    /// Stored or merged; this many fields written here lost to it.
    Stored { conflicts: usize },
    /// A team record outside this phone's window, which it does not hold: not stored.
    LeftOut,
}

impl Absorbed {
    pub(crate) fn conflicts(self) -> usize {
        match self {
            Absorbed::Stored { conflicts } => conflicts,
            Absorbed::LeftOut => 0,
        }
    }
}

/// A server's copy merged with the stored one, not yet written.
pub(crate) struct Merged {
    kind: String,
    key: String,
    replica: Replica,
    /// False when the stored copy already held it all: nothing to write.
    changed: bool,
    /// The server's copy as it came, when this phone held none: stored as it is, with no need
    /// to encode the merge again.
    first: Option<String>,
    /// The server's copy holds everything this phone has.
    acked: bool,
    lost: Vec<Conflict>,
}

impl Store {
    /// Store a page an older version kept in the sync state (it wrote a page there with the
    /// cursor after it, before storing it), each change on its own: one that cannot be stored
    /// here is held aside with its reason, and the rest still arrive. If storage itself fails
    /// (full), what is left stays kept for the next try. Run at start-up and before a pull.
    pub fn apply_inbox(&mut self) -> Result<Exchanged, SaveError> {
        let mut done = Exchanged::default();
        if self.sync.inbox.is_empty() {
            return Ok(done);
        }
        // Read in place, not cloned: a page can be large. `next` is the first change not yet
        // stored; whenever the sync state is written, the stored ones leave the inbox first.
        let mut next = 0;
        while let Some(change) = self.sync.inbox.get(next) {
            let merged = self.merge_copy(&change.kind, change.replica.get());
            let stored = merged.and_then(|mut merged| {
                let count = merged.lost.len();
                if !merged.lost.is_empty() {
                    self.sync.inbox.drain(..next);
                    next = 0;
                    self.note_conflicts(&mut merged)?;
                }
                self.store_merged(merged).map(|()| count)
            });
            match stored {
                Ok(conflicts) => {
                    done.conflicts += conflicts;
                    done.stored += 1;
                    next += 1;
                }
                Err(SaveError::Unreadable(reason)) => {
                    let change = self.sync.inbox.remove(next);
                    self.hold(change, reason);
                    done.held += 1;
                }
                Err(SaveError::Newer) => {
                    let change = self.sync.inbox.remove(next);
                    self.hold(change, SaveError::Newer.to_string());
                    done.held += 1;
                }
                Err(storage) => {
                    // Keep the rest for later; if even this write fails, the whole page is
                    // still kept as it was, and merging is idempotent.
                    self.sync.inbox.drain(..next);
                    let _ = self.write_sync();
                    return Err(storage);
                }
            }
        }
        self.sync.inbox.clear();
        self.write_sync()?;
        Ok(done)
    }

    /// Merge the server's copy of document `id` into the stored one. The caller writes the
    /// sync state after.
    pub(crate) fn absorb(&mut self, kind: &str, id: Id, json: &str) -> Result<Absorbed, SaveError> {
        let key = keys::doc(kind, id);
        if self.docs.knows(kind) && self.docs.stamp(kind, id).is_none() && !self.backend.has(&key) {
            // Nothing here to merge with (most of a first pull): stored as it came, read once
            // into its type, unless it is a team record outside a coordinator's window.
            if kind == Engagement::KIND {
                let stored = decode_sent::<Engagement>(id, json)?;
                if !self.takes(&stored) {
                    return Ok(Absorbed::LeftOut);
                }
                self.write_decoded(&key, json, stored)?;
            } else {
                self.write_first(kind, &key, id, json)?;
            }
            if let Some(updated) = self.docs.stamp(kind, id) {
                self.settle_copy(kind, id, updated, true);
            }
            return Ok(Absorbed::Stored { conflicts: 0 });
        }
        let mut merged = self.merge_copy(kind, json)?;
        if merged.replica.id() != id {
            return Err(SaveError::Unreadable(format!(
                "it was sent as {id} but holds {}",
                merged.replica.id()
            )));
        }
        let count = merged.lost.len();
        if count > 0 {
            self.note_conflicts(&mut merged)?;
        }
        self.store_merged(merged)?;
        Ok(Absorbed::Stored { conflicts: count })
    }

    /// The server's copy `json` merged with the stored one; fields this device wrote that lost
    /// become conflicts. Nothing is written.
    fn merge_copy(&self, kind: &str, json: &str) -> Result<Merged, SaveError> {
        let theirs =
            Replica::decode(json).map_err(|error| SaveError::Unreadable(error.to_string()))?;
        if theirs.kind() != kind {
            return Err(SaveError::Unreadable(format!(
                "it was sent as {kind} but holds {}",
                theirs.kind()
            )));
        }
        let key = keys::doc(kind, theirs.id());
        let mine = self
            .backend
            .get(&key)
            .and_then(|stored| Replica::decode(&stored).ok());
        let mut merged = theirs.clone();
        let mut lost = Vec::new();
        if let Some(mine) = &mine {
            merged.merge(mine);
            lost = merged.lost_fields(mine, self.device());
        }
        Ok(Merged {
            kind: kind.to_owned(),
            key,
            changed: mine.as_ref() != Some(&merged),
            first: mine.is_none().then(|| json.to_owned()),
            acked: merged == theirs,
            lost: lost
                .into_iter()
                .map(|field| Conflict {
                    kind: kind.to_owned(),
                    id: theirs.id(),
                    field,
                })
                .collect(),
            replica: merged,
        })
    }

    /// Keep the fields that lost, in the sync state, before the merged copy overwrites them. A
    /// conflict already kept (the same answer again, after a crash) is not kept twice.
    fn note_conflicts(&mut self, merged: &mut Merged) -> Result<(), SaveError> {
        for conflict in std::mem::take(&mut merged.lost) {
            if !self.sync.conflicts.contains(&conflict) {
                self.sync.conflicts.push(conflict);
            }
        }
        self.write_sync()
    }

    fn store_merged(&mut self, mut merged: Merged) -> Result<(), SaveError> {
        let (id, updated) = (merged.replica.id(), merged.replica.updated());
        // Nothing new (a copy this phone already had): leave the entry as it is.
        if let Some(json) = &merged.first {
            self.write_first(&merged.kind, &merged.key, id, json)?;
        } else if merged.changed {
            self.write_kind(&merged.kind, &merged.key, &mut merged.replica)?;
        }
        self.settle_copy(&merged.kind, id, updated, merged.acked);
        Ok(())
    }

    /// What follows storing a server's copy, last changed at `updated`; `acked` when the
    /// server's copy holds everything this phone has.
    fn settle_copy(&mut self, kind: &str, id: Id, updated: Stamp, acked: bool) {
        // Only once stored: a change held aside must not move this phone's clock.
        self.observe(updated);
        if acked {
            self.sync.acked.insert(kind, id, updated);
            // The server holds all of it, so a refusal of an earlier state (whose answer to the
            // push that put it right was lost) no longer stands. Its stamp may be the later one:
            // a record refused as stamped ahead is stamped again earlier.
            self.sync.rejected.remove(kind, id);
        }
    }

    pub(crate) fn hold(&mut self, change: Change, reason: String) {
        // One entry per document: a later copy replaces an earlier one.
        self.sync
            .held
            .retain(|held| held.change.id != change.id || held.change.kind != change.kind);
        self.sync.held.push(Held { change, reason });
    }
}
