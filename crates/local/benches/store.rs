//! Prints the phone store's figures natively, over memory, with 5,000 realistic records: opening
//! the store and where that time goes, saving one record, finding what is unsynced, and storing
//! a pulled page. The browser adds localStorage and crossing into wasm on top (see
//! `e2e/bench/storage.mjs`); these are the store's own share. A measurement to read:
//! `cargo bench -p fieldbook-local --bench store`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fieldbook_core::model::Engagement;
use fieldbook_core::pack::unpack;
use fieldbook_core::protocol::Change;
use fieldbook_core::{sample, Clock, Id, Replica};
use fieldbook_local::{Memory, Store};
use serde_json::value::RawValue;

#[path = "../tests/support/mod.rs"]
mod support;

const RECORDS: u64 = 5_000;
const NOW: u64 = 1_790_000_000_000;

fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let output = black_box(work());
            let elapsed = start.elapsed();
            drop(output);
            elapsed
        })
        .min()
        .expect("at least one run")
}

fn ms(duration: Duration) -> String {
    format!("{:8.2} ms", duration.as_secs_f64() * 1000.0)
}

/// A phone's storage holding `RECORDS` engagements saved on it.
fn filled() -> Memory {
    let disk = support::Disk::new();
    let mut store = disk.open(NOW);
    for n in 0..RECORDS {
        store.save(None, &sample::engagement(n), NOW + n).unwrap();
    }
    Memory(
        disk.keys()
            .into_iter()
            .map(|key| (key.clone(), disk.raw(&key).unwrap()))
            .collect(),
    )
}

/// `memory` with every document in `store` acknowledged by the server, as after a sync.
fn acknowledged(store: &Store, memory: &Memory) -> Memory {
    let docs = store.docs::<Engagement>();
    let device = docs.values().next().expect("records").updated.device;
    let acked: serde_json::Map<String, serde_json::Value> = docs
        .iter()
        .map(|(id, stored)| {
            let stamp = stored.updated;
            (
                format!("engagement/{id}"),
                serde_json::json!([stamp.wall_ms, stamp.counter, 0]),
            )
        })
        .collect();
    let mut synced = memory.clone();
    synced.0.insert(
        fieldbook_local::keys::SYNC.into(),
        serde_json::json!({ "acked": { "d": [device], "a": acked } }).to_string(),
    );
    synced
}

fn main() {
    let memory = filled();
    let values: Vec<String> = memory.0.values().cloned().collect();
    println!("Fieldbook phone store figures (release build, over memory, best of 5 runs)");
    println!(
        "open with {RECORDS} records            {}",
        ms(best_of(5, || Store::open(
            Box::new(memory.clone()),
            NOW,
            |_| ()
        )))
    );
    println!(
        "  of which unpacking              {}",
        ms(best_of(5, || values
            .iter()
            .map(|v| unpack(v))
            .collect::<Vec<_>>()))
    );
    let unpacked: Vec<String> = values.iter().map(|v| unpack(v)).collect();
    println!(
        "  of which decoding               {}",
        ms(best_of(5, || unpacked
            .iter()
            .filter_map(|json| Replica::decode_doc::<Engagement>(json).ok())
            .collect::<Vec<_>>()))
    );
    let mut store = Store::open(Box::new(memory.clone()), NOW, |_| ());
    println!(
        "what is unsynced                  {}   (the sync bar asks at every redraw)",
        ms(best_of(5, || store.unsynced()))
    );
    println!(
        "the outbox                        {}",
        ms(best_of(5, || store.outbox()))
    );
    let synced = Store::open(Box::new(acknowledged(&store, &memory)), NOW, |_| ());
    println!(
        "what is unsynced, all synced      {}",
        ms(best_of(5, || synced.unsynced()))
    );
    let mut saves: Vec<Duration> = (0..40)
        .map(|n| {
            let record = sample::engagement(RECORDS + n);
            let start = Instant::now();
            store.save(None, &record, NOW + RECORDS + n).unwrap();
            start.elapsed()
        })
        .collect();
    saves.sort();
    println!(
        "save one record                   p50 {}, p95 {}",
        ms(saves[saves.len() / 2]),
        ms(saves[saves.len() * 95 / 100])
    );
    let mut clock = Clock::new(Id::from_random([9; 16]));
    let page: Vec<Change> = (0..300)
        .map(|n| {
            let record = sample::engagement(100_000 + n);
            Change {
                kind: "engagement".into(),
                id: record.id,
                replica: RawValue::from_string(Replica::create(&record, clock.tick(NOW)).encode())
                    .unwrap(),
            }
        })
        .collect();
    let stored = (0..5)
        .map(|_| {
            let mut store = Store::open(Box::new(memory.clone()), NOW, |_| ());
            let page = page.clone();
            let start = Instant::now();
            store.receive(page, "epoch.1".into()).unwrap();
            start.elapsed()
        })
        .min()
        .unwrap();
    println!("store a pulled page of 300        {}", ms(stored));
}
