//! What the app's journal of saves relies on: each write reported with its value as stored
//! (`Store::take_written`), and put back after localStorage lost it (`Store::replay`), merging
//! with whatever localStorage kept.

mod support;

use fieldbook_core::model::Venue;
use fieldbook_core::Id;
use fieldbook_local::keys;
use support::Disk;

const NOW: u64 = 1_790_000_000_000;

fn venue(name: &str, area: &str) -> Venue {
    Venue {
        id: Id::from_random([3; 16]),
        name: name.to_owned(),
        area: area.to_owned(),
    }
}

/// A copy of `disk` as it is now: localStorage as the disk held it before a write it then lost.
fn snapshot(disk: &Disk) -> Disk {
    let copy = Disk::new();
    for key in disk.keys() {
        copy.put_raw(&key, &disk.raw(&key).unwrap());
    }
    copy
}

#[test]
fn each_write_is_reported_once_with_its_value_as_stored() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store.take_written();
    let hall = venue("Lapwing Centre", "Brinnington");
    store.save(None, &hall, NOW).unwrap();
    store
        .save_draft("engagement/new", "{\"venue\":\"Lap\"}")
        .unwrap();

    let written = store.take_written();
    let key = keys::doc("venue", hall.id);
    let doc = written.iter().find(|(k, _)| *k == key).expect("the venue");
    // Unpacked: the journal holds text any later version can read, not the packed form.
    assert_eq!(doc.1, store.entry(&key));
    assert!(doc.1.as_deref().unwrap().starts_with('{'));
    assert!(written.contains(&(
        "fb1/draft/engagement/new".to_owned(),
        Some("{\"venue\":\"Lap\"}".to_owned())
    )));
    assert!(store.take_written().is_empty());

    store.discard_draft("engagement/new");
    assert_eq!(
        store.take_written(),
        [("fb1/draft/engagement/new".to_owned(), None)]
    );
}

#[test]
fn a_save_localstorage_lost_is_put_back() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let before = snapshot(&disk);
    let hall = venue("Lapwing Centre", "Brinnington");
    store.save(None, &hall, NOW).unwrap();
    store
        .save_draft("engagement/new", "{\"venue\":\"Lap\"}")
        .unwrap();
    let journal = store.take_written();

    // The browser died before committing: localStorage is as it was before the save.
    let mut again = before.open(NOW + 5_000);
    assert!(again.docs::<Venue>().get(&hall.id).is_none());
    for (key, value) in &journal {
        assert!(again.replay(key, value.as_deref(), NOW + 5_000).unwrap());
    }
    assert_eq!(again.docs::<Venue>().get(&hall.id).unwrap().doc, hall);
    assert_eq!(
        again.draft("engagement/new").as_deref(),
        Some("{\"venue\":\"Lap\"}")
    );
    // And it is written through, not only in memory.
    assert_eq!(
        before
            .open(NOW + 6_000)
            .docs::<Venue>()
            .get(&hall.id)
            .unwrap()
            .doc,
        hall
    );
}

#[test]
fn replaying_what_localstorage_kept_changes_nothing() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store
        .save(None, &venue("Lapwing Centre", "Brinnington"), NOW)
        .unwrap();
    let journal = store.take_written();
    let kept = snapshot(&disk);

    let mut again = disk.open(NOW + 5_000);
    for (key, value) in &journal {
        assert!(!again.replay(key, value.as_deref(), NOW + 5_000).unwrap());
    }
    for key in kept.keys() {
        assert_eq!(disk.raw(&key), kept.raw(&key), "{key} changed");
    }
}

#[test]
fn an_older_journaled_save_merges_with_a_newer_edit_localstorage_kept() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let hall = venue("Lapwing Centre", "Brinnington");
    store.save(None, &hall, NOW).unwrap();
    let journal = store.take_written();
    let renamed = venue("Lapwing Centre (main hall)", "Brinnington");
    store.save(Some(&hall), &renamed, NOW + 1_000).unwrap();

    let mut again = disk.open(NOW + 5_000);
    for (key, value) in &journal {
        again.replay(key, value.as_deref(), NOW + 5_000).unwrap();
    }
    assert_eq!(again.docs::<Venue>().get(&hall.id).unwrap().doc, renamed);
}

#[test]
fn a_removal_localstorage_lost_is_put_back() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store.save_draft("engagement/new", "{}").unwrap();
    let before = snapshot(&disk);
    store.take_written();
    store.discard_draft("engagement/new");
    let journal = store.take_written();

    let mut again = before.open(NOW + 5_000);
    assert!(again.draft("engagement/new").is_some());
    for (key, value) in &journal {
        again.replay(key, value.as_deref(), NOW + 5_000).unwrap();
    }
    assert_eq!(again.draft("engagement/new"), None);
}
