//! What the server has acknowledged: per document, the latest stamp it holds. A document whose
//! own latest stamp is newer is unsynced. Sync (later) keeps its cursor here too.

use std::collections::BTreeMap;

use fieldbook_core::Stamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// By document key.
    #[serde(default)]
    pub acked: BTreeMap<String, Stamp>,
}

impl SyncState {
    pub fn is_synced(&self, key: &str, updated: Stamp) -> bool {
        self.acked.get(key).is_some_and(|acked| *acked >= updated)
    }
}
