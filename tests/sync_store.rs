//! The store's side of sync in the browser, over real localStorage: the outbox, what the
//! server's answers do to it, pulled pages with their cursor, and conflicts settled field by field.

use fieldbook::storage::{SaveError, Store};
use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::{Change, ChangeResult, Reason, Status};
use fieldbook_core::{sample, Id, Replica, Stamp};
use serde_json::value::RawValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: u64 = 1_790_000_000_000;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn reopen() -> Store {
    fieldbook::storage::open(NOW, |bytes| bytes.fill(7))
}

fn fresh() -> Store {
    local().clear().unwrap();
    reopen()
}

fn result(change: &Change, status: Status) -> ChangeResult {
    ChangeResult {
        id: change.id,
        kind: change.kind.clone(),
        status,
        server: None,
        reason: (status == Status::Rejected).then(|| Reason {
            code: "invalid".into(),
            message: "The venue is required.".into(),
            issues: Vec::new(),
        }),
    }
}

/// A copy of `record` as another device wrote it at `wall_ms`.
fn from_elsewhere(record: &Engagement, wall_ms: u64) -> Change {
    let replica = Replica::create(
        record,
        Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([9; 16]),
        },
    );
    Change {
        kind: "engagement".into(),
        id: record.id,
        replica: RawValue::from_string(replica.encode()).unwrap(),
    }
}

#[wasm_bindgen_test]
fn acknowledged_changes_leave_the_outbox_and_refused_ones_wait_for_an_edit() {
    let mut store = fresh();
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
    let refused: Vec<String> = reopen()
        .rejected()
        .map(|(_, r)| r.reason.message.clone())
        .collect();
    assert_eq!(refused, ["The venue is required."], "kept across a restart");
    let record = store.docs::<Engagement>()[&sent[1].0.id].doc.clone();
    let titles: Vec<String> = store.rejected().map(|(key, _)| store.title(key)).collect();
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

#[wasm_bindgen_test]
fn a_pulled_page_is_kept_with_its_cursor_and_stored_even_after_a_restart() {
    let mut store = fresh();
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
    local().set_item("fb1/sync", &sync.to_string()).unwrap();
    let again = reopen();
    assert!(again.docs::<Engagement>().contains_key(&other.id));
    assert_eq!(again.cursor(), Some("epoch.9"));
}

#[wasm_bindgen_test]
fn an_edit_that_lost_to_a_later_one_is_a_conflict_settled_field_by_field() {
    let mut store = fresh();
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

#[wasm_bindgen_test]
fn one_unreadable_record_in_a_pulled_page_is_held_and_the_rest_arrive() {
    let mut store = fresh();
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
    let mut again = reopen();
    let held: Vec<_> = again.held().iter().map(|h| h.change.id).collect();
    assert_eq!(held, [odd.id, sample::engagement(14).id]);
    assert!(again.held().iter().all(|h| !h.reason.is_empty()));
    let retried = again.retry_held().unwrap();
    assert_eq!(
        (retried.stored, retried.held),
        (0, 2),
        "still unreadable here"
    );
    assert_eq!(reopen().held().len(), 2, "and still kept");
}

/// Fill localStorage to the brim, then free nearly `free` characters. Returns the fillers' keys.
fn fill_leaving(free: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut piece = "x".repeat(1 << 20);
    while !piece.is_empty() {
        let key = format!("filler/{}", keys.len());
        if local().set_item(&key, &piece).is_ok() {
            keys.push(key);
        } else {
            piece.truncate(piece.len() / 2);
        }
    }
    // Pieces halve in size, so taking each that still fits frees all but a few characters.
    let mut freed = 0;
    keys.retain(|key| {
        let len = local().get_item(key).unwrap().unwrap().len();
        if freed + len > free {
            return true;
        }
        freed += len;
        local().remove_item(key).unwrap();
        false
    });
    keys
}

#[wasm_bindgen_test]
fn a_page_that_fills_the_storage_halfway_stays_on_the_server_and_arrives_whole_later() {
    let mut store = fresh();
    let records: Vec<Engagement> = (100..500).map(sample::engagement).collect();
    let page: Vec<Change> = records.iter().map(|r| from_elsewhere(r, NOW - 4)).collect();
    // Entries are packed two ASCII characters to a unit, so the records cost about half the
    // page's length: leave room for about half of them.
    let size = serde_json::to_string(&page).unwrap().len();
    let fillers = fill_leaving(size / 4);

    let error = store.receive(page.clone(), "epoch.2".into()).unwrap_err();
    assert!(matches!(error, SaveError::Full { .. }), "{error}");
    let arrived = |store: &Store| {
        records
            .iter()
            .filter(|r| store.docs::<Engagement>().contains_key(&r.id))
            .count()
    };
    let stopped = reopen();
    assert!(
        (1..records.len()).contains(&arrived(&stopped)),
        "stored some, not all: {}",
        arrived(&stopped)
    );
    assert_eq!(stopped.cursor(), None, "the cursor waits before the page");

    // With room again, the next pull asks for the same page and stores the rest, whole.
    for key in fillers {
        local().remove_item(&key).unwrap();
    }
    let mut after = reopen();
    after.receive(page, "epoch.2".into()).unwrap();
    assert_eq!(after.cursor(), Some("epoch.2"));
    assert_eq!(arrived(&after), records.len());
    for record in &records {
        assert_eq!(after.docs::<Engagement>()[&record.id].doc, *record);
    }
}

#[wasm_bindgen_test]
fn a_page_that_cannot_be_kept_is_not_taken_and_the_cursor_waits() {
    let mut store = fresh();
    store
        .receive(
            vec![from_elsewhere(&sample::engagement(30), NOW - 5)],
            "epoch.1".into(),
        )
        .unwrap();
    let fillers = fill_leaving(0);
    let page = vec![from_elsewhere(&sample::engagement(31), NOW - 4)];
    assert!(store.receive(page, "epoch.2".into()).is_err());
    assert_eq!(store.cursor(), Some("epoch.1"));
    for key in fillers {
        local().remove_item(&key).unwrap();
    }
    assert_eq!(reopen().cursor(), Some("epoch.1"));
}

#[wasm_bindgen_test]
fn records_saved_with_the_clock_a_year_ahead_are_stamped_again_once_it_is_right() {
    let mut store = fresh();
    let year = 365 * 86_400_000;
    let early = sample::engagement(41);
    store.save(None, &early, NOW).unwrap();
    let ahead = sample::engagement(42);
    store.save(None, &ahead, NOW + year).unwrap();
    // Still a year ahead: nothing to do.
    assert_eq!(store.restamp_ahead(NOW + year).unwrap(), 0);

    // The clock is set right: the record is stamped at the right time, and so are later saves.
    assert_eq!(store.restamp_ahead(NOW + 1_000).unwrap(), 1);
    let stamp = |store: &Store, id| {
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
    assert_eq!(stamp(&reopen(), ahead.id), Some(NOW + 1_000), "as stored");
}
