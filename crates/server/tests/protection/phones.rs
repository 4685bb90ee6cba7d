//! What the data protection tests share: records that hold personal data, phones that pull as
//! a device, the admin's commands, and a look at every table of the database.

use std::process::Command;

use fieldbook_core::model::{Contact, Engagement};
use fieldbook_core::{Id, Replica, Stamp};

use crate::support::*;

pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

pub fn cli(db: &str, args: &[&str], password: Option<&str>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"));
    command
        .args(args)
        .env("FIELDBOOK_DB", db)
        .env_remove("FIELDBOOK_PASSWORD");
    if let Some(password) = password {
        command.env("FIELDBOOK_PASSWORD", password);
    }
    let output = command.stdin(std::process::Stdio::null()).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Today's date by the clock `now` reads, which the server's purge uses too.
pub fn today() -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp_millis(now() as i64)
        .unwrap()
        .date_naive()
}

pub fn now() -> u64 {
    fieldbook_server::now_ms()
}

pub fn at(wall_ms: u64, device: Id) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device,
    }
}

/// Engagement `n` by `author`, made today by the server's clock (the purge reads that clock),
/// with notes that name someone and contact details kept for years.
pub fn personal_record(n: u64, author: &str) -> Engagement {
    let (mut record, _) = engagement(n, author, device(1), 1_000);
    record.date = today();
    record.notes = "Met Jo Bloggs at number 12".into();
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: record.date + chrono::Days::new(365 * 5),
    });
    record
}

/// Whether a person could read anything of [`personal_record`]'s in `text`.
pub fn holds_personal_content(text: &str) -> bool {
    ["Jo Bloggs", "07700", "Raise it with the council"]
        .iter()
        .any(|needle| text.contains(needle))
}

/// What `token` pulls after `cursor` as `device`: the replicas, and the next cursor.
pub fn pull_as(server: &Server, token: &str, device: Id, cursor: &str) -> (Vec<Replica>, String) {
    let answer = send(
        "GET",
        &format!(
            "{}/api/v1/sync/pull?cursor={cursor}&limit=100&device={device}",
            server.url
        ),
        Some(token),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let replicas = answer.body["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| Replica::decode(&change["replica"].to_string()).unwrap())
        .collect();
    let cursor = answer.body["next_cursor"].as_str().unwrap().to_owned();
    (replicas, cursor)
}

pub fn erase(server: &Server, admin: &str, username: &str) -> String {
    let answer = send(
        "POST",
        &format!("{}/api/v1/admin/users/{username}/erase", server.url),
        Some(admin),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["pseudonym"].as_str().unwrap().to_owned()
}

pub fn purge(server: &Server) -> String {
    let (ok, output) = cli(&server.db, &["purge"], None);
    assert!(ok, "{output}");
    output
}

/// The server's copy of document `id`.
pub fn stored(server: &Server, owner: &str, id: Id) -> Replica {
    let all = server.store().export_user(owner).unwrap();
    let change = all.iter().find(|change| change.id == id).unwrap();
    Replica::decode(change.replica.get()).unwrap()
}
