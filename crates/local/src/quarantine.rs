//! Entries that could not be read: moved aside whole, listed in settings, and exportable, so
//! one damaged entry never stops the rest loading and is never silently lost.

use serde::{Deserialize, Serialize};

use crate::entries::Entries;
use crate::keys;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    /// Where the entry was.
    pub key: String,
    /// Why it could not be read, in words.
    pub reason: String,
    /// The entry exactly as it was stored.
    pub raw: String,
    pub at_ms: u64,
    /// False when storage was too full to move it: it then stays at its old key, untouched.
    pub moved: bool,
}

/// Move the entry at `key` into quarantine. If there is no room to copy it, it stays where it
/// is (nothing is removed before its copy is safe) and is reported all the same.
pub fn isolate(
    backend: &mut Entries,
    key: &str,
    raw: String,
    reason: String,
    at_ms: u64,
) -> Quarantined {
    let mut entry = Quarantined {
        key: key.to_owned(),
        reason,
        raw,
        at_ms,
        moved: true,
    };
    let json = serde_json::to_string(&entry).expect("a quarantine entry always serialises");
    if backend.set(&keys::quarantine(key), &json).is_ok() {
        backend.remove(key);
    } else {
        entry.moved = false;
    }
    entry
}

/// Read a quarantine entry back at start-up; one that is itself damaged is shown as it is.
pub fn read(key: &str, json: String) -> Quarantined {
    serde_json::from_str(&json).unwrap_or_else(|error| Quarantined {
        key: keys::parse_quarantine(key).unwrap_or(key).to_owned(),
        reason: format!("the quarantine entry itself could not be read: {error}"),
        raw: json,
        at_ms: 0,
        moved: true,
    })
}

/// Remove an entry from quarantine for good, once it has been exported or is not wanted.
pub fn discard(backend: &mut Entries, entry: &Quarantined) {
    if entry.moved {
        backend.remove(&keys::quarantine(&entry.key));
    }
}
