//! Every role against every endpoint, allowed and denied, over real TCP; and whose records each
//! role may push and pull.

mod support;

use std::collections::BTreeMap;

use fieldbook_core::model::{RecordReview, ReviewState, Venue};
use fieldbook_core::permissions::{may, may_view, reach, Act, Reach, RULES, VIEWS};
use fieldbook_core::progress::{Evidence, Outcome, Progress, Review, Status};
use fieldbook_core::protocol::Change;
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, Replica, Stamp};
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
    let framework = serde_json::to_string(fieldbook_core::framework::nos_cd()).unwrap();
    // What each row sends: nothing, a push, a framework, or JSON in which `{n}` is the
    // caller's place in CALLERS, so that each caller's would succeed on its own.
    enum Send {
        Nothing,
        Push,
        Framework,
        Json(&'static str),
    }
    use Send::{Framework, Json, Nothing, Push};
    type Row = (&'static str, &'static str, Send, [u16; 5]);
    let rows: [Row; 26] = [
        ("GET", "/api/health", Nothing, [200, 200, 200, 200, 200]),
        (
            "GET",
            "/api/openapi.json",
            Nothing,
            [200, 200, 200, 200, 200],
        ),
        ("GET", "/api/v1/info", Nothing, [200, 200, 200, 200, 200]),
        ("POST", "/api/v1/sync/push", Push, [401, 200, 200, 200, 403]),
        (
            "GET",
            "/api/v1/sync/pull",
            Nothing,
            [401, 200, 200, 200, 403],
        ),
        (
            "GET",
            "/api/v1/frameworks",
            Nothing,
            [401, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/api/v1/frameworks",
            Framework,
            [401, 403, 403, 201, 201],
        ),
        (
            "POST",
            "/api/v1/frameworks?team=Brinnington",
            Framework,
            [401, 403, 403, 201, 201],
        ),
        (
            "GET",
            "/api/v1/admin/frameworks",
            Nothing,
            [401, 403, 403, 200, 200],
        ),
        (
            "GET",
            "/api/v1/admin/users",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "POST",
            "/api/v1/admin/users",
            Json(r#"{"username": "new{n}", "role": "outreach", "teams": ["Reddish"]}"#),
            [401, 403, 403, 403, 201],
        ),
        (
            "PATCH",
            "/api/v1/admin/users/sal",
            Json(r#"{"role": "learner", "teams": ["Brinnington", "Reddish"]}"#),
            [401, 403, 403, 403, 200],
        ),
        (
            "POST",
            "/api/v1/admin/users/sal/password-link",
            Nothing,
            [401, 403, 403, 403, 201],
        ),
        (
            "GET",
            "/api/v1/admin/teams",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "POST",
            "/api/v1/admin/teams",
            Json(r#"{"name": "Team {n}"}"#),
            [401, 403, 403, 403, 201],
        ),
        (
            "PATCH",
            "/api/v1/admin/teams/Reddish",
            Json(r#"{"name": "Reddish {n}"}"#),
            [401, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/api/v1/admin/users/sam/export",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/api/v1/admin/audit",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/api/v1/admin/audit?person=sam&action=sign_in&limit=5",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/api/v1/admin/organisation",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "PUT",
            "/api/v1/admin/organisation",
            Json(r#"{"contact_details": true, "retention_months": 12}"#),
            [401, 403, 403, 403, 200],
        ),
        // Everyone sees their own sessions; an admin, anyone's. No session has this id.
        (
            "GET",
            "/api/v1/sessions",
            Nothing,
            [401, 200, 200, 200, 200],
        ),
        (
            "DELETE",
            "/api/v1/sessions/none",
            Nothing,
            [401, 404, 404, 404, 404],
        ),
        (
            "GET",
            "/api/v1/admin/users/sam/sessions",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
        (
            "DELETE",
            "/api/v1/admin/users/sam/sessions/none",
            Nothing,
            [401, 403, 403, 403, 404],
        ),
        (
            "POST",
            "/api/v1/admin/users/olu/erase",
            Nothing,
            [401, 403, 403, 403, 200],
        ),
    ];
    for (method, path, sends, expected) in rows {
        for (index, caller) in CALLERS.iter().enumerate() {
            let body = match &sends {
                Nothing => None,
                Push => Some(push_body(index as u8, caller.unwrap_or("nobody"))),
                Framework => Some(framework.clone()),
                Json(template) => Some(template.replace("{n}", &index.to_string())),
            };
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

/// The people in [`support::accounts`] who sync records, and their teams.
const SYNCING: [(&str, &str); 5] = [
    ("sam", "Brinnington"),
    ("sal", "Brinnington"),
    ("lee", "Brinnington"),
    ("cath", "Brinnington"),
    ("olu", "Reddish"),
];

fn shares_team(a: &str, b: &str) -> bool {
    let team = |name: &str| SYNCING.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    team(a).is_some() && team(a) == team(b)
}

fn synced_user(name: &str) -> User {
    let role = match name {
        "lee" => Role::Learner,
        "cath" => Role::Coordinator,
        _ => Role::Outreach,
    };
    let team = SYNCING.iter().find(|(n, _)| *n == name).unwrap().1;
    User {
        username: name.into(),
        role,
        teams: vec![team.into()],
    }
}

fn at(wall_ms: u64, device_id: fieldbook_core::Id) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: device_id,
    }
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// For `act` by `pusher` on a record of `owner`'s: the record as its owner first sends it, if
/// the act needs one, and the change that does the act.
fn attempt(
    act: Act,
    owner: &str,
    pusher: &str,
    id: fieldbook_core::Id,
) -> (Option<Change>, Change) {
    let (owners, theirs) = (at(1_000, device(1)), at(2_000, device(2)));
    let mut record = sample::engagement(1);
    record.id = id;
    record.author = owner.into();
    let mut progress = Progress::new(id, owner, "nos-cd-2023", "07");
    progress.status = Status::Learning;
    if act == Act::AssessProgress {
        progress.status = Status::Submitted;
        progress.evidence.push(Evidence {
            id: fieldbook_core::ElementId::new(1_780_000_000_000, [1; 4]),
            date: day(),
            note: "Ran a drop-in.".into(),
            engagement: None,
        });
    }
    let venue = Venue {
        id,
        name: "St Mary's Church Hall".into(),
        area: String::new(),
    };
    let then = |replica: Replica, edit: &dyn Fn(&mut Replica)| {
        let mut edited = replica.clone();
        edit(&mut edited);
        (Some(change(&replica)), change(&edited))
    };
    match act {
        Act::CreateEngagement => (None, change(&Replica::create(&record, theirs))),
        Act::EditEngagement | Act::ReviewEngagement => {
            then(Replica::create(&record, owners), &|replica| {
                let mut edited = record.clone();
                if act == Act::EditEngagement {
                    edited.notes = "Edited".into();
                } else {
                    edited.review = Some(RecordReview {
                        state: ReviewState::LooksRight,
                        comment: String::new(),
                        by: pusher.into(),
                        on: day(),
                    });
                }
                replica.update(&edited, theirs);
            })
        }
        Act::KeepProgress | Act::AssessProgress => {
            then(Replica::create(&progress, owners), &|replica| {
                let mut edited = progress.clone();
                if act == Act::KeepProgress {
                    edited.status = Status::Practising;
                } else {
                    edited.status = Status::SignedOff;
                    edited.review = Some(Review {
                        by: pusher.into(),
                        date: day(),
                        outcome: Outcome::SignedOff,
                        comment: String::new(),
                    });
                }
                replica.update(&edited, theirs);
            })
        }
        Act::KeepVenue => then(Replica::create(&venue, owners), &|replica| {
            let mut edited = venue.clone();
            edited.name = "Renamed".into();
            replica.update(&edited, theirs);
        }),
        other => unreachable!("{other:?} is not a write"),
    }
}

/// Every write act of core's permission table, by every syncing person on records of every
/// other, pushed for real: stored exactly when the table allows it. Then every pull carries
/// exactly what the table lets each see.
#[test]
fn pushes_and_pulls_follow_the_core_permission_table() {
    let writes = [
        Act::CreateEngagement,
        Act::EditEngagement,
        Act::ReviewEngagement,
        Act::KeepProgress,
        Act::AssessProgress,
        Act::KeepVenue,
    ];
    let views = VIEWS.map(|(_, act)| act);
    // Framework imports and account management are endpoints, in the matrix above.
    let endpoints = [Act::ImportFramework, Act::ManageUsers, Act::ProtectData];
    for rule in &RULES {
        assert!(
            writes
                .iter()
                .chain(&views)
                .chain(&endpoints)
                .any(|act| *act == rule.act),
            "a rule this test does not try: {}",
            rule.wording
        );
    }
    for act in writes.iter().chain(&views) {
        assert_eq!(
            reach(Role::Admin, *act),
            Reach::Nobody,
            "admins get 403 from sync (above), so the table must give them no record: {act:?}"
        );
    }
    let server = server();
    let tokens: BTreeMap<&str, String> = SYNCING
        .iter()
        .map(|(name, _)| (*name, login(&server, name)))
        .collect();
    let mut setups: BTreeMap<&str, Vec<Change>> = BTreeMap::new();
    let mut attempts: BTreeMap<&str, Vec<(Change, bool, String)>> = BTreeMap::new();
    let mut n = 0u8;
    for (pusher, _) in SYNCING {
        for (owner, _) in SYNCING {
            for act in writes {
                n += 1;
                let (setup, change) = attempt(act, owner, pusher, device(n));
                let user = synced_user(pusher);
                let allowed = may(&user, act, owner, shares_team(pusher, owner));
                setups.entry(owner).or_default().extend(setup);
                attempts.entry(pusher).or_default().push((
                    change,
                    allowed,
                    format!("{act:?} by {pusher} on {owner}'s"),
                ));
            }
        }
    }
    let allowed = attempts
        .values()
        .flatten()
        .filter(|(_, allowed, _)| *allowed);
    assert!(
        (20..100).contains(&allowed.count()),
        "both outcomes are tried"
    );
    for (owner, changes) in setups {
        let answer = push(&server, &tokens[owner], device(1), "setup", changes);
        assert!(
            statuses(&answer).iter().all(|s| s == "applied"),
            "{}",
            answer.body
        );
    }
    for (pusher, tries) in attempts {
        let changes = tries.iter().map(|(change, _, _)| change.clone()).collect();
        let answer = push(&server, &tokens[pusher], device(2), "attempts", changes);
        for ((_, allowed, what), status) in tries.iter().zip(statuses(&answer)) {
            let expected = if *allowed { "applied" } else { "rejected" };
            assert_eq!(status, expected, "{what}: {}", answer.body);
        }
    }
    let stored: Vec<(String, String, String)> =
        rows(&server.db, "SELECT id, kind, owner FROM documents")
            .into_iter()
            .map(|row| (row[0].clone(), row[1].clone(), row[2].clone()))
            .collect();
    for (name, token) in &tokens {
        let user = synced_user(name);
        let mut pulled: Vec<String> = pull_all(&server, token, 1000)
            .iter()
            .map(ToString::to_string)
            .collect();
        pulled.sort();
        let mut expected: Vec<String> = stored
            .iter()
            .filter(|(_, kind, owner)| may_view(&user, kind, owner, shares_team(name, owner)))
            .map(|(id, _, _)| id.clone())
            .collect();
        expected.sort();
        assert_eq!(pulled, expected, "what {name} pulls");
    }
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
