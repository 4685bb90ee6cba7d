//! The phone's data in the browser: the store (in `fieldbook-local`) over localStorage, opened
//! here, and the journal that makes each save durable. The layout is in docs/storage.md.

mod journal;
mod local_storage;

pub use fieldbook_local::{
    megabytes, Collection, Conflict, Exchanged, Imported, Kept, Kind, Quarantined, Rejected,
    SaveError, Session, Settings, Store, SyncMark, Usage, ESTIMATED_QUOTA_BYTES,
};
pub use journal::{Entry, Journal};

/// Open the store over this browser's localStorage (or memory, where it keeps nothing).
pub fn open(now_ms: u64, random: impl FnMut(&mut [u8])) -> Store {
    Store::open(local_storage::open(), now_ms, random)
}
