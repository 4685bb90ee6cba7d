//! Schema version 1 documents, as stored by the first release. Every later version must still
//! read them: never edit these files, add new ones beside them.

use chrono::NaiveDate;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::Replica;

fn fixture(name: &str) -> Replica {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Replica::decode(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn engagement_v1_still_decodes() {
    let replica = fixture("engagement-v1.json");
    assert_eq!((replica.kind(), replica.version()), ("engagement", 1));
    let record: Engagement = replica.to_doc().unwrap();
    assert_eq!(record.date, NaiveDate::from_ymd_opt(2026, 5, 17).unwrap());
    assert_eq!(record.venue, "Reddish Vale Tenants' Hall");
    // One priority was removed after the record was made; its tombstone is kept.
    assert_eq!(record.priorities.len(), 2);
    assert_eq!(record.actions[1].status, "in_progress");
    assert!(record.notes.ends_with("Added later."));
    let contact = record.contact.expect("the fixture has contact details");
    assert_eq!(
        contact.retain_until,
        NaiveDate::from_ymd_opt(2027, 5, 17).unwrap()
    );
    // The later edit carries its own stamp.
    assert!(replica.updated() > replica.created());
    // The fast typed read agrees with the full one.
    let json = std::fs::read_to_string(format!(
        "{}/tests/fixtures/engagement-v1.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let stored = Replica::decode_doc::<Engagement>(&json).unwrap();
    assert_eq!(stored.doc, replica.to_doc::<Engagement>().unwrap());
    assert!(!stored.deleted);
}

#[test]
fn venue_v1_still_decodes_with_its_tombstone() {
    let replica = fixture("venue-v1.json");
    assert!(replica.is_deleted());
    let venue: Venue = replica.to_doc().unwrap();
    assert_eq!(venue.name, "St Mary's Church Hall");
    let json = std::fs::read_to_string(format!(
        "{}/tests/fixtures/venue-v1.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(Replica::decode_doc::<Venue>(&json).unwrap().deleted);
}
