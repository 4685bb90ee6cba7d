//! Realistic, repeatable sample records for tests, benchmarks and demonstrations.
//! Record `n` is always the same record, so figures and golden files stay comparable.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveTime};

use crate::id::{ElementId, Id};
use crate::model::{Action, Engagement, Feedback, Priority, Reach};
use crate::vocab;

const VENUES: &[(&str, &str)] = &[
    ("St Mary's Church Hall", "Brinnington"),
    ("Lancashire Hill Community Centre", "Lancashire Hill"),
    ("Adswood Primary School gate", "Adswood"),
    ("Brinnington Library", "Brinnington"),
    ("Reddish Vale Tenants' Hall", "Reddish"),
];

const PRIORITIES: &[&str] = &[
    "Street lighting on Elm Road",
    "Somewhere for teenagers to go",
    "Dog fouling in the park",
    "Buses stop too early",
    "Fly-tipping behind shops",
    "More GP appointments",
];

/// 300 characters, as the size budget's realistic record has.
const NOTES: &str = "Good turnout despite the rain. Parents came straight from the school run and \
stayed all session. Most concerns were about the evenings: poor lighting, nothing for older children \
to do, and the last bus leaving before shifts end. Two residents offered to help with a litter pick \
next month. Follow up with housing.";

/// A small deterministic generator, so samples need no randomness crate.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for byte in &mut out {
            *byte = self.next() as u8;
        }
        out
    }
}

/// Engagement number `n`: 3 priorities, 2 actions, reach counts and about 300 characters of
/// notes, on a date in the two years up to 2026-10-31.
pub fn engagement(n: u64) -> Engagement {
    let mut seq = Seq(n.wrapping_mul(2_654_435_761).wrapping_add(17));
    let date =
        NaiveDate::from_ymd_opt(2026, 10, 31).expect("a real date") - Days::new(seq.next() % 730);
    let created_ms = date
        .and_hms_opt(18, 0, 0)
        .expect("a real time")
        .and_utc()
        .timestamp_millis();
    let created_ms = u64::try_from(created_ms).expect("after 1970");
    let (venue, area) = *seq.pick(VENUES);
    let themes: Vec<String> = vocab::themes()
        .codes()
        .filter(|code| *code != "young_people")
        .map(str::to_owned)
        .collect();
    let total = 5 + (seq.next() % 40) as i64;
    let priorities: Vec<Priority> = (0..3)
        .map(|i| Priority {
            id: ElementId::new(created_ms + i * 1000, seq.bytes()),
            text: (*seq.pick(PRIORITIES)).to_owned(),
            theme: Some(seq.pick(&themes).clone()),
        })
        .collect();
    let actions = (0..2)
        .map(|i| {
            let done = i == 0 && seq.next().is_multiple_of(2);
            Action {
                id: ElementId::new(created_ms + 10_000 + i * 1000, seq.bytes()),
                text: "Raise it with the council".to_owned(),
                lead: "Streetscene".to_owned(),
                priority: Some(priorities[i as usize].id),
                agreed_on: date,
                due: Some(date + Days::new(28)),
                status: if done { "done" } else { "open" }.to_owned(),
                closed_on: done.then(|| date + Days::new(14)),
                outcome: if done { "Lights repaired" } else { "" }.to_owned(),
            }
        })
        .collect();
    let feedback = if n.is_multiple_of(3) {
        vec![Feedback {
            id: ElementId::new(created_ms + 20_000, seq.bytes()),
            text: "Told the group the lights were fixed".to_owned(),
            given_on: date + Days::new(21),
            channel: "meeting".to_owned(),
            answers: vec![priorities[0].id],
        }]
    } else {
        vec![]
    };
    Engagement {
        id: Id::from_random(seq.bytes()),
        date,
        start_time: NaiveTime::from_hms_opt(15, 30, 0),
        duration_minutes: Some(90),
        venue: venue.to_owned(),
        area: area.to_owned(),
        method: seq.pick(&vocab::methods().terms).code.clone(),
        strand: seq.pick(&vocab::strands().terms).code.clone(),
        level: seq.pick(&vocab::levels().terms).code.clone(),
        themes: vec![seq.pick(&themes).clone(), "young_people".to_owned()],
        reach: Reach {
            total,
            age_bands: BTreeMap::from([
                ("under_16".to_owned(), total / 4),
                ("25_44".to_owned(), total / 2),
                ("65_over".to_owned(), total / 8),
            ]),
            groups: BTreeMap::from([
                ("disabled".to_owned(), total / 10),
                ("carers".to_owned(), 2),
            ]),
        },
        notes: NOTES.to_owned(),
        author: "asha.k".to_owned(),
        priorities,
        actions,
        feedback,
        contact: None,
        review: None,
    }
}
