//! The administration API over real TCP: accounts made with a password link and the page that
//! uses it, changes to accounts and the refusals that keep an administrator, teams and their
//! renaming, the audit log's filters, and publishing frameworks to chosen teams.

mod support;

use std::process::Command;

use fieldbook_core::protocol::admin::UserChange;
use fieldbook_core::roles::Role;
use fieldbook_server::store::StoreError;
use fieldbook_server::{now_ms, password};
use serde_json::{json, Value};
use support::{agent, login, send, server, Answer, Server, PASSWORD};

const NEW_PASSWORD: &str = "correct horse battery staple";
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

fn api(server: &Server, method: &str, path: &str, token: &str, body: Option<Value>) -> Answer {
    let body = body.map(|body| body.to_string());
    send(
        method,
        &format!("{}/api/v1{path}", server.url),
        Some(token),
        body.as_deref(),
    )
}

fn sign_in(server: &Server, username: &str, password: &str) -> Answer {
    let body = json!({ "username": username, "password": password }).to_string();
    send(
        "POST",
        &format!("{}/api/v1/login", server.url),
        None,
        Some(&body),
    )
}

/// A page's status and HTML.
fn page(result: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    (response.status(), response.into_string().unwrap())
}

fn open_link(server: &Server, path: &str) -> (u16, String) {
    page(agent().get(&format!("{}{path}", server.url)).call())
}

fn set_password(server: &Server, path: &str, password: &str, again: &str) -> (u16, String) {
    let code = path.split_once("?code=").unwrap().1;
    let fields = [
        ("code", code),
        ("password", password),
        ("password_again", again),
    ];
    page(
        agent()
            .post(&format!("{}/password", server.url))
            .send_form(&fields),
    )
}

fn audit(server: &Server, token: &str, query: &str) -> Vec<Value> {
    let answer = api(server, "GET", &format!("/admin/audit{query}"), token, None);
    assert_eq!(answer.status, 200, "{query}: {}", answer.body);
    answer.body.as_array().unwrap().clone()
}

/// (actor, action, subject, detail) of each entry.
fn parts(entries: &[Value]) -> Vec<(String, String, String, String)> {
    entries
        .iter()
        .map(|e| {
            let text = |key: &str| e[key].as_str().unwrap().to_owned();
            (
                text("actor"),
                text("action"),
                text("subject"),
                text("detail"),
            )
        })
        .collect()
}

fn new_user(server: &Server, ada: &str, username: &str, role: &str, teams: &[&str]) -> Answer {
    let body = json!({ "username": username, "role": role, "teams": teams });
    api(server, "POST", "/admin/users", ada, Some(body))
}

fn account(server: &Server, ada: &str, username: &str) -> Value {
    let listed = api(server, "GET", "/admin/users", ada, None);
    assert_eq!(listed.status, 200);
    listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["user"]["username"] == username)
        .unwrap_or_else(|| panic!("no {username} in {}", listed.body))
        .clone()
}

#[test]
fn a_new_account_sets_its_password_from_its_link_once() {
    let server = server();
    let ada = login(&server, "ada");
    let made = new_user(&server, &ada, "nia", "outreach", &["Reddish"]);
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.body["username"], "nia");
    let path = made.body["path"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/password?code="), "{path}");
    let expires = made.body["expires_at_ms"].as_u64().unwrap();
    assert!(expires.abs_diff(now_ms() + 3 * DAY_MS) < 60_000, "72 hours");
    assert_eq!(account(&server, &ada, "nia")["password_set"], false);

    // With no password yet, signing in fails exactly as a wrong password does.
    let no_password = sign_in(&server, "nia", "");
    let wrong = sign_in(&server, "sam", "not the password");
    assert_eq!(no_password.status, 401);
    assert_eq!(no_password.body, wrong.body);
    assert_eq!(
        sign_in(&server, "nia", "no account has this password").status,
        401
    );

    let (status, html) = open_link(&server, &path);
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<strong>nia</strong>"), "{html}");
    assert!(html.contains("<form method=\"post\" action=\"/password\">"));
    assert!(!html.contains("<script"), "no script at all");

    let (status, html) = set_password(&server, &path, NEW_PASSWORD, "correct horse battery");
    assert_eq!(status, 400, "{html}");
    assert!(
        html.contains("The two passwords are not the same."),
        "{html}"
    );
    let (status, html) = set_password(&server, &path, "short", "short");
    assert_eq!(status, 400);
    assert!(html.contains("A password must be at least 10 characters."));

    let (status, html) = set_password(&server, &path, NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Your password is set"), "{html}");
    assert!(html.contains("href=\"/settings\""), "{html}");
    assert!(!html.contains(NEW_PASSWORD));
    let signed_in = sign_in(&server, "nia", NEW_PASSWORD);
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(signed_in.body["user"]["teams"], json!(["Reddish"]));
    assert_eq!(account(&server, &ada, "nia")["password_set"], true);

    let (status, html) = set_password(
        &server,
        &path,
        "another long password",
        "another long password",
    );
    assert_eq!(status, 410);
    assert!(html.contains("This link has been used"), "{html}");
    assert_eq!(
        sign_in(&server, "nia", NEW_PASSWORD).status,
        200,
        "unchanged"
    );

    let log = parts(&audit(&server, &ada, "?person=nia"));
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|(actor, action, _, _)| (actor.as_str(), action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("nia", "sign_in"),
            ("nia", "sign_in"),
            ("nia", "set_password"),
            ("127.0.0.1", "sign_in_failed"),
            ("127.0.0.1", "sign_in_failed"),
            ("ada", "add_user"),
        ],
        "newest first: {log:?}"
    );
    assert_eq!(log[3].3, "no password set yet");
    assert_eq!(
        log[5].3,
        "outreach, teams: Reddish; password to be set from a link"
    );
}

#[test]
fn a_link_works_only_while_it_is_the_newest_unexpired_one_of_an_enabled_account() {
    let server = server();
    let ada = login(&server, "ada");
    let sams_phone = login(&server, "sam");
    let link = |username: &str| {
        let answer = api(
            &server,
            "POST",
            &format!("/admin/users/{username}/password-link"),
            &ada,
            None,
        );
        assert_eq!(answer.status, 201, "{}", answer.body);
        answer.body["path"].as_str().unwrap().to_owned()
    };
    let older = link("sam");
    let newer = link("sam");
    // Nothing changes until a link is used.
    assert_eq!(sign_in(&server, "sam", PASSWORD).status, 200);
    let (status, html) = open_link(&server, &older);
    assert_eq!(status, 410);
    assert!(html.contains("This link has been replaced"), "{html}");
    assert_eq!(
        set_password(&server, &older, NEW_PASSWORD, NEW_PASSWORD).0,
        410
    );

    let store = server.store();
    let expired = password::issue(store.as_ref(), "sal", now_ms() - 4 * DAY_MS).unwrap();
    let (status, html) = open_link(&server, &expired.path);
    assert_eq!(status, 410);
    assert!(html.contains("This link has expired"), "{html}");

    let (status, html) = open_link(&server, "/password?code=abcd-efgh-jkmn-pqrs-tvwx-yz01-2345");
    assert_eq!(status, 403);
    assert!(html.contains("This link is not right"), "{html}");

    let olus = link("olu");
    let disable = json!({ "disabled": true });
    assert_eq!(
        api(&server, "PATCH", "/admin/users/olu", &ada, Some(disable)).status,
        200
    );
    let (status, html) = set_password(&server, &olus, NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(status, 403);
    assert!(html.contains("This account is disabled"), "{html}");

    // Five links refused from this client: the next try from it waits, as wrong set-up codes
    // and passwords do, even with a good link.
    let (status, html) = set_password(&server, &newer, NEW_PASSWORD, NEW_PASSWORD);
    assert_eq!(status, 429, "{html}");
    assert!(html.contains("Too many wrong links"), "{html}");
    std::thread::sleep(std::time::Duration::from_millis(1100));

    // The newest link works, and signs out every session of the account.
    assert_eq!(
        set_password(&server, &newer, NEW_PASSWORD, NEW_PASSWORD).0,
        200
    );
    assert_eq!(
        api(&server, "GET", "/sessions", &sams_phone, None).status,
        401
    );
    assert_eq!(sign_in(&server, "sam", PASSWORD).status, 401);
    assert_eq!(sign_in(&server, "sam", NEW_PASSWORD).status, 200);
    let links = parts(&audit(&server, &ada, "?action=password_link"));
    assert_eq!(links.len(), 3, "{links:?}");
    assert_eq!(links[0].0, "ada");
}

#[test]
fn role_teams_and_disabling_change_with_an_audit_entry_each() {
    let server = server();
    let ada = login(&server, "ada");
    let nia_made = new_user(&server, &ada, "nia", "outreach", &["Reddish"]);
    assert_eq!(nia_made.status, 201);
    let sams_phone = login(&server, "sam");
    let change = |username: &str, body: Value| {
        api(
            &server,
            "PATCH",
            &format!("/admin/users/{username}"),
            &ada,
            Some(body),
        )
    };
    let changed = change(
        "nia",
        json!({ "role": "coordinator", "teams": ["Reddish", "Brinnington"] }),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["user"]["role"], "coordinator");
    assert_eq!(
        changed.body["user"]["teams"],
        json!(["Brinnington", "Reddish"])
    );
    assert_eq!(changed.body["password_set"], false);
    let disabled = change("sam", json!({ "disabled": true }));
    assert_eq!(disabled.body["disabled"], true);
    assert_eq!(
        api(&server, "GET", "/sessions", &sams_phone, None).status,
        401,
        "disabling signs out every session"
    );
    assert_eq!(change("sam", json!({ "disabled": false })).status, 200);
    assert_eq!(sign_in(&server, "sam", PASSWORD).status, 200);
    // The same again changes nothing, and audits nothing.
    assert_eq!(
        change("sam", json!({ "disabled": false, "role": "outreach" })).status,
        200
    );

    let mut log = parts(&audit(&server, &ada, "?from_ms=0"));
    log.retain(|(actor, _, _, _)| actor == "ada");
    log.reverse();
    let expected = [
        (
            "add_user",
            "nia",
            "outreach, teams: Reddish; password to be set from a link",
        ),
        ("change_role", "nia", "outreach to coordinator"),
        (
            "change_teams",
            "nia",
            "from [Reddish] to [Brinnington, Reddish]",
        ),
        ("disable_user", "sam", "every session signed out"),
        ("enable_user", "sam", ""),
    ];
    let found: Vec<(&str, &str, &str)> = log
        .iter()
        .filter(|(_, action, _, _)| action != "sign_in")
        .map(|(_, action, subject, detail)| (action.as_str(), subject.as_str(), detail.as_str()))
        .collect();
    assert_eq!(found, expected);

    for (what, username, body, status, code, says) in [
        (
            "an unknown team",
            "nia",
            json!({ "teams": ["Heaton"] }),
            400,
            "no_such_team",
            "There is no team called Heaton.",
        ),
        (
            "an unknown role",
            "nia",
            json!({ "role": "boss" }),
            400,
            "invalid_body",
            "unknown variant `boss`",
        ),
        (
            "an unknown field",
            "nia",
            json!({ "password": "x" }),
            400,
            "invalid_body",
            "unknown field `password`",
        ),
        (
            "an unknown user",
            "zed",
            json!({ "role": "learner" }),
            404,
            "no_such_user",
            "There is no user called zed.",
        ),
    ] {
        let refused = change(username, body);
        assert_eq!(
            (refused.status, refused.body["code"].as_str()),
            (status, Some(code)),
            "{what}: {}",
            refused.body
        );
        assert!(
            refused.body["message"].as_str().unwrap().contains(says),
            "{what}: {}",
            refused.body
        );
    }
    let (nia, _) = server.store().account("nia").unwrap().unwrap();
    assert_eq!(
        nia.user.teams,
        ["Brinnington", "Reddish"],
        "nothing refused was kept"
    );
}

#[test]
fn an_administrator_is_always_left() {
    let server = server();
    let ada = login(&server, "ada");
    for body in [
        json!({ "role": "coordinator" }),
        json!({ "disabled": true }),
    ] {
        let refused = api(&server, "PATCH", "/admin/users/ada", &ada, Some(body));
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert_eq!(refused.body["code"], "own_account");
        assert!(refused.body["message"]
            .as_str()
            .unwrap()
            .contains("ask another administrator"));
    }
    // Changing one's own teams, or re-stating the role, is fine.
    let kept = api(
        &server,
        "PATCH",
        "/admin/users/ada",
        &ada,
        Some(json!({ "role": "admin", "teams": ["Reddish"] })),
    );
    assert_eq!(kept.status, 200, "{}", kept.body);

    // The store refuses whatever would leave no administrator, whoever asks, and changes nothing.
    let store = server.store();
    let demote = UserChange {
        role: Some(Role::Outreach),
        ..UserChange::default()
    };
    let refused = store.change_user("console", "ada", &demote, now_ms());
    assert!(matches!(refused, Err(StoreError::LastAdmin)), "{refused:?}");
    assert!(store.has_admin().unwrap());

    // With a second administrator, either may demote the other.
    let made = new_user(&server, &ada, "bea", "admin", &[]);
    assert_eq!(made.status, 201);
    store
        .set_password("bea", &fieldbook_server::hash_password(PASSWORD))
        .unwrap();
    let bea = login(&server, "bea");
    let demoted = api(
        &server,
        "PATCH",
        "/admin/users/ada",
        &bea,
        Some(json!({ "role": "coordinator" })),
    );
    assert_eq!(demoted.status, 200, "{}", demoted.body);
    let refused = store.change_user(
        "console",
        "bea",
        &UserChange {
            disabled: Some(true),
            ..UserChange::default()
        },
        now_ms(),
    );
    assert!(matches!(refused, Err(StoreError::LastAdmin)), "{refused:?}");
}

#[test]
fn teams_are_added_and_renamed_everywhere_their_name_is_kept() {
    let server = server();
    let ada = login(&server, "ada");
    let cath = login(&server, "cath");
    let sam = login(&server, "sam");
    let mut course = fieldbook_core::framework::nos_cd().clone();
    course.id = "brinnington-course".into();
    let file = serde_json::to_string(&course).unwrap();
    let published = send(
        "POST",
        &format!("{}/api/v1/frameworks", server.url),
        Some(&cath),
        Some(&file),
    );
    assert_eq!(published.status, 201);

    let added = api(
        &server,
        "POST",
        "/admin/teams",
        &ada,
        Some(json!({ "name": "  Heaton Norris " })),
    );
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(
        added.body,
        json!({ "name": "Heaton Norris", "members": [] })
    );
    for (name, status, says) in [
        (
            "Heaton Norris",
            409,
            "There is already a team called Heaton Norris.",
        ),
        ("", 400, "A team name must be 1 to 60 characters."),
        (
            &"a".repeat(61),
            400,
            "A team name must be 1 to 60 characters.",
        ),
        ("*", 400, "stands for every team"),
        ("Heaton\nNorris", 400, "control characters"),
    ] {
        let refused = api(
            &server,
            "POST",
            "/admin/teams",
            &ada,
            Some(json!({ "name": name })),
        );
        assert_eq!(refused.status, status, "{name:?}: {}", refused.body);
        assert!(
            refused.body["message"].as_str().unwrap().contains(says),
            "{name:?}: {}",
            refused.body
        );
    }

    let renamed = api(
        &server,
        "PATCH",
        "/admin/teams/Brinnington",
        &ada,
        Some(json!({ "name": "Brinnington North" })),
    );
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(
        renamed.body,
        json!({ "name": "Brinnington North", "members": ["cath", "lee", "sal", "sam"] })
    );
    let teams = api(&server, "GET", "/admin/teams", &ada, None);
    let names: Vec<&str> = teams
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Brinnington North", "Heaton Norris", "Reddish"]);
    // Members and the framework published to the team follow the new name.
    let (sams, _) = server.store().account("sam").unwrap().unwrap();
    assert_eq!(sams.user.teams, ["Brinnington North"]);
    let publications = api(&server, "GET", "/admin/frameworks", &cath, None);
    assert_eq!(
        publications.body[0]["team"], "Brinnington North",
        "{}",
        publications.body
    );
    let fetched = api(&server, "GET", "/frameworks", &sam, None);
    assert_eq!(fetched.body[0]["id"], "brinnington-course");

    for (path, name, status, code) in [
        ("/admin/teams/Nowhere", "Somewhere", 404, "no_such_team"),
        ("/admin/teams/Reddish", "Heaton Norris", 409, "team_taken"),
        ("/admin/teams/Reddish", "*", 400, "invalid_team_name"),
    ] {
        let refused = api(&server, "PATCH", path, &ada, Some(json!({ "name": name })));
        assert_eq!(
            (refused.status, refused.body["code"].as_str()),
            (status, Some(code)),
            "{path} to {name}: {}",
            refused.body
        );
    }
    let log = parts(&audit(&server, &ada, "?person=ada"));
    let teams_log: Vec<(&str, &str, &str)> = log
        .iter()
        .filter(|(_, action, _, _)| action.ends_with("_team"))
        .map(|(_, action, subject, detail)| (action.as_str(), subject.as_str(), detail.as_str()))
        .collect();
    assert_eq!(
        teams_log,
        [
            (
                "rename_team",
                "Brinnington North",
                "from Brinnington to Brinnington North"
            ),
            ("add_team", "Heaton Norris", ""),
        ]
    );
}

#[test]
fn the_audit_log_is_filtered_newest_first() {
    let server = server();
    let ada = login(&server, "ada");
    let before = now_ms();
    login(&server, "sam");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let middle = now_ms();
    login(&server, "sam");
    login(&server, "cath");
    assert_eq!(
        api(&server, "GET", "/admin/users/sam/export", &ada, None).status,
        200
    );

    let all = audit(&server, &ada, "");
    let times: Vec<u64> = all.iter().map(|e| e["at_ms"].as_u64().unwrap()).collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    assert_eq!(all[0]["action"], "export_user");
    assert_eq!(all[0]["actor"], "ada");
    assert_eq!(all[0]["subject"], "sam");

    let sams = parts(&audit(&server, &ada, "?person=sam"));
    assert_eq!(sams.len(), 3, "{sams:?}");
    assert!(sams
        .iter()
        .all(|(actor, _, subject, _)| actor == "sam" || subject == "sam"));
    let sign_ins = audit(&server, &ada, "?action=sign_in");
    assert_eq!(sign_ins.len(), 4, "ada, sam twice, cath");
    let sams_sign_ins = audit(
        &server,
        &ada,
        &format!("?person=sam&action=sign_in&from_ms={before}&to_ms={middle}"),
    );
    assert_eq!(sams_sign_ins.len(), 1, "{sams_sign_ins:?}");
    assert_eq!(audit(&server, &ada, &format!("?from_ms={middle}")).len(), 3);
    let limited = audit(&server, &ada, "?limit=2");
    assert_eq!(limited, all[..2]);
    assert_eq!(
        audit(&server, &ada, "?limit=100000").len(),
        all.len(),
        "capped, not refused"
    );

    for query in ["?who=sam", "?limit=many", "?from_ms=-1"] {
        let refused = api(&server, "GET", &format!("/admin/audit{query}"), &ada, None);
        assert_eq!(
            (refused.status, refused.body["code"].as_str()),
            (400, Some("invalid_query")),
            "{query}: {}",
            refused.body
        );
    }
}

#[test]
fn frameworks_go_to_the_teams_named_that_the_publisher_may_publish_to() {
    let server = server();
    let ada = login(&server, "ada");
    let cath = login(&server, "cath");
    let olu = login(&server, "olu");
    let publish = |token: &str, query: &str, id: &str| {
        let mut framework = fieldbook_core::framework::nos_cd().clone();
        framework.id = id.into();
        let file = serde_json::to_string(&framework).unwrap();
        send(
            "POST",
            &format!("{}/api/v1/frameworks{query}", server.url),
            Some(token),
            Some(&file),
        )
    };
    let refused = publish(&cath, "?team=Reddish", "course");
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("You cannot publish to Reddish"));
    assert_eq!(
        publish(&cath, "?team=Brinnington&team=Reddish", "course").status,
        403
    );
    assert_eq!(publish(&cath, "?team=*", "course").status, 403);
    let ok = publish(&cath, "?team=Brinnington", "course");
    assert_eq!(
        (ok.status, &ok.body["teams"]),
        (201, &json!(["Brinnington"]))
    );
    let to_reddish = publish(&ada, "?team=Reddish&team=Reddish", "reddish-course");
    assert_eq!(
        (to_reddish.status, &to_reddish.body["teams"]),
        (201, &json!(["Reddish"])),
        "{}",
        to_reddish.body
    );
    assert_eq!(publish(&ada, "", "everyone").body["teams"], json!(["*"]));
    let nowhere = publish(&ada, "?team=Nowhere", "course");
    assert_eq!(
        (nowhere.status, nowhere.body["code"].as_str()),
        (400, Some("no_such_team")),
        "{}",
        nowhere.body
    );
    assert!(nowhere.body["message"]
        .as_str()
        .unwrap()
        .contains("Nowhere"));
    assert_eq!(publish(&ada, "?colour=red", "course").status, 400);

    let fetched = api(&server, "GET", "/frameworks", &olu, None);
    let ids: Vec<&str> = fetched
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["everyone", "reddish-course"]);

    let seen = |token: &str| -> Vec<(String, String)> {
        let answer = api(&server, "GET", "/admin/frameworks", token, None);
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                assert_eq!(
                    p["title"],
                    "National Occupational Standards for Community Development"
                );
                (
                    p["id"].as_str().unwrap().to_owned(),
                    p["team"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        seen(&ada),
        pairs(&[
            ("course", "Brinnington"),
            ("everyone", "*"),
            ("reddish-course", "Reddish")
        ])
    );
    assert_eq!(
        seen(&cath),
        pairs(&[("course", "Brinnington"), ("everyone", "*")])
    );
}

#[test]
fn bodies_that_cannot_be_read_are_clear_400s() {
    let server = server();
    let ada = login(&server, "ada");
    for (method, path, body, code) in [
        ("POST", "/admin/users", "{", "malformed_json"),
        ("POST", "/admin/users", "[]", "invalid_body"),
        (
            "POST",
            "/admin/users",
            r#"{"username": "x", "role": "outreach", "password": "p"}"#,
            "invalid_body",
        ),
        (
            "POST",
            "/admin/users",
            r#"{"username": "x", "role": "boss"}"#,
            "invalid_body",
        ),
        (
            "POST",
            "/admin/users",
            r#"{"username": " ", "role": "outreach"}"#,
            "invalid_username",
        ),
        (
            "POST",
            "/admin/users",
            r#"{"username": "x", "role": "outreach", "teams": ["Heaton"]}"#,
            "no_such_team",
        ),
        (
            "PATCH",
            "/admin/users/sam",
            r#"{"disabled": "yes"}"#,
            "invalid_body",
        ),
        ("POST", "/admin/teams", r#"{"name": 7}"#, "invalid_body"),
        (
            "POST",
            "/admin/teams",
            r#"{"title": "Heaton"}"#,
            "invalid_body",
        ),
        ("PATCH", "/admin/teams/Reddish", "null", "invalid_body"),
    ] {
        let answer = send(
            method,
            &format!("{}/api/v1{path}", server.url),
            Some(&ada),
            Some(body),
        );
        assert_eq!(
            (answer.status, answer.body["code"].as_str()),
            (400, Some(code)),
            "{method} {path} {body}: {}",
            answer.body
        );
        assert!(
            answer.body["message"].as_str().unwrap().ends_with('.')
                || answer.body["message"].as_str().unwrap().contains(' ')
        );
    }
    let taken = new_user(&server, &ada, "sam", "outreach", &[]);
    assert_eq!(
        (taken.status, taken.body["code"].as_str()),
        (409, Some("username_taken"))
    );
    assert!(server.store().account("x").unwrap().is_none());
}

#[test]
fn the_command_line_prints_a_password_link_and_renames_teams_with_audit_entries() {
    let server = server();
    let addr = server.url.trim_start_matches("http://");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
            .args(args)
            .args(["--db"])
            .arg(&server.db)
            .env("FIELDBOOK_ADDR", addr)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let said = run(&["user", "password-link", "sam"]);
    let link = said
        .split_whitespace()
        .find(|word| word.starts_with(&format!("{}/password?code=", server.url)))
        .unwrap_or_else(|| panic!("no link in {said:?}"));
    let path = link.trim_start_matches(&server.url);
    assert_eq!(
        set_password(&server, path, NEW_PASSWORD, NEW_PASSWORD).0,
        200
    );
    assert_eq!(sign_in(&server, "sam", NEW_PASSWORD).status, 200);

    run(&["team", "add", " Heaton "]);
    run(&["team", "rename", "Heaton", "Heaton Norris"]);
    let teams = server.store().teams().unwrap();
    assert!(
        teams.iter().any(|team| team.name == "Heaton Norris"),
        "{teams:?}"
    );
    let ada = login(&server, "ada");
    let log = parts(&audit(&server, &ada, "?person=console"));
    let console: Vec<&str> = log
        .iter()
        .map(|(_, action, _, _)| action.as_str())
        .collect();
    assert_eq!(console, ["rename_team", "add_team", "password_link"]);
}
