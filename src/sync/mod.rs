//! Sync with the server: the HTTP client, one sync run, the lock that keeps it to one tab, and
//! the service that decides when to run. The protocol is in docs/sync-protocol.md.

mod client;
mod engine;
mod lock;
mod service;

pub use client::{Client, Failure};
pub use engine::{sync_once, Report, SyncError};
pub use service::{SyncService, SyncStatus};
