//! Engagement validation, and engagements as replicas: editing, deleting and schema versions.

use chrono::NaiveDate;
use fieldbook_core::model::{Action, Engagement, Feedback, Priority};
use fieldbook_core::replica::MaterialiseError;
use fieldbook_core::{sample, Clock, Context, Document, ElementId, Id, Replica};

fn context() -> Context {
    Context {
        now: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    }
}

fn codes_at(record: &Engagement, path: &str) -> Vec<String> {
    let issues = record.validate(&context()).err().unwrap_or_default();
    issues
        .into_iter()
        .filter(|i| i.path == path)
        .map(|i| i.code)
        .collect()
}

#[test]
fn the_sample_record_is_valid() {
    for n in 0..50 {
        assert_eq!(
            sample::engagement(n).validate(&context()),
            Ok(()),
            "sample {n}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut record = sample::engagement(1);
    record.date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    record.venue = "  ".to_owned();
    record.reach.total = 10;
    record.reach.age_bands.insert("under_16".to_owned(), 11);
    record.reach.groups.insert("carers".to_owned(), -1);
    record.notes = "x".repeat(10_001);
    record.priorities[0].text = String::new();
    let issues = record.validate(&context()).unwrap_err();
    let found: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    for expected in [
        ("date", "future_date"),
        ("venue", "required"),
        ("reach.age_bands.under_16", "exceeds_total"),
        ("reach.age_bands", "exceeds_total"),
        ("reach.groups.carers", "negative"),
        ("notes", "too_long"),
        ("priorities[0].text", "required"),
    ] {
        assert!(
            found.contains(&expected),
            "{expected:?} missing from {found:?}"
        );
    }
    let message = &issues.iter().find(|i| i.path == "notes").unwrap().message;
    assert_eq!(
        message,
        "The notes is 10001 characters long; the most allowed is 10000."
    );
}

#[test]
fn tomorrow_is_allowed_but_not_the_day_after() {
    let mut record = sample::engagement(2);
    record.date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert!(codes_at(&record, "date").is_empty());
    record.date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    assert_eq!(codes_at(&record, "date"), ["future_date"]);
}

#[test]
fn absurd_counts_are_caught() {
    let mut record = sample::engagement(3);
    record.reach.total = 100_001;
    assert_eq!(codes_at(&record, "reach.total"), ["too_large"]);
    record.reach.total = -5;
    assert_eq!(codes_at(&record, "reach.total"), ["negative"]);
}

#[test]
fn the_loop_must_point_at_real_priorities() {
    let mut record = sample::engagement(4);
    let stray = ElementId::new(0, [1; 4]);
    record.actions[0].priority = Some(stray);
    record.actions[1].status = "done".to_owned();
    record.actions[1].closed_on = None;
    record.feedback = vec![Feedback {
        id: ElementId::new(5, [5; 4]),
        text: "Posted on the noticeboard".to_owned(),
        given_on: record.date,
        channel: "noticeboard".to_owned(),
        answers: vec![stray],
    }];
    assert_eq!(
        codes_at(&record, "actions[0].priority"),
        ["unknown_priority"]
    );
    assert_eq!(codes_at(&record, "actions[1].closed_on"), ["required"]);
    assert_eq!(
        codes_at(&record, "feedback[0].answers[0]"),
        ["unknown_priority"]
    );
}

#[test]
fn unknown_vocabulary_codes_are_kept() {
    let mut record = sample::engagement(5);
    record.method = "hackathon".to_owned();
    record.themes.push("digital_inclusion".to_owned());
    assert_eq!(record.validate(&context()), Ok(()));
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let replica = Replica::create(&record, clock.tick(1));
    let back: Engagement = Replica::decode(&replica.encode())
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(back.method, "hackathon");
    assert!(back.themes.contains(&"digital_inclusion".to_owned()));
}

#[test]
fn edits_write_only_what_changed() {
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let mut record = sample::engagement(6);
    let mut replica = Replica::create(&record, clock.tick(1_000));
    assert!(
        !replica.update(&record, clock.tick(2_000)),
        "nothing changed"
    );

    record.notes.push_str(" Update: lights fixed.");
    record.priorities.push(Priority {
        id: ElementId::new(2_000_000_000_000, [3; 4]),
        text: "Bins".to_owned(),
        theme: None,
    });
    let edit = clock.tick(3_000);
    assert!(replica.update(&record, edit));
    let changed: Vec<String> = replica
        .entries()
        .filter(|(_, r)| r.stamp == edit)
        .map(|(p, _)| p)
        .collect();
    let new_priority = record.priorities[3].id;
    assert_eq!(changed, ["n".to_owned(), format!("p/{new_priority}/x")]);
    assert_eq!(replica.to_doc::<Engagement>().unwrap(), record);
}

#[test]
fn removing_an_element_leaves_a_tombstone_and_can_be_undone() {
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let mut record = sample::engagement(7);
    let mut replica = Replica::create(&record, clock.tick(1_000));
    let removed: Action = record.actions.remove(1);
    replica.update(&record, clock.tick(2_000));
    assert_eq!(replica.to_doc::<Engagement>().unwrap().actions.len(), 1);

    record.actions.push(removed);
    replica.update(&record, clock.tick(3_000));
    let restored = replica.to_doc::<Engagement>().unwrap();
    assert_eq!(restored.actions.len(), 2);
}

#[test]
fn deleting_a_record_is_a_tombstone_with_undo() {
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let mut replica = Replica::create(&sample::engagement(8), clock.tick(1_000));
    replica.delete(clock.tick(2_000));
    assert!(replica.is_deleted());
    let decoded = Replica::decode(&replica.encode()).unwrap();
    assert!(decoded.is_deleted(), "the tombstone survives storage");
    replica.restore(clock.tick(3_000));
    assert!(!replica.is_deleted());
}

#[test]
fn a_newer_schema_is_reported_and_kept_whole() {
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let replica = Replica::create(&sample::engagement(9), clock.tick(1_000));
    let newer = replica
        .encode()
        .replacen(r#""v":1"#, r#""v":2"#, 1)
        .replacen(r#""f":{"#, r#""f":{"zz":"from the future","#, 1);
    let decoded = Replica::decode(&newer).unwrap();
    match decoded.to_doc::<Engagement>() {
        Err(MaterialiseError::NewerVersion {
            found: 2,
            supported: 1,
            ..
        }) => {}
        other => panic!("expected a newer-version error, got {other:?}"),
    }
    // Nothing is dropped: the document re-encodes to what was read, unknown field and all.
    let as_value = |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap();
    assert_eq!(as_value(&decoded.encode()), as_value(&newer));
}

#[test]
fn damaged_documents_are_clear_errors() {
    for (json, expected) in [
        ("not json", "this is not a Fieldbook document"),
        (
            r#"{"k":"venue","v":1,"d":["CQkJCQkJSQmJCQkJCQkJCQ"],"t":[[1,0,0]],"f":{"id":"x"}}"#,
            "is not a valid id",
        ),
        (
            r#"{"k":"venue","v":1,"d":[],"t":[[1,0,3]],"f":{"id":"CQkJCQkJSQmJCQkJCQkJCQ"}}"#,
            "not listed",
        ),
        (
            r#"{"k":"engagement","v":1,"d":[],"t":[],"ls":["p"],"f":{}}"#,
            "no stamps",
        ),
    ] {
        let error = Replica::decode(json).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
    }
}

#[test]
fn an_edit_applied_to_a_newer_copy_keeps_the_fields_it_did_not_touch() {
    let mut mine = Clock::new(Id::from_random([1; 16]));
    let mut theirs = Clock::new(Id::from_random([2; 16]));
    let base = sample::engagement(10);
    let mut stored = Replica::create(&base, mine.tick(1_000));

    // Another tab changes the venue after this editor loaded `base`.
    let mut other = base.clone();
    other.venue = "Brinnington Library".to_owned();
    stored.update(&other, theirs.tick(2_000));

    // This editor changes the notes only, starting from the old `base`.
    let mut edited = base.clone();
    edited.notes = "Rewritten.".to_owned();
    mine.observe(stored.updated());
    assert!(stored.apply(&base, &edited, mine.tick(3_000)));

    let merged: Engagement = stored.to_doc().unwrap();
    assert_eq!(
        merged.venue, "Brinnington Library",
        "the other tab's edit survives"
    );
    assert_eq!(merged.notes, "Rewritten.");
    assert_eq!(stored.created().wall_ms, 1_000);
}

#[test]
fn a_record_saved_with_empty_required_text_reads_back_and_fails_validation_in_words() {
    let mut record = sample::engagement(11);
    record.venue = String::new();
    record.priorities[0].text = String::new();
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let replica = Replica::create(&record, clock.tick(1_000));
    let back: Engagement = replica.to_doc().unwrap();
    assert_eq!(back, record);
    assert_eq!(codes_at(&back, "venue"), ["required"]);
    assert_eq!(codes_at(&back, "priorities[0].text"), ["required"]);
}

#[test]
fn huge_age_bands_are_an_error_not_an_overflow() {
    let mut record = sample::engagement(12);
    record.reach.age_bands.insert("16_24".to_owned(), i64::MAX);
    record.reach.age_bands.insert("45_64".to_owned(), i64::MAX);
    assert!(codes_at(&record, "reach.age_bands").contains(&"exceeds_total".to_owned()));
}
