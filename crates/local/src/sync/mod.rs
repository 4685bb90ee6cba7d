//! Sync with the server, over any [`Transport`]: one run pushes the outbox in batches within the
//! server's limits, then pulls until there is no more. The protocol is in docs/sync-protocol.md.

mod engine;
mod transport;

pub use engine::{sync_once, Host, Report, SyncError};
pub use transport::{Failure, Transport};
