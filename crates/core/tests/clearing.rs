//! Tombstones: deleting a record that a later edit brought back, and clearing long-deleted
//! records and list items, where the content goes, the delete stays, and no copy made before the
//! clearing can bring either back by merging.

use fieldbook_core::model::{Contact, Engagement};
use fieldbook_core::{sample, Clock, Id, Replica, Stamp};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// When the phone wrote the record and when it was deleted.
const WRITTEN_MS: u64 = 1_790_000_000_000;
const DELETED_MS: u64 = WRITTEN_MS + DAY_MS;
/// The server's purge, 40 days after the delete, clearing what was deleted 30 days ago or more.
const PURGE_MS: u64 = DELETED_MS + 40 * DAY_MS;
const GRACE_CUTOFF_MS: u64 = PURGE_MS - 30 * DAY_MS;

fn stamp(wall_ms: u64, device: u8) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: Id::from_random([device; 16]),
    }
}

fn server_clock() -> Clock {
    Clock::new(Id::from_random([9; 16]))
}

/// A record with contact details, notes that name someone, and a priority.
fn record() -> Engagement {
    let mut record = sample::engagement(4);
    record.notes = "Met Jo Bloggs at number 12".into();
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: record.date + chrono::Days::new(3650),
    });
    record
}

/// What of `replica`'s content a person could read: its stored form, less what clearing keeps.
fn holds_personal_content(replica: &Replica) -> bool {
    let text = replica.encode();
    ["Jo Bloggs", "07700", "Raise it with the council"]
        .iter()
        .any(|needle| text.contains(needle))
}

fn deleted_record() -> Replica {
    let mut replica = Replica::create(&record(), stamp(WRITTEN_MS, 1));
    replica.delete(stamp(DELETED_MS, 1));
    replica
}

#[test]
fn clearing_a_long_deleted_record_does_not_bring_it_back() {
    let mut replica = deleted_record();
    let cleared =
        replica.clear_deleted::<Engagement>(GRACE_CUTOFF_MS, &mut server_clock(), PURGE_MS);
    assert!(cleared.document);
    assert!(replica.is_deleted(), "the clearing writes after the delete");
    assert!(!holds_personal_content(&replica), "{}", replica.encode());
    let doc: Engagement = replica.to_doc().expect("a cleared record still reads");
    assert_eq!((doc.date, &doc.author), (record().date, &record().author));
    assert_eq!((doc.contact, doc.notes.as_str()), (None, ""));
    assert!(doc
        .priorities
        .iter()
        .all(|priority| priority.text.is_empty()));
    let stored = Replica::decode_doc::<Engagement>(&replica.encode()).unwrap();
    assert!(stored.deleted && stored.doc.contact.is_none());
}

#[test]
fn an_old_copy_merging_back_cannot_restore_cleared_content_or_undo_the_delete() {
    // A phone that never saw the delete, and wrote contact details before it that it had not
    // yet pushed: a field the cleared copy never held.
    let mut old_phone = Replica::create(&record(), stamp(WRITTEN_MS, 1));
    let mut edited = record();
    edited.notes = "Jo Bloggs again".into();
    old_phone.update(&edited, stamp(WRITTEN_MS + 1_000, 2));
    let mut without_contact = record();
    without_contact.contact = None;
    let mut server = Replica::create(&without_contact, stamp(WRITTEN_MS, 1));
    server.delete(stamp(DELETED_MS, 1));
    server.clear_deleted::<Engagement>(GRACE_CUTOFF_MS, &mut server_clock(), PURGE_MS);

    let mut merged_on_server = server.clone();
    merged_on_server.merge(&old_phone);
    let mut merged_on_phone = old_phone.clone();
    merged_on_phone.merge(&server);
    for merged in [&merged_on_server, &merged_on_phone] {
        assert!(merged.is_deleted());
        assert!(!holds_personal_content(merged), "{}", merged.encode());
    }
    assert_eq!(merged_on_server, merged_on_phone);
}

#[test]
fn a_recently_deleted_record_keeps_its_content_so_undo_still_works() {
    let mut replica = deleted_record();
    let before = replica.clone();
    let too_early = DELETED_MS - 1;
    let cleared = replica.clear_deleted::<Engagement>(too_early, &mut server_clock(), PURGE_MS);
    assert!(!cleared.any());
    assert_eq!(replica, before);
    replica.restore(stamp(PURGE_MS, 1));
    assert_eq!(
        replica.to_doc::<Engagement>().unwrap().notes,
        record().notes
    );
}

#[test]
fn a_long_deleted_list_item_is_cleared_and_stays_deleted_in_a_live_record() {
    let original = record();
    let mut replica = Replica::create(&original, stamp(WRITTEN_MS, 1));
    let old_phone = replica.clone();
    let mut without_actions = original.clone();
    without_actions.actions.clear();
    replica.update(&without_actions, stamp(DELETED_MS, 1));

    let cleared =
        replica.clear_deleted::<Engagement>(GRACE_CUTOFF_MS, &mut server_clock(), PURGE_MS);
    assert_eq!((cleared.document, cleared.elements), (false, 2));
    assert!(!replica.is_deleted());
    let doc: Engagement = replica.to_doc().unwrap();
    assert!(doc.actions.is_empty(), "the cleared actions stay deleted");
    assert_eq!(doc.notes, original.notes, "the live record is untouched");
    assert!(!replica.encode().contains("Raise it with the council"));

    let mut merged = replica.clone();
    merged.merge(&old_phone);
    assert!(merged.to_doc::<Engagement>().unwrap().actions.is_empty());
    assert!(!merged.encode().contains("Raise it with the council"));
}

#[test]
fn clearing_twice_writes_nothing_the_second_time() {
    let mut replica = deleted_record();
    let mut clock = server_clock();
    replica.clear_deleted::<Engagement>(GRACE_CUTOFF_MS, &mut clock, PURGE_MS);
    let once = replica.clone();
    let again = replica.clear_deleted::<Engagement>(GRACE_CUTOFF_MS, &mut clock, PURGE_MS + 1);
    assert!(!again.any());
    assert_eq!(replica, once);
}

#[test]
fn deleting_again_a_record_that_a_later_edit_brought_back_deletes_it() {
    let mut replica = deleted_record();
    let mut edited = record();
    edited.notes = "written on a phone that had not seen the delete".into();
    replica.update(&edited, stamp(DELETED_MS + 1_000, 2));
    assert!(!replica.is_deleted(), "the later edit brings it back");
    replica.delete(stamp(DELETED_MS + 2_000, 1));
    assert!(replica.is_deleted());
}
