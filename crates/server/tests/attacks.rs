//! Attacks on the real server over HTTP, each as an ordinary but curious team member would make
//! it with nothing but the documented protocol: one test per hole, named for what it attacks.

mod support;

use chrono::NaiveDate;
use fieldbook_core::model::{Contact, Engagement, Priority, RecordReview, ReviewState};
use fieldbook_core::progress::{Evidence, Outcome, Progress, Review, Status};
use fieldbook_core::protocol::Change;
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{Document, ElementId, Id, Replica, Stamp};
use serde_json::Value;
use support::*;

fn stamp(wall_ms: u64, device_id: Id) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: device_id,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
}

/// `learner`'s competency, submitted for sign-off with one evidence note.
fn submitted(n: u8, learner: &str) -> Progress {
    let mut progress = Progress::new(Id::from_random([n; 16]), learner, "nos-cd-2023", "07");
    progress.status = Status::Submitted;
    progress.evidence.push(Evidence {
        id: ElementId::new(1_780_000_000_000, [n; 4]),
        date: day(1),
        note: "Ran a drop-in at the library.".into(),
        engagement: None,
    });
    progress
}

fn signed_off(mut progress: Progress, by: &str) -> Progress {
    progress.status = Status::SignedOff;
    progress.review = Some(Review {
        by: by.into(),
        date: day(9),
        outcome: Outcome::SignedOff,
        comment: String::new(),
    });
    progress
}

fn reviewed(mut record: Engagement, by: &str) -> Engagement {
    record.review = Some(RecordReview {
        state: ReviewState::LooksRight,
        comment: String::new(),
        by: by.into(),
        on: day(9),
    });
    record
}

/// A new record as a change, every field written at `wall_ms` on `device_id`.
fn created<D: Document>(doc: &D, wall_ms: u64, device_id: Id) -> (Replica, Change) {
    let replica = Replica::create(doc, stamp(wall_ms, device_id));
    let change = change(&replica);
    (replica, change)
}

/// `replica` brought up to `doc` at `wall_ms` on `device_id`, as a change.
fn edited<D: Document>(replica: &Replica, doc: &D, wall_ms: u64, device_id: Id) -> Change {
    let mut replica = replica.clone();
    replica.update(doc, stamp(wall_ms, device_id));
    change(&replica)
}

/// A change whose replica's wire form `tamper` has rewritten.
fn tampered(change: &Change, tamper: impl FnOnce(&mut Value)) -> Change {
    let mut wire: Value = serde_json::from_str(change.replica.get()).unwrap();
    tamper(&mut wire);
    Change {
        replica: serde_json::value::RawValue::from_string(wire.to_string()).unwrap(),
        ..change.clone()
    }
}

/// The status and refusal code of each result.
fn outcomes(answer: &Answer) -> Vec<(String, String)> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            (
                result["status"].as_str().unwrap().to_owned(),
                result["reason"]["code"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn refused(code: &str) -> (String, String) {
    ("rejected".to_owned(), code.to_owned())
}

fn applied() -> (String, String) {
    ("applied".to_owned(), String::new())
}

/// The server's copy of a record, as `token` pulls it.
fn pulled(server: &Server, token: &str, id: Id) -> Option<Replica> {
    let page = pull(server, token, "", 1000);
    page.body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["id"] == id.to_string())
        .map(|change| Replica::decode(&change["replica"].to_string()).unwrap())
}

#[test]
fn learner_cannot_sign_off_own_competency() {
    let server = server();
    let lee = login(&server, "lee");
    let progress = submitted(1, "lee");
    let (replica, change) = created(&progress, 1_000, device(2));
    assert_eq!(
        outcomes(&push(&server, &lee, device(2), "b1", vec![change])),
        [applied()]
    );
    let forged = edited(
        &replica,
        &signed_off(progress.clone(), "cath"),
        2_000,
        device(2),
    );
    assert_eq!(
        outcomes(&push(&server, &lee, device(2), "b2", vec![forged])),
        [refused("own_work")]
    );
    // Nor as a new record that arrives already signed off.
    let (_, born_signed) = created(&signed_off(submitted(2, "lee"), "cath"), 1_000, device(2));
    assert_eq!(
        outcomes(&push(&server, &lee, device(2), "b3", vec![born_signed])),
        [refused("own_work")]
    );
    let stored: Progress = pulled(&server, &lee, progress.id)
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(stored.status, Status::Submitted);
}

#[test]
fn forged_review_on_own_engagement_is_refused() {
    let server = server();
    let sam = login(&server, "sam");
    let (record, change) = engagement(1, "sam", device(1), 1_000);
    let replica = Replica::decode(change.replica.get()).unwrap();
    assert_eq!(
        outcomes(&push(&server, &sam, device(1), "b1", vec![change])),
        [applied()]
    );
    let forged = edited(
        &replica,
        &reviewed(record.clone(), "cath"),
        2_000,
        device(1),
    );
    assert_eq!(
        outcomes(&push(&server, &sam, device(1), "b2", vec![forged])),
        [refused("own_work")]
    );
    let stored: Engagement = pulled(&server, &sam, record.id).unwrap().to_doc().unwrap();
    assert_eq!(stored.review, None);
}

#[test]
fn coordinator_of_another_team_cannot_sign_off() {
    let server = server();
    let coordinator = User {
        username: "rex".into(),
        role: Role::Coordinator,
        teams: vec!["Reddish".into()],
    };
    server
        .store()
        .add_user(&coordinator, &fieldbook_server::hash_password(PASSWORD))
        .unwrap();
    let [lee, rex] = ["lee", "rex"].map(|name| login(&server, name));
    let progress = submitted(1, "lee");
    let (replica, change) = created(&progress, 1_000, device(2));
    push(&server, &lee, device(2), "b1", vec![change]);
    let sign_off = edited(&replica, &signed_off(progress, "rex"), 2_000, device(5));
    assert_eq!(
        outcomes(&push(&server, &rex, device(5), "b1", vec![sign_off])),
        [refused("other_team")]
    );
    // Nor may they make a signed-off record for someone outside their teams.
    let (_, invented) = created(&signed_off(submitted(2, "olu"), "rex"), 1_000, device(5));
    assert_eq!(
        outcomes(&push(&server, &rex, device(5), "b2", vec![invented])),
        [refused("not_yours")]
    );
}

#[test]
fn review_by_someone_else_is_refused() {
    let server = server();
    let [sam, lee, cath] = ["sam", "lee", "cath"].map(|name| login(&server, name));
    let progress = submitted(1, "lee");
    let (replica, change) = created(&progress, 1_000, device(2));
    push(&server, &lee, device(2), "b1", vec![change]);
    let (record, change) = engagement(1, "sam", device(1), 1_000);
    let engagement_replica = Replica::decode(change.replica.get()).unwrap();
    push(&server, &sam, device(1), "b1", vec![change]);

    let in_another_name = vec![
        edited(
            &replica,
            &signed_off(progress.clone(), "sam"),
            2_000,
            device(4),
        ),
        edited(
            &engagement_replica,
            &reviewed(record.clone(), "pat"),
            2_000,
            device(4),
        ),
    ];
    assert_eq!(
        outcomes(&push(&server, &cath, device(4), "b1", in_another_name)),
        [refused("review_by_other"), refused("review_by_other")]
    );
    let in_their_own = vec![
        edited(&replica, &signed_off(progress, "cath"), 2_000, device(4)),
        edited(
            &engagement_replica,
            &reviewed(record, "cath"),
            2_000,
            device(4),
        ),
    ];
    assert_eq!(
        outcomes(&push(&server, &cath, device(4), "b2", in_their_own)),
        [applied(), applied()]
    );
}

#[test]
fn coordinator_cannot_delete_a_learners_progress() {
    let server = server();
    let [lee, cath] = ["lee", "cath"].map(|name| login(&server, name));
    let progress = submitted(1, "lee");
    let (mut replica, first) = created(&progress, 1_000, device(2));
    push(&server, &lee, device(2), "b1", vec![first]);
    // Assessing it is theirs to do; deleting it is not.
    replica.delete(stamp(2_000, device(4)));
    assert_eq!(
        outcomes(&push(
            &server,
            &cath,
            device(4),
            "b1",
            vec![change(&replica)]
        )),
        [refused("not_yours")]
    );
    assert!(!pulled(&server, &lee, progress.id).unwrap().is_deleted());
}

#[test]
fn progress_change_under_an_engagement_id_is_refused() {
    let server = server();
    let [olu, lee] = ["olu", "lee"].map(|name| login(&server, name));
    let (mut record, _) = engagement(1, "olu", device(3), 1_000);
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: day(30) + chrono::Days::new(365),
    });
    let (_, change) = created(&record, 1_000, device(3));
    push(&server, &olu, device(3), "b1", vec![change]);

    let mut progress = Progress::new(record.id, "lee", "nos-cd-2023", "01");
    progress.status = Status::Learning;
    let (_, confused) = created(&progress, 2_000, device(2));
    let answer = push(&server, &lee, device(2), "b1", vec![confused]);
    assert_eq!(outcomes(&answer), [refused("kind_mismatch")]);
    assert!(answer.body["results"][0].get("server").is_none());
    assert!(
        !answer.body.to_string().contains("07700"),
        "{}",
        answer.body
    );
    let theirs: Engagement = pulled(&server, &olu, record.id).unwrap().to_doc().unwrap();
    assert_eq!(theirs, record, "the owner's record is untouched");
}

#[test]
fn stamp_a_year_ahead_is_refused() {
    let server = server();
    let sam = login(&server, "sam");
    let year_ahead = fieldbook_server::now_ms() + 365 * 24 * 60 * 60 * 1000;
    let (_, change) = engagement(1, "sam", device(1), year_ahead);
    let answer = push(&server, &sam, device(1), "b1", vec![change]);
    assert_eq!(outcomes(&answer), [refused("clock_ahead")]);
    let message = answer.body["results"][0]["reason"]["message"]
        .as_str()
        .unwrap();
    assert!(
        message.starts_with("This phone's clock is ahead of the server's by 36")
            && message.ends_with("set the phone's date and time and sync again."),
        "{message}"
    );
    assert!(pull_all(&server, &sam, 10).is_empty(), "nothing was stored");
    // A phone a few hours fast is still fine.
    let (_, change) = engagement(2, "sam", device(1), fieldbook_server::now_ms() + 3_600_000);
    assert_eq!(
        outcomes(&push(&server, &sam, device(1), "b2", vec![change])),
        [applied()]
    );
}

#[test]
fn unknown_schema_version_is_refused() {
    let server = server();
    let sam = login(&server, "sam");
    let (_, change) = engagement(1, "sam", device(1), 1_000);
    let future = tampered(&change, |wire| wire["v"] = 99.into());
    let before_time = tampered(&change, |wire| wire["v"] = 0.into());
    // Ownership a version 1 server cannot read is not taken on trust.
    let someone_elses = tampered(&future, |wire| wire["f"]["au"] = "cath".into());
    let answer = push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![future, before_time, someone_elses],
    );
    assert_eq!(outcomes(&answer), vec![refused("unknown_version"); 3]);
    assert!(pull_all(&server, &sam, 10).is_empty());
}

#[test]
fn unknown_fields_are_refused() {
    let server = server();
    let sam = login(&server, "sam");
    let (_, change) = engagement(1, "sam", device(1), 1_000);
    let in_the_record = tampered(&change, |wire| wire["f"]["zz"] = "x".repeat(1_000).into());
    let in_a_priority = tampered(&change, |wire| {
        wire["f"]["p"][0]["zz"] = "hidden".into();
    });
    let in_a_list_it_lacks = tampered(&change, |wire| {
        wire["ls"].as_array_mut().unwrap().push("zz".into());
        let id = ElementId::new(1_000, [9; 4]).to_string();
        wire["f"]["zz"] = serde_json::json!([{ "i": id, "x": "hidden" }]);
    });
    let answer = push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![in_the_record, in_a_priority, in_a_list_it_lacks],
    );
    assert_eq!(outcomes(&answer), vec![refused("unknown_fields"); 3]);
    let message = answer.body["results"][0]["reason"]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("zz"), "{message}");
    assert_eq!(
        outcomes(&push(&server, &sam, device(1), "b2", vec![change])),
        [applied()],
        "the record as written is fine"
    );
}

#[test]
fn oversized_record_is_refused() {
    let server = server();
    let sam = login(&server, "sam");
    let (mut record, _) = engagement(1, "sam", device(1), 1_000);
    let priority = |n: u64, text: &str| Priority {
        id: ElementId::new(1_000 * (n + 1), [1; 4]),
        text: text.into(),
        theme: None,
    };
    // Each priority is valid; together they are far beyond what a record needs.
    record.actions.clear();
    record.feedback.clear();
    record.priorities = (0..180).map(|n| priority(n, &"p".repeat(900))).collect();
    let (_, large) = created(&record, 1_000, device(1));
    record.id = Id::from_random([7; 16]);
    record.priorities = (0..250).map(|n| priority(n, "short")).collect();
    let (_, long) = created(&record, 1_000, device(1));
    let answer = push(&server, &sam, device(1), "b1", vec![large, long]);
    assert_eq!(outcomes(&answer), vec![refused("too_large"); 2]);
    assert!(pull_all(&server, &sam, 10).is_empty());
}

#[test]
fn review_reaches_author_who_edited_before_pulling() {
    let server = server();
    let [sam, cath] = ["sam", "cath"].map(|name| login(&server, name));
    let (phone, coordinators_phone) = (device(1), device(4));
    let (record, change) = engagement(1, "sam", phone, 1_000);
    let on_the_phone = Replica::decode(change.replica.get()).unwrap();
    push(&server, &sam, phone, "b1", vec![change]);

    let seen = pulled(&server, &cath, record.id).unwrap();
    let review = edited(
        &seen,
        &reviewed(record.clone(), "cath"),
        2_000,
        coordinators_phone,
    );
    assert_eq!(
        outcomes(&push(
            &server,
            &cath,
            coordinators_phone,
            "b1",
            vec![review]
        )),
        [applied()]
    );

    // The author, not having pulled, edits the notes on the phone and pushes.
    let mut notes = record.clone();
    notes.notes = "Added what the caretaker said.".into();
    let edit = edited(&on_the_phone, &notes, 3_000, phone);
    assert_eq!(
        outcomes(&push(&server, &sam, phone, "b2", vec![edit])),
        [applied()]
    );
    let page = send(
        "GET",
        &format!("{}/api/v1/sync/pull?limit=100&device={phone}", server.url),
        Some(&sam),
        None,
    );
    let changes = page.body["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "the record comes back: {}", page.body);
    let merged: Engagement = Replica::decode(&changes[0]["replica"].to_string())
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(merged.review.map(|review| review.by), Some("cath".into()));
    assert_eq!(merged.notes, notes.notes);
}

#[test]
fn answered_batches_keep_no_record_content() {
    let server = server();
    let sam = login(&server, "sam");
    let (mut record, _) = engagement(1, "sam", device(1), 1_000);
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: day(30) + chrono::Days::new(365),
    });
    let (base, change) = created(&record, 1_000, device(1));
    push(&server, &sam, device(1), "b1", vec![change]);
    // A later edit from another phone, then an earlier one from the first: a conflict, answered
    // with the server's copy, contact details and all.
    let mut later = record.clone();
    later.notes = "later".into();
    push(
        &server,
        &sam,
        device(2),
        "b1",
        vec![edited(&base, &later, 3_000, device(2))],
    );
    let mut earlier = record.clone();
    earlier.notes = "earlier".into();
    let batch = vec![edited(&base, &earlier, 2_000, device(1))];
    let first = push(&server, &sam, device(1), "b2", batch.clone());
    assert_eq!(statuses(&first), ["conflict"]);
    assert!(first.body.to_string().contains("07700"));

    let again = push(&server, &sam, device(1), "b2", batch);
    assert_eq!(again.body, first.body, "a replay answers the same");
    let kept: Vec<String> = rows(&server.db, "SELECT response FROM batches")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(kept.len(), 3);
    for response in kept {
        assert!(!response.contains("07700"), "{response}");
        assert!(!response.contains("later"), "{response}");
    }
}
