//! The store over a simulated localStorage: documents round-trip, a full quota damages nothing,
//! damaged and newer entries are set aside, two tabs keep each other's edits, and settings are
//! read once.

mod fixtures;
mod support;

use chrono::NaiveDate;
use fieldbook_core::framework::{self, Framework};
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::pack::{pack, unpack};
use fieldbook_core::progress::Progress;
use fieldbook_core::{sample, ElementId, Id, Replica};
use fieldbook_local::{SaveError, Settings};

use fixtures::{venue, NOW};
use support::Disk;

#[test]
fn every_document_type_survives_a_round_trip() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let record = sample::engagement(1);
    let place = venue(1, "St Mary's Church Hall");
    let mut progress = Progress::new(Id::from_random([3; 16]), "ali.khan", "nos-cd-2023", "07");
    progress.evidence.push(fieldbook_core::progress::Evidence {
        id: ElementId::new(NOW, [1; 4]),
        date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        note: "Mapped where people meet.".to_owned(),
        engagement: Some(record.id),
    });
    let mut custom: Framework = framework::nos_cd().clone();
    custom.id = "ocn-unit-3".to_owned();
    store.save(None, &record, NOW).unwrap();
    store.save(None, &place, NOW).unwrap();
    store.save(None, &progress, NOW).unwrap();
    store.save_framework(&custom).unwrap();
    store
        .save_draft("engagement/new", r#"{"venue":"Hall"}"#)
        .unwrap();
    let settings = Settings {
        user: "asha.k".to_owned(),
        persisted: Some(true),
        active_framework: Some("ocn-unit-3".to_owned()),
        welcomed: true,
        team_window: fieldbook_core::window::TeamWindow { months: 6 },
    };
    store.save_settings(&settings).unwrap();

    let again = disk.open(NOW);
    assert_eq!(again.docs::<Engagement>()[&record.id].doc, record);
    assert_eq!(again.docs::<Venue>()[&place.id].doc, place);
    assert_eq!(again.docs::<Progress>()[&progress.id].doc, progress);
    assert_eq!(again.frameworks().next(), Some(&custom));
    assert_eq!(
        again.draft("engagement/new").as_deref(),
        Some(r#"{"venue":"Hall"}"#)
    );
    assert_eq!(again.settings().clone(), settings);
    assert_eq!(again.device(), store.device(), "the device id is kept");
    assert!(again.usage().used_bytes > 0);
}

#[test]
fn a_full_quota_fails_the_save_and_damages_nothing() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let saved: Vec<Engagement> = (0..3).map(sample::engagement).collect();
    for record in &saved {
        store.save(None, record, NOW).unwrap();
    }
    disk.fill();

    let error = store.save(None, &sample::engagement(99), NOW).unwrap_err();
    assert!(matches!(error, SaveError::Full { .. }));
    assert!(
        error
            .to_string()
            .starts_with("Not saved: this phone's storage for Fieldbook is full ("),
        "{error}"
    );
    assert!(!store
        .docs::<Engagement>()
        .contains_key(&sample::engagement(99).id));

    // An edit to an existing record fails as well, and leaves it as it was.
    let mut edited = saved[0].clone();
    edited.notes = "y".repeat(9_000);
    assert!(store.save(Some(&saved[0]), &edited, NOW + 1).is_err());

    disk.set_quota(None);
    let again = disk.open(NOW);
    assert_eq!(again.docs::<Engagement>().len(), 3);
    for record in &saved {
        assert_eq!(&again.docs::<Engagement>()[&record.id].doc, record);
    }
}

#[test]
fn a_garbled_entry_is_quarantined_and_the_rest_load() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    for n in 0..3 {
        store.save(None, &sample::engagement(n), NOW).unwrap();
    }
    let bad_key = format!("fb1/doc/engagement/{}", Id::from_random([7; 16]));
    disk.put_raw(&bad_key, "{\"k\":\"engagement\",\"v\":1,\"d\":[");

    let again = disk.open(NOW);
    assert_eq!(again.docs::<Engagement>().len(), 3);
    let quarantined = again.quarantined();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].key, bad_key);
    assert_eq!(quarantined[0].raw, "{\"k\":\"engagement\",\"v\":1,\"d\":[");
    assert!(quarantined[0]
        .reason
        .starts_with("this is not a Fieldbook document"));
    assert!(disk.raw(&bad_key).is_none(), "moved out of the way");
    // It stays listed on the next start, from its quarantine entry.
    assert_eq!(disk.open(NOW).quarantined().len(), 1);
}

#[test]
fn an_interrupted_clean_up_is_tidied_at_start_up() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let kept = sample::engagement(1);
    store.save(None, &kept, NOW).unwrap();
    let stamp = store.docs::<Engagement>()[&kept.id].updated;
    // Clean-up removed two synced records, then the page died before it rewrote the sync state.
    let gone = |n: u8| format!("engagement/{}", Id::from_random([n; 16]));
    let short_key = format!("engagement/{}", kept.id);
    let at = (stamp.wall_ms, stamp.counter, 0);
    let sync = serde_json::json!({ "acked": {
        "d": [stamp.device],
        "a": { short_key.clone(): at, gone(1): at, gone(2): at },
    } });
    disk.put_raw("fb1/sync", &sync.to_string());

    let again = disk.open(NOW);
    assert_eq!(again.repaired(), 2);
    assert_eq!(
        again.unsynced().0,
        0,
        "the record that is still here is still synced"
    );
    // The sync state is stored packed, like the documents.
    let stored: serde_json::Value =
        serde_json::from_str(&unpack(&disk.raw("fb1/sync").unwrap())).unwrap();
    assert_eq!(
        stored["acked"]["a"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [&short_key]
    );
}

#[test]
fn an_entry_from_a_newer_version_is_kept_and_never_overwritten() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let record = sample::engagement(4);
    store.save(None, &record, NOW).unwrap();
    let key = format!("fb1/doc/engagement/{}", record.id);
    let stored = unpack(&disk.raw(&key).unwrap());
    let newer = pack(&stored.replacen(r#""v":1"#, r#""v":2"#, 1));
    disk.put_raw(&key, &newer);

    let mut again = disk.open(NOW);
    assert!(again.quarantined().is_empty());
    assert_eq!(again.kept().len(), 1);
    assert_eq!(again.save(None, &record, NOW + 1), Err(SaveError::Newer));
    assert_eq!(disk.raw(&key).unwrap(), newer);
}

#[test]
fn two_copies_editing_one_record_keep_both_edits() {
    let disk = Disk::new();
    let mut first = disk.open(NOW);
    let original = venue(5, "Adswood Library");
    first.save(None, &original, NOW).unwrap();
    // A second tab loads the same record.
    let mut second = disk.open(NOW);

    let mut renamed = original.clone();
    renamed.name = "Adswood Community Library".to_owned();
    first.save(Some(&original), &renamed, NOW + 10).unwrap();

    // The second tab has not heard of the rename yet, and changes the area.
    let mut moved = original.clone();
    moved.area = "Adswood".to_owned();
    second.save(Some(&original), &moved, NOW + 20).unwrap();

    let merged = disk.open(NOW).docs::<Venue>()[&original.id].doc.clone();
    assert_eq!(merged.name, "Adswood Community Library");
    assert_eq!(merged.area, "Adswood");
}

#[test]
fn delete_is_a_tombstone_that_can_be_undone() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let place = venue(6, "Reddish Library");
    store.save(None, &place, NOW).unwrap();
    store.delete::<Venue>(place.id, NOW + 1).unwrap();
    assert!(disk.open(NOW).docs::<Venue>()[&place.id].deleted);
    store.restore::<Venue>(place.id, NOW + 2).unwrap();
    assert!(!disk.open(NOW).docs::<Venue>()[&place.id].deleted);
}

#[test]
fn a_write_lost_to_another_tab_at_the_same_instant_is_merged_back() {
    let disk = Disk::new();
    let mut mine = disk.open(NOW);
    let original = venue(10, "Brinnington Library");
    mine.save(None, &original, NOW).unwrap();
    let key = format!("fb1/doc/venue/{}", original.id);
    let before_my_edit = disk.raw(&key).unwrap();

    let mut renamed = original.clone();
    renamed.name = "Brinnington Community Library".to_owned();
    mine.save(Some(&original), &renamed, NOW + 10).unwrap();

    // Another tab read the entry before that save and wrote its own edit over it.
    let mut theirs = Replica::decode(&unpack(&before_my_edit)).unwrap();
    let mut other_area = original.clone();
    other_area.area = "Brinnington East".to_owned();
    theirs.update(
        &other_area,
        fieldbook_core::Clock::new(Id::from_random([11; 16])).tick(NOW + 20),
    );
    disk.put_raw(&key, &pack(&theirs.encode()));

    // The storage event reaches this tab, which puts its rename back.
    mine.reload(&key, NOW + 30);
    let merged = disk.open(NOW).docs::<Venue>()[&original.id].doc.clone();
    assert_eq!(merged.name, "Brinnington Community Library");
    assert_eq!(merged.area, "Brinnington East");
    assert_eq!(mine.docs::<Venue>()[&original.id].doc, merged);
}

#[test]
fn settings_are_read_once_and_kept() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let settings = Settings {
        user: "asha.k".to_owned(),
        ..Settings::default()
    };
    store.save_settings(&settings).unwrap();
    // Changed underneath without a storage event: the store keeps what it read, so reading
    // settings costs no parse, and only a reload (the event) reads them again.
    disk.put_raw("fb1/settings", r#"{"user":"someone.else"}"#);
    assert_eq!(store.settings(), &settings);
    assert_eq!(store.user().username, "asha.k");
    store.reload("fb1/settings", NOW);
    assert_eq!(store.settings().user, "someone.else");
    // Settings from before the window was a setting read with the default.
    assert_eq!(store.settings().team_window.months, 12);
}

#[test]
fn damaged_settings_are_quarantined_at_open_and_the_defaults_used() {
    let disk = Disk::new();
    disk.open(NOW)
        .save(None, &sample::engagement(1), NOW)
        .unwrap();
    disk.put_raw("fb1/settings", r#"{"user": "asha.k", "persisted": "#);

    let mut store = disk.open(NOW);
    assert_eq!(store.settings(), &Settings::default());
    assert_eq!(store.docs::<Engagement>().len(), 1, "the rest loads");
    let quarantined = store.quarantined();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].key, "fb1/settings");
    assert_eq!(quarantined[0].raw, r#"{"user": "asha.k", "persisted": "#);
    assert!(quarantined[0]
        .reason
        .starts_with("the settings could not be read"));
    assert!(disk.raw("fb1/settings").is_none(), "moved out of the way");

    // New settings save where the damaged ones were, and the damaged copy stays to export.
    let settings = Settings {
        user: "asha.k".to_owned(),
        ..Settings::default()
    };
    store.save_settings(&settings).unwrap();
    let again = disk.open(NOW);
    assert_eq!(again.settings(), &settings);
    assert_eq!(again.quarantined().len(), 1);
}

#[test]
fn only_a_phone_new_to_fieldbook_is_welcomed_until_the_welcome_is_read() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    assert!(store.needs_welcome());
    let read = Settings {
        welcomed: true,
        ..store.settings().clone()
    };
    store.save_settings(&read).unwrap();
    assert!(!store.needs_welcome());
    assert!(!disk.open(NOW).needs_welcome(), "read once, never again");

    // A phone already holding work, or signed in, was in use before: no welcome.
    let with_work = Disk::new();
    let mut store = with_work.open(NOW);
    store
        .save(None, &venue(1, "St Mary's Church Hall"), NOW)
        .unwrap();
    assert!(!store.needs_welcome());
    let signed_in = Disk::new();
    let mut store = signed_in.open(NOW);
    store
        .save_session(&fieldbook_local::Session {
            server: "https://fieldbook.example.org".into(),
            token: "token".into(),
            expires_at_ms: NOW + 1,
            user: fieldbook_core::roles::User {
                username: "sam".into(),
                role: fieldbook_core::roles::Role::Outreach,
                teams: vec![],
            },
            expired: false,
        })
        .unwrap();
    assert!(!store.needs_welcome());
}
