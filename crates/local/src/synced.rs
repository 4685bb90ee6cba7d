//! What the server holds: which documents are unsynced, and removing synced ones to make room.

use fieldbook_core::keeping::DAY_MS;
use fieldbook_core::{Id, Stamp};

use crate::{keys, Kind, SaveError, Store};

/// Where a document stands with the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMark {
    /// Not yet acknowledged by the server.
    OnlyHere,
    Synced,
    /// A field written here lost to a later edit elsewhere; see Sync problems.
    InConflict,
}

impl Store {
    /// Documents not yet acknowledged by the server: how many, and the oldest change among them.
    pub fn unsynced(&self) -> (usize, Option<Stamp>) {
        self.behind()
            .fold((0, None), |(count, oldest), (_, _, stamp)| {
                (
                    count + 1,
                    Some(oldest.map_or(stamp, |o: Stamp| o.min(stamp))),
                )
            })
    }

    /// Documents whose latest change the server has not acknowledged.
    pub(crate) fn behind(&self) -> impl Iterator<Item = (&'static str, Id, Stamp)> + '_ {
        self.docs
            .stamps_with(&self.sync.acked)
            .filter(|(_, _, stamp, acked)| acked.is_none_or(|acked| acked < stamp))
            .map(|(kind, id, stamp, _)| (kind, id, stamp))
    }

    /// Where a document stands with the server, as a record's badge says it.
    pub fn sync_mark<D: Kind>(&self, id: Id) -> SyncMark {
        if self.sync.conflicts.iter().any(|conflict| conflict.id == id) {
            SyncMark::InConflict
        } else if self.is_synced::<D>(id) {
            SyncMark::Synced
        } else {
            SyncMark::OnlyHere
        }
    }

    /// Whether the server holds this document as it is now on this phone.
    pub fn is_synced<D: Kind>(&self, id: Id) -> bool {
        self.docs::<D>()
            .get(&id)
            .is_some_and(|stored| self.sync.is_synced(D::KIND, id, stored.updated))
    }

    /// Remove documents the server holds and that have not changed for `days`, to make room.
    /// Unsynced documents are never removed. Returns how many went.
    pub fn remove_synced_older_than(&mut self, days: u64, now_ms: u64) -> Result<usize, SaveError> {
        let cutoff = now_ms.saturating_sub(days.saturating_mul(DAY_MS));
        let doomed: Vec<(&'static str, Id)> = self
            .docs
            .stamps()
            .filter(|(kind, id, stamp)| {
                self.sync.is_synced(kind, *id, *stamp) && stamp.wall_ms < cutoff
            })
            .map(|(kind, id, _)| (kind, id))
            .collect();
        if doomed.is_empty() {
            return Ok(0);
        }
        // Removals first: each stands alone and frees space, so this works on a full phone. The
        // sync state is written last; a crash before it leaves acknowledgements for documents
        // that are gone, which start-up prunes (see `prune_acknowledgements`).
        for (kind, id) in &doomed {
            self.remove_entry(&keys::doc(kind, id));
            self.docs.forget(kind, *id);
            self.sync.acked.remove(kind, *id);
        }
        self.recount();
        // The documents are gone either way; a stale acknowledgement is pruned at next start.
        let _ = self.write_sync();
        Ok(doomed.len())
    }

    pub(crate) fn write_sync(&mut self) -> Result<(), SaveError> {
        let json = serde_json::to_string(&self.sync).expect("sync state serialises");
        self.put(keys::SYNC, &json)
    }

    /// Drop acknowledgements for documents no longer stored: what an interrupted clean-up
    /// leaves behind. Returns how many there were.
    pub(crate) fn prune_acknowledgements(&mut self) -> usize {
        let kept: std::collections::BTreeSet<&str> =
            self.kept.iter().map(|kept| kept.key.as_str()).collect();
        let before = self.sync.acked.len();
        let (docs, sync) = (&self.docs, &mut self.sync);
        sync.acked.retain(|kind, id| {
            docs.stamp(kind, id).is_some() || kept.contains(keys::doc(kind, id).as_str())
        });
        let pruned = before - self.sync.acked.len();
        // Only tidiness is lost if this fails: the same pruning runs at the next start.
        if pruned > 0 && self.write_sync().is_err() {
            return 0;
        }
        pruned
    }
}
