//! Prints Fieldbook core's figures: encode, decode, merge and report times, and the stored size of
//! a realistic record. A measurement to read, not a pass/fail test:
//! `cargo bench -p fieldbook-core --bench figures`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use fieldbook_core::find::{self, Query};
use fieldbook_core::framework;
use fieldbook_core::model::Engagement;
use fieldbook_core::progress::{Progress, Status};
use fieldbook_core::report::{self, Filter, Half, Period};
use fieldbook_core::{sample, Clock, Id, Replica};

/// The best of several runs: the least disturbed by whatever else the machine is doing.
fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let output = black_box(work());
            let elapsed = start.elapsed();
            // Freeing the output is not part of the work being measured.
            drop(output);
            elapsed
        })
        .min()
        .expect("at least one run")
}

fn ms(duration: Duration) -> String {
    format!("{:8.2} ms", duration.as_secs_f64() * 1000.0)
}

fn replicas(count: u64, clock: &mut Clock) -> Vec<Replica> {
    (0..count)
        .map(|n| Replica::create(&sample::engagement(n), clock.tick(1_700_000_000_000 + n)))
        .collect()
}

fn main() {
    let mut clock = Clock::new(Id::from_random([1; 16]));
    let five_thousand = replicas(5_000, &mut clock);
    let encoded: Vec<String> = five_thousand.iter().map(Replica::encode).collect();

    println!("Fieldbook core figures (release build, best of 5 runs)");
    println!(
        "encode 5,000 engagements          {}",
        ms(best_of(5, || five_thousand
            .iter()
            .map(Replica::encode)
            .collect::<Vec<_>>()))
    );
    println!(
        "decode 5,000 engagements          {}   (stored JSON to typed records; target < 20 ms)",
        ms(best_of(5, || {
            encoded
                .iter()
                .map(|json| Replica::decode_doc::<Engagement>(json).unwrap())
                .collect::<Vec<_>>()
        }))
    );
    let typed: Vec<String> = (0..5_000)
        .map(|n| serde_json::to_string(&sample::engagement(n)).unwrap())
        .collect();
    println!(
        "parse 5,000 typed engagements     {}",
        ms(best_of(5, || typed
            .iter()
            .map(|json| serde_json::from_str::<Engagement>(json).unwrap())
            .collect::<Vec<_>>()))
    );
    let packed: Vec<String> = encoded
        .iter()
        .map(|json| fieldbook_core::pack::pack(json))
        .collect();
    println!(
        "unpack 5,000 stored records       {}   (localStorage form to JSON, before decoding)",
        ms(best_of(5, || packed
            .iter()
            .map(|text| fieldbook_core::pack::unpack(text))
            .collect::<Vec<_>>()))
    );
    println!(
        "decode 5,000 replicas only        {}",
        ms(best_of(5, || encoded
            .iter()
            .map(|json| Replica::decode(json).unwrap())
            .collect::<Vec<_>>()))
    );

    // 10,000 changes from a second device: edits to the notes and one priority of 1,000 records.
    let originals = replicas(1_000, &mut clock);
    let mut other = Clock::new(Id::from_random([2; 16]));
    let changes: Vec<Replica> = (0..10_000u64)
        .map(|n| {
            let mut copy = originals[(n % 1_000) as usize].clone();
            let mut record: Engagement = copy.to_doc().unwrap();
            let since = copy.updated();
            record.notes = format!("Edit {n}");
            record.priorities[(n % 3) as usize].text = format!("Priority edit {n}");
            copy.update(&record, other.tick(1_800_000_000_000 + n));
            copy.since(since)
        })
        .collect();
    println!(
        "merge 10,000 changes              {}",
        ms(best_of(5, || {
            let mut store: HashMap<Id, Replica> =
                originals.iter().map(|r| (r.id(), r.clone())).collect();
            for change in &changes {
                store.get_mut(&change.id()).unwrap().merge(change);
            }
            store
        }))
    );

    // Every report over 10,000 records spread over two years, for a half year and for the two years.
    let ten_thousand: Vec<Engagement> = (0..10_000).map(sample::engagement).collect();
    let progress = training_records(&ten_thousand);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real date");
    let everything = Filter::new(Period::new(day(2024, 11, 1), day(2026, 10, 31)).unwrap());
    let half_year = Filter::new(Period::half_year(2026, Half::First));
    println!(
        "all reports over 10,000 records   {}   (coverage, reach, loop, training; target < 50 ms)",
        ms(best_of(5, || {
            for filter in [&everything, &half_year] {
                black_box(report::coverage(&ten_thousand, filter));
                black_box(report::reach(&ten_thousand, filter));
                black_box(report::follow_up(&ten_thousand, filter));
            }
            let learners = report::learners_of(framework::nos_cd(), &progress);
            report::training(framework::nos_cd(), learners, &progress)
        }))
    );
    println!(
        "records CSV of 10,000             {}",
        ms(best_of(5, || report::engagements_csv(
            &ten_thousand,
            &everything
        )))
    );

    // The Record list over 5,000 records: the sort alone, the search index, and a search.
    let five_thousand = &ten_thousand[..5_000];
    let texts: Vec<String> = five_thousand.iter().map(find::search_text).collect();
    let search = Query {
        text: "library bus".into(),
        ..Query::default()
    };
    println!(
        "list of 5,000, newest first       {}",
        ms(best_of(5, || find::find(
            five_thousand.iter().zip(0..).map(|(r, n)| (r, "", n)),
            &Query::default()
        )))
    );
    println!(
        "search index of 5,000             {}   (made once, at the first key typed)",
        ms(best_of(5, || five_thousand
            .iter()
            .map(find::search_text)
            .collect::<Vec<_>>()))
    );
    println!(
        "search 5,000 for two words        {}   (each key typed)",
        ms(best_of(5, || find::find(
            five_thousand
                .iter()
                .zip(&texts)
                .zip(0..)
                .map(|((r, t), n)| (r, t.as_str(), n)),
            &search
        )))
    );

    let realistic = &encoded[1];
    println!(
        "stored JSON of a realistic record {:>5} bytes  (3 priorities, 2 actions, reach, 300-character notes)",
        realistic.len()
    );
    let record: Engagement = Replica::decode(realistic).unwrap().to_doc().unwrap();
    let text: usize = [
        record.notes.len(),
        record.venue.len(),
        record.area.len(),
        record.author.len(),
    ]
    .into_iter()
    .chain(record.priorities.iter().map(|p| p.text.len()))
    .chain(
        record
            .actions
            .iter()
            .map(|a| a.text.len() + a.lead.len() + a.outcome.len()),
    )
    .sum();
    println!("  of which free text typed by people {text:>5} bytes");
    // localStorage counts UTF-16 code units: Chromium allows 5,242,880 per origin. Records are
    // stored packed (two ASCII characters a unit) under a key of about 41 units.
    let packed = fieldbook_core::pack::pack(realistic).encode_utf16().count();
    println!("  stored packed in localStorage     {packed:>5} UTF-16 units (plus a 41-unit key)");
    println!(
        "  records that fit in 5,242,880     {:>5}",
        5_242_880 / (packed + 41)
    );
}

/// A cohort of 40 learners, each with progress on every competency of the default framework.
fn training_records(engagements: &[Engagement]) -> Vec<Progress> {
    let mut out = Vec::new();
    for learner in 0..40u8 {
        for (n, (_, competency)) in framework::nos_cd().competencies().enumerate() {
            let mut record = Progress::new(
                engagements[usize::from(learner) * 100 + n].id,
                &format!("learner{learner}"),
                &framework::nos_cd().id,
                &competency.code,
            );
            record.status = Status::ALL[(usize::from(learner) + n) % Status::ALL.len()];
            out.push(record);
        }
    }
    out
}
