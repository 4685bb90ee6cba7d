//! How long working out what is unsynced takes with 5,000 documents on the phone. The sync
//! bar asks on every redraw, so it must stay cheap. Prints figures rather than judging them:
//! `cargo test -p fieldbook-local --release --test timing -- --nocapture`.

mod fixtures;
mod support;

use std::time::Instant;

use fieldbook_core::model::Engagement;
use fieldbook_core::sample;

use fixtures::{from_elsewhere, NOW};
use support::Disk;

const DOCUMENTS: u64 = 5_000;
const RUNS: u32 = 50;

#[test]
fn unsynced_over_five_thousand_documents() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let records: Vec<Engagement> = (0..DOCUMENTS).map(sample::engagement).collect();
    let page = records
        .iter()
        .map(|r| from_elsewhere(r, NOW - 10))
        .collect();
    store.receive(page, "epoch.1".into()).unwrap();
    // Every other record edited here since: half synced, half not.
    for record in records.iter().step_by(2) {
        let mut edited = record.clone();
        edited.notes = "Edited here".into();
        store.save(Some(record), &edited, NOW).unwrap();
    }

    let started = Instant::now();
    let mut unsynced = (0, None);
    for _ in 0..RUNS {
        unsynced = std::hint::black_box(store.unsynced());
    }
    let per_call = started.elapsed() / RUNS;
    let started = Instant::now();
    let mut outbox = Vec::new();
    for _ in 0..RUNS {
        outbox = std::hint::black_box(store.outbox());
    }
    let outbox_per_call = started.elapsed() / RUNS;

    assert_eq!(unsynced.0, records.len() / 2);
    assert_eq!(outbox.len(), records.len() / 2);
    println!(
        "{DOCUMENTS} documents, half unsynced: unsynced() {per_call:?} a call, outbox() \
         {outbox_per_call:?} a call (mean of {RUNS})"
    );
}
