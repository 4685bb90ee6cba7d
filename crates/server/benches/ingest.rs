//! Prints the sync server's ingest and pull figures: 10,000 realistic changes pushed in batches
//! of 500 over loopback to the release build on a real SQLite file, then pulled by the team's
//! coordinator. A measurement to read, not a pass/fail test:
//! `cargo bench -p fieldbook-server --bench ingest`. The server is built as `scripts/run`
//! builds it (the `server` profile): the bench profile inherits the app's abort-on-panic, and
//! such a build refuses to serve.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use fieldbook_core::protocol::{Change, PushRequest};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, Id, Replica, Stamp};
use fieldbook_server::store::{SqliteStore, Store};
use serde_json::Value;

const CHANGES: u64 = 10_000;
const BATCH: usize = 500;
const PASSWORD: &str = "benchmark password";

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("fieldbook.sqlite");
    {
        let store = SqliteStore::open(&db).unwrap();
        store.add_team("Brinnington").unwrap();
        let hash = fieldbook_server::hash_password(PASSWORD);
        for (name, role) in [("sam", Role::Outreach), ("cath", Role::Coordinator)] {
            let user = User {
                username: name.into(),
                role,
                teams: vec!["Brinnington".into()],
            };
            store.add_user(&user, &hash).unwrap();
        }
    }
    let mut child = Command::new(deployed_server())
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "no-dist",
            "--db",
        ])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    let agent = ureq::AgentBuilder::new().build();
    let login = |name: &str| -> String {
        let answer: Value = agent
            .post(&format!("{url}/api/v1/login"))
            .send_json(serde_json::json!({ "username": name, "password": PASSWORD }))
            .unwrap()
            .into_json()
            .unwrap();
        answer["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{answer}"))
            .to_owned()
    };
    let (sam, cath) = (login("sam"), login("cath"));

    let device = Id::from_random([1; 16]);
    let changes: Vec<Change> = (0..CHANGES)
        .map(|n| {
            let mut record = sample::engagement(n);
            record.author = "sam".into();
            let replica = Replica::create(
                &record,
                Stamp {
                    wall_ms: 1_700_000_000_000 + n,
                    counter: 0,
                    device,
                },
            );
            Change {
                kind: "engagement".into(),
                id: record.id,
                replica: serde_json::value::RawValue::from_string(replica.encode()).unwrap(),
            }
        })
        .collect();
    let bodies: Vec<String> = changes
        .chunks(BATCH)
        .enumerate()
        .map(|(index, batch)| {
            serde_json::to_string(&PushRequest {
                device_id: device,
                batch_id: format!("bench-{index}"),
                changes: batch.to_vec(),
            })
            .unwrap()
        })
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();

    let started = Instant::now();
    for body in &bodies {
        let response = agent
            .post(&format!("{url}/api/v1/sync/push"))
            .set("Authorization", &format!("Bearer {sam}"))
            .set("Content-Type", "application/json")
            .send_string(body)
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let push = started.elapsed();

    let started = Instant::now();
    let (mut cursor, mut pulled) = (String::new(), 0);
    loop {
        let page: Value = agent
            .get(&format!(
                "{url}/api/v1/sync/pull?limit=1000&cursor={cursor}"
            ))
            .set("Authorization", &format!("Bearer {cath}"))
            .call()
            .unwrap()
            .into_json()
            .unwrap();
        pulled += page["changes"].as_array().unwrap().len();
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    let pull = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(pulled as u64, CHANGES);

    println!(
        "Fieldbook sync server figures (release build, loopback, SQLite WAL with synchronous=FULL)"
    );
    println!(
        "push {CHANGES} changes in batches of {BATCH}   {:>8.1} ms   {:>7.0} changes/s   ({:.1} MB sent; target >= 10,000 changes/s, for push then pull of 5,000 in 1.5 s)",
        push.as_secs_f64() * 1000.0,
        CHANGES as f64 / push.as_secs_f64(),
        bytes as f64 / 1e6
    );
    println!(
        "pull {CHANGES} as the coordinator          {:>8.1} ms   {:>7.0} changes/s   (pages of 1,000)",
        pull.as_secs_f64() * 1000.0,
        CHANGES as f64 / pull.as_secs_f64()
    );
}

/// The server as `scripts/run` builds it, built now if it is not up to date.
fn deployed_server() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "-q",
            "-p",
            "fieldbook-server",
            "--profile",
            "server",
        ])
        .status()
        .unwrap();
    assert!(status.success(), "building the server failed");
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    target.join("server/fieldbook-server")
}
