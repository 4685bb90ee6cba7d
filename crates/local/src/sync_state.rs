//! What the server has acknowledged, per document (the latest stamp it holds; a document whose
//! own latest stamp is newer is unsynced), and the rest of sync's memory: the pull cursor,
//! changes the server refused, conflicts to resolve, pulled changes this version could not
//! store, and when the last sync finished. All in one entry, written once per pushed batch and
//! pulled page.

use std::collections::BTreeMap;

use fieldbook_core::protocol::{Change, Reason};
use fieldbook_core::replica::LostField;
use fieldbook_core::{Id, Stamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SyncState {
    /// By document key. Stored compactly: it holds an entry for every document synced.
    #[serde(default, with = "compact")]
    pub acked: BTreeMap<String, Stamp>,
    /// Where the next pull starts; None to start from zero.
    #[serde(default)]
    pub cursor: Option<String>,
    /// The server's epoch when `acked` was given. Another epoch means its data was replaced
    /// and may no longer hold what it acknowledged.
    #[serde(default)]
    pub epoch: Option<String>,
    /// A pulled page an older version kept here with the cursor after it, before storing it:
    /// stored at start-up. This version stores a page first and moves the cursor after.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbox: Vec<Change>,
    /// Pulled changes this phone could not store (unreadable, or from a newer version of
    /// Fieldbook), kept as they came: the cursor has moved past them, so they are tried again
    /// at each sync rather than lost.
    #[serde(default)]
    pub held: Vec<Held>,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Held {
    pub change: Change,
    /// Why it could not be stored, as a person reads it.
    pub reason: String,
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

/// The acknowledgements as `{"d": [devices], "a": {"<kind>/<id>": [wall_ms, counter, device]}}`:
/// about a third of the plain form, which repeats the key prefix and a device id per document.
mod compact {
    use std::collections::BTreeMap;

    use fieldbook_core::{DeviceId, Stamp};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    const PREFIX: &str = "fb1/doc/";

    #[derive(Serialize, Deserialize)]
    struct Compact {
        d: Vec<DeviceId>,
        a: BTreeMap<String, (u64, u32, usize)>,
    }

    pub fn serialize<S: Serializer>(
        acked: &BTreeMap<String, Stamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut devices: Vec<DeviceId> = Vec::new();
        let a = acked
            .iter()
            .map(|(key, stamp)| {
                let device = devices
                    .iter()
                    .position(|d| *d == stamp.device)
                    .unwrap_or_else(|| {
                        devices.push(stamp.device);
                        devices.len() - 1
                    });
                let short = key.strip_prefix(PREFIX).unwrap_or(key).to_owned();
                (short, (stamp.wall_ms, stamp.counter, device))
            })
            .collect();
        Compact { d: devices, a }.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Stamp>, D::Error> {
        let compact = Compact::deserialize(deserializer)?;
        compact
            .a
            .into_iter()
            .map(|(short, (wall_ms, counter, device))| {
                let device = *compact.d.get(device).ok_or_else(|| {
                    serde::de::Error::custom("an acknowledgement names an unknown device")
                })?;
                Ok((
                    format!("{PREFIX}{short}"),
                    Stamp {
                        wall_ms,
                        counter,
                        device,
                    },
                ))
            })
            .collect()
    }
}
