//! The simulated world: phones (each a real [`Store`] over a [`Disk`]), the real server in
//! process, a clock that only the simulation moves, syncs cut short, and every save a phone
//! completed, so that the end state can be checked against it (what people do is in
//! `people.rs`). One seeded generator makes every choice.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use fieldbook_core::{Id, Stamp};
use fieldbook_local::sync::{sync_once, Host, Report, SyncError};
use fieldbook_local::Store;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tokio::sync::Notify;

use crate::server::{Client, Network, Server, Template};
use crate::support::Disk;

/// Late in 2026, by the simulation's clock: behind the server's real clock, which refuses
/// stamps more than a day ahead of it.
const START_MS: u64 = 1_790_000_000_000;
/// A phone whose clock is wrong jumps to 2100: far ahead of the server's real clock, whatever
/// day the test runs, so the server refuses its stamps (`clock_ahead`) until it is put right.
pub const FAR_AHEAD_MS: u64 = 4_102_444_800_000;

/// One phone: the app's store over its storage, and what the app keeps in memory around it.
pub struct Phone<'w> {
    pub user: &'static str,
    pub disk: Disk,
    pub store: RefCell<Store>,
    index: u8,
    clock: &'w Cell<u64>,
    /// This phone's clock runs a little ahead of the others, so stamps interleave.
    skew: u64,
    /// The phone's clock is set decades ahead.
    pub ahead: Cell<bool>,
    /// Batch ids are random in the app; here a count that outlives restarts does the same.
    batches: Cell<u64>,
    /// Close the app at this many pauses into the sync, abandoning it there.
    close_at: Cell<Option<usize>>,
    closed: Notify,
}

impl Phone<'_> {
    pub fn now(&self) -> u64 {
        let now = self.clock.get() + self.skew;
        if self.ahead.get() {
            now - START_MS + FAR_AHEAD_MS
        } else {
            now
        }
    }

    /// The app starts again over what its storage holds; memory is gone.
    pub fn restart(&self) {
        self.disk.revive();
        let index = self.index;
        let store = Store::open(Box::new(self.disk.clone()), self.now(), |bytes| {
            bytes.fill(index)
        });
        *self.store.borrow_mut() = store;
    }
}

impl Host for Phone<'_> {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        f(&self.store.borrow())
    }

    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.store.borrow_mut())
    }

    fn now_ms(&self) -> u64 {
        self.now()
    }

    fn batch_id(&self) -> Id {
        let n = self.batches.get() + 1;
        self.batches.set(n);
        let mut bytes = [self.index; 16];
        bytes[..8].copy_from_slice(&n.to_be_bytes());
        Id::from_random(bytes)
    }

    async fn breathe(&self) {
        match self.close_at.get() {
            Some(0) => {
                self.closed.notify_one();
                std::future::pending::<()>().await;
            }
            Some(n) => self.close_at.set(Some(n - 1)),
            None => {}
        }
    }
}

/// One save a phone completed: the registers it wrote, all at one stamp.
#[derive(Debug)]
pub struct Write {
    pub phone: usize,
    pub key: String,
    pub stamp: Stamp,
    pub registers: Vec<(String, Value)>,
    /// Stamped by a clock far ahead: sync stamps it again, at a time no earlier than `at_ms`,
    /// once the clock is right, so on the server it may be at an earlier stamp than this.
    pub ahead: bool,
    /// The simulation's time when it was saved.
    pub at_ms: u64,
}

pub struct World<'w> {
    pub rng: ChaCha8Rng,
    pub server: &'w Server,
    pub network: &'w Network,
    pub template: &'w Template,
    pub phones: Vec<Phone<'w>>,
    pub clock: &'w Cell<u64>,
    /// Every save that returned Ok.
    pub writes: Vec<Write>,
    /// Who first made each venue: only they may keep it.
    pub venue_owners: BTreeMap<Id, &'static str>,
    /// Pull page and push batch sizes for this seed.
    page: usize,
    max_changes: usize,
    /// What happened, step by step: two runs of one seed must give the same.
    pub trace: Vec<String>,
    pub counts: BTreeMap<&'static str, usize>,
    pub verbose: bool,
}

impl<'w> World<'w> {
    /// Phones for `users` (one account may have two), signed in, with nothing stored yet.
    pub fn new(
        mut rng: ChaCha8Rng,
        users: &[&'static str],
        server: &'w Server,
        network: &'w Network,
        template: &'w Template,
        clock: &'w Cell<u64>,
    ) -> World<'w> {
        clock.set(START_MS);
        let phones = users
            .iter()
            .enumerate()
            .map(|(i, user)| {
                let index = i as u8 + 1;
                let disk = Disk::new();
                let store = Store::open(Box::new(disk.clone()), START_MS, |b| b.fill(index));
                let phone = Phone {
                    user,
                    disk,
                    store: RefCell::new(store),
                    index,
                    clock,
                    skew: rng.gen_range(0..3_000),
                    ahead: Cell::new(false),
                    batches: Cell::new(0),
                    close_at: Cell::new(None),
                    closed: Notify::new(),
                };
                let session = fieldbook_local::Session {
                    server: "http://simulated".into(),
                    token: template.tokens[*user].clone(),
                    expires_at_ms: u64::MAX,
                    user: crate::server::user(user),
                    expired: false,
                };
                phone.store.borrow_mut().save_session(&session).unwrap();
                phone
            })
            .collect();
        let page = rng.gen_range(1..=6);
        let max_changes = rng.gen_range(1..=6);
        World {
            rng,
            server,
            network,
            template,
            phones,
            clock,
            writes: Vec::new(),
            venue_owners: BTreeMap::new(),
            page,
            max_changes,
            trace: Vec::new(),
            counts: BTreeMap::new(),
            verbose: false,
        }
    }

    /// Add to the trace; replaying one seed prints it as it happens.
    pub fn note(&mut self, line: String) {
        if self.verbose {
            eprintln!("  [{}] {line}", self.clock.get());
        }
        self.trace.push(line);
    }

    pub fn count(&mut self, what: &'static str) {
        *self.counts.entry(what).or_default() += 1;
    }

    pub fn role(&self, phone: usize) -> fieldbook_core::roles::Role {
        crate::server::user(self.phones[phone].user).role
    }

    /// One sync of `phone` over the faulty network; the app may be closed part way.
    pub async fn sync(
        &mut self,
        phone: usize,
        close_chance: u32,
    ) -> Option<Result<Report, SyncError>> {
        let p = &self.phones[phone];
        let close = self.rng.gen_range(0..100) < close_chance;
        p.close_at.set(close.then(|| self.rng.gen_range(0..4)));
        let alive = || !p.disk.crashed();
        let client = Client {
            server: self.server,
            network: self.network,
            token: &self.template.tokens[p.user],
            alive: &alive,
            page: self.page,
            max_changes: self.max_changes,
        };
        let outcome = tokio::select! {
            biased;
            _ = p.closed.notified() => None,
            outcome = sync_once(p, &client) => Some(outcome),
        };
        p.close_at.set(None);
        match &outcome {
            None => {
                self.note(format!("{phone} closed mid-sync"));
                self.count("syncs abandoned");
                self.phones[phone].restart();
            }
            Some(Ok(report)) => {
                self.note(format!("{phone} synced {report:?}"));
                self.count("syncs done");
                *self.counts.entry("changes refused on the way").or_default() += report.rejected;
                *self.counts.entry("conflicts on the way").or_default() += report.conflicts;
            }
            Some(Err(error)) => {
                assert!(
                    !matches!(error, SyncError::SignIn(_) | SyncError::NotSignedIn),
                    "the session never ends in the simulation: {error}"
                );
                self.note(format!("{phone} sync failed: {error}"));
                self.count("syncs failed");
            }
        }
        outcome
    }
}
