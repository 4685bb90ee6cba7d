//! Sync in the browser: the HTTP client over fetch, the lock that keeps it to one tab, the
//! engine's host, and the service that decides when to run. The engine itself is
//! `fieldbook_local::sync`; the protocol is in docs/sync-protocol.md.

mod client;
mod host;
mod lock;
mod service;

pub use client::Client;
pub use fieldbook_local::sync::{Failure, Report, SyncError};
pub use service::{SyncService, SyncStatus};
