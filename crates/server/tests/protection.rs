//! Data protection: an admin exports a person's records and erases them (audited), `purge`
//! removes personal data past its retention date, and accounts are made at the command line
//! with no default password.

mod support;

use std::process::Command;

use fieldbook_core::model::{Contact, Engagement};
use fieldbook_core::{Replica, Stamp};
use fieldbook_server::store::Store;
use support::*;

fn cli(db: &std::path::Path, args: &[&str], password: Option<&str>) -> (bool, String) {
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

#[test]
fn an_admin_exports_and_erases_a_person_and_the_audit_log_says_so() {
    let server = server();
    let sam = login(&server, "sam");
    let ada = login(&server, "ada");
    let (mut record, _) = engagement(1, "sam", device(1), 1_000);
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: record.date + chrono::Days::new(365 * 5),
    });
    let replica = Replica::create(
        &record,
        Stamp {
            wall_ms: 1_000,
            counter: 0,
            device: device(1),
        },
    );
    push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![change(&replica), engagement(2, "sam", device(1), 1_000).1],
    );

    let export = send(
        "GET",
        &format!("{}/api/v1/admin/users/sam/export", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(export.status, 200);
    assert_eq!(export.body["documents"].as_array().unwrap().len(), 2);
    assert!(export.body.to_string().contains("07700 900123"));

    let erased = send(
        "POST",
        &format!("{}/api/v1/admin/users/sam/erase", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(erased.status, 200, "{}", erased.body);
    assert_eq!(erased.body["records_changed"], 2);
    let store = server.store();
    let after = store.export_user("sam").unwrap();
    assert!(after.is_empty(), "nothing names sam any more");
    let pseudonym = fieldbook_server::protection::pseudonym("sam");
    let kept = store.export_user(&pseudonym).unwrap();
    assert_eq!(kept.len(), 2);
    let doc: Engagement = Replica::decode(kept[0].replica.get())
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(
        (doc.author.as_str(), doc.contact),
        (pseudonym.as_str(), None)
    );
    assert!(!serde_json::to_string(&kept).unwrap().contains("07700"));
    // Sign-ins are in the log too; the erasure is the entry that names sam as its subject.
    let log = store.audit_log().unwrap();
    let erasure = log
        .iter()
        .find(|entry| entry.action == "erase_user")
        .unwrap();
    assert_eq!(
        (erasure.actor.as_str(), erasure.subject.as_str()),
        ("ada", "sam")
    );
    assert_eq!(
        pull(&server, &sam, "", 10).status,
        401,
        "the account is disabled"
    );
    let missing = send(
        "POST",
        &format!("{}/api/v1/admin/users/nobody/erase", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(
        (missing.status, missing.body["code"].as_str()),
        (404, Some("no_such_user"))
    );
}

#[test]
fn purge_removes_contact_details_past_their_retention_date() {
    let server = server();
    let sam = login(&server, "sam");
    let contact = |days: u64, record: &Engagement| Contact {
        details: format!("phone {days}"),
        consent_on: record.date,
        retain_until: record.date + chrono::Days::new(days),
    };
    let (mut expired, _) = engagement(1, "sam", device(1), 1_000);
    expired.contact = Some(contact(10, &expired));
    let (mut current, _) = engagement(2, "sam", device(1), 1_000);
    current.contact = Some(contact(365 * 50, &current));
    let changes = [&expired, &current].map(|record| {
        change(&Replica::create(
            record,
            Stamp {
                wall_ms: 1_000,
                counter: 0,
                device: device(1),
            },
        ))
    });
    push(&server, &sam, device(1), "b1", changes.to_vec());

    let (ok, output) = cli(&server.db, &["purge"], None);
    assert!(ok, "{output}");
    assert!(output.contains("purged 1 records"), "{output}");
    let all = server.store().export_user("sam").unwrap();
    let text = serde_json::to_string(&all).unwrap();
    assert!(!text.contains("phone 10") && text.contains(&format!("phone {}", 365 * 50)));
    let gone = all.iter().find(|change| change.id == expired.id).unwrap();
    assert!(Replica::decode(gone.replica.get()).unwrap().is_deleted());
    let log = server.store().audit_log().unwrap();
    assert!(log.iter().any(|entry| entry.action == "purge"), "{log:?}");
}

#[test]
fn the_command_line_makes_accounts_with_no_default_password() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("fieldbook.sqlite");
    let (ok, output) = cli(&db, &["user", "add", "root", "--role", "admin"], None);
    assert!(!ok, "no password, no account: {output}");
    assert!(output.contains("at least 10 characters"), "{output}");
    let (ok, output) = cli(
        &db,
        &["user", "add", "root", "--role", "admin"],
        Some(PASSWORD),
    );
    assert!(ok, "{output}");
    let (ok, output) = cli(
        &db,
        &[
            "user", "add", "kim", "--role", "outreach", "--team", "Nowhere",
        ],
        Some(PASSWORD),
    );
    assert!(!ok && output.contains("no team called Nowhere"), "{output}");
    assert!(cli(&db, &["team", "add", "Reddish"], None).0);
    assert!(
        cli(
            &db,
            &["user", "add", "kim", "--role", "outreach", "--team", "Reddish"],
            Some(PASSWORD)
        )
        .0
    );
    let (ok, output) = cli(
        &db,
        &["user", "add", "kim", "--role", "outreach"],
        Some(PASSWORD),
    );
    assert!(!ok && output.contains("already exists"), "{output}");
    let (_, list) = cli(&db, &["user", "list"], None);
    assert_eq!(
        list,
        "kim\toutreach\tReddish\tactive\nroot\tadmin\t\tactive\n"
    );
    assert!(
        cli(
            &db,
            &["user", "reset-password", "kim"],
            Some("another long password")
        )
        .0
    );
    assert!(cli(&db, &["user", "disable", "kim"], None).0);
    let (_, list) = cli(&db, &["user", "list"], None);
    assert!(
        list.starts_with("kim\toutreach\tReddish\tdisabled\n"),
        "{list}"
    );
    let (ok, output) = cli(&db, &["user", "add", "x", "--role", "boss"], Some(PASSWORD));
    assert!(!ok && output.contains("is not a role"), "{output}");
}
