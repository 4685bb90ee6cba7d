//! Offline storage: documents, drafts, settings and sync state in the browser's localStorage,
//! one entry per document, with quarantine for damaged entries. The layout is in docs/storage.md.

mod backend;
mod backup;
mod drafts;
mod frameworks;
mod keys;
mod kinds;
mod quarantine;
mod settings;
mod store;
mod sync_state;
mod synced;

pub use backend::ESTIMATED_QUOTA_BYTES;
pub use backup::Imported;
pub use kinds::{Collection, Kind};
pub use quarantine::Quarantined;
pub use settings::Settings;
pub use store::{megabytes, Kept, SaveError, Store, Usage};
