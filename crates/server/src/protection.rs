//! Data protection on the server's copies: taking a person out of the records (erasure) and
//! removing personal data past its retention date. Each is an ordinary edit with the server's
//! own stamp, so it reaches every device by sync like any other change.

use fieldbook_core::model::Engagement;
use fieldbook_core::progress::Progress;
use fieldbook_core::{Clock, DeviceId, Document, Replica};
use sha2::{Digest, Sha256};

/// The name that replaces an erased user's: stable, so their records still group together in
/// reports, and not reversible to the name.
pub fn pseudonym(username: &str) -> String {
    let digest = Sha256::digest(username.as_bytes());
    let hex: String = digest[..5]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("erased-{hex}")
}

/// The server's stamps: later than anything already in the replica it edits.
pub struct ServerClock(Clock);

impl ServerClock {
    pub fn new(device: DeviceId) -> Self {
        Self(Clock::new(device))
    }

    fn stamp_after(&mut self, replica: &Replica, now_ms: u64) -> fieldbook_core::Stamp {
        self.0.observe(replica.updated());
        self.0.tick(now_ms)
    }
}

/// Replace `username` with `pseudonym` wherever the document names them, and clear contact
/// details they recorded. True if anything changed.
pub fn erase(
    replica: &mut Replica,
    username: &str,
    pseudonym: &str,
    clock: &mut ServerClock,
    now_ms: u64,
) -> bool {
    match replica.kind() {
        Engagement::KIND => edit(replica, clock, now_ms, |record: &mut Engagement| {
            if record.author != username {
                return false;
            }
            record.author = pseudonym.to_owned();
            record.contact = None;
            true
        }),
        Progress::KIND => edit(replica, clock, now_ms, |progress: &mut Progress| {
            let mut changed = false;
            if progress.learner == username {
                progress.learner = pseudonym.to_owned();
                changed = true;
            }
            if let Some(review) = progress
                .review
                .as_mut()
                .filter(|review| review.by == username)
            {
                review.by = pseudonym.to_owned();
                changed = true;
            }
            changed
        }),
        _ => false,
    }
}

/// Clear an engagement's contact details and delete it: its retention date has passed.
pub fn expire(replica: &mut Replica, clock: &mut ServerClock, now_ms: u64) -> bool {
    let cleared = edit(replica, clock, now_ms, |record: &mut Engagement| {
        record.contact.take().is_some()
    });
    if !replica.is_deleted() {
        let stamp = clock.stamp_after(replica, now_ms);
        replica.delete(stamp);
        return true;
    }
    cleared
}

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
    let stamp = clock.stamp_after(replica, now_ms);
    replica.update(&doc, stamp)
}

#[cfg(test)]
mod tests {
    use fieldbook_core::{sample, Id};

    use super::*;

    fn clock() -> ServerClock {
        ServerClock::new(Id::from_random([5; 16]))
    }

    #[test]
    fn erasure_replaces_the_name_and_clears_contact_details_with_a_later_stamp() {
        let mut record = sample::engagement(1);
        record.author = "sam".into();
        record.contact = Some(fieldbook_core::model::Contact {
            details: "07700 900123".into(),
            consent_on: record.date,
            retain_until: record.date + chrono::Days::new(30),
        });
        let mut replica = Replica::create(
            &record,
            fieldbook_core::Stamp {
                wall_ms: 5_000,
                counter: 0,
                device: Id::from_random([1; 16]),
            },
        );
        let name = pseudonym("sam");
        assert!(erase(&mut replica, "sam", &name, &mut clock(), 1_000));
        let erased: Engagement = replica.to_doc().unwrap();
        assert_eq!(erased.author, name);
        assert_eq!(erased.contact, None);
        assert!(
            replica.updated().wall_ms >= 5_000,
            "the erasure wins over earlier writes"
        );
        assert!(
            !replica.encode().contains("07700"),
            "nothing of the details is left"
        );
        assert!(
            !erase(&mut replica, "sam", &name, &mut clock(), 2_000),
            "only once"
        );
    }

    #[test]
    fn expiry_clears_contact_details_and_deletes() {
        let mut record = sample::engagement(2);
        record.contact = Some(fieldbook_core::model::Contact {
            details: "flat 3".into(),
            consent_on: record.date,
            retain_until: record.date + chrono::Days::new(1),
        });
        let mut replica = Replica::create(
            &record,
            fieldbook_core::Stamp {
                wall_ms: 1,
                counter: 0,
                device: Id::from_random([1; 16]),
            },
        );
        assert!(expire(&mut replica, &mut clock(), 10));
        assert!(replica.is_deleted());
        assert!(!replica.encode().contains("flat 3"));
        assert_ne!(pseudonym("sam"), pseudonym("sal"));
    }
}
