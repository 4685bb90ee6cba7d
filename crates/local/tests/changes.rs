//! What the app learns of each write: the keys a write changed (to redraw only those), entries
//! put back from the app's journal when the browser lost them, and entries another tab wrote.

mod fixtures;
mod support;

use fieldbook_core::framework;
use fieldbook_core::model::Engagement;
use fieldbook_core::pack::{pack, unpack};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, Clock, Id, Replica};
use fieldbook_local::{keys, Backend, Session, Settings};

use fixtures::{from_elsewhere, NOW};
use support::Disk;

fn doc_key(record: &Engagement) -> String {
    keys::doc("engagement", record.id)
}

/// The browser lost `key`, as it can when it dies before committing localStorage to disk.
fn lose(disk: &Disk, key: &str) {
    disk.clone().remove(key);
}

#[test]
fn a_save_names_its_key() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    assert!(store.take_changed().is_empty(), "opening changes nothing");
    let record = sample::engagement(1);
    store.save(None, &record, NOW).unwrap();
    store.save(None, &record, NOW + 1).unwrap();
    assert_eq!(
        store.take_changed(),
        [doc_key(&record)],
        "once, however often"
    );
    assert!(store.take_changed().is_empty(), "taken, so not named again");
}

#[test]
fn a_draft_names_its_key() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store
        .save_draft("engagement/new", r#"{"venue":"Hall"}"#)
        .unwrap();
    assert_eq!(store.take_changed(), ["fb1/draft/engagement/new"]);
    store.discard_draft("engagement/new");
    assert_eq!(store.take_changed(), ["fb1/draft/engagement/new"]);
}

#[test]
fn a_sync_page_names_each_document_and_the_sync_state() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let (one, two) = (sample::engagement(1), sample::engagement(2));
    let page = vec![from_elsewhere(&one, NOW - 2), from_elsewhere(&two, NOW - 1)];
    store.receive(page, "epoch.1".into()).unwrap();
    let mut expected = vec![doc_key(&one), doc_key(&two), keys::SYNC.to_owned()];
    expected.sort();
    assert_eq!(store.take_changed(), expected);
}

#[test]
fn an_entry_the_browser_lost_is_put_back_from_the_journal() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let record = sample::engagement(1);
    store.save(None, &record, NOW).unwrap();
    let settings = Settings {
        user: "asha.k".to_owned(),
        ..Settings::default()
    };
    store.save_settings(&settings).unwrap();
    let journal = store.take_written();
    assert_eq!(journal.len(), 2);
    for (key, _) in &journal {
        lose(&disk, key);
    }

    let mut again = disk.open(NOW);
    assert!(again.docs::<Engagement>().is_empty(), "lost by the browser");
    for (key, value) in &journal {
        assert_eq!(again.replay(key, value.as_deref(), NOW), Ok(true), "{key}");
    }
    assert_eq!(again.docs::<Engagement>()[&record.id].doc, record);
    assert_eq!(again.settings(), &settings);
    let reopened = disk.open(NOW);
    assert_eq!(reopened.docs::<Engagement>()[&record.id].doc, record);
    assert_eq!(reopened.settings(), &settings, "stored, not only in memory");
}

#[test]
fn replaying_an_entry_already_held_changes_nothing() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store.save(None, &sample::engagement(1), NOW).unwrap();
    store.save_draft("venue/new", r#"{"name":"Hall"}"#).unwrap();
    let journal = store.take_written();
    let before = disk.keys().iter().map(|k| disk.raw(k)).collect::<Vec<_>>();
    for (key, value) in &journal {
        assert_eq!(store.replay(key, value.as_deref(), NOW), Ok(false), "{key}");
    }
    assert!(store.take_changed().is_empty(), "nothing to redraw");
    let after = disk.keys().iter().map(|k| disk.raw(k)).collect::<Vec<_>>();
    assert_eq!(before, after);
}

#[test]
fn a_journaled_document_older_than_the_stored_one_merges_without_losing_the_newer_edit() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let record = sample::engagement(1);
    store.save(None, &record, NOW).unwrap();
    let key = doc_key(&record);
    let as_first_saved = disk.raw(&key).unwrap();
    let mut mine = record.clone();
    mine.notes = "Mine".into();
    store.save(Some(&record), &mine, NOW + 10).unwrap();
    let journal = store.take_written();

    // The browser lost that edit, and another tab has since changed another field, later.
    let mut theirs = Replica::decode(&unpack(&as_first_saved)).unwrap();
    let mut moved = record.clone();
    moved.venue = "Reddish Library".into();
    theirs.update(&moved, Clock::new(Id::from_random([11; 16])).tick(NOW + 20));
    disk.put_raw(&key, &pack(&theirs.encode()));

    let mut again = disk.open(NOW);
    let (_, value) = journal.iter().find(|(k, _)| *k == key).unwrap();
    assert_eq!(again.replay(&key, value.as_deref(), NOW + 30), Ok(true));
    let reopened = disk.open(NOW);
    let stored = &reopened.docs::<Engagement>()[&record.id];
    assert_eq!(stored.doc.notes, "Mine", "the journaled edit is back");
    assert_eq!(
        stored.doc.venue, "Reddish Library",
        "the newer edit is kept"
    );
    assert_eq!(stored.updated, theirs.updated());

    // The journal replayed again on top changes nothing more.
    assert_eq!(again.replay(&key, value.as_deref(), NOW + 40), Ok(false));
}

#[test]
fn a_removal_the_browser_lost_is_removed_again() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store
        .save_draft("engagement/new", r#"{"venue":"Hall"}"#)
        .unwrap();
    let saved = disk.raw("fb1/draft/engagement/new").unwrap();
    store.discard_draft("engagement/new");
    let journal = store.take_written();
    assert_eq!(journal, [("fb1/draft/engagement/new".to_owned(), None)]);
    // The browser lost the removal: the draft is back after a restart.
    disk.put_raw("fb1/draft/engagement/new", &saved);

    let mut again = disk.open(NOW);
    assert!(again.draft("engagement/new").is_some());
    let (key, value) = &journal[0];
    assert_eq!(again.replay(key, value.as_deref(), NOW), Ok(true));
    assert_eq!(again.draft("engagement/new"), None);
    assert_eq!(disk.raw("fb1/draft/engagement/new"), None);
    assert_eq!(again.replay(key, None, NOW), Ok(false), "already gone");
}

fn session() -> Session {
    Session {
        server: "https://fieldbook.example.org".into(),
        token: "t0ken".into(),
        expires_at_ms: NOW + 86_400_000,
        user: User {
            username: "asha.k".into(),
            role: Role::Outreach,
            teams: vec!["stockport".into()],
        },
        expired: false,
    }
}

#[test]
fn entries_another_tab_wrote_are_read_again() {
    let disk = Disk::new();
    let mut mine = disk.open(NOW);
    let mut theirs = disk.open(NOW);
    let settings = Settings {
        user: "asha.k".into(),
        persisted: Some(true),
        active_framework: Some("org-own".into()),
        welcomed: true,
        team_window: fieldbook_core::window::TeamWindow { months: 6 },
    };
    let mut custom = framework::nos_cd().clone();
    custom.id = "org-own".into();
    theirs.save_settings(&settings).unwrap();
    theirs.save_session(&session()).unwrap();
    theirs.save_framework(&custom).unwrap();
    theirs
        .receive(
            vec![from_elsewhere(&sample::engagement(1), NOW - 1)],
            "epoch.4".into(),
        )
        .unwrap();

    // Not heard of yet: this tab keeps what it read.
    assert_eq!(mine.settings(), &Settings::default());
    let written = theirs.take_changed();
    for key in &written {
        mine.reload(key, NOW);
    }
    assert_eq!(mine.settings(), &settings);
    assert_eq!(mine.session(), Some(&session()));
    assert_eq!(
        mine.user().teams,
        ["stockport"],
        "the account, from the session"
    );
    assert_eq!(mine.frameworks().collect::<Vec<_>>(), [&custom]);
    assert_eq!(mine.cursor(), Some("epoch.4"));
    assert_eq!(mine.unsynced().0, 0, "the pulled record is synced here too");
    assert_eq!(mine.take_changed(), written, "each reload is redrawn");

    // Signed out there, and the framework removed: gone here too.
    lose(&disk, keys::SESSION);
    lose(&disk, &keys::framework("org-own"));
    mine.reload(keys::SESSION, NOW);
    mine.reload(&keys::framework("org-own"), NOW);
    assert_eq!(mine.session(), None);
    assert_eq!(mine.frameworks().count(), 0);
}
