//! First run: a server on a database with no administrator prints a one-time set-up link, and
//! `/setup` makes the first administrator with it, once. Every refusal is a page with a 4xx
//! status that says why, keeps what was typed (never the passwords) and makes no account.

mod support;

use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use fieldbook_core::roles::{Role, User};
use fieldbook_server::store::AuditQuery;
use fieldbook_server::{hash_password, now_ms, setup};
use sha2::{Digest, Sha256};
use support::{agent, database, server, start, Database, Server, PASSWORD};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// An answer as a browser sees it: status, headers that matter here, and the page.
struct Page {
    status: u16,
    csp: String,
    cache: String,
    retry_after: Option<String>,
    html: String,
}

fn page(result: Result<ureq::Response, ureq::Error>) -> Page {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let header = |name: &str| response.header(name).unwrap_or_default().to_owned();
    Page {
        status: response.status(),
        csp: header("content-security-policy"),
        cache: header("cache-control"),
        retry_after: response.header("retry-after").map(str::to_owned),
        html: response.into_string().unwrap(),
    }
}

fn get(url: &str) -> Page {
    page(agent().get(url).call())
}

fn post(server: &Server, fields: &[(&str, &str)]) -> Page {
    page(
        agent()
            .post(&format!("{}/setup", server.url))
            .send_form(fields),
    )
}

fn post_raw(server: &Server, content_type: &str, body: &str) -> Page {
    page(
        agent()
            .post(&format!("{}/setup", server.url))
            .set("Content-Type", content_type)
            .send_string(body),
    )
}

/// A form's fields, by name.
type Fields<'a> = Vec<(&'a str, &'a str)>;

/// The form as a person fills it in, with the same password twice.
fn form<'a>(code: &'a str, username: &'a str) -> Fields<'a> {
    vec![
        ("code", code),
        ("username", username),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ]
}

/// A server over a new, empty database.
fn empty_server() -> (Server, Database) {
    let database = database();
    let server = start(&database.address);
    (server, database)
}

/// The set-up link the server printed, checked against the sentence it should be in.
fn printed_link(server: &Server) -> String {
    let prefix = format!(
        "No administrator yet. To create one, open {}/setup?code=",
        server.url
    );
    let line = server
        .said
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no set-up link in {:?}", server.said));
    assert!(line.ends_with(" within 24 hours."), "{line}");
    assert!(
        server.said.starts_with("Fieldbook is running at "),
        "where it runs comes first: {:?}",
        server.said
    );
    line.split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap()
        .to_owned()
}

fn code_of(link: &str) -> String {
    link.split_once("?code=").unwrap().1.to_owned()
}

fn sign_in(server: &Server, username: &str) -> support::Answer {
    let body = serde_json::json!({ "username": username, "password": PASSWORD }).to_string();
    support::send(
        "POST",
        &format!("{}/api/v1/login", server.url),
        None,
        Some(&body),
    )
}

#[test]
fn the_printed_link_makes_the_first_administrator_once() {
    let (server, _folder) = empty_server();
    let link = printed_link(&server);
    let code = code_of(&link);

    let shown = get(&link);
    assert_eq!(shown.status, 200);
    for part in [
        "<html lang=\"en-GB\">",
        "<h1>Set up Fieldbook</h1>",
        "<label for=\"code\">Set-up code</label>",
        "<label for=\"username\">Username</label>",
        "<label for=\"password\">Password</label>",
        "<label for=\"password_again\">Password again</label>",
        &format!("value=\"{code}\""),
        "<form method=\"post\" action=\"/setup\">",
    ] {
        assert!(shown.html.contains(part), "{part} in {}", shown.html);
    }
    assert!(!shown.html.contains("<script"), "no script at all");
    assert_eq!(shown.cache, "no-store", "the page carries the code");

    let done = post(&server, &form(&code, "ada"));
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(
        done.html.contains("<h1>Fieldbook is set up</h1>"),
        "{}",
        done.html
    );
    assert!(done.html.contains("href=\"/sign-in\""), "{}", done.html);
    assert!(!done.html.contains(PASSWORD));

    let signed_in = sign_in(&server, "ada");
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(signed_in.body["user"]["role"], "admin");
    assert_eq!(signed_in.body["user"]["teams"], serde_json::json!([]));

    let store = server.store();
    let log = store.audit_log(&AuditQuery::default()).unwrap();
    let made: Vec<_> = log.iter().filter(|e| e.action == "add_user").collect();
    assert_eq!(made.len(), 1, "{log:?}");
    assert_eq!(made[0].actor, "set-up link");
    assert_eq!(made[0].subject, "ada");
    assert!(made[0].detail.contains("127.0.0.1"), "{:?}", made[0]);

    // Once there is an administrator, the link has nothing left to do.
    let again = post(&server, &form(&code, "eve"));
    assert_eq!(again.status, 409, "{}", again.html);
    assert!(again.html.contains("already set up"), "{}", again.html);
    let looked = get(&link);
    assert_eq!(looked.status, 200);
    assert!(looked.html.contains("already set up") && looked.html.contains("href=\"/sign-in\""));
    assert!(!looked.html.contains("<form"), "{}", looked.html);

    // Were the administrator disabled, the used code still makes nobody else one.
    store.set_disabled("ada", true).unwrap();
    let used = post(&server, &form(&code, "eve"));
    assert_eq!(used.status, 410, "{}", used.html);
    assert!(used.html.contains("used already"), "{}", used.html);
    assert!(store.account("eve").unwrap().is_none());
    store.set_disabled("ada", false).unwrap();

    // Restarted with an administrator, the server prints no link.
    let db = server.kill();
    let restarted = start(&db);
    assert!(!restarted.said.contains("setup"), "{:?}", restarted.said);
}

#[test]
fn a_server_over_a_database_with_an_administrator_prints_no_link() {
    let server = server();
    assert!(server.said.starts_with("Fieldbook is running at "));
    assert!(!server.said.contains("setup"), "{:?}", server.said);
    let looked = get(&format!("{}/setup", server.url));
    assert_eq!(looked.status, 200);
    assert!(looked.html.contains("already set up"), "{}", looked.html);
}

#[test]
fn each_refusal_says_why_keeps_the_username_and_makes_no_account() {
    let (server, _folder) = empty_server();
    let printed = code_of(&printed_link(&server));
    let code = printed.as_str();
    let store = server.store();
    // Someone added at the command line, who is not an administrator.
    let sam = User {
        username: "sam".into(),
        role: Role::Outreach,
        teams: Vec::new(),
    };
    store.add_user(&sam, &hash_password(PASSWORD)).unwrap();
    let expired = setup::issue(store.as_ref(), now_ms() - 2 * DAY_MS).unwrap();
    let long_name = "a".repeat(101);

    let cases: Vec<(&str, Fields, u16, &str)> = vec![
        (
            "a wrong code",
            form("abcd-efgh-jkmn-pqrs-tvwx-yz01-2345", "ada"),
            403,
            "That set-up code is not right.",
        ),
        (
            "an expired code",
            form(&expired, "ada"),
            410,
            "That set-up code is more than 24 hours old.",
        ),
        (
            "passwords that differ",
            vec![
                ("code", code),
                ("username", "ada"),
                ("password", PASSWORD),
                ("password_again", "a long enough passwort"),
            ],
            400,
            "The two passwords are not the same.",
        ),
        (
            "a weak password",
            vec![
                ("code", code),
                ("username", "ada"),
                ("password", "hunter2"),
                ("password_again", "hunter2"),
            ],
            400,
            "A password must be at least 10 characters.",
        ),
        (
            "a blank username",
            form(code, "   "),
            400,
            "A username must be 1 to 100 characters.",
        ),
        (
            "a username too long",
            form(code, &long_name),
            400,
            "A username must be 1 to 100 characters.",
        ),
        (
            "the name of another account",
            form(code, "sam"),
            400,
            "There is already an account called sam.",
        ),
    ];
    for (what, fields, status, message) in cases {
        let refused = post(&server, &fields);
        assert_eq!(refused.status, status, "{what}: {}", refused.html);
        assert!(refused.html.contains(message), "{what}: {}", refused.html);
        assert!(
            refused.html.contains("There is a problem") && refused.html.contains("<form"),
            "{what}: the form again, with the problem: {}",
            refused.html
        );
        let typed = fields
            .iter()
            .find(|(name, _)| *name == "username")
            .unwrap()
            .1;
        assert!(
            refused.html.contains(&format!(
                "name=\"username\" type=\"text\" value=\"{typed}\""
            )),
            "{what}: the username is kept: {}",
            refused.html
        );
        assert!(
            !refused.html.contains(PASSWORD),
            "{what}: never the password"
        );
        assert!(
            !refused.html.contains("hunter2"),
            "{what}: never the password"
        );
    }

    for (what, refused, status) in [
        (
            "a form sent as JSON",
            post_raw(&server, "application/json", r#"{"code": "x"}"#),
            400,
        ),
        (
            "a field sent twice",
            post_raw(
                &server,
                "application/x-www-form-urlencoded",
                "code=a&code=b&username=ada",
            ),
            400,
        ),
    ] {
        assert_eq!(refused.status, status, "{what}: {}", refused.html);
        assert!(
            refused.html.contains("The form could not be read"),
            "{what}: {}",
            refused.html
        );
    }

    let accounts = store.accounts().unwrap();
    assert_eq!(accounts.len(), 1, "only sam: {accounts:?}");
    assert!(!store.has_admin().unwrap());
    // None of that used the code up.
    assert_eq!(post(&server, &form(code, "ada")).status, 200);
}

/// In this process, not over a socket: the server answers an oversized body without reading it
/// all, and a client still sending would see its connection close instead of the answer.
/// The store is called outside the runtime, as the server calls it off its async threads: a
/// blocking PostgreSQL client refuses to run inside one.
#[test]
fn a_body_far_too_big_is_refused_and_makes_no_account() {
    use axum::body::Body;
    use axum::http::{header, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let folder = tempfile::tempdir().unwrap();
    let database = database();
    let store = database.store();
    let code = setup::issue(store.as_ref(), now_ms()).unwrap();
    let body = format!(
        "code={code}&username=ada&password={0}&password_again={0}&padding={1}",
        PASSWORD.replace(' ', "+"),
        "a".repeat(100_000)
    );
    let request = Request::post("/setup")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let app = fieldbook_server::app(store.clone(), &folder.path().join("no-dist"));
    let (status, html) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        (
            status,
            response.into_body().collect().await.unwrap().to_bytes(),
        )
    });
    assert_eq!(status, 413);
    let html = String::from_utf8(html.to_vec()).unwrap();
    assert!(html.contains("The form could not be read"), "{html}");
    assert!(store.accounts().unwrap().is_empty());
}

#[test]
fn guesses_at_the_code_are_slowed_by_the_sign_in_limiter() {
    let (server, _folder) = empty_server();
    let code = code_of(&printed_link(&server));
    for n in 0..5 {
        let guess = format!("abcd-efgh-jkmn-pqrs-tvwx-yz01-234{n}");
        assert_eq!(post(&server, &form(&guess, "ada")).status, 403, "guess {n}");
    }
    let slowed = post(&server, &form("abcd-efgh-jkmn-pqrs-tvwx-yz01-2349", "ada"));
    assert_eq!(slowed.status, 429, "{}", slowed.html);
    assert!(
        slowed
            .html
            .contains("Too many wrong set-up codes have been tried."),
        "{}",
        slowed.html
    );
    assert!(slowed.retry_after.is_some());
    // The right code waits its turn like any other, then works.
    let waited = post(&server, &form(&code, "ada"));
    assert_eq!(waited.status, 429, "{}", waited.html);
    assert!(server.store().accounts().unwrap().is_empty());
    let wait: u64 = waited.retry_after.unwrap().parse().unwrap();
    std::thread::sleep(std::time::Duration::from_secs(wait));
    assert_eq!(post(&server, &form(&code, "ada")).status, 200);
}

#[test]
fn the_page_runs_no_script_and_its_policy_allows_exactly_its_stylesheet() {
    let (server, _folder) = empty_server();
    let shown = get(&format!("{}/setup", server.url));
    let style = shown
        .html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .unwrap()
        .0;
    let hash = STANDARD.encode(Sha256::digest(style));
    assert_eq!(
        shown.csp,
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'"
        )
    );
    assert_eq!(shown.html.matches("<style").count(), 1);
    assert!(
        !shown.html.contains(" style="),
        "no inline style attributes"
    );
}

#[test]
fn the_command_line_prints_a_new_link_until_there_is_an_administrator() {
    let (server, _folder) = empty_server();
    let printed = code_of(&printed_link(&server));
    let addr = server.url.trim_start_matches("http://");
    let setup_link = || {
        Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
            .args(["setup-link", "--addr", addr, "--db"])
            .arg(&server.db)
            .output()
            .unwrap()
    };
    let output = setup_link();
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8(output.stdout).unwrap();
    let link = said
        .split_whitespace()
        .find(|word| word.starts_with(&format!("{}/setup?code=", server.url)))
        .unwrap_or_else(|| panic!("no link in {said:?}"));
    let code = code_of(link);
    assert_ne!(code, printed, "a new code");
    assert_eq!(post(&server, &form(&code, "ada")).status, 200);

    let refused = setup_link();
    assert!(!refused.status.success());
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        error.contains("there is an administrator already"),
        "{error}"
    );
    // The code printed at start was used up with the other.
    assert_eq!(post(&server, &form(&printed, "eve")).status, 409);
}

#[test]
fn the_account_commands_scripts_run_prints_work_as_printed() {
    let database = database();
    let db = &database.address;
    // `--db` after the subcommand, as scripts/run prints it and as people type it.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
            .args(args)
            .arg("--db")
            .arg(db)
            .env("FIELDBOOK_PASSWORD", "correct horse battery staple")
            .output()
            .unwrap()
    };
    for args in [
        &["team", "add", "Brinnington"][..],
        &[
            "user",
            "add",
            "sam",
            "--role",
            "outreach",
            "--team",
            "Brinnington",
        ],
    ] {
        let output = run(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
    }
    let listed = String::from_utf8(run(&["user", "list"]).stdout).unwrap();
    assert!(listed.contains("sam\toutreach\tBrinnington"), "{listed}");
}
