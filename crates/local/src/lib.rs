//! The phone's data, with nothing of the browser in it: every document, draft, setting and
//! sync's memory in a key-value [`Backend`] (localStorage in the app, memory in tests), and the
//! sync engine over a [`sync::Transport`] (fetch in the app, the server in process in tests).
//! So the code that can lose someone's work runs, and is tested, natively. The layout is in
//! docs/storage.md.

mod backend;
mod backup;
mod drafts;
mod entries;
mod exchange;
mod frameworks;
pub mod keys;
mod kinds;
mod per_doc;
mod pulled;
mod quarantine;
mod session;
mod settings;
mod store;
pub mod sync;
mod sync_state;
mod synced;
mod window;

pub use backend::{Backend, Memory, WriteError};
pub use backup::Imported;
pub use entries::{cost, ESTIMATED_QUOTA_BYTES};
pub use exchange::Exchanged;
pub use kinds::{Collection, Kind};
pub use quarantine::Quarantined;
pub use session::Session;
pub use settings::Settings;
pub use store::{megabytes, Kept, SaveError, Store, Usage};
pub use sync_state::{Conflict, Held, Rejected};
pub use synced::SyncMark;
