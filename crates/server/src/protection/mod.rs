//! Data protection on the server's copies: taking a person out of the records (erasure), and
//! removing personal data past its retention date or past the undo period of a delete
//! (retention). Each is an ordinary edit with the server's own stamp, so it reaches every device
//! by sync like any other change.

mod erasure;
mod retention;

use fieldbook_core::{Clock, DeviceId, Document, Replica, Stamp};

pub use erasure::{erase, names, Pseudonyms};
pub use retention::{clear_deleted, expire, UNDO_DAYS};

/// The server's stamps: later than anything already in the replica it edits.
pub struct ServerClock(Clock);

impl ServerClock {
    pub fn new(device: DeviceId) -> Self {
        Self(Clock::new(device))
    }

    fn stamp_after(&mut self, replica: &Replica, now_ms: u64) -> Stamp {
        self.0.observe(replica.updated());
        self.0.tick(now_ms)
    }
}

/// Read `replica` as a `D`, let `change` edit it, and write what changed with a server stamp.
/// A deleted document stays deleted: a write after its tombstone would bring it back, so the
/// tombstone is written again after the edit. False if it is not a readable `D` or `change`
/// changed nothing.
fn edit<D: Document>(
    replica: &mut Replica,
    clock: &mut ServerClock,
    now_ms: u64,
    change: impl FnOnce(&mut D) -> bool,
) -> bool {
    let Ok(mut doc) = replica.to_doc::<D>() else {
        return false;
    };
    if !change(&mut doc) {
        return false;
    }
    let was_deleted = replica.is_deleted();
    let stamp = clock.stamp_after(replica, now_ms);
    if !replica.update(&doc, stamp) {
        return false;
    }
    if was_deleted {
        let stamp = clock.stamp_after(replica, now_ms);
        replica.delete(stamp);
    }
    true
}
