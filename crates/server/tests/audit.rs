//! The audit log records who signed in, who failed to (never with the password), every change
//! to an account, each session signed out, and each framework published.

mod support;

use std::process::Command;

use fieldbook_server::store::{AuditEntry, AuditQuery};
use support::{login, send, server, Server, PASSWORD};

/// The whole log, oldest first, as these tests read it.
fn log(server: &Server) -> Vec<AuditEntry> {
    let mut log = server.store().audit_log(&AuditQuery::default()).unwrap();
    log.reverse();
    log
}

fn entries<'a>(log: &'a [AuditEntry], action: &str) -> Vec<&'a AuditEntry> {
    log.iter().filter(|entry| entry.action == action).collect()
}

fn sign_in(server: &Server, username: &str, password: &str) -> u16 {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    send(
        "POST",
        &format!("{}/api/v1/login", server.url),
        None,
        Some(&body),
    )
    .status
}

/// Run an admin command against the server's database, with `FIELDBOOK_PASSWORD` set.
fn cli(server: &Server, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
        .args(args)
        .env("FIELDBOOK_DB", &server.db)
        .env("FIELDBOOK_PASSWORD", "a new long password")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn sign_ins_and_failed_sign_ins_are_recorded_without_the_password() {
    let server = server();
    login(&server, "sam");
    assert_eq!(sign_in(&server, "sam", "my secret guess"), 401);
    assert_eq!(
        sign_in(&server, "hunter2-typed-as-a-name", "another guess"),
        401
    );
    let log = log(&server);

    let signed_in = entries(&log, "sign_in");
    assert_eq!(signed_in.len(), 1);
    assert_eq!(
        (signed_in[0].actor.as_str(), signed_in[0].subject.as_str()),
        ("sam", "sam")
    );
    assert!(
        signed_in[0].detail.contains("127.0.0.1"),
        "{:?}",
        signed_in[0]
    );

    let failed = entries(&log, "sign_in_failed");
    assert_eq!(failed.len(), 2);
    assert_eq!(
        (failed[0].subject.as_str(), failed[0].detail.as_str()),
        ("sam", "wrong password")
    );
    assert_eq!(failed[0].actor, "127.0.0.1");
    // A name that is no account may be a password typed in the wrong box: it is not kept.
    assert_eq!(
        (failed[1].subject.as_str(), failed[1].detail.as_str()),
        ("", "no such account")
    );
    let text = format!("{log:?}");
    for secret in [PASSWORD, "my secret guess", "another guess", "hunter2"] {
        assert!(!text.contains(secret), "{secret:?} is in the audit log");
    }
}

#[test]
fn account_changes_at_the_command_line_are_recorded() {
    let server = server();
    cli(
        &server,
        &[
            "user", "add", "nia", "--role", "outreach", "--team", "Reddish",
        ],
    );
    cli(&server, &["user", "set-role", "nia", "coordinator"]);
    cli(
        &server,
        &[
            "user",
            "set-teams",
            "nia",
            "--team",
            "Brinnington",
            "--team",
            "Reddish",
        ],
    );
    cli(&server, &["user", "disable", "nia"]);
    cli(&server, &["user", "enable", "nia"]);
    cli(&server, &["user", "reset-password", "nia"]);
    let log = log(&server);
    let changes: Vec<(&str, &str, &str, &str)> = log
        .iter()
        .filter(|e| e.subject == "nia")
        .map(|e| {
            (
                e.actor.as_str(),
                e.action.as_str(),
                e.subject.as_str(),
                e.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("console", "add_user", "nia", "outreach, teams: Reddish"),
            ("console", "change_role", "nia", "outreach to coordinator"),
            (
                "console",
                "change_teams",
                "nia",
                "from [Reddish] to [Brinnington, Reddish]"
            ),
            ("console", "disable_user", "nia", "every session signed out"),
            ("console", "enable_user", "nia", ""),
            (
                "console",
                "reset_password",
                "nia",
                "every session signed out"
            ),
        ]
    );
    assert!(!format!("{log:?}").contains("a new long password"));
    // The changes took: nia is an enabled coordinator of both teams.
    let (account, _) = server.store().account("nia").unwrap().unwrap();
    assert_eq!(account.user.role, fieldbook_core::roles::Role::Coordinator);
    assert_eq!(account.user.teams, ["Brinnington", "Reddish"]);
    assert!(!account.disabled);
}

#[test]
fn signing_out_and_revoking_sessions_are_recorded() {
    let server = server();
    let phone = login(&server, "sam");
    let tablet = login(&server, "sam");
    let old = login(&server, "sal");
    let ada = login(&server, "ada");
    let id = |token: &str| token.split_once('.').unwrap().0.to_owned();
    let url = |path: String| format!("{}{path}", server.url);
    let own = url(format!("/api/v1/sessions/{}", id(&tablet)));
    assert_eq!(send("DELETE", &own, Some(&phone), None).status, 204);
    let anyone = url(format!("/api/v1/admin/users/sal/sessions/{}", id(&old)));
    assert_eq!(send("DELETE", &anyone, Some(&ada), None).status, 204);
    assert_eq!(
        send("POST", &url("/api/v1/logout".into()), Some(&phone), None).status,
        204
    );

    let log = log(&server);
    let revoked: Vec<(&str, &str, String)> = entries(&log, "revoke_session")
        .iter()
        .map(|e| (e.actor.as_str(), e.subject.as_str(), e.detail.clone()))
        .collect();
    assert_eq!(
        revoked,
        [
            ("sam", "sam", format!("session {}", id(&tablet))),
            ("ada", "sal", format!("session {}", id(&old))),
        ]
    );
    let signed_out = entries(&log, "sign_out");
    assert_eq!(signed_out.len(), 1);
    assert_eq!(signed_out[0].detail, format!("session {}", id(&phone)));
}

#[test]
fn a_framework_publish_is_recorded() {
    let server = server();
    let cath = login(&server, "cath");
    let mut framework = fieldbook_core::framework::nos_cd().clone();
    framework.id = "brinnington-course".into();
    let file = serde_json::to_string(&framework).unwrap();
    let answer = send(
        "POST",
        &format!("{}/api/v1/frameworks", server.url),
        Some(&cath),
        Some(&file),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let log = log(&server);
    let published = entries(&log, "publish_framework");
    assert_eq!(published.len(), 1);
    assert_eq!(
        (
            published[0].actor.as_str(),
            published[0].subject.as_str(),
            published[0].detail.as_str()
        ),
        ("cath", "brinnington-course", "to Brinnington")
    );
}
