//! Schema version 1 of the training files: a progress document in its serde form, and an
//! imported framework. Every later version must still read them: never edit these files, add
//! new ones beside them.

use chrono::NaiveDate;
use fieldbook_core::framework::{self, Framework};
use fieldbook_core::progress::{Outcome, Progress, Status};
use fieldbook_core::{Context, Document, Replica};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

#[test]
fn progress_v1_still_decodes() {
    let progress: Progress = serde_json::from_str(&fixture("progress-v1.json")).unwrap();
    assert_eq!(progress.learner, "ali.khan");
    assert_eq!(
        (progress.framework.as_str(), progress.competency.as_str()),
        ("nos-cd-2023", "07")
    );
    assert_eq!(progress.status, Status::SignedOff);
    assert_eq!(progress.evidence.len(), 2);
    assert_eq!(progress.evidence[0].date, date(5, 2));
    assert_eq!(progress.evidence[0].engagement, None);
    assert_eq!(
        progress.evidence[1]
            .engagement
            .map(|id| id.to_string())
            .as_deref(),
        Some("Tm-R4UijS0KlajxFKVwCvg")
    );
    let review = progress.review.as_ref().expect("the fixture is signed off");
    assert_eq!(
        (review.by.as_str(), review.date, review.outcome),
        ("pat.jones", date(5, 28), Outcome::SignedOff)
    );
    let context = Context {
        now: date(6, 1).and_hms_opt(9, 0, 0).unwrap(),
    };
    assert_eq!(progress.validate(&context), Ok(()));
    // The fixture names a real standard of the default framework.
    assert!(framework::nos_cd()
        .competency(&progress.competency)
        .is_some());
}

#[test]
fn progress_v1_survives_a_replica_round_trip() {
    let progress: Progress = serde_json::from_str(&fixture("progress-v1.json")).unwrap();
    let stamp = fieldbook_core::Clock::new(progress.id).tick(1_780_000_000_000);
    let replica = Replica::create(&progress, stamp);
    assert_eq!(replica.kind(), "progress");
    assert_eq!(replica.to_doc::<Progress>().unwrap(), progress);
}

#[test]
fn framework_v1_still_imports() {
    let framework = Framework::import(&fixture("framework-v1.json")).unwrap();
    assert_eq!(framework.id, "community-organising-l2");
    assert_eq!(framework.key_areas.len(), 2);
    assert_eq!(framework.competency_count(), 3);
    assert_eq!(
        framework.key_area_of("B1").map(|a| a.title.as_str()),
        Some("Acting together")
    );
    assert_eq!(framework.values[0].code, "collective_action");
}

#[test]
fn stored_progress_v1_still_decodes() {
    let json = fixture("progress-stored-v1.json");
    let replica = Replica::decode(&json).unwrap();
    let progress: Progress = replica.to_doc().unwrap();
    assert_eq!(progress.status, Status::SignedOff);
    assert_eq!(progress.evidence.len(), 2);
    let fast = Replica::decode_doc::<Progress>(&json).unwrap();
    assert_eq!(fast.doc, progress);
}
