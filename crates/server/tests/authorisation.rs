//! Every role against every endpoint, allowed and denied, over real TCP; and whose records each
//! role may push and pull.

mod support;

use fieldbook_core::progress::Progress;
use fieldbook_core::{Replica, Stamp};
use support::*;

/// The status each caller gets: nobody, outreach, learner, coordinator, admin.
const CALLERS: [Option<&str>; 5] = [None, Some("sam"), Some("lee"), Some("cath"), Some("ada")];

#[test]
fn every_role_against_every_endpoint() {
    let server = server();
    let tokens: Vec<Option<String>> = CALLERS
        .iter()
        .map(|caller| caller.map(|name| login(&server, name)))
        .collect();
    let push_body = |n: u8, author: &str| {
        let (_, change) = engagement(u64::from(n), author, device(n), 1_700_000_000_000);
        serde_json::to_string(&fieldbook_core::protocol::PushRequest {
            device_id: device(n),
            batch_id: format!("matrix-{n}"),
            changes: vec![change],
        })
        .unwrap()
    };
    type Row = (&'static str, &'static str, [u16; 5]);
    let rows: [Row; 10] = [
        ("GET", "/api/health", [200, 200, 200, 200, 200]),
        ("GET", "/api/openapi.json", [200, 200, 200, 200, 200]),
        ("GET", "/api/v1/info", [200, 200, 200, 200, 200]),
        ("POST", "/api/v1/sync/push", [401, 200, 200, 200, 403]),
        ("GET", "/api/v1/sync/pull", [401, 200, 200, 200, 403]),
        ("GET", "/api/v1/frameworks", [401, 200, 200, 200, 200]),
        ("GET", "/api/v1/admin/users", [401, 403, 403, 403, 200]),
        (
            "GET",
            "/api/v1/admin/users/sam/export",
            [401, 403, 403, 403, 200],
        ),
        ("GET", "/api/v1/admin/audit", [401, 403, 403, 403, 200]),
        (
            "POST",
            "/api/v1/admin/users/olu/erase",
            [401, 403, 403, 403, 200],
        ),
    ];
    for (method, path, expected) in rows {
        for (index, caller) in CALLERS.iter().enumerate() {
            let body =
                (method == "POST").then(|| push_body(index as u8, caller.unwrap_or("nobody")));
            let answer = send(
                method,
                &format!("{}{path}", server.url),
                tokens[index].as_deref(),
                body.as_deref(),
            );
            assert_eq!(
                answer.status, expected[index],
                "{method} {path} as {caller:?}: {}",
                answer.body
            );
            assert!(
                answer.body.is_object() || answer.body.is_array(),
                "{method} {path} answers JSON"
            );
        }
    }
    // Signing out: nobody cannot; everyone else can, once, and the token is then dead.
    let logout = format!("{}/api/v1/logout", server.url);
    assert_eq!(send("POST", &logout, None, None).status, 401);
    for token in tokens.iter().flatten() {
        assert_eq!(send("POST", &logout, Some(token), None).status, 204);
        let after = send("POST", &logout, Some(token), None);
        assert_eq!(after.status, 401);
        assert_eq!(
            after.body["message"],
            "This session was signed out; sign in again."
        );
    }
}

#[test]
fn people_push_only_their_own_records_and_coordinators_their_teams() {
    let server = server();
    let [sam, lee, cath, olu] = ["sam", "lee", "cath", "olu"].map(|name| login(&server, name));
    let (_, sams) = engagement(1, "sam", device(1), 1_000);
    let (_, sals) = engagement(2, "sal", device(1), 1_000);
    let (_, olus) = engagement(3, "olu", device(3), 1_000);
    let answer = push(&server, &sam, device(1), "b1", vec![sams.clone(), sals]);
    assert_eq!(statuses(&answer), ["applied", "rejected"]);
    assert_eq!(answer.body["results"][1]["reason"]["code"], "not_yours");
    assert_eq!(
        statuses(&push(&server, &olu, device(3), "b1", vec![olus.clone()])),
        ["applied"]
    );

    // The coordinator reviews sam's record (same team) but not olu's (another team).
    let mut edited = Replica::decode(sams.replica.get()).unwrap();
    let mut record: fieldbook_core::model::Engagement = edited.to_doc().unwrap();
    record.notes = "Checked by cath".into();
    edited.update(
        &record,
        Stamp {
            wall_ms: 2_000,
            counter: 0,
            device: device(4),
        },
    );
    let mut olu_edit = Replica::decode(olus.replica.get()).unwrap();
    let mut record: fieldbook_core::model::Engagement = olu_edit.to_doc().unwrap();
    record.notes = "Not my team".into();
    olu_edit.update(
        &record,
        Stamp {
            wall_ms: 2_000,
            counter: 0,
            device: device(4),
        },
    );
    let answer = push(
        &server,
        &cath,
        device(4),
        "b1",
        vec![change(&edited), change(&olu_edit)],
    );
    assert_eq!(statuses(&answer), ["applied", "rejected"]);

    // A learner keeps their own progress; the coordinator can sign it off, the learner cannot
    // push someone else's.
    let progress = Progress::new(device(20), "lee", "nos-cd-2023", "01");
    let mine = Replica::create(
        &progress,
        Stamp {
            wall_ms: 1_000,
            counter: 0,
            device: device(2),
        },
    );
    let theirs = Replica::create(
        &Progress::new(device(21), "sam", "nos-cd-2023", "01"),
        Stamp {
            wall_ms: 1_000,
            counter: 0,
            device: device(2),
        },
    );
    assert_eq!(
        statuses(&push(
            &server,
            &lee,
            device(2),
            "b1",
            vec![change(&mine), change(&theirs)]
        )),
        ["applied", "rejected"]
    );

    // Pulls: each their own; the coordinator their team's.
    let ids = |token: &str| {
        let mut ids: Vec<String> = pull_all(&server, token, 100)
            .iter()
            .map(ToString::to_string)
            .collect();
        ids.sort();
        ids
    };
    let sorted = |list: &[fieldbook_core::Id]| {
        let mut ids: Vec<String> = list.iter().map(ToString::to_string).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&sam), sorted(&[sams.id]));
    assert_eq!(ids(&olu), sorted(&[olus.id]));
    assert_eq!(ids(&lee), sorted(&[mine.id()]));
    assert_eq!(ids(&cath), sorted(&[sams.id, mine.id()]));
}

#[test]
fn sign_in_fails_clearly_and_is_rate_limited() {
    let server = server();
    let url = format!("{}/api/v1/login", server.url);
    let attempt = |username: &str, password: &str| {
        let body = serde_json::json!({ "username": username, "password": password }).to_string();
        send("POST", &url, None, Some(&body))
    };
    let wrong = attempt("sam", "not the password");
    assert_eq!(
        (wrong.status, wrong.body["code"].as_str()),
        (401, Some("unauthorized"))
    );
    assert_eq!(wrong.body["message"], "The username or password is wrong.");
    assert_eq!(attempt("nobody", PASSWORD).status, 401);
    for _ in 0..4 {
        assert_eq!(attempt("sam", "still wrong").status, 401);
    }
    let locked = attempt("sam", PASSWORD);
    assert_eq!(locked.status, 429, "{}", locked.body);
    assert_eq!(locked.body["code"], "too_many_attempts");
    assert_eq!(
        attempt("sal", PASSWORD).status,
        200,
        "another account is not locked"
    );

    // A disabled account cannot sign in, and its sessions stop working.
    let token = login(&server, "olu");
    server.store().as_ref().set_disabled("olu", true).unwrap();
    assert_eq!(attempt("olu", PASSWORD).status, 401);
    assert_eq!(pull(&server, &token, "", 10).status, 401);
    // A token that is not one this server made.
    assert_eq!(pull(&server, "abc.def", "", 10).status, 401);
    assert_eq!(pull(&server, "nonsense", "", 10).status, 401);
}

use fieldbook_server::store::Store;

#[test]
fn frameworks_reach_the_publishers_teams_and_bad_files_are_refused() {
    let server = server();
    let [sam, lee, cath, olu, ada] =
        ["sam", "lee", "cath", "olu", "ada"].map(|name| login(&server, name));
    let url = format!("{}/api/v1/frameworks", server.url);
    let mut framework = fieldbook_core::framework::nos_cd().clone();
    framework.id = "brinnington-course".into();
    framework.title = "Brinnington course".into();
    let file = serde_json::to_string(&framework).unwrap();

    assert_eq!(
        send("POST", &url, Some(&lee), Some(&file)).status,
        403,
        "learners do not publish"
    );
    let published = send("POST", &url, Some(&cath), Some(&file));
    assert_eq!(published.status, 201, "{}", published.body);
    assert_eq!(published.body["teams"], serde_json::json!(["Brinnington"]));
    let titles = |token: &str| -> Vec<String> {
        let answer = send("GET", &url, Some(token), None);
        assert_eq!(answer.status, 200);
        answer
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(titles(&sam), ["Brinnington course"]);
    assert_eq!(titles(&lee), ["Brinnington course"]);
    assert!(titles(&olu).is_empty(), "another team does not see it");

    // An admin publishes to every team.
    let mut everyone = framework.clone();
    everyone.id = "council-wide".into();
    everyone.title = "Council-wide".into();
    let answer = send(
        "POST",
        &url,
        Some(&ada),
        Some(&serde_json::to_string(&everyone).unwrap()),
    );
    assert_eq!(answer.status, 201);
    assert_eq!(titles(&olu), ["Council-wide"]);

    let mut broken = serde_json::to_value(&framework).unwrap();
    broken["key_areas"][0]["competencies"][0]["title"] = serde_json::json!("");
    let refused = send("POST", &url, Some(&cath), Some(&broken.to_string()));
    assert_eq!(
        (refused.status, refused.body["code"].as_str()),
        (400, Some("invalid_framework"))
    );
    assert!(
        refused.body["message"]
            .as_str()
            .unwrap()
            .contains("key_areas[0].competencies[0].title"),
        "{}",
        refused.body
    );
    let garbage = send("POST", &url, Some(&cath), Some("{\"titel\": 1}"));
    assert_eq!(garbage.status, 400);
    assert_eq!(
        titles(&sam),
        ["Brinnington course", "Council-wide"],
        "nothing refused was kept"
    );
}
