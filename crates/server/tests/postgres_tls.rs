//! TLS to PostgreSQL, as managed databases require: under `scripts/with-postgres`, whose cluster
//! also listens on 127.0.0.1 with TLS required and a certificate from an authority of its own.
//! Without that cluster (the SQLite run of the suite) there is nothing to connect to, and each
//! test says so and returns.

mod support;

use fieldbook_server::store::PostgresStore;
use postgres::{Client, NoTls};
use support::database;

/// A new database's address over TLS, and the socket address of the same database, or None
/// without a TLS cluster.
fn tls_database() -> Option<(String, String)> {
    let Ok(tls) = std::env::var("FIELDBOOK_TEST_POSTGRES_TLS") else {
        eprintln!("no PostgreSQL with TLS (run under scripts/with-postgres): nothing to test");
        return None;
    };
    let address = database().address;
    let (_, name) = address.rsplit_once('/').unwrap();
    Some((tls.replace("/postgres?", &format!("/{name}?")), address))
}

fn authority() -> String {
    std::env::var("FIELDBOOK_TEST_POSTGRES_CA").unwrap()
}

#[test]
fn with_the_servers_authority_the_store_connects_encrypted() {
    let Some((tls, socket)) = tls_database() else {
        return;
    };
    let store = PostgresStore::open(&format!("{tls}&sslrootcert={}", authority())).unwrap();
    let (_, name) = socket.rsplit_once('/').unwrap();
    // Seen from the server: every connection to this database from outside the socket is
    // encrypted, and the store holds at least one.
    let encrypted: Vec<bool> = Client::connect(&socket, NoTls)
        .unwrap()
        .query(
            "SELECT ssl FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)
             WHERE datname = $1 AND client_addr IS NOT NULL",
            &[&name],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(
        !encrypted.is_empty() && encrypted.iter().all(|ssl| *ssl),
        "{encrypted:?}"
    );
    drop(store);
}

#[test]
fn a_certificate_from_an_authority_nobody_trusts_is_refused_with_a_clear_error() {
    let Some((tls, _)) = tls_database() else {
        return;
    };
    // This machine's trusted roots do not include the run's made-up authority.
    let Err(error) = PostgresStore::open(&tls) else {
        panic!("connected to a server whose certificate nobody vouches for");
    };
    let said = error.to_string();
    assert!(
        said.contains("could not reach the PostgreSQL database"),
        "{said}"
    );
    assert!(said.to_lowercase().contains("certificate"), "{said}");
}

#[test]
fn an_unreadable_authority_file_says_which() {
    let Some((tls, _)) = tls_database() else {
        return;
    };
    let Err(error) = PostgresStore::open(&format!("{tls}&sslrootcert=/nowhere/ca.pem")) else {
        panic!("opened with an authority file that does not exist");
    };
    assert!(error.to_string().contains("/nowhere/ca.pem"), "{error}");
}
