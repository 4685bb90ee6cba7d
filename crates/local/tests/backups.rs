//! Backups: an export imported elsewhere reproduces the data, bad entries are reported and
//! skipped, a file that is not a backup is a clear error, and records the server holds stay
//! synced through a backup.

mod fixtures;
mod support;

use chrono::NaiveDate;
use fieldbook_core::framework;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::protocol::Status;
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, Id, Replica};
use fieldbook_local::{Session, Store, SyncMark};

use fixtures::{context, result, venue, NOW};
use support::Disk;

#[test]
fn importing_an_export_reproduces_the_data() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let records: Vec<Engagement> = (0..20).map(sample::engagement).collect();
    for record in &records {
        store.save(None, record, NOW).unwrap();
    }
    let place = venue(9, "Reddish Vale Tenants' Hall");
    store.save(None, &place, NOW).unwrap();
    store.delete::<Venue>(place.id, NOW + 1).unwrap();
    let mut custom = framework::nos_cd().clone();
    custom.id = "org-own".to_owned();
    store.save_framework(&custom).unwrap();
    let file = store.export(NOW + 2);

    let other = Disk::new();
    let mut empty = other.open(NOW);
    let imported = empty.import(&file, &context(), NOW + 3).unwrap();
    assert_eq!(
        imported.report.summary(),
        "Added 21, updated 0, unchanged 0, rejected 0."
    );
    assert_eq!(imported.stopped, None);

    let again = other.open(NOW);
    for record in &records {
        assert_eq!(&again.docs::<Engagement>()[&record.id].doc, record);
    }
    assert!(
        again.docs::<Venue>()[&place.id].deleted,
        "the tombstone came too"
    );
    assert_eq!(again.frameworks().next(), Some(&custom));

    // The same file again changes nothing.
    let mut same = other.open(NOW);
    let twice = same.import(&file, &context(), NOW + 4).unwrap();
    assert_eq!(
        twice.report.summary(),
        "Added 0, updated 0, unchanged 21, rejected 0."
    );
}

#[test]
fn importing_a_file_with_bad_entries_reports_each_and_imports_the_rest() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    for n in 0..3 {
        store.save(None, &sample::engagement(n), NOW).unwrap();
    }
    let mut file: serde_json::Value = serde_json::from_str(&store.export(NOW)).unwrap();
    let mut future = sample::engagement(50);
    future.date = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let invalid = Replica::create(
        &future,
        fieldbook_core::Clock::new(Id::from_random([4; 16])).tick(NOW),
    );
    let documents = file["documents"].as_array_mut().unwrap();
    documents.push(serde_json::json!({ "k": "engagement", "v": 1 }));
    documents.push(serde_json::from_str(&invalid.encode()).unwrap());
    file["frameworks"] = serde_json::json!([{ "schema": 1, "id": "broken" }]);

    let other = Disk::new();
    let mut empty = other.open(NOW);
    let imported = empty.import(&file.to_string(), &context(), NOW).unwrap();
    let report = imported.report;
    assert_eq!((report.added, report.rejected.len()), (3, 3), "{report:?}");
    let reasons: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.reason.as_str()))
        .collect();
    assert_eq!(reasons[0].0, 3);
    assert!(
        reasons[0].1.contains("not a Fieldbook document"),
        "{reasons:?}"
    );
    assert_eq!(reasons[1].0, 4);
    assert!(reasons[1].1.contains("is in the future"), "{reasons:?}");
    assert_eq!(reasons[2].0, 0);
    assert_eq!(other.open(NOW).docs::<Engagement>().len(), 3);
}

#[test]
fn a_file_that_is_not_a_backup_is_a_clear_error() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let error = store
        .import("{\"format\":\"something-else\"}", &context(), NOW)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .to_lowercase()
            .contains("not a fieldbook backup"),
        "{error}"
    );
    let error = store.import("{ not json", &context(), NOW).unwrap_err();
    assert!(error.to_string().contains("line 1"), "{error}");
}

const SERVER: &str = "https://fieldbook.example.org";

fn signed_in(store: &mut Store, server: &str) {
    store
        .save_session(&Session {
            server: server.into(),
            token: "t0ken".into(),
            expires_at_ms: NOW + 86_400_000,
            user: User {
                username: "asha.k".into(),
                role: Role::Outreach,
                teams: Vec::new(),
            },
            expired: false,
        })
        .unwrap();
}

/// Push everything waiting and have the server take it all.
fn push_all(store: &mut Store) {
    let sent: Vec<_> = store
        .outbox()
        .into_iter()
        .map(|(kind, id)| store.change_for(kind, id).unwrap())
        .collect();
    let answers: Vec<_> = sent
        .iter()
        .map(|(change, _)| result(change, Status::Applied))
        .collect();
    store.acknowledge(&sent, &answers).unwrap();
}

/// A backup from a phone signed in to [`SERVER`] that has synced `synced`, then saved
/// `edited` with a change the server has not had.
fn backup_of(synced: &[Engagement], edited: &Engagement) -> String {
    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    signed_in(&mut phone, SERVER);
    for record in synced.iter().chain([edited]) {
        phone.save(None, record, NOW).unwrap();
    }
    push_all(&mut phone);
    let mut changed = edited.clone();
    changed.notes = "Added after the last sync".into();
    phone.save(Some(edited), &changed, NOW + 1).unwrap();
    phone.export(NOW + 2)
}

#[test]
fn records_the_server_holds_stay_synced_through_a_backup() {
    let synced: Vec<Engagement> = (40..44).map(sample::engagement).collect();
    let edited = sample::engagement(44);
    let file = backup_of(&synced, &edited);

    // A new phone signed in to the same server, and one not signed in yet.
    for sign_in in [true, false] {
        let disk = Disk::new();
        let mut phone = disk.open(NOW);
        if sign_in {
            signed_in(&mut phone, SERVER);
        }
        let imported = phone.import(&file, &context(), NOW + 3).unwrap();
        assert_eq!(imported.stopped, None);
        for record in &synced {
            assert_eq!(phone.sync_mark::<Engagement>(record.id), SyncMark::Synced);
        }
        assert_eq!(
            phone.sync_mark::<Engagement>(edited.id),
            SyncMark::OnlyHere,
            "changed since the server had it"
        );
        assert_eq!(phone.outbox(), [("engagement", edited.id)]);
        assert_eq!(disk.open(NOW).unsynced().0, 1, "stored, not only in memory");
    }
}

#[test]
fn a_backup_from_another_server_is_offered_to_this_one() {
    let synced: Vec<Engagement> = (40..43).map(sample::engagement).collect();
    let file = backup_of(&synced, &sample::engagement(43));
    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    signed_in(&mut phone, "https://other.example.org");
    phone.import(&file, &context(), NOW + 3).unwrap();
    assert_eq!(phone.unsynced().0, 4);
}

#[test]
fn an_unsynced_edit_here_stays_unsynced_when_a_backup_is_merged_in() {
    let record = sample::engagement(50);
    let file = backup_of(std::slice::from_ref(&record), &sample::engagement(51));

    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    signed_in(&mut phone, SERVER);
    // This phone holds its own copy, edited here since and never synced: the merge keeps its
    // edit, which the server has never had.
    let mut mine = record.clone();
    mine.venue = "Edited on this phone".into();
    phone.save(None, &record, NOW - 20).unwrap();
    phone.save(Some(&record), &mine, NOW + 5).unwrap();
    phone.import(&file, &context(), NOW + 3).unwrap();
    assert_eq!(
        phone.docs::<Engagement>()[&record.id].doc.venue,
        "Edited on this phone"
    );
    assert_eq!(phone.sync_mark::<Engagement>(record.id), SyncMark::OnlyHere);
}

#[test]
fn a_record_synced_here_and_in_the_backup_stays_synced_once_merged() {
    let record = sample::engagement(52);
    // The backup's phone synced a later edit of the notes.
    let source = Disk::new();
    let mut theirs = source.open(NOW);
    signed_in(&mut theirs, SERVER);
    theirs.save(None, &record, NOW).unwrap();
    let mut noted = record.clone();
    noted.notes = "Their notes".into();
    theirs.save(Some(&record), &noted, NOW + 10).unwrap();
    push_all(&mut theirs);
    let file = theirs.export(NOW + 11);

    // This phone synced its own edit of the venue: the server holds both, merged.
    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    signed_in(&mut phone, SERVER);
    phone.save(None, &record, NOW - 20).unwrap();
    let mut moved = record.clone();
    moved.venue = "Our venue".into();
    phone.save(Some(&record), &moved, NOW + 5).unwrap();
    push_all(&mut phone);
    phone.import(&file, &context(), NOW + 12).unwrap();
    let merged = &phone.docs::<Engagement>()[&record.id].doc;
    assert_eq!(
        (merged.notes.as_str(), merged.venue.as_str()),
        ("Their notes", "Our venue")
    );
    assert_eq!(phone.sync_mark::<Engagement>(record.id), SyncMark::Synced);
}

#[test]
fn a_backup_without_what_the_server_holds_imports_as_before() {
    let synced: Vec<Engagement> = (40..43).map(sample::engagement).collect();
    let mut file: serde_json::Value =
        serde_json::from_str(&backup_of(&synced, &sample::engagement(43))).unwrap();
    assert!(file["server"]["acked"].as_object().unwrap().len() == 3);
    file.as_object_mut().unwrap().remove("server");

    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    signed_in(&mut phone, SERVER);
    let imported = phone
        .import(&file.to_string(), &context(), NOW + 3)
        .unwrap();
    assert_eq!(imported.report.added, 4);
    assert_eq!(phone.unsynced().0, 4, "offered to the server, as before");
}

#[test]
fn a_phone_never_signed_in_exports_no_server() {
    let disk = Disk::new();
    let mut phone = disk.open(NOW);
    phone.save(None, &sample::engagement(1), NOW).unwrap();
    let file: serde_json::Value = serde_json::from_str(&phone.export(NOW)).unwrap();
    assert!(file.get("server").is_none());
}
