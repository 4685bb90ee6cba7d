//! What the server has acknowledged, per document (the latest stamp it holds; a document whose
//! own latest stamp is newer is unsynced), and the rest of sync's memory: the pull cursor,
//! changes the server refused, conflicts to resolve, pulled changes this version could not
//! store, and when the last sync finished. All in one entry, written once per pushed batch and
//! pulled page.

use chrono::NaiveDate;
use fieldbook_core::organisation::Organisation;
use fieldbook_core::protocol::{Change, Reason};
use fieldbook_core::replica::LostField;
use fieldbook_core::{Id, Stamp};
use serde::{Deserialize, Serialize};

use crate::per_doc::PerDoc;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SyncState {
    /// By document. Stored compactly: it holds an entry for every document synced.
    #[serde(default, with = "compact")]
    pub acked: PerDoc<Stamp>,
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
    /// Changes the server refused, by document, with the state refused: an edit after it is
    /// sent again. Stored by document key.
    #[serde(default, with = "by_key")]
    pub rejected: PerDoc<Rejected>,
    /// Fields this device wrote that lost to a later write elsewhere.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub last_synced_ms: Option<u64>,
    /// Whether records may hold contact details, as the server said at the last sync.
    #[serde(default)]
    pub organisation: Organisation,
    /// The first day of the team's engagements this phone holds (a coordinator's window):
    /// older ones were left out of pulls or removed. None: nothing was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<NaiveDate>,
    /// The window widened, so the pull starts again from zero and brings back everything,
    /// this phone's own last writes included; false once that pull reaches the end.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refill: bool,
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
    pub fn is_synced(&self, kind: &str, id: Id, updated: Stamp) -> bool {
        self.acked
            .get(kind, id)
            .is_some_and(|acked| *acked >= updated)
    }

    /// Refused as it is now, so not worth sending again until it changes.
    pub fn is_refused(&self, kind: &str, id: Id, updated: Stamp) -> bool {
        self.rejected
            .get(kind, id)
            .is_some_and(|r| r.stamp == updated)
    }
}

/// The acknowledgements as `{"d": [devices], "a": {"<kind>/<id>": [wall_ms, counter, device]}}`:
/// about a third of the plain form, which repeats the key prefix and a device id per document.
/// Phones already hold this form, so it stays as it is whatever the map in memory.
mod compact {
    use std::collections::BTreeMap;

    use fieldbook_core::{DeviceId, Stamp};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{split, PerDoc};

    #[derive(Serialize, Deserialize)]
    struct Compact {
        d: Vec<DeviceId>,
        a: BTreeMap<String, (u64, u32, usize)>,
    }

    pub fn serialize<S: Serializer>(
        acked: &PerDoc<Stamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut devices: Vec<DeviceId> = Vec::new();
        let a = acked
            .iter()
            .map(|(kind, id, stamp)| {
                let device = devices
                    .iter()
                    .position(|d| *d == stamp.device)
                    .unwrap_or_else(|| {
                        devices.push(stamp.device);
                        devices.len() - 1
                    });
                (
                    format!("{kind}/{id}"),
                    (stamp.wall_ms, stamp.counter, device),
                )
            })
            .collect();
        Compact { d: devices, a }.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<PerDoc<Stamp>, D::Error> {
        let compact = Compact::deserialize(deserializer)?;
        let mut acked = PerDoc::default();
        for (short, (wall_ms, counter, device)) in compact.a {
            let device = *compact.d.get(device).ok_or_else(|| {
                serde::de::Error::custom("an acknowledgement names an unknown device")
            })?;
            // A key no document can have is no acknowledgement of anything: dropped.
            if let Some((kind, id)) = split(&short) {
                let stamp = Stamp {
                    wall_ms,
                    counter,
                    device,
                };
                acked.insert(kind, id, stamp);
            }
        }
        Ok(acked)
    }
}

/// The refusals as `{"fb1/doc/<kind>/<id>": {...}}`, the form phones already hold.
mod by_key {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{PerDoc, Rejected};
    use crate::keys;

    pub fn serialize<S: Serializer>(
        rejected: &PerDoc<Rejected>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let by_key: BTreeMap<String, &Rejected> = rejected
            .iter()
            .map(|(kind, id, rejected)| (keys::doc(kind, id), rejected))
            .collect();
        by_key.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<PerDoc<Rejected>, D::Error> {
        let by_key = BTreeMap::<String, Rejected>::deserialize(deserializer)?;
        let mut rejected = PerDoc::default();
        for (key, refusal) in by_key {
            let doc = keys::parse_doc(&key).and_then(|(kind, id)| Some((kind, id.parse().ok()?)));
            if let Some((kind, id)) = doc {
                rejected.insert(kind, id, refusal);
            }
        }
        Ok(rejected)
    }
}

/// `<kind>/<id>` as a kind and an id.
fn split(short: &str) -> Option<(&str, Id)> {
    let (kind, id) = short.split_once('/')?;
    Some((kind, id.parse().ok()?))
}
