//! Failures of the server's own: a damaged database answers a JSON 500 that says something went
//! wrong, with a reference for the log, never the database's text; and the server goes on.

mod support;

use support::{device, engagement, execute, login, pull, push, send, server, Answer, Server};

const SAID: &str = "Something went wrong on the server";

fn damage(server: &Server, sql: &str) {
    execute(&server.db, sql);
}

/// A 500 in the API's shape, that gives away nothing of `secrets`.
fn assert_tells_nothing(answer: &Answer, secrets: &[&str]) {
    assert_eq!(answer.status, 500, "{}", answer.body);
    let message = answer.body["message"].as_str().unwrap();
    assert!(message.starts_with(SAID), "{message}");
    assert!(message.contains("reference "), "{message}");
    assert!(answer.body["code"].is_string());
    let text = answer.body.to_string().to_lowercase();
    for secret in secrets {
        assert!(!text.contains(secret), "{secret:?} leaked: {text}");
    }
}

fn healthy(server: &Server) {
    let health = send("GET", &format!("{}/api/health", server.url), None, None);
    assert_eq!(health.status, 200, "the server stopped serving");
}

#[test]
fn a_missing_table_answers_500_without_sql() {
    let server = server();
    let cath = login(&server, "cath");
    damage(&server, "DROP TABLE frameworks;");
    let answer = send(
        "GET",
        &format!("{}/api/v1/frameworks", server.url),
        Some(&cath),
        None,
    );
    assert_tells_nothing(&answer, &["frameworks", "table", "sql", "database"]);
    healthy(&server);
}

#[test]
fn a_damaged_account_row_answers_500_without_its_contents() {
    let server = server();
    let ada = login(&server, "ada");
    damage(
        &server,
        "UPDATE users SET role = 'wizard' WHERE username = 'cath';",
    );
    let answer = send(
        "GET",
        &format!("{}/api/v1/admin/users", server.url),
        Some(&ada),
        None,
    );
    assert_tells_nothing(&answer, &["wizard", "cath", "role"]);
    healthy(&server);
}

#[test]
fn a_damaged_record_answers_500_and_the_server_goes_on() {
    let server = server();
    let sam = login(&server, "sam");
    let (_, change) = engagement(1, "sam", device(1), 1_000);
    assert_eq!(
        push(&server, &sam, device(1), "b1", vec![change]).status,
        200
    );
    damage(&server, "UPDATE documents SET replica = 'not json {';");
    let cath = login(&server, "cath");
    let answer = pull(&server, &cath, "", 10);
    assert_tells_nothing(&answer, &["not json", "replica", "panicked", "expect"]);
    healthy(&server);
    assert_eq!(
        pull(&server, &cath, "", 10).status,
        500,
        "and again, not a crash"
    );
}
