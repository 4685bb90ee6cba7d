//! Saves made durable: every write a person makes is put in the journal (`storage::Journal`),
//! and counts as saved once the journal has it on disk. Start-up puts back what localStorage
//! lost; a timer trims what localStorage has surely kept. Why: docs/storage.md.

use std::time::Duration;

use futures::future::Either;
use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::state::Timing;
use crate::storage::{Entry, Journal};

/// Chromium commits localStorage within a few seconds; an entry this old is surely there.
const KEEP_MS: f64 = 60_000.0;
/// How often the journal is trimmed while the app runs.
const TRIM_EVERY: Duration = Duration::from_secs(30);
/// How long start-up waits for IndexedDB before going on without the journal.
const OPEN_TIMEOUT: Duration = Duration::from_millis(1500);
/// Failures remembered for the statuses still showing them.
const FAILURES_KEPT: usize = 8;

/// Where a write stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Durability {
    /// The journal is writing it.
    Pending,
    /// On disk (or, where there is no journal, as kept as localStorage keeps it).
    OnDisk,
    /// In localStorage, but the journal failed, so it may not survive the phone switching off
    /// in the next few seconds.
    AtRisk(String),
}

/// The journal as the app uses it: each write numbered, written after the one before, and
/// followed through signals so a status can say "Saving…" and then "Saved".
#[derive(Clone, Copy)]
pub struct Journaling {
    link: StoredValue<Link, LocalStorage>,
    /// Every write up to this number has settled (written, or failed).
    settled: RwSignal<u64>,
    /// The last few writes the journal failed, and why.
    failed: RwSignal<Vec<(u64, String)>>,
}

struct Link {
    journal: Option<Journal>,
    issued: u64,
    /// Settles when the last write issued does, and so every write before it.
    last: Option<Promise>,
}

impl Journaling {
    /// Without a journal until [`Journaling::start`]: writes count as on disk at once.
    pub fn new() -> Journaling {
        Journaling {
            link: StoredValue::new_local(Link {
                journal: None,
                issued: 0,
                last: None,
            }),
            settled: RwSignal::new(0),
            failed: RwSignal::new(Vec::new()),
        }
    }

    /// Journal every write from now on.
    pub fn attach(&self, journal: Journal) {
        self.link.update_value(|link| link.journal = Some(journal));
    }

    /// Trim entries older than a minute now and every 30 s while the app runs, so a phone
    /// opened for a few seconds at a time still trims. Entries start-up just put back were
    /// journaled again as it did, so they are young and kept.
    pub fn trim_while_running(&self) {
        let Some(journal) = self.link.with_value(|link| link.journal.clone()) else {
            return;
        };
        let first = journal.clone();
        leptos::task::spawn_local(async move {
            first.trim(js_sys::Date::now() - KEEP_MS).await;
        });
        let trim = set_interval_with_handle(
            move || {
                let journal = journal.clone();
                leptos::task::spawn_local(async move {
                    journal.trim(js_sys::Date::now() - KEEP_MS).await;
                });
            },
            TRIM_EVERY,
        )
        .ok();
        on_cleanup(move || {
            if let Some(trim) = trim {
                trim.clear();
            }
        });
    }

    /// Journal `written`; returns its number. IndexedDB runs one store's writing transactions
    /// in the order they were made, so the journal keeps the latest value per key and writes
    /// settle in order.
    pub fn record(&self, written: Vec<(String, Option<String>)>) -> u64 {
        let (settled, failed) = (self.settled, self.failed);
        self.link
            .try_update_value(|link| {
                let Some(journal) = link.journal.as_ref().filter(|_| !written.is_empty()) else {
                    return link.issued;
                };
                link.issued += 1;
                let number = link.issued;
                let timing = Timing::overlapping("fieldbook:journal");
                let on_disk = journal.record(&written);
                link.last = Some(future_to_promise(async move {
                    let result = on_disk.await;
                    drop(timing);
                    if let Err(reason) = result {
                        failed.try_update(|failed| {
                            failed.push((number, reason));
                            let over = failed.len().saturating_sub(FAILURES_KEPT);
                            failed.drain(..over);
                        });
                    }
                    settled.try_update(|settled| *settled = number.max(*settled));
                    Ok(JsValue::UNDEFINED)
                }));
                number
            })
            .unwrap_or_default()
    }

    /// Whether writes are journaled: a journal is open and attached.
    pub fn is_on(&self) -> bool {
        self.link.with_value(|link| link.journal.is_some())
    }

    /// The number of the last write journaled.
    pub fn last(&self) -> u64 {
        self.link.with_value(|link| link.issued)
    }

    /// Where write `number` stands, following it as it changes.
    pub fn durability(&self, number: u64) -> Durability {
        if self.settled.get() < number {
            return Durability::Pending;
        }
        self.failed.with(|failed| at_risk(failed, number))
    }

    /// Resolves once every write so far has settled, with where the last one stands.
    pub async fn settled(&self) -> Durability {
        let (number, last) = self
            .link
            .with_value(|link| (link.issued, link.last.clone()));
        if let Some(last) = last {
            let _ = JsFuture::from(last).await;
        }
        self.failed
            .try_with_untracked(|failed| at_risk(failed, number))
            .unwrap_or(Durability::OnDisk)
    }
}

fn at_risk(failed: &[(u64, String)], number: u64) -> Durability {
    match failed.iter().find(|(failed, _)| *failed == number) {
        Some((_, reason)) => Durability::AtRisk(reason.clone()),
        None => Durability::OnDisk,
    }
}

impl Default for Journaling {
    fn default() -> Self {
        Journaling::new()
    }
}

/// The journal, opened, and what it holds: read before the app draws anything, so entries that
/// localStorage lost are back before any view or draft reads the store.
#[derive(Clone)]
pub struct Recovered {
    pub journal: Option<Journal>,
    pub entries: Vec<Entry>,
}

impl Recovered {
    /// The journal and its entries; without them if IndexedDB has not answered in
    /// [`OPEN_TIMEOUT`], so a browser whose IndexedDB hangs still starts the app. Entries left
    /// unread then stay in the journal (nothing trims it) for the next start.
    pub async fn open() -> Recovered {
        let read = std::pin::pin!(async {
            let journal = Journal::open().await;
            let entries = match &journal {
                Some(journal) => journal.entries().await,
                None => Vec::new(),
            };
            Recovered { journal, entries }
        });
        let late = std::pin::pin!(sleep(OPEN_TIMEOUT));
        match futures::future::select(read, late).await {
            Either::Left((recovered, _)) => recovered,
            Either::Right(_) => Recovered {
                journal: None,
                entries: Vec::new(),
            },
        }
    }
}

async fn sleep(duration: Duration) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            duration.as_millis() as i32,
        );
    });
    let _ = JsFuture::from(promise).await;
}
