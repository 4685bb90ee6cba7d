//! The store's side of sync: the outbox, what the server's answers do to it, pulled pages
//! with their cursor, held changes, conflicts settled field by field, and restamping.

mod fixtures;
mod support;

use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::{Change, Status};
use fieldbook_core::{sample, Id, Replica, Stamp};
use fieldbook_local::SaveError;
use serde_json::value::RawValue;

use fixtures::{from_elsewhere, result, NOW};
use support::Disk;

#[test]
fn acknowledged_changes_leave_the_outbox_and_refused_ones_wait_for_an_edit() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let (one, two) = (sample::engagement(1), sample::engagement(2));
    store.save(None, &one, NOW).unwrap();
    store.save(None, &two, NOW).unwrap();
    assert_eq!(store.outbox().len(), 2);
    let sent: Vec<_> = store
        .outbox()
        .into_iter()
        .map(|(kind, id)| store.change_for(kind, id).unwrap())
        .collect();
    let answers = [
        result(&sent[0].0, Status::Applied),
        result(&sent[1].0, Status::Rejected),
    ];
    let done = store.acknowledge(&sent, &answers).unwrap();
    assert_eq!((done.stored, done.rejected), (1, 1));
    assert!(store.outbox().is_empty(), "nothing left worth sending");
    let refused: Vec<String> = disk
        .open(NOW)
        .rejected()
        .map(|(_, _, r)| r.reason.message.clone())
        .collect();
    assert_eq!(refused, ["The venue is required."], "kept across a restart");
    let record = store.docs::<Engagement>()[&sent[1].0.id].doc.clone();
    let titles: Vec<String> = store
        .rejected()
        .map(|(kind, id, _)| store.title_of(kind, Some(id)))
        .collect();
    assert_eq!(
        titles,
        [format!(
            "The engagement at {} on {}",
            record.venue,
            record.date.format("%-d %B %Y")
        )],
        "named as a person knows it, not by its storage key"
    );

    // Fixing the refused record puts it back in the outbox.
    let refused_id = sent[1].0.id;
    let mut fixed = store.docs::<Engagement>()[&refused_id].doc.clone();
    fixed.notes = "Fixed".into();
    let base = store.docs::<Engagement>()[&refused_id].doc.clone();
    store.save(Some(&base), &fixed, NOW + 1).unwrap();
    assert_eq!(store.outbox(), [("engagement", refused_id)]);
}

#[test]
fn a_pulled_page_is_kept_with_its_cursor_and_stored_even_after_a_restart() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let theirs = sample::engagement(3);
    let done = store
        .receive(vec![from_elsewhere(&theirs, NOW - 10)], "epoch.7".into())
        .unwrap();
    assert_eq!(done.stored, 1);
    assert_eq!(store.cursor(), Some("epoch.7"));
    assert_eq!(store.docs::<Engagement>()[&theirs.id].doc, theirs);
    assert!(
        store.outbox().is_empty(),
        "what came from the server is synced"
    );

    // A page an older version kept just before the app closed is stored at the next start.
    let other = sample::engagement(4);
    let sync =
        serde_json::json!({ "cursor": "epoch.9", "inbox": [from_elsewhere(&other, NOW - 5)] });
    disk.put_raw("fb1/sync", &sync.to_string());
    let again = disk.open(NOW);
    assert!(again.docs::<Engagement>().contains_key(&other.id));
    assert_eq!(again.cursor(), Some("epoch.9"));
}

#[test]
fn an_edit_that_lost_to_a_later_one_is_a_conflict_settled_field_by_field() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let record = sample::engagement(5);
    store.save(None, &record, NOW).unwrap();
    let mut mine = record.clone();
    mine.notes = "Mine".into();
    store.save(Some(&record), &mine, NOW + 1_000).unwrap();

    // Another device changed the notes later still.
    let mut later = Replica::decode(
        &store
            .change_for("engagement", record.id)
            .unwrap()
            .0
            .replica
            .to_string(),
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
    let done = store.receive(vec![change], "e.1".into()).unwrap();
    assert_eq!(done.conflicts, 1);
    assert_eq!(store.docs::<Engagement>()[&record.id].doc.notes, "Theirs");
    let conflict = &store.conflicts()[0];
    assert_eq!(
        (conflict.field.path.as_str(), &conflict.field.mine),
        ("n", &serde_json::json!("Mine"))
    );

    store.resolve(0, true, NOW + 6_000).unwrap();
    assert!(store.conflicts().is_empty());
    assert_eq!(store.docs::<Engagement>()[&record.id].doc.notes, "Mine");
    assert_eq!(
        store.outbox(),
        [("engagement", record.id)],
        "the choice is sent"
    );
}

/// A change whose replica this version of the app cannot store.
fn unreadable(record: &Engagement) -> Change {
    let mut replica: serde_json::Value =
        serde_json::from_str(&from_elsewhere(record, NOW - 20).replica.to_string()).unwrap();
    // A schema this version does not know, with its fields in a shape it cannot read.
    replica["v"] = serde_json::json!(99);
    replica["f"]["dt"] = serde_json::json!({ "not": "a date" });
    Change {
        kind: "engagement".into(),
        id: record.id,
        replica: RawValue::from_string(replica.to_string()).unwrap(),
    }
}

#[test]
fn one_unreadable_record_in_a_pulled_page_is_held_and_the_rest_arrive() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let (before, odd, after) = (
        sample::engagement(11),
        sample::engagement(12),
        sample::engagement(13),
    );
    let garbled = Change {
        kind: "engagement".into(),
        id: sample::engagement(14).id,
        replica: RawValue::from_string(r#"{"k":"engagement"}"#.into()).unwrap(),
    };
    let page = vec![
        from_elsewhere(&before, NOW - 30),
        unreadable(&odd),
        garbled,
        from_elsewhere(&after, NOW - 10),
    ];
    let done = store.receive(page, "epoch.12".into()).unwrap();
    assert_eq!((done.stored, done.held), (2, 2));
    assert!(store.docs::<Engagement>().contains_key(&before.id));
    assert!(
        store.docs::<Engagement>().contains_key(&after.id),
        "the record after the unreadable ones still arrives"
    );
    assert_eq!(store.cursor(), Some("epoch.12"));

    // Held, not lost: kept across a restart with the reason, and tried again at the next sync.
    let mut again = disk.open(NOW);
    let held: Vec<_> = again.held().iter().map(|h| h.change.id).collect();
    assert_eq!(held, [odd.id, sample::engagement(14).id]);
    assert!(again.held().iter().all(|h| !h.reason.is_empty()));
    let retried = again.retry_held().unwrap();
    assert_eq!(
        (retried.stored, retried.held),
        (0, 2),
        "still unreadable here"
    );
    assert_eq!(disk.open(NOW).held().len(), 2, "and still kept");
}

#[test]
fn a_pulled_change_whose_record_is_not_the_one_it_names_is_held() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let (held, named) = (sample::engagement(21), sample::engagement(22));
    store.save(None, &held, NOW - 40).unwrap();
    // One names a record this phone has never held, one a record it holds; both carry another.
    let mislabelled = |record: &Engagement, id: Id| Change {
        id,
        ..from_elsewhere(record, NOW - 30)
    };
    let page = vec![
        mislabelled(&sample::engagement(23), named.id),
        mislabelled(&sample::engagement(24), held.id),
    ];
    let done = store.receive(page, "epoch.3".into()).unwrap();
    assert_eq!((done.stored, done.held), (0, 2));
    let ids: Vec<Id> = store.docs::<Engagement>().keys().copied().collect();
    assert_eq!(
        ids,
        [held.id],
        "nothing is stored under a name it does not hold"
    );
    assert_eq!(store.docs::<Engagement>()[&held.id].doc, held);
}

#[test]
fn a_page_that_fills_the_storage_halfway_stays_on_the_server_and_arrives_whole_later() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let records: Vec<Engagement> = (100..500).map(sample::engagement).collect();
    let page: Vec<Change> = records.iter().map(|r| from_elsewhere(r, NOW - 4)).collect();
    // Entries are packed two ASCII characters to a unit, so the records cost about half the
    // page's length: leave room for about half of them.
    let size = serde_json::to_string(&page).unwrap().len();
    disk.set_quota(Some(disk.used() + size as u64 / 4));

    let error = store.receive(page.clone(), "epoch.2".into()).unwrap_err();
    assert!(matches!(error, SaveError::Full { .. }), "{error}");
    let arrived = |store: &fieldbook_local::Store| {
        records
            .iter()
            .filter(|r| store.docs::<Engagement>().contains_key(&r.id))
            .count()
    };
    let stopped = disk.open(NOW);
    assert!(
        (1..records.len()).contains(&arrived(&stopped)),
        "stored some, not all: {}",
        arrived(&stopped)
    );
    assert_eq!(stopped.cursor(), None, "the cursor waits before the page");

    // With room again, the next pull asks for the same page and stores the rest, whole.
    disk.set_quota(None);
    let mut after = disk.open(NOW);
    after.receive(page, "epoch.2".into()).unwrap();
    assert_eq!(after.cursor(), Some("epoch.2"));
    assert_eq!(arrived(&after), records.len());
    for record in &records {
        assert_eq!(after.docs::<Engagement>()[&record.id].doc, *record);
    }
}

#[test]
fn a_page_that_cannot_be_kept_is_not_taken_and_the_cursor_waits() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    store
        .receive(
            vec![from_elsewhere(&sample::engagement(30), NOW - 5)],
            "epoch.1".into(),
        )
        .unwrap();
    disk.fill();
    let page = vec![from_elsewhere(&sample::engagement(31), NOW - 4)];
    assert!(store.receive(page, "epoch.2".into()).is_err());
    assert_eq!(store.cursor(), Some("epoch.1"));
    disk.set_quota(None);
    assert_eq!(disk.open(NOW).cursor(), Some("epoch.1"));
}

#[test]
fn records_saved_with_the_clock_a_year_ahead_are_stamped_again_once_it_is_right() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let year = 365 * 86_400_000;
    let early = sample::engagement(41);
    store.save(None, &early, NOW).unwrap();
    let ahead = sample::engagement(42);
    store.save(None, &ahead, NOW + year).unwrap();
    // Still a year ahead: nothing to do.
    assert_eq!(store.restamp_ahead(NOW + year).unwrap(), 0);

    // The clock is set right: the record is stamped at the right time, and so are later saves.
    assert_eq!(store.restamp_ahead(NOW + 1_000).unwrap(), 1);
    let stamp = |store: &fieldbook_local::Store, id| {
        store
            .change_for("engagement", id)
            .map(|(_, stamp)| stamp.wall_ms)
    };
    assert_eq!(stamp(&store, ahead.id), Some(NOW + 1_000));
    assert_eq!(stamp(&store, early.id), Some(NOW), "on time, untouched");
    assert_eq!(store.docs::<Engagement>()[&ahead.id].doc, ahead);
    let later = sample::engagement(43);
    store.save(None, &later, NOW + 2_000).unwrap();
    assert_eq!(stamp(&store, later.id), Some(NOW + 2_000));
    assert_eq!(
        stamp(&disk.open(NOW), ahead.id),
        Some(NOW + 1_000),
        "as stored"
    );
}

#[test]
fn a_sync_state_stored_by_an_earlier_version_still_reads() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let (synced, refused, edited) = (
        sample::engagement(61),
        sample::engagement(62),
        sample::engagement(63),
    );
    for record in [&synced, &refused, &edited] {
        store.save(None, record, NOW).unwrap();
    }
    let stamp = store.docs::<Engagement>()[&synced.id].updated;
    let at = (stamp.wall_ms, stamp.counter, 0);
    // Exactly as phones store it today: acknowledgements compact by `<kind>/<id>`, refusals by
    // document key, and a key for a kind this version does not know.
    let stored = serde_json::json!({
        "acked": {
            "d": [stamp.device],
            "a": {
                format!("engagement/{}", synced.id): at,
                format!("engagement/{}", edited.id): [NOW - 1, 0, 0],
            },
        },
        "cursor": "epoch.5",
        "rejected": {
            format!("fb1/doc/engagement/{}", refused.id): {
                "stamp": store.docs::<Engagement>()[&refused.id].updated,
                "reason": { "code": "invalid", "message": "The venue is required." },
            },
        },
        "last_synced_ms": NOW,
    });
    disk.put_raw("fb1/sync", &stored.to_string());

    let again = disk.open(NOW);
    assert!(again.quarantined().is_empty());
    assert_eq!(again.cursor(), Some("epoch.5"));
    assert!(again.is_synced::<Engagement>(synced.id));
    assert!(
        !again.is_synced::<Engagement>(edited.id),
        "saved after its acknowledgement"
    );
    assert_eq!(
        again.outbox(),
        [("engagement", edited.id)],
        "refused waits for an edit"
    );
    let refusals: Vec<_> = again.rejected().map(|(kind, id, _)| (kind, id)).collect();
    assert_eq!(refusals, [("engagement", refused.id)]);

    // Written back in the same form.
    let mut again = again;
    again.finished_sync(NOW + 1).unwrap();
    let written: serde_json::Value = serde_json::from_str(&fieldbook_core::pack::unpack(
        &disk.raw("fb1/sync").unwrap(),
    ))
    .unwrap();
    assert_eq!(written["acked"], stored["acked"]);
    assert_eq!(written["rejected"], stored["rejected"]);
}

#[test]
fn the_organisations_setting_is_kept_and_written_only_when_it_changes() {
    use fieldbook_core::organisation::Organisation;
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    assert!(
        !store.organisation().contact_details,
        "off until a sync says"
    );
    let keeps = Organisation {
        contact_details: true,
        retention_months: 6,
    };
    store.take_changed();
    store.note_organisation(keeps).unwrap();
    assert_eq!(store.take_changed(), ["fb1/sync"]);
    store.note_organisation(keeps).unwrap();
    assert!(
        store.take_changed().is_empty(),
        "the same setting writes nothing"
    );
    assert_eq!(
        *disk.open(NOW).organisation(),
        keeps,
        "kept across a restart"
    );
}
