//! Pushing and pulling over real TCP: idempotent batches, duplicates, conflicts, validation,
//! tombstones, cursors, and bad input that gets a clear 4xx and stores nothing.

mod support;

use fieldbook_core::model::Engagement;
use fieldbook_core::{Replica, Stamp};
use support::*;

#[test]
fn the_same_batch_twice_gives_the_same_results_and_one_copy() {
    let server = server();
    let sam = login(&server, "sam");
    let changes: Vec<_> = (0..5)
        .map(|n| engagement(n, "sam", device(1), 1_000).1)
        .collect();
    let first = push(&server, &sam, device(1), "batch-1", changes.clone());
    assert_eq!(first.status, 200);
    assert_eq!(first.body["batch_id"], "batch-1");
    assert_eq!(statuses(&first), ["applied"; 5]);
    let again = push(&server, &sam, device(1), "batch-1", changes.clone());
    assert_eq!(again.body, first.body, "the same answer");
    let seq = server.store().as_ref().last_seq().unwrap();
    assert_eq!(seq, 5, "nothing changed the second time");
    assert_eq!(pull_all(&server, &sam, 100).len(), 5);
    // The same changes in a new batch are duplicates.
    let later = push(&server, &sam, device(1), "batch-2", changes);
    assert_eq!(statuses(&later), ["duplicate"; 5]);
    assert_eq!(server.store().as_ref().last_seq().unwrap(), 5);
}

#[test]
fn a_batch_that_changes_one_record_twice_stores_the_second() {
    let server = server();
    let sam = login(&server, "sam");
    let (mut record, created) = engagement(1, "sam", device(1), 1_000);
    let mut replica = Replica::decode(created.replica.get()).unwrap();
    record.notes = "Edited before the first sync.".into();
    replica.update(
        &record,
        Stamp {
            wall_ms: 2_000,
            counter: 0,
            device: device(1),
        },
    );
    let answer = push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![created, change(&replica)],
    );
    assert_eq!(statuses(&answer), ["applied", "applied"]);
    let coordinator = login(&server, "cath");
    let page = pull(&server, &coordinator, "", 100);
    let changes = page.body["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "one record");
    let stored: Engagement = Replica::decode(&changes[0]["replica"].to_string())
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(stored.notes, "Edited before the first sync.");
}

#[test]
fn an_edit_that_lost_to_a_later_one_is_a_conflict_with_the_servers_copy() {
    let server = server();
    let sam = login(&server, "sam");
    let (record, created) = engagement(1, "sam", device(1), 1_000);
    push(&server, &sam, device(1), "b1", vec![created.clone()]);
    // Device 2 edits the notes later; device 1, offline, edited them earlier.
    let base = Replica::decode(created.replica.get()).unwrap();
    let edit = |notes: &str, wall_ms: u64, device_id| {
        let mut replica = base.clone();
        let mut changed = record.clone();
        changed.notes = notes.into();
        replica.update(
            &changed,
            Stamp {
                wall_ms,
                counter: 0,
                device: device_id,
            },
        );
        change(&replica)
    };
    push(
        &server,
        &sam,
        device(2),
        "b1",
        vec![edit("later", 3_000, device(2))],
    );
    let answer = push(
        &server,
        &sam,
        device(1),
        "b2",
        vec![edit("earlier", 2_000, device(1))],
    );
    assert_eq!(statuses(&answer), ["conflict"]);
    let server_copy = answer.body["results"][0]["server"].to_string();
    let merged: Engagement = Replica::decode(&server_copy).unwrap().to_doc().unwrap();
    assert_eq!(merged.notes, "later");
}

#[test]
fn an_invalid_record_is_rejected_with_its_issues_and_the_rest_of_the_batch_is_applied() {
    let server = server();
    let sam = login(&server, "sam");
    let (mut record, good) = engagement(1, "sam", device(1), 1_000);
    record.id = device(30);
    record.venue = String::new();
    record.reach = fieldbook_core::model::Reach {
        total: -3,
        ..Default::default()
    };
    let bad = change(&Replica::create(
        &record,
        Stamp {
            wall_ms: 1_000,
            counter: 0,
            device: device(1),
        },
    ));
    let mut wrong_kind = good.clone();
    wrong_kind.kind = "venue".into();
    let answer = push(&server, &sam, device(1), "b1", vec![bad, good, wrong_kind]);
    assert_eq!(statuses(&answer), ["rejected", "applied", "rejected"]);
    let reason = &answer.body["results"][0]["reason"];
    assert_eq!(reason["code"], "invalid");
    let paths: Vec<&str> = reason["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["venue", "reach.total"]);
    assert_eq!(answer.body["results"][2]["reason"]["code"], "mismatch");
    assert_eq!(
        pull_all(&server, &sam, 10).len(),
        1,
        "only the valid record is stored"
    );
}

#[test]
fn deletes_are_pulled_as_tombstones_after_the_records_they_delete() {
    let server = server();
    let sam = login(&server, "sam");
    let (_, created) = engagement(1, "sam", device(1), 1_000);
    push(&server, &sam, device(1), "b1", vec![created.clone()]);
    let first = pull(&server, &sam, "", 10);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let mut deleted = Replica::decode(created.replica.get()).unwrap();
    deleted.delete(Stamp {
        wall_ms: 2_000,
        counter: 0,
        device: device(1),
    });
    push(&server, &sam, device(1), "b2", vec![change(&deleted)]);
    let next = pull(&server, &sam, &cursor, 10);
    assert_eq!(next.status, 200);
    let changes = next.body["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert!(Replica::decode(&changes[0]["replica"].to_string())
        .unwrap()
        .is_deleted());
    assert_eq!(next.body["has_more"], false);
    assert_eq!(next.body["server_epoch"], first.body["server_epoch"]);
}

#[test]
fn bad_input_gets_a_clear_4xx_and_stores_nothing() {
    let server = server();
    let sam = login(&server, "sam");
    let url = format!("{}/api/v1/sync/push", server.url);
    let post = |body: &str| send("POST", &url, Some(&sam), Some(body));
    let expect = |answer: Answer, status: u16, code: &str| {
        assert_eq!(answer.status, status, "{}", answer.body);
        assert_eq!(answer.body["code"], code, "{}", answer.body);
        assert!(!answer.body["message"].as_str().unwrap().is_empty());
    };
    expect(post("{not json"), 400, "malformed_json");
    expect(
        post(r#"{"device_id": 7, "batch_id": "b", "changes": []}"#),
        400,
        "invalid_body",
    );
    let device_id = device(1).to_string();
    expect(
        post(&format!(
            r#"{{"device_id": "{device_id}", "batch_id": "b", "changes": [], "extra": 1}}"#
        )),
        400,
        "invalid_body",
    );
    expect(
        post(&format!(
            r#"{{"device_id": "{device_id}", "batch_id": "", "changes": []}}"#
        )),
        400,
        "invalid_batch_id",
    );
    let (_, one) = engagement(1, "sam", device(1), 1_000);
    let too_many = vec![one; fieldbook_server::MAX_CHANGES + 1];
    expect(
        push(&server, &sam, device(1), "big", too_many),
        413,
        "too_large",
    );
    let huge = format!(
        r#"{{"device_id": "{device_id}", "batch_id": "b", "changes": [], "pad": "{}"}}"#,
        "x".repeat(fieldbook_server::MAX_BODY_BYTES)
    );
    expect(post(&huge), 413, "too_large");
    let garbled = format!(
        r#"{{"device_id": "{device_id}", "batch_id": "g", "changes": [{{"kind": "engagement", "id": "{device_id}", "replica": {{"k": 1}}}}]}}"#
    );
    let answer = post(&garbled);
    assert_eq!(statuses(&answer), ["rejected"]);
    assert_eq!(
        answer.body["results"][0]["reason"]["code"],
        "malformed_replica"
    );
    assert_eq!(
        server.store().as_ref().last_seq().unwrap(),
        0,
        "nothing was stored"
    );

    // Cursors: nonsense, another epoch, or one never issued, all say to pull again.
    expect(pull(&server, &sam, "nonsense", 10), 409, "cursor_unknown");
    expect(
        pull(&server, &sam, "another-epoch.0", 10),
        409,
        "epoch_changed",
    );
    let epoch = pull(&server, &sam, "", 10).body["server_epoch"]
        .as_str()
        .unwrap()
        .to_owned();
    expect(
        pull(&server, &sam, &format!("{epoch}.99"), 10),
        409,
        "cursor_unknown",
    );
    expect(pull(&server, &sam, "", 0), 400, "invalid_limit");
    let wrong_type = send(
        "GET",
        &format!("{}/api/v1/sync/pull?limit=lots", server.url),
        Some(&sam),
        None,
    );
    expect(wrong_type, 400, "invalid_query");
    let wrong_method = send("DELETE", &url, Some(&sam), None);
    expect(wrong_method, 405, "method_not_allowed");
}

#[test]
fn a_device_is_not_sent_back_what_it_wrote_last() {
    let server = server();
    let sam = login(&server, "sam");
    let (_, mine) = engagement(1, "sam", device(1), 1_000);
    push(&server, &sam, device(1), "b1", vec![mine.clone()]);
    let url = |device_id: fieldbook_core::Id, cursor: &str| {
        format!(
            "{}/api/v1/sync/pull?cursor={cursor}&device={device_id}",
            server.url
        )
    };
    let own = send("GET", &url(device(1), ""), Some(&sam), None);
    assert_eq!(own.status, 200);
    assert_eq!(own.body["changes"].as_array().unwrap().len(), 0);
    let cursor = own.body["next_cursor"].as_str().unwrap().to_owned();
    assert!(cursor.ends_with(".1"), "the cursor moves past it: {cursor}");
    let other = send("GET", &url(device(2), ""), Some(&sam), None);
    assert_eq!(other.body["changes"].as_array().unwrap().len(), 1);

    // Another device changes it: now the first device is sent it.
    let mut edited = Replica::decode(mine.replica.get()).unwrap();
    let mut record: Engagement = edited.to_doc().unwrap();
    record.notes = "from the second phone".into();
    edited.update(
        &record,
        Stamp {
            wall_ms: 2_000,
            counter: 0,
            device: device(2),
        },
    );
    push(&server, &sam, device(2), "b1", vec![change(&edited)]);
    let next = send("GET", &url(device(1), &cursor), Some(&sam), None);
    assert_eq!(next.body["changes"].as_array().unwrap().len(), 1);
}
