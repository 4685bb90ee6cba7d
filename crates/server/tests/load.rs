//! Load and a fault, as a shared deployment meets them: three server processes on one database,
//! twenty devices pushing 500 records each (each to its own server, moving to the next when that
//! one stops answering, as a load balancer would send it) while a coordinator pulls, and one
//! server killed with SIGKILL during the pushes. Every acknowledged change is there afterwards,
//! each exactly once, and every device's records reach it and its coordinator.
//!
//! It prints the ingest rate. For figures worth comparing, build as the server ships:
//! `cargo test -p fieldbook-server --profile server --test load -- --nocapture`, and under
//! `scripts/with-postgres` for PostgreSQL.

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fieldbook_core::protocol::{Change, PushRequest};
use fieldbook_core::Id;
use support::*;

const DEVICES: u8 = 20;
const PER_DEVICE: u64 = 500;
const BATCH: usize = 100;
const SERVERS: usize = 3;
/// The first server is killed once this many batches have been acknowledged.
const KILL_AFTER_BATCHES: usize = 30;

/// Who writes on each device: sam and sal are in Brinnington with cath, olu is in Reddish.
fn owner(device: u8) -> &'static str {
    ["sam", "sal", "olu"][usize::from(device) % 3]
}

/// Push `changes` as batch `batch` from `device`, starting at server `first` and moving on
/// to the next whenever one does not answer; the statuses once one does.
fn push_until_answered(
    urls: &[String],
    first: usize,
    token: &str,
    device: Id,
    batch: &str,
    changes: Vec<Change>,
) -> Vec<String> {
    let body = serde_json::to_string(&PushRequest {
        device_id: device,
        batch_id: batch.into(),
        changes,
    })
    .unwrap();
    for attempt in 0..20 {
        let url = &urls[(first + attempt) % urls.len()];
        let sent = agent()
            .post(&format!("{url}/api/v1/sync/push"))
            .set("Authorization", &format!("Bearer {token}"))
            .set("Content-Type", "application/json")
            .send_string(&body);
        match sent {
            Ok(response) => {
                let answer: serde_json::Value =
                    serde_json::from_str(&response.into_string().unwrap()).unwrap();
                return statuses(&Answer {
                    status: 200,
                    body: answer,
                });
            }
            Err(ureq::Error::Status(status, response)) => {
                panic!("{status}: {}", response.into_string().unwrap())
            }
            // The server is gone, or went during the request: the next one gets the batch.
            Err(ureq::Error::Transport(_)) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    panic!("no server answered batch {batch}");
}

#[test]
fn three_servers_one_killed_every_acknowledged_change_is_there_once() {
    let database = database();
    accounts(&database.address);
    let mut servers: Vec<Option<Server>> = (0..SERVERS)
        .map(|_| Some(start(&database.address)))
        .collect();
    let urls: Vec<String> = servers.iter().flatten().map(|s| s.url.clone()).collect();
    // Sessions live in the database, so a token from one server works on every other.
    let survivor = servers[1].take().unwrap();
    let tokens: Vec<String> = (0..DEVICES).map(|d| login(&survivor, owner(d))).collect();
    let cath = login(&survivor, "cath");
    let doomed = servers[0].take().unwrap();

    let acknowledged_batches = AtomicUsize::new(0);
    let pushing = AtomicBool::new(true);
    let acknowledged = Mutex::new(Vec::<(u8, Id)>::new());
    let started = Instant::now();
    let (pulled_by_cath, push_time) = std::thread::scope(|scope| {
        let devices: Vec<_> = (0..DEVICES)
            .map(|d| {
                let (urls, token) = (&urls, &tokens[usize::from(d)]);
                let (acknowledged, batches) = (&acknowledged, &acknowledged_batches);
                scope.spawn(move || {
                    let changes: Vec<Change> = (0..PER_DEVICE)
                        .map(|n| {
                            let number = u64::from(d) * PER_DEVICE + n;
                            engagement(number, owner(d), device(d), 1_000 + n).1
                        })
                        .collect();
                    for (index, batch) in changes.chunks(BATCH).enumerate() {
                        let statuses = push_until_answered(
                            urls,
                            usize::from(d) % SERVERS,
                            token,
                            device(d),
                            &format!("{d}-{index}"),
                            batch.to_vec(),
                        );
                        // A retry of a batch the killed server had committed is a duplicate.
                        assert!(
                            statuses.iter().all(|s| s == "applied" || s == "duplicate"),
                            "{statuses:?}"
                        );
                        let ids = batch.iter().map(|change| (d, change.id));
                        acknowledged.lock().unwrap().extend(ids);
                        batches.fetch_add(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        let killer = scope.spawn(|| {
            while acknowledged_batches.load(Ordering::SeqCst) < KILL_AFTER_BATCHES {
                std::thread::sleep(Duration::from_millis(5));
            }
            doomed.kill();
        });
        let coordinator = scope.spawn(|| {
            let (mut cursor, mut seen) = (String::new(), BTreeSet::new());
            loop {
                let finished = !pushing.load(Ordering::SeqCst);
                let page = pull(&survivor, &cath, &cursor, 500);
                assert_eq!(page.status, 200, "{}", page.body);
                for change in page.body["changes"].as_array().unwrap() {
                    let id: Id = change["id"].as_str().unwrap().parse().unwrap();
                    assert!(seen.insert(id), "{id} pulled twice");
                }
                cursor = page.body["next_cursor"].as_str().unwrap().to_owned();
                if finished && !page.body["has_more"].as_bool().unwrap() {
                    return seen;
                }
            }
        });
        for device in devices {
            device.join().unwrap();
        }
        let push_time = started.elapsed();
        pushing.store(false, Ordering::SeqCst);
        killer.join().unwrap();
        (coordinator.join().unwrap(), push_time)
    });

    let acknowledged = acknowledged.into_inner().unwrap();
    let total = usize::from(DEVICES) * PER_DEVICE as usize;
    assert_eq!(acknowledged.len(), total);
    let stored = rows(
        &database.address,
        "SELECT CAST(count(*) AS TEXT), CAST(count(DISTINCT seq) AS TEXT) FROM documents",
    );
    assert_eq!(
        stored[0],
        [total.to_string(), total.to_string()],
        "each once"
    );
    // The coordinator pulled, while the pushes went on, exactly their team's records.
    let in_brinnington: BTreeSet<Id> = acknowledged
        .iter()
        .filter(|(d, _)| owner(*d) != "olu")
        .map(|(_, id)| *id)
        .collect();
    assert_eq!(pulled_by_cath, in_brinnington);
    // Each person's devices converge on every record they wrote.
    for name in ["sam", "sal", "olu"] {
        let token = login(&survivor, name);
        let pulled: Vec<Id> = pull_all(&survivor, &token, 1000);
        let theirs: BTreeSet<Id> = acknowledged
            .iter()
            .filter(|(d, _)| owner(*d) == name)
            .map(|(_, id)| *id)
            .collect();
        assert_eq!(pulled.len(), theirs.len(), "{name}: each once");
        assert_eq!(
            pulled.into_iter().collect::<BTreeSet<_>>(),
            theirs,
            "{name}"
        );
    }
    let store = if database.address.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "load ({store}, {SERVERS} servers, one killed): {total} records from {DEVICES} devices \
         in {:.2} s, {:.0} records/s, while a coordinator pulled {}",
        push_time.as_secs_f64(),
        total as f64 / push_time.as_secs_f64(),
        pulled_by_cath.len()
    );
}
