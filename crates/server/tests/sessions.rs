//! Sessions one by one: a person sees each device they are signed in on and signs one out (a
//! lost phone), an administrator does the same for anyone, and a session unused for weeks ends.

mod support;

use serde_json::Value;
use support::{execute, login, send, server, Server, PASSWORD};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Sign in from a device that describes itself as `device`.
fn sign_in_on(server: &Server, username: &str, device: &str) -> String {
    let response = support::agent()
        .post(&format!("{}/api/v1/login", server.url))
        .set("User-Agent", device)
        .send_json(serde_json::json!({ "username": username, "password": PASSWORD }))
        .unwrap();
    let body: Value = response.into_json().unwrap();
    body["token"].as_str().unwrap().to_owned()
}

fn sessions(server: &Server, token: &str, path: &str) -> (u16, Vec<Value>) {
    let answer = send("GET", &format!("{}{path}", server.url), Some(token), None);
    let list = answer.body.as_array().cloned().unwrap_or_default();
    (answer.status, list)
}

fn revoke(server: &Server, token: &str, path: &str) -> u16 {
    send(
        "DELETE",
        &format!("{}{path}", server.url),
        Some(token),
        None,
    )
    .status
}

fn id_of(token: &str) -> &str {
    token.split_once('.').unwrap().0
}

fn works(server: &Server, token: &str) -> bool {
    let answer = send(
        "GET",
        &format!("{}/api/v1/frameworks", server.url),
        Some(token),
        None,
    );
    answer.status == 200
}

#[test]
fn a_person_sees_each_device_and_signs_a_lost_one_out() {
    let server = server();
    let phone = sign_in_on(&server, "sam", "Phone (Android 14)");
    let tablet = sign_in_on(&server, "sam", "Tablet (iPadOS 18)");
    let cath = login(&server, "cath");

    let (status, list) = sessions(&server, &phone, "/api/v1/sessions");
    assert_eq!(status, 200);
    assert_eq!(list.len(), 2, "only sam's own sessions: {list:?}");
    let text = serde_json::to_string(&list).unwrap();
    for token in [&phone, &tablet] {
        let secret = token.split_once('.').unwrap().1;
        assert!(!text.contains(secret), "a secret was shown");
    }
    let this = list.iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(
        (this["id"].as_str(), this["label"].as_str()),
        (Some(id_of(&phone)), Some("Phone (Android 14)"))
    );
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(other["label"], "Tablet (iPadOS 18)");
    for field in ["created_ms", "last_used_ms", "expires_ms"] {
        assert!(other[field].as_u64().is_some_and(|ms| ms > 0), "{field}");
    }

    // The tablet is lost: the phone signs it out, and nothing else.
    let path = format!("/api/v1/sessions/{}", id_of(&tablet));
    assert_eq!(revoke(&server, &phone, &path), 204);
    assert!(!works(&server, &tablet));
    assert!(works(&server, &phone));
    assert_eq!(revoke(&server, &phone, &path), 404, "already signed out");
    // Another person's session is not sam's to end, and is not even said to exist.
    let theirs = format!("/api/v1/sessions/{}", id_of(&cath));
    assert_eq!(revoke(&server, &phone, &theirs), 404);
    assert!(works(&server, &cath));
}

#[test]
fn an_administrator_lists_and_revokes_anyones_sessions() {
    let server = server();
    let phone = sign_in_on(&server, "sam", "Phone");
    let ada = login(&server, "ada");
    let cath = login(&server, "cath");

    let (status, list) = sessions(&server, &ada, "/api/v1/admin/users/sam/sessions");
    assert_eq!(status, 200);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id_of(&phone));
    let path = format!("/api/v1/admin/users/sam/sessions/{}", id_of(&phone));
    assert_eq!(revoke(&server, &cath, &path), 403, "a coordinator cannot");
    assert!(works(&server, &phone));
    assert_eq!(revoke(&server, &ada, &path), 204);
    assert!(!works(&server, &phone));
    assert_eq!(
        sessions(&server, &ada, "/api/v1/admin/users/sam/sessions")
            .1
            .len(),
        0
    );
    assert_eq!(
        sessions(&server, &ada, "/api/v1/admin/users/nobody/sessions").0,
        404
    );
    assert_eq!(
        sessions(&server, &cath, "/api/v1/admin/users/sam/sessions").0,
        403
    );
}

#[test]
fn a_session_unused_for_weeks_ends_and_one_in_use_slides_on() {
    let server = server();
    let unused = login(&server, "sam");
    let used = login(&server, "sal");
    let now = fieldbook_server::now_ms() as i64;
    let set_last_used = |token: &str, ms: i64| {
        let id = id_of(token);
        execute(
            &server.db,
            &format!("UPDATE tokens SET last_used_ms = {ms} WHERE id = '{id}'"),
        );
    };
    // Three weeks and a day without use is too long, whatever the absolute expiry says.
    set_last_used(&unused, now - 22 * DAY_MS);
    let answer = send(
        "GET",
        &format!("{}/api/v1/frameworks", server.url),
        Some(&unused),
        None,
    );
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.body["message"],
        "This session has expired; sign in again."
    );

    // A session last used twenty days ago still works, and using it moves its end on.
    set_last_used(&used, now - 20 * DAY_MS);
    assert!(works(&server, &used));
    let (_, list) = sessions(&server, &used, "/api/v1/sessions");
    let last_used = list[0]["last_used_ms"].as_i64().unwrap();
    assert!(last_used >= now, "use was not noted: {last_used} < {now}");
    assert!(list[0]["expires_ms"].as_i64().unwrap() >= now + 20 * DAY_MS);

    // However often it is used, it ends at its cap.
    let (id, expired) = (id_of(&used), now - 1);
    execute(
        &server.db,
        &format!("UPDATE tokens SET expires_ms = {expired} WHERE id = '{id}'"),
    );
    assert!(!works(&server, &used));
}
