//! A coordinator's window on the team's records, against the real server in process: their
//! own records always, the team's engagements of the last N months, removed only once synced,
//! back when edited, and back when the window widens. Outreach phones are unaffected.

#[path = "support/server.rs"]
mod server;
mod support;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use axum::http::Method;
use chrono::{Datelike, Days, NaiveDate};
use fieldbook_core::model::Engagement;
use fieldbook_core::pack::pack;
use fieldbook_core::protocol::{self, Change, Info, PushRequest, PushResponse};
use fieldbook_core::window::TeamWindow;
use fieldbook_core::{sample, Document, Id, Replica, Stamp};
use fieldbook_local::sync::{sync_once, Host, Report};
use fieldbook_local::{cost, keys, Session, Store};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::value::RawValue;

use server::{call, everything, Client, Network, Server, Template};
use support::Disk;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Six in the evening of `on`, when the records of that day were saved.
fn evening(on: NaiveDate) -> u64 {
    on.and_hms_opt(18, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis() as u64
}

/// The day the phones think it is: after every record's date, before the server's own clock.
fn today() -> NaiveDate {
    day(2026, 11, 30)
}

struct Phone {
    user: &'static str,
    disk: Disk,
    store: RefCell<Store>,
    now_ms: Cell<u64>,
    index: u8,
    batches: Cell<u64>,
}

impl Host for Phone {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        f(&self.store.borrow())
    }

    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.store.borrow_mut())
    }

    fn now_ms(&self) -> u64 {
        self.now_ms.get()
    }

    fn batch_id(&self) -> Id {
        let n = self.batches.get() + 1;
        self.batches.set(n);
        let mut bytes = [self.index; 16];
        bytes[..8].copy_from_slice(&n.to_be_bytes());
        Id::from_random(bytes)
    }

    async fn breathe(&self) {}
}

impl Phone {
    fn new(template: &Template, user: &'static str, index: u8) -> Phone {
        let disk = Disk::new();
        let now = evening(today());
        let store = Store::open(Box::new(disk.clone()), now, |b| b.fill(index));
        let phone = Phone {
            user,
            disk,
            store: RefCell::new(store),
            now_ms: Cell::new(now),
            index,
            batches: Cell::new(0),
        };
        let session = Session {
            server: "http://simulated".into(),
            token: template.tokens[user].clone(),
            expires_at_ms: u64::MAX,
            user: server::user(user),
            expired: false,
        };
        phone.store.borrow_mut().save_session(&session).unwrap();
        phone
    }

    /// Save a new record dated `on`, on the evening of that day.
    fn record(&self, n: u64, on: NaiveDate) -> Id {
        let mut record = sample::engagement(n);
        record.author = self.user.into();
        record.date = on;
        self.store
            .borrow_mut()
            .save(None, &record, evening(on))
            .unwrap();
        record.id
    }

    /// Change a record's notes at `at_ms`.
    fn edit(&self, id: Id, at_ms: u64) {
        let base = self.store.borrow().docs::<Engagement>()[&id].doc.clone();
        let mut edited = base.clone();
        edited.notes.push_str(" Followed up.");
        self.store
            .borrow_mut()
            .save(Some(&base), &edited, at_ms)
            .unwrap();
    }

    fn held(&self) -> BTreeSet<Id> {
        self.store
            .borrow()
            .docs::<Engagement>()
            .keys()
            .copied()
            .collect()
    }

    fn set_window(&self, months: u32) -> usize {
        self.store
            .borrow_mut()
            .set_team_window(TeamWindow { months }, today())
            .unwrap()
    }
}

struct World {
    template: Template,
    server: Server,
    network: Network,
}

impl World {
    async fn new() -> World {
        let template = Template::make().await;
        let server = Server::new(&template);
        let network = Network::new(ChaCha8Rng::seed_from_u64(0), 0);
        World {
            template,
            server,
            network,
        }
    }

    async fn sync(&self, phone: &Phone) -> Report {
        let alive = || true;
        let client = Client {
            server: &self.server,
            network: &self.network,
            token: &self.template.tokens[phone.user],
            alive: &alive,
            page: 300,
            max_changes: 500,
        };
        sync_once(phone, &client).await.unwrap()
    }
}

/// What the test knows of each engagement: who wrote it, its date, and the day it last changed.
#[derive(Default)]
struct History(BTreeMap<Id, (&'static str, NaiveDate, NaiveDate)>);

impl History {
    fn add(&mut self, phone: &Phone, n: u64, on: NaiveDate) {
        let id = phone.record(n, on);
        self.0.insert(id, (phone.user, on, on));
    }

    fn changed(&mut self, id: Id, on: NaiveDate) {
        self.0.get_mut(&id).unwrap().2 = on;
    }

    /// What cath's phone must hold with the team's records from `cutoff` on.
    fn window(&self, cutoff: NaiveDate) -> BTreeSet<Id> {
        self.0
            .iter()
            .filter(|(_, (author, date, changed))| {
                *author == "cath" || *date >= cutoff || *changed >= cutoff
            })
            .map(|(id, _)| *id)
            .collect()
    }

    fn by(&self, user: &str) -> BTreeSet<Id> {
        self.0
            .iter()
            .filter(|(_, (author, _, _))| *author == user)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The oldest record of `user`'s.
    fn oldest(&self, user: &str) -> Id {
        let (id, _) = self
            .0
            .iter()
            .filter(|(_, (author, _, _))| *author == user)
            .min_by_key(|(_, (_, date, _))| *date)
            .unwrap();
        *id
    }
}

/// sam and sal record every ten days from June 2024 to November 2026; cath has a few of her
/// own from 2024. Everyone syncs.
async fn a_team_history(world: &World) -> (Phone, Phone, Phone, History) {
    let sam = Phone::new(&world.template, "sam", 1);
    let sal = Phone::new(&world.template, "sal", 2);
    let cath = Phone::new(&world.template, "cath", 3);
    let mut history = History::default();
    let mut on = day(2024, 6, 1);
    let mut n = 0;
    while on < today() {
        let phone = if n % 2 == 0 { &sam } else { &sal };
        history.add(phone, n, on);
        n += 1;
        on = on + Days::new(10);
    }
    for (i, on) in [day(2024, 3, 4), day(2024, 9, 9), day(2025, 2, 14)]
        .into_iter()
        .enumerate()
    {
        history.add(&cath, 1000 + i as u64, on);
    }
    world.sync(&sam).await;
    world.sync(&sal).await;
    (sam, sal, cath, history)
}

#[tokio::test(flavor = "current_thread")]
async fn a_coordinator_holds_their_own_and_the_teams_last_months() {
    let world = World::new().await;
    let (sam, sal, cath, mut history) = a_team_history(&world).await;
    let cutoff = day(2025, 11, 30);
    assert_eq!(TeamWindow::default().cutoff(today()), cutoff);

    let report = world.sync(&cath).await;
    assert_eq!(cath.held(), history.window(cutoff));
    assert!(cath.held().is_superset(&history.by("cath")));
    assert!(report.left_out > 30, "{report:?}");
    assert_eq!(report.left_out + cath.held().len(), history.0.len());
    // Outreach phones keep everything of their own, however old.
    for phone in [&sam, &sal] {
        world.sync(phone).await;
        assert_eq!(phone.held(), history.by(phone.user));
    }

    // An old record its author edits comes back at the next pull, and stays while recent.
    let old = history.oldest("sam");
    assert!(!cath.held().contains(&old));
    sam.edit(old, evening(today()));
    history.changed(old, today());
    world.sync(&sam).await;
    let report = world.sync(&cath).await;
    assert!(cath.held().contains(&old));
    assert_eq!(report.removed, 0);
    assert_eq!(cath.held(), history.window(cutoff));

    // Nothing that left was deleted: the server still has every record, live.
    let all = everything(&world.server, &world.template.tokens["cath"]).await;
    assert_eq!(all.len(), history.0.len());
    assert!(all
        .iter()
        .all(|change| !Replica::decode(change.replica.get()).unwrap().is_deleted()));
    assert_eq!(cath.store.borrow().waiting(), 0, "removing sent nothing");
}

#[tokio::test(flavor = "current_thread")]
async fn the_window_narrows_and_widens_and_keeps_what_is_not_synced() {
    let world = World::new().await;
    let (_sam, _sal, cath, mut history) = a_team_history(&world).await;
    world.sync(&cath).await;
    assert_eq!(cath.held(), history.window(day(2025, 11, 30)));

    // Narrower: trimmed at once, and the app's views hear of each removal.
    cath.store.borrow_mut().take_changed();
    let three = day(2026, 8, 30);
    let removed = cath.set_window(3);
    assert!(removed > 0);
    assert_eq!(cath.held(), history.window(three));
    let changed = cath.store.borrow_mut().take_changed();
    let gone = changed
        .iter()
        .filter(|key| key.starts_with(&keys::doc(Engagement::KIND, "")))
        .count();
    assert_eq!(gone, removed);
    assert!(changed.contains(&keys::SETTINGS.to_owned()));

    // cath corrects a September record today and does not sync. By March the window has
    // passed it, and everything else of the team's goes, but her edit stays until the server
    // has it.
    let september = *history
        .0
        .iter()
        .find(|(_, (author, date, _))| {
            *author != "cath" && date.month() == 9 && date.year() == 2026
        })
        .unwrap()
        .0;
    cath.edit(september, evening(today()));
    history.changed(september, today());
    let march = day(2027, 3, 15);
    cath.store.borrow_mut().keep_window(march).unwrap();
    let mut expected = history.by("cath");
    expected.insert(september);
    assert_eq!(cath.held(), expected);
    cath.now_ms.set(evening(march));
    let report = world.sync(&cath).await;
    assert_eq!(report.pushed, 1);
    assert_eq!(report.removed, 1, "removed once the server has it");
    assert_eq!(cath.held(), history.by("cath"));

    // Wider (and the clock back to today): the next pull brings the older ones back, the
    // September record too, though this phone was the last to write it (a pull leaves out
    // what the pulling phone wrote last).
    cath.now_ms.set(evening(today()));
    assert_eq!(cath.set_window(24), 0);
    assert!(cath.store.borrow().refilling());
    assert_eq!(
        cath.held(),
        history.by("cath"),
        "nothing comes back before a pull"
    );
    world.sync(&cath).await;
    let wide = day(2024, 11, 30);
    assert_eq!(cath.held(), history.window(wide));
    assert!(cath.held().contains(&september));
    assert!(!cath.store.borrow().refilling());
    // And a sync after that is quiet again.
    let report = world.sync(&cath).await;
    assert_eq!((report.pulled, report.removed), (0, 0));
    assert_eq!(cath.held(), history.window(wide));
}

/// Push `changes` straight into the server as `user`, in the server's batches.
async fn push_all(world: &World, user: &str, changes: Vec<Change>) {
    let token = &world.template.tokens[user];
    let (status, body) = call(
        &world.server.app(),
        Method::GET,
        "/api/v1/info",
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let info: Info = serde_json::from_slice(&body).unwrap();
    let device = Id::from_random([42; 16]);
    for (n, batch) in protocol::batches(changes, info.max_changes, info.max_body_bytes)
        .into_iter()
        .enumerate()
    {
        let request = PushRequest {
            device_id: device,
            batch_id: format!("history-{n}"),
            changes: batch,
        };
        let body = serde_json::to_string(&request).unwrap();
        let (status, answer) = call(
            &world.server.app(),
            Method::POST,
            "/api/v1/sync/push",
            Some(token),
            Some(body),
        )
        .await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
        let answer: PushResponse = serde_json::from_slice(&answer).unwrap();
        assert!(answer
            .results
            .iter()
            .all(|r| r.status == protocol::Status::Applied));
    }
}

/// 20,000 team engagements over three years: the coordinator's phone ends with the window only.
#[tokio::test(flavor = "current_thread")]
async fn at_scale_a_coordinators_phone_holds_only_the_window() {
    const RECORDS: u64 = 20_000;
    let world = World::new().await;
    let first = day(2023, 12, 1);
    let span = (today() - first).num_days() as u64;
    let device = Id::from_random([42; 16]);
    let mut dates = BTreeMap::new();
    let started = Instant::now();
    let mut changes = Vec::new();
    for n in 0..RECORDS {
        let mut record = sample::engagement(n);
        record.author = "sam".into();
        record.date = first + Days::new(n * span / RECORDS);
        let stamp = Stamp {
            wall_ms: evening(record.date),
            counter: 0,
            device,
        };
        let replica = Replica::create(&record, stamp);
        dates.insert(record.id, record.date);
        changes.push(Change {
            kind: Engagement::KIND.into(),
            id: record.id,
            replica: RawValue::from_string(replica.encode()).unwrap(),
        });
    }
    push_all(&world, "sam", changes).await;
    eprintln!(
        "{RECORDS} team engagements pushed to the server in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let cath = Phone::new(&world.template, "cath", 3);
    let started = Instant::now();
    let report = world.sync(&cath).await;
    let took = started.elapsed();
    let cutoff = TeamWindow::default().cutoff(today());
    let expected: BTreeSet<Id> = dates
        .iter()
        .filter(|(_, date)| **date >= cutoff)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(cath.held(), expected);
    assert_eq!(report.left_out, RECORDS as usize - expected.len());

    // What the whole history would take on this phone: every record packed as the store
    // packs it, in place of the ones it holds.
    let all = everything(&world.server, &world.template.tokens["cath"]).await;
    let every_doc: u64 = all
        .iter()
        .map(|change| {
            let key = keys::doc(&change.kind, change.id);
            cost(&key, &pack(change.replica.get()))
        })
        .sum();
    let held_docs: u64 = cath
        .disk
        .keys()
        .iter()
        .filter(|key| keys::parse_doc(key).is_some())
        .map(|key| cost(key, &cath.disk.raw(key).unwrap()))
        .sum();
    let used = cath.disk.used();
    let whole = used - held_docs + every_doc;
    eprintln!(
        "coordinator's phone: holds {} of {RECORDS} team engagements (window from {cutoff}); \
         sync took {:.1} s; its storage holds {:.2} MB, the whole history would take {:.2} MB \
         (quota about {:.2} MB)",
        expected.len(),
        took.as_secs_f64(),
        used as f64 / 1e6,
        whole as f64 / 1e6,
        fieldbook_local::ESTIMATED_QUOTA_BYTES as f64 / 1e6,
    );
    assert!(used < fieldbook_local::ESTIMATED_QUOTA_BYTES);
    assert!(whole > fieldbook_local::ESTIMATED_QUOTA_BYTES);
}
