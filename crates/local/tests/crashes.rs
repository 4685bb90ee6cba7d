//! A device that dies between two writes of one operation: clean-up, a push's answer, a pulled
//! page, an import. Reopened, the store is consistent and nothing saved is lost.

mod fixtures;
mod support;

use fieldbook_core::keeping::DAY_MS;
use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::{Change, Status};
use fieldbook_core::{sample, Id, Replica, Stamp};
use fieldbook_local::Store;
use serde_json::value::RawValue;

use fixtures::{context, from_elsewhere, result, NOW};
use support::Disk;

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

#[test]
fn a_crash_during_clean_up_loses_nothing_unsynced_and_a_second_run_finishes() {
    let old = NOW - 40 * DAY_MS;
    let synced_old: Vec<Engagement> = (1..=3).map(sample::engagement).collect();
    let (recent, unsynced) = (sample::engagement(4), sample::engagement(5));
    // Three removals and the sync state: every point a crash can fall between them.
    for changes in 0..=4 {
        let disk = Disk::new();
        let mut store = disk.open(old);
        for record in &synced_old {
            store.save(None, record, old).unwrap();
        }
        store.save(None, &recent, NOW).unwrap();
        push_all(&mut store);
        store.save(None, &unsynced, old).unwrap();

        disk.crash_after_changes(changes);
        let _ = store.remove_synced_older_than(30, NOW);
        disk.revive();

        let mut again = disk.open(NOW);
        let removed = changes.min(3);
        let left = synced_old
            .iter()
            .filter(|r| again.docs::<Engagement>().contains_key(&r.id))
            .count();
        assert_eq!(left, 3 - removed, "crash after {changes}");
        let sync_written = changes == 4;
        assert_eq!(again.repaired(), if sync_written { 0 } else { removed });
        assert_eq!(
            again.outbox(),
            [("engagement", unsynced.id)],
            "crash after {changes}"
        );
        assert!(again.is_synced::<Engagement>(recent.id));
        assert_eq!(again.docs::<Engagement>()[&unsynced.id].doc, unsynced);

        assert_eq!(again.remove_synced_older_than(30, NOW), Ok(3 - removed));
        let done = disk.open(NOW);
        assert_eq!(done.docs::<Engagement>().len(), 2, "crash after {changes}");
        assert_eq!(done.unsynced().0, 1);
    }
}

/// A push of two records, one the server refuses, and one that lost a field to a later edit
/// made elsewhere: the sync state, and the merged record, are written.
#[test]
fn a_crash_while_storing_the_servers_answer_loses_no_edit() {
    for writes in 0..=3 {
        let disk = Disk::new();
        let mut store = disk.open(NOW);
        let (kept, refused) = (sample::engagement(1), sample::engagement(2));
        store.save(None, &kept, NOW).unwrap();
        store.save(None, &refused, NOW).unwrap();
        let mut mine = kept.clone();
        mine.notes = "Mine".into();
        store.save(Some(&kept), &mine, NOW + 1_000).unwrap();
        let sent: Vec<(Change, Stamp)> = [kept.id, refused.id]
            .into_iter()
            .map(|id| store.change_for("engagement", id).unwrap())
            .collect();
        // The server holds a later edit of the notes, made on another phone.
        let mut later = Replica::decode(sent[0].0.replica.get()).unwrap();
        let mut theirs = mine.clone();
        theirs.notes = "Theirs".into();
        later.update(
            &theirs,
            Stamp {
                wall_ms: NOW + 5_000,
                counter: 0,
                device: Id::from_random([9; 16]),
            },
        );
        let mut conflict = result(&sent[0].0, Status::Conflict);
        conflict.server = Some(RawValue::from_string(later.encode()).unwrap());
        let answers = [conflict, result(&sent[1].0, Status::Rejected)];

        disk.crash_after(writes);
        let _ = store.acknowledge(&sent, &answers);
        disk.revive();

        let again = disk.open(NOW);
        let notes = again.docs::<Engagement>()[&kept.id].doc.notes.clone();
        // "Mine" is either still the record's, or kept as a conflict to bring back.
        let mine_kept = notes == "Mine"
            || again
                .conflicts()
                .iter()
                .any(|c| c.field.mine == serde_json::json!("Mine"));
        assert!(mine_kept, "crash after {writes}: {notes}");
        assert_eq!(again.docs::<Engagement>()[&refused.id].doc, refused);
        // Whatever the server's answer did not get to record is sent again.
        let unanswered = again.rejected().count() == 0;
        assert_eq!(
            again.outbox().contains(&("engagement", refused.id)),
            unanswered,
            "crash after {writes}"
        );
    }
}

#[test]
fn a_crash_while_storing_a_pulled_page_loses_neither_the_page_nor_its_cursor() {
    let page: Vec<Engagement> = (10..15).map(sample::engagement).collect();
    let changes = || -> Vec<Change> { page.iter().map(|r| from_elsewhere(r, NOW - 5)).collect() };
    // Five records, then the sync state with the cursor after them.
    for writes in 0..=6 {
        let disk = Disk::new();
        let mut store = disk.open(NOW);
        store
            .receive(
                vec![from_elsewhere(&sample::engagement(1), NOW - 9)],
                "epoch.1".into(),
            )
            .unwrap();
        disk.crash_after(writes);
        let _ = store.receive(changes(), "epoch.2".into());
        disk.revive();

        let mut again = disk.open(NOW);
        let arrived = |store: &fieldbook_local::Store| {
            page.iter()
                .filter(|r| store.docs::<Engagement>().get(&r.id).map(|s| &s.doc) == Some(*r))
                .count()
        };
        match again.cursor() {
            // The cursor waits before the page: the next pull asks for it again, and stores
            // the rest.
            Some("epoch.1") => {
                assert_eq!(
                    arrived(&again),
                    writes.min(page.len()),
                    "crash after {writes}"
                );
                again.receive(changes(), "epoch.2".into()).unwrap();
            }
            Some("epoch.2") => assert_eq!(writes, 6),
            other => panic!("crash after {writes}: cursor {other:?}"),
        }
        assert_eq!(arrived(&again), page.len(), "crash after {writes}");
        assert_eq!(again.unsynced().0, 0, "pulled records are synced");
    }
}

#[test]
fn a_crash_during_an_import_keeps_what_was_written_and_importing_again_finishes() {
    let source = Disk::new();
    let mut exporting = source.open(NOW);
    let records: Vec<Engagement> = (20..26).map(sample::engagement).collect();
    for record in &records {
        exporting.save(None, record, NOW).unwrap();
    }
    let file = exporting.export(NOW + 1);
    let own = sample::engagement(30);

    for writes in 0..=6 {
        let disk = Disk::new();
        let mut store = disk.open(NOW);
        store.save(None, &own, NOW).unwrap();
        disk.crash_after(writes);
        let _ = store.import(&file, &context(), NOW + 2);
        disk.revive();

        let mut again = disk.open(NOW);
        assert!(again.quarantined().is_empty(), "crash after {writes}");
        assert_eq!(again.docs::<Engagement>()[&own.id].doc, own);
        let arrived = records
            .iter()
            .filter(|r| again.docs::<Engagement>().get(&r.id).map(|s| &s.doc) == Some(*r))
            .count();
        assert_eq!(arrived, writes.min(records.len()), "crash after {writes}");

        let imported = again.import(&file, &context(), NOW + 3).unwrap();
        assert_eq!(imported.stopped, None);
        assert_eq!(imported.report.added, records.len() - arrived);
        assert_eq!(disk.open(NOW).docs::<Engagement>().len(), records.len() + 1);
    }
}

#[test]
fn a_crash_while_storing_a_pulled_page_keeps_an_edit_that_lost_as_a_conflict() {
    // The conflict, the merged record, then the sync state with the cursor.
    for writes in 0..=3 {
        let disk = Disk::new();
        let mut store = disk.open(NOW);
        let record = sample::engagement(5);
        store.save(None, &record, NOW).unwrap();
        let mut mine = record.clone();
        mine.notes = "Mine".into();
        store.save(Some(&record), &mine, NOW + 1_000).unwrap();
        // Another device changed the notes later still, on top of the first save.
        let mut later = Replica::decode(
            store
                .change_for("engagement", record.id)
                .unwrap()
                .0
                .replica
                .get(),
        )
        .unwrap();
        let mut theirs = record.clone();
        theirs.notes = "Theirs".into();
        later.update(
            &theirs,
            Stamp {
                wall_ms: NOW + 5_000,
                counter: 0,
                device: Id::from_random([9; 16]),
            },
        );
        let change = Change {
            kind: "engagement".into(),
            id: record.id,
            replica: RawValue::from_string(later.encode()).unwrap(),
        };

        disk.crash_after(writes);
        let _ = store.receive(vec![change.clone()], "e.1".into());
        disk.revive();

        let mut again = disk.open(NOW);
        if again.cursor().is_none() {
            // The next pull brings the page again.
            again.receive(vec![change], "e.1".into()).unwrap();
        }
        let notes = &again.docs::<Engagement>()[&record.id].doc.notes;
        let conflicts = again.conflicts();
        assert_eq!(notes, "Theirs", "crash after {writes}");
        assert_eq!(conflicts.len(), 1, "kept once: crash after {writes}");
        assert_eq!(conflicts[0].field.mine, serde_json::json!("Mine"));
    }
}
