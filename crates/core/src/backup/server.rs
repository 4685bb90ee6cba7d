//! What the exporting phone knew its server held, so that restoring a backup of records the
//! server already has does not mark them "only on this phone" until the next sync.
//!
//! ```json
//! "server": {"origin": "https://fieldbook.example.org",
//!            "acked": {"engagement/<id>": {"wall_ms": 1790000000000, "counter": 0, "device": "…"}}}
//! ```
//!
//! Only documents the exporting phone held as the server acknowledged them are listed. A file
//! without it (older backups, or from a phone never signed in) imports as before: everything
//! it brings is offered to the server at the next sync.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::id::Id;
use crate::replica::Replica;
use crate::stamp::Stamp;

/// The server a backup's phone synced with, and the latest stamp it acknowledged for each
/// document, by `<kind>/<id>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerCopy {
    pub origin: String,
    pub acked: BTreeMap<String, Stamp>,
}

impl ServerCopy {
    pub fn new(origin: impl Into<String>) -> ServerCopy {
        ServerCopy {
            origin: origin.into(),
            acked: BTreeMap::new(),
        }
    }

    pub fn insert(&mut self, kind: &str, id: Id, stamp: Stamp) {
        self.acked.insert(format!("{kind}/{id}"), stamp);
    }

    fn get(&self, kind: &str, id: Id) -> Option<Stamp> {
        self.acked.get(&format!("{kind}/{id}")).copied()
    }
}

/// The acknowledgements an import can keep: the server `origin` holds each listed document as
/// the backup has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledged {
    pub origin: String,
    pub documents: Vec<AckedDocument>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AckedDocument {
    pub kind: String,
    pub id: Id,
    /// What the server acknowledged: at least the backup's copy.
    pub stamp: Stamp,
    /// The device's copy after the import holds nothing beyond the backup's, so the server
    /// holds all of it. When false, it holds all of it only if the device's own copy was
    /// synced with that server too, which the device knows and the backup does not.
    pub covered: bool,
}

/// For one document of the backup (`theirs`, as the file holds it), and the device's copy
/// after the import (`result`): the acknowledgement the import may keep, if any.
pub(super) fn acked_document(
    server: &ServerCopy,
    theirs: &Replica,
    result: &Replica,
) -> Option<AckedDocument> {
    let stamp = server.get(theirs.kind(), theirs.id())?;
    // An acknowledgement older than the copy in the file says nothing about that copy.
    if stamp < theirs.updated() {
        return None;
    }
    Some(AckedDocument {
        kind: theirs.kind().to_owned(),
        id: theirs.id(),
        stamp,
        covered: result == theirs,
    })
}
