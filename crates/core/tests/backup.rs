//! Backups: exporting every document and framework, and planning their import into a device's
//! store, entry by entry, without losing anything a newer release wrote.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use fieldbook_core::backup::{
    plan_import, AckedDocument, Backup, BackupError, ImportPlan, Rejection, ServerCopy,
};
use fieldbook_core::framework::Framework;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::{sample, Clock, Context, Id, Replica};
use proptest::prelude::*;
use serde_json::Value;

const EXPORTED_AT_MS: u64 = 1_795_000_000_000;

fn context() -> Context {
    Context {
        now: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    }
}

fn device(n: u8) -> Id {
    Id::from_random([n; 16])
}

fn course(id: &str) -> Framework {
    Framework::import(&format!(
        r#"{{"schema": 1, "id": "{id}", "title": "A course",
            "key_areas": [{{"code": "A", "title": "Area A",
                            "competencies": [{{"code": "A1", "title": "Do a thing"}}]}}]}}"#
    ))
    .unwrap()
}

/// A device's documents, as the app's storage holds them: one per kind and id.
#[derive(Default)]
struct Store(BTreeMap<(String, Id), Replica>);

impl Store {
    fn of(replicas: &[Replica]) -> Store {
        Store(
            replicas
                .iter()
                .map(|r| ((r.kind().to_owned(), r.id()), r.clone()))
                .collect(),
        )
    }

    fn plan(&self, json: &str) -> Result<ImportPlan, BackupError> {
        plan_import(
            json,
            |kind, id| self.0.get(&(kind.to_owned(), id)).cloned(),
            &context(),
        )
    }
}

fn backup(replicas: &[Replica], frameworks: &[Framework]) -> String {
    let encoded: Vec<String> = replicas.iter().map(Replica::encode).collect();
    Backup::new(
        EXPORTED_AT_MS,
        device(9),
        encoded.iter().map(String::as_str),
        frameworks,
    )
    .to_json()
}

/// One of each kind, with a later edit and a deleted venue, as one device would hold them.
fn documents(clock: &mut Clock) -> Vec<Replica> {
    let mut replicas: Vec<Replica> = (0..4)
        .map(|n| Replica::create(&sample::engagement(n), clock.tick(1_790_000_000_000 + n)))
        .collect();
    let mut edited = sample::engagement(0);
    edited.notes = "Edited after the meeting.".to_owned();
    replicas[0].update(&edited, clock.tick(1_790_000_100_000));
    let venue = Venue {
        id: device(40),
        name: "St Mary's Church Hall".to_owned(),
        area: "Brinnington".to_owned(),
    };
    let mut venue = Replica::create(&venue, clock.tick(1_790_000_200_000));
    venue.delete(clock.tick(1_790_000_300_000));
    replicas.push(venue);
    let progress = Progress::new(device(41), "asha.k", "nos-cd-2023", "07");
    replicas.push(Replica::create(&progress, clock.tick(1_790_000_400_000)));
    replicas
}

#[test]
fn a_backup_restores_every_document_and_framework() {
    let replicas = documents(&mut Clock::new(device(1)));
    let json = backup(&replicas, &[course("course-1")]);

    let plan = Store::default().plan(&json).unwrap();
    assert_eq!(plan.writes, replicas);
    assert_eq!(plan.frameworks, [course("course-1")]);
    assert_eq!(
        (plan.exported_at_ms, plan.device),
        (EXPORTED_AT_MS, device(9))
    );
    assert_eq!(
        plan.report.summary(),
        "Added 6, updated 0, unchanged 0, rejected 0."
    );
    assert!(plan.writes[4].is_deleted(), "tombstones are kept");

    let again = Store::of(&replicas).plan(&json).unwrap();
    assert!(again.writes.is_empty());
    assert_eq!(
        again.report.summary(),
        "Added 0, updated 0, unchanged 6, rejected 0."
    );
}

#[test]
fn each_document_sits_on_its_own_line() {
    let replicas = documents(&mut Clock::new(device(1)));
    let json = backup(&replicas, &[]);
    for replica in &replicas {
        assert!(
            json.lines()
                .any(|line| line.trim().trim_end_matches(',') == replica.encode()),
            "{json}"
        );
    }
}

#[test]
fn edits_made_elsewhere_merge_field_by_field() {
    let mut here = Clock::new(device(1));
    let mut there = Clock::new(device(2));
    let original = sample::engagement(1);
    let untouched = Replica::create(&sample::engagement(2), here.tick(1_790_000_000_000));
    let mut mine = Replica::create(&original, here.tick(1_790_000_000_001));
    let mut theirs = Replica::decode(&mine.encode()).unwrap();
    there.observe(mine.updated());

    let mut my_edit = original.clone();
    my_edit.notes = "Notes written here.".to_owned();
    mine.update(&my_edit, here.tick(1_790_000_500_000));
    let mut their_edit = original.clone();
    their_edit.venue = "Brinnington Library".to_owned();
    // The third priority: no action or feedback answers it.
    their_edit.priorities.remove(2);
    theirs.update(&their_edit, there.tick(1_790_000_400_000));

    let json = backup(&[untouched.clone(), theirs], &[]);
    let plan = Store::of(&[untouched, mine]).plan(&json).unwrap();
    assert_eq!(
        plan.report.summary(),
        "Added 0, updated 1, unchanged 1, rejected 0."
    );
    let merged: Engagement = plan.writes[0].to_doc().unwrap();
    assert_eq!(merged.notes, "Notes written here.");
    assert_eq!(merged.venue, "Brinnington Library");
    assert_eq!(merged.priorities.len(), 2);
}

#[test]
fn copies_of_one_document_in_a_file_merge_first() {
    let original = sample::engagement(3);
    let mut first = Replica::create(&original, Clock::new(device(1)).tick(1_790_000_000_000));
    let mut second = first.clone();
    let mut edit = original.clone();
    edit.notes = "From the first device.".to_owned();
    first.update(&edit, Clock::new(device(1)).tick(1_790_000_100_000));
    let mut edit = original.clone();
    edit.area = "Reddish".to_owned();
    second.update(&edit, Clock::new(device(2)).tick(1_790_000_200_000));

    let plan = Store::default()
        .plan(&backup(&[first, second], &[]))
        .unwrap();
    assert_eq!(
        plan.report.summary(),
        "Added 1, updated 0, unchanged 0, rejected 0."
    );
    let merged: Engagement = plan.writes[0].to_doc().unwrap();
    assert_eq!(
        (merged.notes.as_str(), merged.area.as_str()),
        ("From the first device.", "Reddish")
    );
}

#[test]
fn bad_entries_are_rejected_one_by_one_and_the_rest_imported() {
    let mut clock = Clock::new(device(1));
    let good: Vec<Replica> = (10..12)
        .map(|n| Replica::create(&sample::engagement(n), clock.tick(1_790_000_000_000 + n)))
        .collect();
    let mut invalid = sample::engagement(12);
    invalid.date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    invalid.venue = "  ".to_owned();
    let invalid = Replica::create(&invalid, clock.tick(1_790_000_000_100));
    let documents = [
        good[0].encode(),
        r#"{"k":"engagement","v":1,"f":{}}"#.to_owned(),
        invalid.encode(),
        "not JSON: damaged storage".to_owned(),
        good[1].encode(),
    ];
    let json = Backup::new(
        EXPORTED_AT_MS,
        device(9),
        documents.iter().map(String::as_str),
        &[course("course-1"), course("course-2")],
    )
    .to_json();
    let mut file: Value = serde_json::from_str(&json).unwrap();
    file["frameworks"][1]
        .as_object_mut()
        .unwrap()
        .remove("title");

    let plan = Store::default().plan(&file.to_string()).unwrap();
    assert_eq!(plan.writes, good);
    assert_eq!(plan.frameworks, [course("course-1")]);
    let id = invalid.id().to_string();
    assert_eq!(
        plan.report.rejected,
        [
            Rejection {
                index: 1,
                what: "document 2".to_owned(),
                reason: "this is not a Fieldbook document: missing field `d` at line 1 column 31"
                    .to_owned(),
            },
            Rejection {
                index: 2,
                what: format!("document 3 (engagement {}…)", &id[..8]),
                reason: "2 problems: date: The date (2027-01-01) is in the future.; venue: The \
                         venue is required."
                    .to_owned(),
            },
            Rejection {
                index: 3,
                what: "document 4".to_owned(),
                reason: "this is not a Fieldbook document: invalid type: string \"not JSON: \
                         damaged storage\", expected struct Wire at line 1 column 27"
                    .to_owned(),
            },
            Rejection {
                index: 1,
                what: "framework 2".to_owned(),
                reason: "1 problem: title: The framework's title is required.".to_owned(),
            },
        ]
    );
    assert_eq!(
        plan.report.summary(),
        "Added 2, updated 0, unchanged 0, rejected 4."
    );
}

#[test]
fn a_long_list_of_problems_is_cut_short() {
    let mut record = sample::engagement(13);
    record.venue = " ".to_owned();
    record.method = " ".to_owned();
    record.strand = " ".to_owned();
    record.level = " ".to_owned();
    record.author = " ".to_owned();
    let replica = Replica::create(&record, Clock::new(device(1)).tick(1_790_000_000_000));
    let plan = Store::default().plan(&backup(&[replica], &[])).unwrap();
    assert_eq!(
        plan.report.rejected[0].reason,
        "5 problems: venue: The venue is required.; method: The method is required.; strand: \
         The strand is required.; and 2 more"
    );
}

#[test]
fn a_framework_given_twice_keeps_the_later() {
    let mut later = course("course-1");
    later.title = "A course, revised".to_owned();
    let plan = Store::default()
        .plan(&backup(
            &[],
            &[course("course-1"), course("course-2"), later.clone()],
        ))
        .unwrap();
    assert_eq!(plan.frameworks, [later, course("course-2")]);
    assert!(plan.report.rejected.is_empty());
}

#[test]
fn documents_a_newer_release_wrote_are_kept_whole() {
    let mut clock = Clock::new(device(1));
    let record = Replica::create(&sample::engagement(14), clock.tick(1_790_000_000_000));
    let mut newer: Value = serde_json::from_str(&record.encode()).unwrap();
    newer["v"] = 2.into();
    let fields = newer["f"].as_object_mut().unwrap();
    // Version 2 renames the venue, which version 1 would call missing.
    let venue = fields.remove("vn").unwrap();
    fields.insert("place".to_owned(), serde_json::json!({ "name": venue }));
    let mut unknown: Value = serde_json::from_str(
        &Replica::create(&sample::engagement(15), clock.tick(1_790_000_000_001)).encode(),
    )
    .unwrap();
    unknown["k"] = "meeting".into();
    let documents = [newer.to_string(), unknown.to_string()];
    let json = Backup::new(
        EXPORTED_AT_MS,
        device(9),
        documents.iter().map(String::as_str),
        &[],
    )
    .to_json();

    let plan = Store::default().plan(&json).unwrap();
    assert_eq!(
        plan.report.summary(),
        "Added 2, updated 0, unchanged 0, rejected 0."
    );
    let kept: Value = serde_json::from_str(&plan.writes[0].encode()).unwrap();
    assert_eq!(kept, newer);
    assert_eq!(plan.writes[1].kind(), "meeting");

    // Over this device's version 1 copy, the newer one merges in and stays newer.
    let plan = Store::of(&[record]).plan(&json).unwrap();
    assert_eq!(plan.report.updated, 1);
    assert_eq!(plan.writes[0].version(), 2);
    assert!(plan.writes[0].encode().contains(r#""place":{"name":"#));
}

#[test]
fn a_file_that_cannot_be_read_says_why() {
    let error = Store::default()
        .plan("{\n  \"format\": \"fieldbook-backup\"\n  \"version\": 1\n}")
        .unwrap_err();
    assert_eq!(
        error,
        BackupError::NotJson {
            line: 3,
            column: 3,
            message: "expected `,` or `}`".to_owned(),
        }
    );
    assert_eq!(
        error.to_string(),
        "the file is not valid JSON at line 3, column 3: expected `,` or `}`"
    );
    assert!(matches!(
        Store::default().plan(""),
        Err(BackupError::NotJson { line: 1, .. })
    ));

    let framework = serde_json::to_string(&course("course-1")).unwrap();
    for other in [
        "[]",
        "{}",
        r#"{"format": "another-app", "version": 1}"#,
        framework.as_str(),
    ] {
        let error = Store::default().plan(other).unwrap_err();
        assert_eq!(error, BackupError::NotABackup, "{other}");
        assert_eq!(error.to_string(), "this file is not a Fieldbook backup");
    }

    let newer = r#"{"format": "fieldbook-backup", "version": 2, "records": {}}"#;
    let error = Store::default().plan(newer).unwrap_err();
    assert_eq!(
        error,
        BackupError::NewerVersion {
            found: 2,
            supported: 1
        }
    );
    assert_eq!(
        error.to_string(),
        "this backup was made by a newer version of Fieldbook (backup format 2; this version \
         reads up to 1); update the app to restore it"
    );

    for (damaged, reason) in [
        (
            r#"{"format": "fieldbook-backup", "version": 1, "exported_at_ms": 1,
                "device": "QkJCQkJCQkKCQkJCQkJCQg", "documents": 3, "frameworks": []}"#,
            "the backup is damaged: invalid type: integer `3`, expected a sequence at line 2 \
             column 66",
        ),
        (
            r#"{"format": "fieldbook-backup", "version": "one"}"#,
            "the backup is damaged: its \"version\" should be a format version such as 1",
        ),
    ] {
        let error = Store::default().plan(damaged).unwrap_err();
        assert_eq!(error.to_string(), reason);
    }
}

/// Written once by the first release; never regenerate it. Every later release must still
/// import it.
#[test]
fn the_first_release_backup_still_imports() {
    let path = format!(
        "{}/tests/fixtures/backup-v1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));

    let plan = Store::default().plan(&json).unwrap();
    assert_eq!(
        plan.report.summary(),
        "Added 2, updated 0, unchanged 0, rejected 0."
    );
    assert_eq!(
        (plan.exported_at_ms, plan.device),
        (1_795_000_000_000, device(0x42))
    );
    let record: Engagement = plan.writes[0].to_doc().unwrap();
    assert_eq!(record.date, NaiveDate::from_ymd_opt(2026, 4, 21).unwrap());
    assert_eq!(record.venue, "St Mary's Church Hall");
    assert_eq!((record.priorities.len(), record.actions.len()), (3, 2));
    // The notes were edited after the record was made, and carry their own stamp.
    assert_eq!(record.notes, "Edited after the meeting.");
    assert!(plan.writes[0].updated() > plan.writes[0].created());
    assert!(plan.writes[1].is_deleted());
    assert_eq!(
        plan.writes[1].to_doc::<Venue>().unwrap().name,
        "Adswood Primary School gate"
    );
    let [framework] = plan.frameworks.as_slice() else {
        panic!("{:?}", plan.frameworks);
    };
    assert_eq!(
        (framework.id.as_str(), framework.competency_count()),
        ("course-1", 1)
    );

    let again = Store::of(&plan.writes).plan(&json).unwrap();
    assert_eq!(again.report.unchanged, 2);
}

proptest! {
    /// Whatever a file holds, planning its import answers; it never panics.
    #[test]
    fn no_file_makes_the_import_panic(
        cut in 0usize..4000,
        edits in prop::collection::vec((0usize..4000, prop::sample::select(&[
            '{', '}', '[', ']', '"', ',', ':', '0', '9', '-', 'x', ' ', 't', 'n',
        ][..])), 0..6),
    ) {
        let replicas = documents(&mut Clock::new(device(1)));
        let json = backup(&replicas[..2], &[course("course-1")]);
        let mut chars: Vec<char> = json.chars().collect();
        for (at, with) in edits {
            let at = at % chars.len();
            chars[at] = with;
        }
        chars.truncate(cut.max(chars.len() / 2));
        let damaged: String = chars.into_iter().collect();
        let _ = Store::of(&replicas).plan(&damaged);
    }
}

/// A backup that says the server acknowledged `at` for the first document's copy as exported.
fn backup_with_server(replicas: &[Replica], at: fieldbook_core::Stamp) -> String {
    let encoded: Vec<String> = replicas.iter().map(Replica::encode).collect();
    let mut server = ServerCopy::new("https://fieldbook.example.org");
    server.insert(replicas[0].kind(), replicas[0].id(), at);
    Backup::new(
        EXPORTED_AT_MS,
        device(9),
        encoded.iter().map(String::as_str),
        &[],
    )
    .with_server(server)
    .to_json()
}

#[test]
fn what_the_server_holds_comes_through_only_for_the_copy_it_acknowledged() {
    let mut clock = Clock::new(device(1));
    let replicas = documents(&mut clock);
    let first = &replicas[0];

    let plan = Store::default()
        .plan(&backup_with_server(&replicas, first.updated()))
        .unwrap();
    let acknowledged = plan.acknowledged.unwrap();
    assert_eq!(acknowledged.origin, "https://fieldbook.example.org");
    assert_eq!(
        acknowledged.documents,
        [AckedDocument {
            kind: first.kind().to_owned(),
            id: first.id(),
            stamp: first.updated(),
            covered: true,
        }]
    );

    // Acknowledged before the copy in the file was edited: it says nothing of that copy.
    let older = fieldbook_core::Stamp {
        wall_ms: first.updated().wall_ms - 1,
        ..first.updated()
    };
    let plan = Store::default()
        .plan(&backup_with_server(&replicas, older))
        .unwrap();
    assert!(plan.acknowledged.unwrap().documents.is_empty());

    // A device holding more than the backup has: not covered by what the server holds.
    let mut mine = first.clone();
    let mut edited = sample::engagement(0);
    edited.notes = "Edited on this device".to_owned();
    mine.update(&edited, Clock::new(device(2)).tick(1_790_000_200_000));
    let plan = Store::of(&[mine])
        .plan(&backup_with_server(&replicas, first.updated()))
        .unwrap();
    assert!(!plan.acknowledged.unwrap().documents[0].covered);

    // Older files, and phones never signed in, say nothing.
    assert_eq!(
        Store::default()
            .plan(&backup(&replicas, &[]))
            .unwrap()
            .acknowledged,
        None
    );
}
