//! The backup file: every stored document and imported framework in one JSON file, and the
//! pure planning of its import.
//!
//! ```json
//! {"format": "fieldbook-backup", "version": 1, "exported_at_ms": 1790000000000,
//!  "device": "QkJCQkJCQkKCQkJCQkJCQg",
//!  "documents": [{"k":"venue","v":1,…}],
//!  "frameworks": [{"schema":1,"id":"course-1",…}],
//!  "server": {"origin": "https://fieldbook.example.org", "acked": {…}}}
//! ```
//!
//! Each document is a replica exactly as [`Replica::encode`](crate::Replica::encode) stored it,
//! stamps and tombstones included, so a restore merges like a sync and a document from a newer
//! release survives the round trip whole. `format` and `version` are read before anything else,
//! so a newer file is refused as newer rather than misread.

mod import;
mod report;
mod server;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::framework::Framework;
use crate::stamp::DeviceId;

pub use import::{plan_import, BackupError, ImportPlan};
pub use report::{ImportReport, Rejection};
pub use server::{AckedDocument, Acknowledged, ServerCopy};

/// What the `format` field of every backup says.
pub const FORMAT: &str = "fieldbook-backup";

/// The version of the backup file format that this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A backup ready to write out.
#[derive(Debug, Clone)]
pub struct Backup {
    exported_at_ms: u64,
    device: DeviceId,
    documents: Vec<Box<RawValue>>,
    frameworks: Vec<Framework>,
    server: Option<ServerCopy>,
}

#[derive(Serialize)]
struct File<'a> {
    format: &'static str,
    version: u32,
    exported_at_ms: u64,
    device: DeviceId,
    documents: &'a [Box<RawValue>],
    frameworks: &'a [Framework],
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<&'a ServerCopy>,
}

impl Backup {
    /// A backup of `documents` (replicas in their stored form, as [`crate::Replica::encode`]
    /// wrote them) and `frameworks`, made by `device` at `exported_at_ms`.
    pub fn new<'a>(
        exported_at_ms: u64,
        device: DeviceId,
        documents: impl IntoIterator<Item = &'a str>,
        frameworks: &[Framework],
    ) -> Backup {
        Backup {
            exported_at_ms,
            device,
            documents: documents.into_iter().map(embed).collect(),
            frameworks: frameworks.to_vec(),
            server: None,
        }
    }

    /// Say what the server held of these documents (see [`ServerCopy`]). A field older
    /// versions of Fieldbook ignore, so the format's version stays.
    pub fn with_server(mut self, server: ServerCopy) -> Backup {
        self.server = Some(server);
        self
    }

    /// The file's text. Each document sits on a line of its own, so a person can see what a
    /// backup holds.
    pub fn to_json(&self) -> String {
        let file = File {
            format: FORMAT,
            version: FORMAT_VERSION,
            exported_at_ms: self.exported_at_ms,
            device: self.device,
            documents: &self.documents,
            frameworks: &self.frameworks,
            server: self.server.as_ref(),
        };
        serde_json::to_string_pretty(&file).expect("a backup always serialises")
    }
}

/// A stored value that is not JSON (damaged storage) is kept as a JSON string rather than
/// dropped: the backup still holds it for someone to recover, and its import reports it.
fn embed(encoded: &str) -> Box<RawValue> {
    RawValue::from_string(encoded.to_owned()).unwrap_or_else(|_| {
        let quoted = Value::String(encoded.to_owned()).to_string();
        RawValue::from_string(quoted).expect("a JSON string is JSON")
    })
}
