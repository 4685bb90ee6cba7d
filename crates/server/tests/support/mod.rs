//! What the server's network tests share: a real server on 127.0.0.1 over a real database
//! (SQLite, or PostgreSQL under `scripts/with-postgres`), accounts made in it, and a small HTTP
//! client.
#![allow(dead_code)]

mod database;

#[allow(unused_imports)]
pub use database::{database, execute, rows, store, texts_in_database, Database};

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Arc;

use fieldbook_core::model::Engagement;
use fieldbook_core::organisation::{Organisation, MAX_RETENTION_MONTHS};
use fieldbook_core::protocol::{Change, PushRequest};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, Id, Replica, Stamp};
use fieldbook_server::store::Store;
use serde_json::Value;

pub const PASSWORD: &str = "a long enough password";

/// A server process; killed when dropped.
pub struct Server {
    pub url: String,
    /// Its database's address, as `--db` takes it.
    pub db: String,
    /// What it printed on starting: where it is, and any set-up link, which it writes in the
    /// same write so that they arrive together.
    pub said: String,
    child: Child,
    /// Kept open, so that the server never writes to a closed pipe.
    _stdout: BufReader<ChildStdout>,
    _database: Option<Database>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Accounts for every role, in two teams: sam and sal (outreach) and lee (learner) are in
/// Brinnington with cath (coordinator); olu (outreach) is in Reddish; ada is the admin.
pub fn accounts(db: &str) {
    let store = store(db);
    store.add_team("Brinnington").unwrap();
    store.add_team("Reddish").unwrap();
    let hash = fieldbook_server::hash_password(PASSWORD);
    for (name, role, team) in [
        ("sam", Role::Outreach, Some("Brinnington")),
        ("sal", Role::Outreach, Some("Brinnington")),
        ("lee", Role::Learner, Some("Brinnington")),
        ("cath", Role::Coordinator, Some("Brinnington")),
        ("olu", Role::Outreach, Some("Reddish")),
        ("ada", Role::Admin, None),
    ] {
        let user = User {
            username: name.into(),
            role,
            teams: team.into_iter().map(str::to_owned).collect(),
        };
        store.add_user(&user, &hash).unwrap();
    }
    // An organisation that keeps contact details, for as long as any may.
    let keeps = Organisation {
        contact_details: true,
        retention_months: MAX_RETENTION_MONTHS,
    };
    let entry =
        fieldbook_server::store::audit_now("fixture", "change_organisation", "contact details", "");
    store.set_organisation(&keeps, &entry).unwrap();
}

/// A server over a new database holding [`accounts`], of an organisation that keeps contact
/// details.
pub fn server() -> Server {
    server_with(&[])
}

/// [`server`], with more flags for `serve`.
pub fn server_with(flags: &[&str]) -> Server {
    let database = database();
    accounts(&database.address);
    let mut server = start_with(&database.address, flags);
    server._database = Some(database);
    server
}

/// Start the server binary over `db` on a free port, and wait until it says where it is.
pub fn start(db: &str) -> Server {
    start_with(db, &[])
}

/// [`start`], with more flags for `serve`.
pub fn start_with(db: &str, flags: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "no-dist",
            "--db",
        ])
        .arg(db)
        .args(flags)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let said = format!("{line}{}", String::from_utf8_lossy(stdout.buffer()));
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("the server did not say where it is: {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    Server {
        url,
        db: db.to_owned(),
        said,
        child,
        _stdout: stdout,
        _database: None,
    }
}

impl Server {
    /// Kill the process as a power cut would, with no chance to tidy up.
    pub fn kill(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.db.clone()
    }

    pub fn store(&self) -> Arc<dyn Store> {
        store(&self.db)
    }
}

/// An HTTP answer: status and JSON body (Null when there is none).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(std::time::Duration::from_secs(60))
        .build()
}

pub fn send(method: &str, url: &str, token: Option<&str>, body: Option<&str>) -> Answer {
    let mut request = agent().request(method, url);
    if let Some(token) = token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    let result = match body {
        Some(body) => request
            .set("Content-Type", "application/json")
            .send_string(body),
        None => request.call(),
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{method} {url}: {error}"),
    };
    let status = response.status();
    let text = response.into_string().unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("{method} {url} gave non-JSON: {text}"))
    };
    Answer { status, body }
}

pub fn login(server: &Server, username: &str) -> String {
    let body = serde_json::json!({ "username": username, "password": PASSWORD }).to_string();
    let answer = send(
        "POST",
        &format!("{}/api/v1/login", server.url),
        None,
        Some(&body),
    );
    assert_eq!(answer.status, 200, "{username} signs in: {}", answer.body);
    answer.body["token"].as_str().unwrap().to_owned()
}

/// Engagement `n` by `author`, as a change first written on `device` at `wall_ms`.
pub fn engagement(n: u64, author: &str, device: Id, wall_ms: u64) -> (Engagement, Change) {
    let mut record = sample::engagement(n);
    record.author = author.into();
    let replica = Replica::create(
        &record,
        Stamp {
            wall_ms,
            counter: 0,
            device,
        },
    );
    let change = change(&replica);
    (record, change)
}

pub fn change(replica: &Replica) -> Change {
    Change {
        kind: replica.kind().to_owned(),
        id: replica.id(),
        replica: serde_json::value::RawValue::from_string(replica.encode()).unwrap(),
    }
}

pub fn device(n: u8) -> Id {
    Id::from_random([n; 16])
}

pub fn push(server: &Server, token: &str, device: Id, batch: &str, changes: Vec<Change>) -> Answer {
    let body = serde_json::to_string(&PushRequest {
        device_id: device,
        batch_id: batch.into(),
        changes,
    })
    .unwrap();
    send(
        "POST",
        &format!("{}/api/v1/sync/push", server.url),
        Some(token),
        Some(&body),
    )
}

pub fn pull(server: &Server, token: &str, cursor: &str, limit: usize) -> Answer {
    send(
        "GET",
        &format!(
            "{}/api/v1/sync/pull?cursor={cursor}&limit={limit}",
            server.url
        ),
        Some(token),
        None,
    )
}

/// Pull everything `token` may see, page by page; the ids in the order pulled.
pub fn pull_all(server: &Server, token: &str, limit: usize) -> Vec<Id> {
    let mut cursor = String::new();
    let mut ids = Vec::new();
    loop {
        let page = pull(server, token, &cursor, limit);
        assert_eq!(page.status, 200, "{}", page.body);
        for change in page.body["changes"].as_array().unwrap() {
            ids.push(change["id"].as_str().unwrap().parse().unwrap());
        }
        cursor = page.body["next_cursor"].as_str().unwrap().to_owned();
        if !page.body["has_more"].as_bool().unwrap() {
            return ids;
        }
    }
}

pub fn statuses(answer: &Answer) -> Vec<String> {
    answer.body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {}", answer.body))
        .iter()
        .map(|result| result["status"].as_str().unwrap().to_owned())
        .collect()
}
