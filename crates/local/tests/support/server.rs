//! The real server in process, for the simulation: the whole axum app over its own SQLite file
//! (on tmpfs where there is one), called with `oneshot`, and a [`Transport`] over it that loses,
//! repeats and delays requests as the seed says.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;
use fieldbook_core::framework::Framework;
use fieldbook_core::protocol::{ApiError, Info, PullResponse, PushRequest, PushResponse};
use fieldbook_core::roles::{Role, User};
use fieldbook_local::sync::{Failure, Transport};
use fieldbook_server::store::{SqliteStore, Store};
use http_body_util::BodyExt;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

pub const TEAM: &str = "Brinnington";
const PASSWORD: &str = "a long enough password";
/// Two outreach workers and their coordinator, so that reviews happen.
pub const ACCOUNTS: [(&str, Role); 3] = [
    ("sam", Role::Outreach),
    ("sal", Role::Outreach),
    ("cath", Role::Coordinator),
];

pub fn user(name: &str) -> User {
    let role = ACCOUNTS.iter().find(|(n, _)| *n == name).unwrap().1;
    User {
        username: name.into(),
        role,
        teams: vec![TEAM.into()],
    }
}

/// Somewhere fsync costs nothing: SQLite runs with `synchronous=FULL`, and every push commits.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap()
}

/// A database with the accounts and a session for each, made once per run: argon2 is too slow
/// to sign in at every seed, so each seed starts from a copy of this file.
pub struct Template {
    dir: tempfile::TempDir,
    pub tokens: BTreeMap<String, String>,
}

impl Template {
    pub async fn make() -> Template {
        let dir = scratch();
        let db = dir.path().join("template.sqlite");
        let store = SqliteStore::open(&db).unwrap();
        store.add_team(TEAM).unwrap();
        let hash = fieldbook_server::hash_password(PASSWORD);
        for (name, _) in ACCOUNTS {
            store.add_user(&user(name), &hash).unwrap();
        }
        let app = fieldbook_server::app(Arc::new(store), Path::new("no-dist"));
        let mut tokens = BTreeMap::new();
        for (name, _) in ACCOUNTS {
            let body = serde_json::json!({"username": name, "password": PASSWORD}).to_string();
            let (status, body) = call(&app, Method::POST, "/api/v1/login", None, Some(body)).await;
            assert_eq!(status, 200, "{name} signs in");
            let session: serde_json::Value = serde_json::from_slice(&body).unwrap();
            tokens.insert(
                name.to_owned(),
                session["token"].as_str().unwrap().to_owned(),
            );
        }
        // Closing the last connection checkpoints the WAL into the file, so a copy is whole.
        drop(app);
        Template { dir, tokens }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("template.sqlite")
    }
}

/// One seed's server: its own database file and the app over it.
pub struct Server {
    dir: tempfile::TempDir,
    app: RefCell<Option<Router>>,
    /// Times the data was replaced, so the simulation can say so.
    pub restores: Cell<usize>,
}

impl Server {
    pub fn new(template: &Template) -> Server {
        let dir = scratch();
        std::fs::copy(template.db(), dir.path().join("db.sqlite")).unwrap();
        let server = Server {
            dir,
            app: RefCell::new(None),
            restores: Cell::new(0),
        };
        server.start();
        server
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db.sqlite")
    }

    fn backup_path(&self) -> PathBuf {
        self.dir.path().join("backup.sqlite")
    }

    fn start(&self) {
        let store = SqliteStore::open(&self.db()).unwrap();
        let app = fieldbook_server::app(Arc::new(store), Path::new("no-dist"));
        *self.app.borrow_mut() = Some(app);
    }

    pub fn app(&self) -> Router {
        self.app.borrow().clone().unwrap()
    }

    /// Take a backup, as an operator's nightly job would: a consistent copy of the live file.
    pub fn back_up(&self) {
        let _ = std::fs::remove_file(self.backup_path());
        let connection = rusqlite::Connection::open(self.db()).unwrap();
        connection
            .execute("VACUUM INTO ?1", [self.backup_path().to_str().unwrap()])
            .unwrap();
    }

    pub fn has_backup(&self) -> bool {
        self.backup_path().exists()
    }

    /// Replace the server's data with the last backup, as restoring it does: everything since
    /// is gone. The server has no restore command, so this does what the protocol says a
    /// restored database has: a new epoch (the epoch is kept in the file, so a plain copy
    /// would bring back the old one).
    pub fn restore(&self) {
        self.app.borrow_mut().take();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db().display()));
        }
        std::fs::copy(self.backup_path(), self.db()).unwrap();
        let connection = rusqlite::Connection::open(self.db()).unwrap();
        connection
            .execute("DELETE FROM server_meta WHERE key = 'epoch'", [])
            .unwrap();
        drop(connection);
        self.start();
        self.restores.set(self.restores.get() + 1);
    }
}

/// One request to the app, without a socket: the status and the body.
pub async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<String>,
) -> (u16, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body.to_vec())
}

/// What the network does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Delivered,
    /// Lost on the way: the server never sees it.
    RequestLost,
    /// The server acts on it, but its answer never arrives.
    AnswerLost,
    /// Sent twice (a retry by the network stack); the phone reads the second answer.
    Doubled,
    /// Held in the network: the phone gives up, and the server gets it later, after newer
    /// requests (see [`Network::deliver_one_late`]).
    Late,
}

/// The network between the phones and the server, with its faults. All choices come from the
/// seed's generator.
pub struct Network {
    pub rng: RefCell<ChaCha8Rng>,
    /// Percent of requests that meet a fault; zero once the faults stop.
    pub fault_percent: Cell<u32>,
    /// Pushes held back, with whose token they carry.
    late: RefCell<Vec<(String, String)>>,
    /// How many requests, and faults of each kind, for the figures.
    pub faults: RefCell<BTreeMap<&'static str, usize>>,
}

impl Network {
    pub fn new(rng: ChaCha8Rng, fault_percent: u32) -> Network {
        Network {
            rng: RefCell::new(rng),
            fault_percent: Cell::new(fault_percent),
            late: RefCell::new(Vec::new()),
            faults: RefCell::new(BTreeMap::new()),
        }
    }

    fn fate(&self, push: bool) -> Fate {
        *self.faults.borrow_mut().entry("requests").or_default() += 1;
        let mut rng = self.rng.borrow_mut();
        if rng.gen_range(0..100) >= self.fault_percent.get() {
            return Fate::Delivered;
        }
        let fate = match rng.gen_range(0..if push { 4 } else { 2 }) {
            0 => Fate::RequestLost,
            1 => Fate::AnswerLost,
            2 => Fate::Doubled,
            _ => Fate::Late,
        };
        *self
            .faults
            .borrow_mut()
            .entry(match fate {
                Fate::RequestLost => "request lost",
                Fate::AnswerLost => "answer lost",
                Fate::Doubled => "push doubled",
                _ => "push late",
            })
            .or_default() += 1;
        fate
    }

    pub fn has_late(&self) -> bool {
        !self.late.borrow().is_empty()
    }

    /// Deliver one held push (chosen by the seed), answering no one.
    pub async fn deliver_one_late(&self, server: &Server) {
        let (token, body) = {
            let mut late = self.late.borrow_mut();
            if late.is_empty() {
                return;
            }
            let index = self.rng.borrow_mut().gen_range(0..late.len());
            late.remove(index)
        };
        let (status, _) = call(
            &server.app(),
            Method::POST,
            "/api/v1/sync/push",
            Some(&token),
            Some(body),
        )
        .await;
        assert_eq!(status, 200, "a late push is still a good push");
    }
}

/// A phone's connection: the app's client, as `src/sync/client.rs` maps answers, over the
/// simulated network.
pub struct Client<'a> {
    pub server: &'a Server,
    pub network: &'a Network,
    pub token: &'a str,
    /// False once the phone has died: nothing more leaves it.
    pub alive: &'a dyn Fn() -> bool,
    /// Pages this small, so pulls take several (the protocol lets a server send fewer).
    pub page: usize,
    /// Pushes this small, so one sync sends several batches.
    pub max_changes: usize,
}

impl Client<'_> {
    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        uri: &str,
        body: Option<String>,
        push: bool,
    ) -> Result<T, Failure> {
        if !(self.alive)() {
            return Err(Failure::Network("the phone is off".into()));
        }
        let fate = self.network.fate(push);
        let app = self.server.app();
        let answer = match fate {
            Fate::RequestLost => return Err(Failure::Network("the request was lost".into())),
            Fate::Late => {
                let body = body.unwrap_or_default();
                self.network
                    .late
                    .borrow_mut()
                    .push((self.token.to_owned(), body));
                return Err(Failure::Network("no answer in time".into()));
            }
            Fate::Doubled => {
                call(&app, method.clone(), uri, Some(self.token), body.clone()).await;
                call(&app, method, uri, Some(self.token), body).await
            }
            Fate::Delivered | Fate::AnswerLost => {
                call(&app, method, uri, Some(self.token), body).await
            }
        };
        if fate == Fate::AnswerLost {
            return Err(Failure::Network("the answer was lost".into()));
        }
        read(answer)
    }
}

/// The status mapping of the app's client.
fn read<T: DeserializeOwned>((status, body): (u16, Vec<u8>)) -> Result<T, Failure> {
    if (200..300).contains(&status) {
        return serde_json::from_slice(&body)
            .map_err(|error| Failure::Unreadable(error.to_string()));
    }
    let message = serde_json::from_slice::<ApiError>(&body)
        .map(|error| error.message)
        .unwrap_or_else(|_| format!("HTTP {status}"));
    Err(match status {
        401 => Failure::SignIn(message),
        409 => Failure::PullAgain,
        _ => Failure::Refused { status, message },
    })
}

impl Transport for Client<'_> {
    async fn info(&self) -> Result<Info, Failure> {
        let mut info: Info = self.send(Method::GET, "/api/v1/info", None, false).await?;
        info.max_changes = info.max_changes.min(self.max_changes);
        Ok(info)
    }

    async fn push(&self, request: &PushRequest) -> Result<PushResponse, Failure> {
        let body = serde_json::to_string(request).unwrap();
        self.send(Method::POST, "/api/v1/sync/push", Some(body), true)
            .await
    }

    async fn pull(
        &self,
        cursor: Option<&str>,
        limit: usize,
        device: &str,
    ) -> Result<PullResponse, Failure> {
        let limit = limit.min(self.page);
        let cursor = cursor.unwrap_or("");
        let uri = format!("/api/v1/sync/pull?cursor={cursor}&limit={limit}&device={device}");
        self.send(Method::GET, &uri, None, false).await
    }

    async fn frameworks(&self) -> Result<Vec<Framework>, Failure> {
        self.send(Method::GET, "/api/v1/frameworks", None, false)
            .await
    }
}

/// Everything `token`'s account may see, as the server holds it now: a pull from zero, with no
/// device left out and no faults.
pub async fn everything(server: &Server, token: &str) -> Vec<fieldbook_core::protocol::Change> {
    let mut cursor = String::new();
    let mut changes = Vec::new();
    loop {
        let uri = format!("/api/v1/sync/pull?cursor={cursor}&limit=1000");
        let page: PullResponse =
            read(call(&server.app(), Method::GET, &uri, Some(token), None).await).unwrap();
        changes.extend(page.changes);
        cursor = page.next_cursor;
        if !page.has_more {
            return changes;
        }
    }
}
