//! Offline storage: documents, drafts, settings and sync state in the browser's localStorage,
//! one entry per document, with quarantine for damaged entries. The layout is in docs/storage.md.

mod backend;
mod backup;
mod drafts;
mod exchange;
mod frameworks;
mod keys;
mod kinds;
mod quarantine;
mod session;
mod settings;
mod store;
mod sync_state;
mod synced;

pub use backend::ESTIMATED_QUOTA_BYTES;
pub use backup::Imported;
pub use exchange::Exchanged;
pub use kinds::{Collection, Kind};
pub use quarantine::Quarantined;
pub use session::Session;
pub use settings::Settings;
pub use store::{megabytes, Kept, SaveError, Store, Usage};
pub use sync_state::{Conflict, Rejected};
pub use synced::SyncMark;
