//! The store's side of sync in the browser, over real localStorage: the outbox, what the
//! server's answers do to it, pulled pages with their cursor, and conflicts settled field by field.

use fieldbook::storage::Store;
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
    Store::open(NOW, |bytes| bytes.fill(7))
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

    // A page kept just before the app closed is stored at the next start.
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
