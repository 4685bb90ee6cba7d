//! Retention: contact details go when their retention date passes, and what a deleted record or
//! list item held goes once the undo period of the delete is over.

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::replica::Cleared;
use fieldbook_core::{Document, Replica};

use super::{edit, ServerClock};

/// How long a deleted record or list item keeps its content on the server, so that "Undo
/// delete" on a phone still brings it back whole.
pub const UNDO_DAYS: u64 = 30;

/// Clear an engagement's contact details: their retention date has passed. The record stays:
/// without them it holds no personal data, and its counts belong in the reports.
pub fn expire(replica: &mut Replica, clock: &mut ServerClock, now_ms: u64) -> bool {
    edit(replica, clock, now_ms, |record: &mut Engagement| {
        record.contact.take().is_some()
    })
}

/// Clear the content of the document, if it was deleted before `deleted_before_ms`, and of its
/// list items deleted before then, keeping the tombstones. A kind this server does not know is
/// left alone.
pub fn clear_deleted(
    replica: &mut Replica,
    deleted_before_ms: u64,
    clock: &mut ServerClock,
    now_ms: u64,
) -> Cleared {
    let clock = &mut clock.0;
    match replica.kind() {
        Engagement::KIND => replica.clear_deleted::<Engagement>(deleted_before_ms, clock, now_ms),
        Progress::KIND => replica.clear_deleted::<Progress>(deleted_before_ms, clock, now_ms),
        Venue::KIND => replica.clear_deleted::<Venue>(deleted_before_ms, clock, now_ms),
        _ => Cleared::default(),
    }
}

#[cfg(test)]
mod tests {
    use fieldbook_core::model::Contact;
    use fieldbook_core::{sample, Id, Stamp};

    use super::*;

    fn clock() -> ServerClock {
        ServerClock::new(Id::from_random([5; 16]))
    }

    fn with_contact(n: u64, details: &str) -> Engagement {
        let mut record = sample::engagement(n);
        record.contact = Some(Contact {
            details: details.into(),
            consent_on: record.date,
            retain_until: record.date + chrono::Days::new(1),
        });
        record
    }

    fn stamp(wall_ms: u64) -> Stamp {
        Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([1; 16]),
        }
    }

    #[test]
    fn expiry_clears_contact_details_and_keeps_the_record() {
        let mut replica = Replica::create(&with_contact(2, "flat 3"), stamp(1));
        assert!(expire(&mut replica, &mut clock(), 10));
        assert!(!replica.is_deleted());
        assert!(!replica.encode().contains("flat 3"));
        let record: Engagement = replica.to_doc().unwrap();
        assert_eq!(record.reach, sample::engagement(2).reach);
        assert!(
            !expire(&mut replica, &mut clock(), 11),
            "nothing left to clear"
        );
    }

    #[test]
    fn expiry_of_a_deleted_record_leaves_it_deleted() {
        let mut replica = Replica::create(&with_contact(3, "flat 4"), stamp(1));
        replica.delete(stamp(5));
        assert!(expire(&mut replica, &mut clock(), 10));
        assert!(replica.is_deleted());
        assert!(!replica.encode().contains("flat 4"));
    }

    #[test]
    fn a_long_deleted_venue_loses_its_name() {
        let mut venue = Replica::create(
            &Venue {
                id: Id::from_random([3; 16]),
                name: "St Mary's Hall".into(),
                area: "Reddish".into(),
            },
            stamp(1),
        );
        venue.delete(stamp(2));
        assert!(clear_deleted(&mut venue, 3, &mut clock(), 10).document);
        assert!(!venue.encode().contains("St Mary's"));
        assert!(venue.is_deleted());
    }
}
