//! Slow and idle clients (slowloris): a client that stalls in its header or body, or holds a
//! connection open doing nothing, is cut off in time, and open connections are capped.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::server_with;

/// Generous beside the one-second limits the server is started with, for a busy machine.
const SLACK: Duration = Duration::from_secs(6);

fn connect(url: &str) -> TcpStream {
    let stream = TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(SLACK * 2)).unwrap();
    stream
}

/// Read until the server closes the connection; what it sent, and how long that took.
fn until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(error) if error.kind() == ErrorKind::ConnectionReset => break,
            Err(error) => panic!(
                "the server kept the connection open for {:?}: {error}",
                start.elapsed()
            ),
        }
    }
    (
        String::from_utf8_lossy(&received).into_owned(),
        start.elapsed(),
    )
}

#[test]
fn a_client_that_stalls_halfway_through_its_header_is_cut_off() {
    let server = server_with(&["--header-timeout-secs", "1"]);
    let mut stream = connect(&server.url);
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: fieldbook\r\nX-Slow: ")
        .unwrap();
    let (_, waited) = until_closed(&mut stream);
    assert!(waited < SLACK, "cut off only after {waited:?}");
}

#[test]
fn an_idle_connection_is_closed_after_its_answer() {
    let server = server_with(&["--header-timeout-secs", "1"]);
    let mut stream = connect(&server.url);
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: fieldbook\r\n\r\n")
        .unwrap();
    let (answer, waited) = until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(waited < SLACK, "an idle connection stayed open {waited:?}");
}

#[test]
fn a_client_that_stalls_in_its_body_is_answered_and_cut_off() {
    let server = server_with(&["--body-timeout-secs", "1"]);
    let mut stream = connect(&server.url);
    stream
        .write_all(
            b"POST /api/v1/login HTTP/1.1\r\nHost: fieldbook\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\nConnection: close\r\n\r\n{\"username\": ",
        )
        .unwrap();
    let (answer, waited) = until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(waited < SLACK, "a stalled body held the request {waited:?}");
}

#[test]
fn connections_past_the_cap_wait_until_one_closes() {
    let server = server_with(&["--max-connections", "1", "--header-timeout-secs", "2"]);
    // The first client holds the only connection, sending nothing.
    let idle = connect(&server.url);
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    let mut stream = connect(&server.url);
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: fieldbook\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (answer, _) = until_closed(&mut stream);
    let waited = start.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        waited >= Duration::from_millis(1500),
        "answered after {waited:?}, while the first connection was still open"
    );
    drop(idle);
}
