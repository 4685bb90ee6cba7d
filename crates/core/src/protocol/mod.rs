//! The sync protocol's messages: what the app and the server send each other as JSON. Both sides
//! use these types, so they agree by construction. docs/sync-protocol.md describes the exchange.

pub mod admin;
mod advice;
mod backoff;
mod batching;
mod cursor;
mod devices;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use advice::advice;
pub use backoff::{backoff_ms, MAX_MS as MAX_BACKOFF_MS};
pub use batching::batches;
pub use cursor::{Cursor, CursorError};
pub use devices::SessionSummary;

use crate::id::Id;
use crate::organisation::Organisation;
use crate::report::Section;
use crate::roles::User;
use crate::validate::Issue;

/// `POST /api/v1/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A signed-in session: the bearer token to send, when it stops working, and who it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// Milliseconds since the Unix epoch.
    pub expires_at_ms: u64,
    pub user: User,
}

/// `GET /api/v1/info`: the server's version and the limits a client must keep to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    pub version: String,
    /// The most changes one push may carry.
    pub max_changes: usize,
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    pub server_epoch: String,
    /// Whether records may hold contact details, and for how long; absent from older servers,
    /// which kept none.
    #[serde(default)]
    pub organisation: Organisation,
}

/// One document as it travels: its kind and id, and its replica in the stored wire form
/// (see [`crate::Replica::encode`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub kind: String,
    pub id: Id,
    pub replica: Box<RawValue>,
}

/// `POST /api/v1/sync/push`. A device names each batch; sending the same batch again gives the
/// same results and changes nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub device_id: Id,
    pub batch_id: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushResponse {
    pub batch_id: String,
    /// One per change, in the order sent.
    pub results: Vec<ChangeResult>,
}

/// What became of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stored: the server's copy now holds it.
    Applied,
    /// The server already held all of it.
    Duplicate,
    /// Stored, but some of its fields lost to later edits already on the server; `server` is the
    /// merged copy, which the client should merge in.
    Conflict,
    /// Not stored, for the `reason` given.
    Rejected,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeResult {
    pub id: Id,
    pub kind: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<Box<RawValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

/// Why a change was rejected: a code for machines, a sentence for people, and any validation
/// issues by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

/// `GET /api/v1/sync/pull`: changes after the cursor, oldest first, tombstones included.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<Change>,
    pub next_cursor: String,
    pub has_more: bool,
    pub server_epoch: String,
}

/// `GET /api/v1/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&area=NAME]`: the dashboard's coverage,
/// reach and loop sections, computed on the server over every engagement the user may see, by
/// the same functions the phone uses offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// How many engagements the figures were computed from: every live one the user may see,
    /// in any period and area.
    pub records: usize,
    /// Every area those engagements name, for choosing one.
    pub areas: Vec<String>,
    pub sections: Vec<Section>,
}

/// The body of every error the API sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}
