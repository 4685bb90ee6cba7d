//! Password guessing: simultaneous guesses cannot outrun the limit, the limit delays rather
//! than locks out, behind a trusted proxy each client has a limit of its own, and server
//! processes on one database share the limits.

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use fieldbook_server::{app_with, Settings};
use http_body_util::BodyExt;
use support::{accounts, database, execute, Database, PASSWORD};
use tower::ServiceExt;

/// The app in this process over a database holding [`accounts`], so that the test can count
/// the passwords it checks.
fn app(settings: Settings) -> (Router, Database) {
    outside_runtime(|| {
        let database = database();
        accounts(&database.address);
        let router = app_with(database.store(), Path::new("no-dist"), settings);
        (router, database)
    })
}

/// Run `work` on a thread of its own: a blocking PostgreSQL client will not start inside the
/// async runtime, and the server too opens its store before its runtime starts.
fn outside_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(work).join().unwrap())
}

struct Answer {
    status: StatusCode,
    retry_after: Option<u64>,
    code: String,
}

/// A sign-in from `client` through a proxy at 10.9.9.9 that says who the client is.
async fn sign_in(router: &Router, username: &str, password: &str, client: &str) -> Answer {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    let mut request = Request::post("/api/v1/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", format!("203.0.113.66, {client}"))
        .body(Body::from(body))
        .unwrap();
    let proxy: SocketAddr = "10.9.9.9:40000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(proxy));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|value| value.to_str().unwrap().parse().unwrap());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    Answer {
        status,
        retry_after,
        code: json["code"].as_str().unwrap_or_default().to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_simultaneous_wrong_passwords_check_at_most_five_then_the_owner_only_waits() {
    let settings = Settings::default();
    let (router, _folder) = app(settings.clone());
    let guesses: Vec<_> = (0..40)
        .map(|n| {
            let router = router.clone();
            tokio::spawn(async move {
                sign_in(&router, "sam", &format!("guess {n}"), "198.51.100.7").await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for guess in guesses {
        answers.push(guess.await.unwrap());
    }
    let checked = settings.passwords.checked();
    assert!(checked <= 5, "{checked} of 40 guesses were checked");
    let wrong = answers
        .iter()
        .filter(|a| a.status == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(
        wrong as u64, checked,
        "every checked guess was answered 401"
    );
    for answer in answers
        .iter()
        .filter(|a| a.status != StatusCode::UNAUTHORIZED)
    {
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(answer.code, "too_many_attempts");
        assert!(answer.retry_after.is_some_and(|secs| secs >= 1));
    }

    // The owner, with the right password, is told to wait, not refused for good.
    let waited = sign_in(&router, "sam", PASSWORD, "198.51.100.8").await;
    assert_eq!(waited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait = waited.retry_after.unwrap();
    assert!(wait <= 60, "a first wait of {wait} s is too long");
    tokio::time::sleep(Duration::from_secs(wait)).await;
    let signed_in = sign_in(&router, "sam", PASSWORD, "198.51.100.8").await;
    assert_eq!(signed_in.status, StatusCode::OK);
    assert_eq!(settings.passwords.checked(), checked + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn behind_a_trusted_proxy_one_clients_failures_do_not_stop_another() {
    let settings = Settings {
        trusted_proxy: true,
        ..Settings::default()
    };
    let (router, _folder) = app(settings);
    // One client behind the proxy tries many accounts until its address must wait.
    let mut limited = false;
    for n in 0..40 {
        let answer = sign_in(&router, &format!("user{n}"), "guess", "198.51.100.7").await;
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    assert!(limited, "the guessing client was never slowed down");
    // Everyone else behind the same proxy signs in as usual.
    let other = sign_in(&router, "cath", PASSWORD, "198.51.100.8").await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_a_trusted_proxy_the_forwarded_header_is_ignored() {
    let (router, _folder) = app(Settings::default());
    // A guesser cannot dodge the address limit by making up a new X-Forwarded-For each time.
    let mut limited = false;
    for n in 0..40 {
        let client = format!("198.51.100.{n}");
        let answer = sign_in(&router, &format!("user{n}"), "guess", &client).await;
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
    }
    assert!(limited, "a forged header gave each guess a fresh address");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_share_the_limit() {
    let (first, database) = app(Settings::default());
    // A second server process on the same database: its own store, its own router.
    let second =
        outside_runtime(|| app_with(database.store(), Path::new("no-dist"), Settings::default()));
    for n in 0..5 {
        let answer = sign_in(&first, "sam", &format!("guess {n}"), "198.51.100.7").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "guess {n}");
    }
    let elsewhere = sign_in(&second, "sam", PASSWORD, "198.51.100.8").await;
    assert_eq!(elsewhere.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(elsewhere.code, "too_many_attempts");
    assert!(elsewhere.retry_after.is_some_and(|secs| secs >= 1));
    let again = sign_in(&first, "sam", "guess 5", "198.51.100.7").await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_limiter_that_cannot_reach_its_table_answers_500_and_checks_nothing() {
    let settings = Settings::default();
    let (router, database) = app(settings.clone());
    outside_runtime(|| execute(&database.address, "DROP TABLE sign_in_failures;"));
    for password in ["guess", PASSWORD] {
        let answer = sign_in(&router, "sam", password, "198.51.100.7").await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(answer.code, "store_error", "a database error, not a panic");
    }
    assert_eq!(settings.passwords.checked(), 0, "no attempt went unlimited");
}
