//! Planning an import: read a backup, check each entry, and merge each document with what the
//! device holds, without writing anything. The app writes the plan.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::Value;

use super::report::{summarise, ImportReport, Rejection};
use super::server::{acked_document, Acknowledged, ServerCopy};
use super::{FORMAT, FORMAT_VERSION};
use crate::document::{Context, Document};
use crate::framework::{Framework, FrameworkError};
use crate::id::Id;
use crate::model::{Engagement, Venue};
use crate::progress::Progress;
use crate::replica::Replica;
use crate::stamp::DeviceId;

/// Why a file cannot be imported at all. A problem with one entry rejects only that entry; see
/// [`ImportReport::rejected`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is not valid JSON at line {line}, column {column}: {message}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("this file is not a Fieldbook backup")]
    NotABackup,
    #[error(
        "this backup was made by a newer version of Fieldbook (backup format {found}; this \
         version reads up to {supported}); update the app to restore it"
    )]
    NewerVersion { found: u64, supported: u32 },
    #[error("the backup is damaged: {0}")]
    Shape(String),
}

/// What importing a backup would change. Nothing is written until the app writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The documents to store, already merged with the device's copies: only those added or
    /// updated. Documents of a newer schema or an unknown kind are among them, whole.
    pub writes: Vec<Replica>,
    /// The valid frameworks, one per id.
    pub frameworks: Vec<Framework>,
    pub report: ImportReport,
    /// When the backup was made, and where, for the app to show before it writes.
    pub exported_at_ms: u64,
    pub device: DeviceId,
    /// What the backup's server holds of the documents, where the file says so.
    pub acknowledged: Option<Acknowledged>,
}

/// Just `format` and `version`, read first: a newer format may have another shape, and saying
/// it is newer is more use than saying where it does not fit.
#[derive(Deserialize)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

/// The rest of a version 1 file. Entries stay raw so that one bad entry rejects only itself.
#[derive(Deserialize)]
struct File {
    exported_at_ms: u64,
    device: DeviceId,
    documents: Vec<Box<RawValue>>,
    frameworks: Vec<Box<RawValue>>,
    #[serde(default)]
    server: Option<ServerCopy>,
}

/// Plan the import of the backup `json` into a device whose copy of a document, by kind and id,
/// `existing` returns. Every entry is checked and reported; only a file that cannot be read at
/// all is an error.
pub fn plan_import(
    json: &str,
    existing: impl Fn(&str, Id) -> Option<Replica>,
    context: &Context,
) -> Result<ImportPlan, BackupError> {
    let file = read(json)?;
    let mut report = ImportReport::default();
    let incoming = documents(&file.documents, context, &mut report.rejected);
    let mut writes = Vec::new();
    let mut acked = Vec::new();
    // What the server holds of `replica`, given the device's copy after the import.
    let server = file.server.as_ref();
    let mut keep_ack = |replica: &Replica, result: &Replica| {
        acked.extend(server.and_then(|server| acked_document(server, replica, result)));
    };
    for replica in incoming {
        // The id check keeps a damaged store (a copy filed under another id) from reaching
        // `merge`, which refuses to mix documents; such a copy is overwritten instead.
        match existing(replica.kind(), replica.id()).filter(|copy| copy.id() == replica.id()) {
            None => {
                report.added += 1;
                keep_ack(&replica, &replica);
                writes.push(replica);
            }
            Some(mut copy) => {
                let before = copy.clone();
                copy.merge(&replica);
                keep_ack(&replica, &copy);
                if copy == before {
                    report.unchanged += 1;
                } else {
                    report.updated += 1;
                    writes.push(copy);
                }
            }
        }
    }
    let frameworks = frameworks(&file.frameworks, &mut report.rejected);
    Ok(ImportPlan {
        writes,
        frameworks,
        report,
        exported_at_ms: file.exported_at_ms,
        device: file.device,
        acknowledged: file.server.map(|server| Acknowledged {
            origin: server.origin,
            documents: acked,
        }),
    })
}

fn read(json: &str) -> Result<File, BackupError> {
    let probe: Probe = serde_json::from_str(json).map_err(|error| match error.classify() {
        // Valid JSON of another shape, such as an array or a single record.
        Category::Data => BackupError::NotABackup,
        Category::Syntax | Category::Eof | Category::Io => not_json(&error),
    })?;
    if probe.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    match probe.version.as_ref().and_then(Value::as_u64) {
        Some(found) if found == u64::from(FORMAT_VERSION) => {}
        Some(found) if found > u64::from(FORMAT_VERSION) => {
            return Err(BackupError::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            });
        }
        _ => {
            return Err(BackupError::Shape(format!(
                "its \"version\" should be a format version such as {FORMAT_VERSION}"
            )))
        }
    }
    serde_json::from_str(json).map_err(|error| BackupError::Shape(error.to_string()))
}

fn not_json(error: &serde_json::Error) -> BackupError {
    let (line, column) = (error.line(), error.column());
    let message = crate::json_error::message_without_position(error);
    BackupError::NotJson {
        line,
        column,
        message,
    }
}

/// The documents that pass their checks, with the copies one file holds of a document merged,
/// in the order they first appear.
fn documents(
    entries: &[Box<RawValue>],
    context: &Context,
    rejected: &mut Vec<Rejection>,
) -> Vec<Replica> {
    let mut merged: Vec<Replica> = Vec::new();
    let mut positions: BTreeMap<Id, usize> = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let replica = match Replica::decode(entry.get()) {
            Ok(replica) => replica,
            Err(error) => {
                rejected.push(Rejection {
                    index,
                    what: format!("document {}", index + 1),
                    reason: error.to_string(),
                });
                continue;
            }
        };
        if let Err(reason) = check(&replica, context) {
            rejected.push(Rejection {
                index,
                what: format!(
                    "document {} ({} {})",
                    index + 1,
                    replica.kind(),
                    short(replica.id())
                ),
                reason,
            });
            continue;
        }
        match positions.get(&replica.id()) {
            Some(&position) => merged[position].merge(&replica),
            None => {
                positions.insert(replica.id(), merged.len());
                merged.push(replica);
            }
        }
    }
    merged
}

/// Validate a document of a kind and version this build knows. Any other is kept whole, as sync
/// keeps it: this build cannot judge it, and a newer one will read it.
fn check(replica: &Replica, context: &Context) -> Result<(), String> {
    match replica.kind() {
        Engagement::KIND => validate::<Engagement>(replica, context),
        Venue::KIND => validate::<Venue>(replica, context),
        Progress::KIND => validate::<Progress>(replica, context),
        _ => Ok(()),
    }
}

fn validate<D: Document>(replica: &Replica, context: &Context) -> Result<(), String> {
    if replica.version() > D::VERSION {
        return Ok(());
    }
    let doc: D = replica.to_doc().map_err(|error| error.to_string())?;
    doc.validate(context).map_err(|issues| summarise(&issues))
}

/// Enough of an id to tell documents apart in a list.
fn short(id: Id) -> String {
    let text = id.to_string();
    format!("{}…", text.chars().take(8).collect::<String>())
}

/// The frameworks that import cleanly; for an id given twice, the later one.
fn frameworks(entries: &[Box<RawValue>], rejected: &mut Vec<Rejection>) -> Vec<Framework> {
    let mut valid: Vec<Framework> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        match Framework::import(entry.get()) {
            Ok(framework) => match valid.iter_mut().find(|known| known.id == framework.id) {
                Some(known) => *known = framework,
                None => valid.push(framework),
            },
            Err(error) => rejected.push(Rejection {
                index,
                what: format!("framework {}", index + 1),
                reason: framework_reason(error),
            }),
        }
    }
    valid
}

/// The import's own sentence, less the line and column: those count within the entry, not the
/// backup file, so they would point a person to the wrong place.
fn framework_reason(error: FrameworkError) -> String {
    match error {
        FrameworkError::Invalid(issues) => summarise(&issues),
        FrameworkError::UnknownField { field, .. } => {
            format!("\"{field}\" is not a field of a framework file")
        }
        FrameworkError::Shape { message, .. } => {
            format!("it does not have the shape of a framework: {message}")
        }
        // The whole file was read as JSON already, so an entry cannot be malformed.
        syntax @ FrameworkError::Syntax { .. } => syntax.to_string(),
    }
}
