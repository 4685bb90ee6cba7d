//! What the server has acknowledged, per document (the latest stamp it holds; a document whose
//! own latest stamp is newer is unsynced), and the rest of sync's memory: the pull cursor, a
//! pulled page not yet applied, changes the server refused, conflicts to resolve, and when the
//! last sync finished. All in one entry, so a page and its cursor are one write.

use std::collections::BTreeMap;

use fieldbook_core::protocol::{Change, Reason};
use fieldbook_core::replica::LostField;
use fieldbook_core::{Id, Stamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SyncState {
    /// By document key.
    #[serde(default)]
    pub acked: BTreeMap<String, Stamp>,
    /// Where the next pull starts; None to start from zero.
    #[serde(default)]
    pub cursor: Option<String>,
    /// A pulled page, saved with the cursor after it, until every change in it is stored.
    #[serde(default)]
    pub inbox: Vec<Change>,
    /// Changes the server refused, by document key, with the state refused: an edit after it
    /// is sent again.
    #[serde(default)]
    pub rejected: BTreeMap<String, Rejected>,
    /// Fields this device wrote that lost to a later write elsewhere.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub last_synced_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub stamp: Stamp,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub kind: String,
    pub id: Id,
    pub field: LostField,
}

impl SyncState {
    pub fn is_synced(&self, key: &str, updated: Stamp) -> bool {
        self.acked.get(key).is_some_and(|acked| *acked >= updated)
    }

    /// Refused as it is now, so not worth sending again until it changes.
    pub fn is_refused(&self, key: &str, updated: Stamp) -> bool {
        self.rejected.get(key).is_some_and(|r| r.stamp == updated)
    }
}
