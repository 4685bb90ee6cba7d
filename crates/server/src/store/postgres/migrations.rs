//! The schema's history in PostgreSQL: step for step the SQLite store's migrations, so that a
//! schema version means the same on both. Append new steps to both; never edit one that has
//! shipped.

use postgres::Client;

use crate::store::{Result, StoreError};

const STEPS: &[&str] = &[
    // 1: a key-value table for facts about this server, such as its sync epoch.
    "CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: accounts and teams, sessions, documents in change order, pushed batches (for
    // idempotency) and the audit log.
    "CREATE TABLE users (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE TABLE teams (name TEXT PRIMARY KEY);
    CREATE TABLE user_teams (
        username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
        team TEXT NOT NULL REFERENCES teams(name),
        PRIMARY KEY (username, team)
    );
    CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
        secret_hash BYTEA NOT NULL,
        expires_ms BIGINT NOT NULL,
        revoked BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        replica TEXT NOT NULL,
        seq BIGINT NOT NULL UNIQUE,
        deleted BOOLEAN NOT NULL,
        retain_until TEXT
    );
    CREATE INDEX documents_by_owner ON documents(owner, seq);
    CREATE TABLE batches (
        username TEXT NOT NULL,
        device_id TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        response TEXT NOT NULL,
        PRIMARY KEY (username, device_id, batch_id)
    );
    CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
    );",
    // 3: competency frameworks coordinators publish to their teams ('*' for every team).
    "CREATE TABLE frameworks (
        id TEXT NOT NULL,
        team TEXT NOT NULL,
        body TEXT NOT NULL,
        published_by TEXT NOT NULL,
        published_ms BIGINT NOT NULL,
        PRIMARY KEY (id, team)
    );",
    // 4: which device last wrote each document, so a pull need not send a device its own
    // writes back.
    "ALTER TABLE documents ADD COLUMN last_device TEXT;",
    // 5: answered batches keep statuses only (in SQLite this forgot older, fuller answers).
    "DELETE FROM batches;",
    // 6: sessions a person can see and revoke one by one.
    "ALTER TABLE tokens ADD COLUMN created_ms BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE tokens ADD COLUMN last_used_ms BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
    UPDATE tokens SET created_ms = GREATEST(expires_ms - 2592000000, 0),
        last_used_ms = GREATEST(expires_ms - 2592000000, 0);
    CREATE INDEX tokens_by_username ON tokens(username);",
    // 7: one-time codes for making the first administrator in a browser, as hashes.
    "CREATE TABLE setup_codes (
        code_hash BYTEA PRIMARY KEY,
        created_ms BIGINT NOT NULL,
        expires_ms BIGINT NOT NULL,
        used_ms BIGINT
    );",
    // 8: one-time password links, as hashes; `id` orders a person's links as SQLite's rowid
    // does, so a later one is a newer link. The audit log gets an index on its time.
    "CREATE TABLE password_links (
        id BIGSERIAL UNIQUE,
        code_hash BYTEA PRIMARY KEY,
        username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
        created_ms BIGINT NOT NULL,
        expires_ms BIGINT NOT NULL,
        used_ms BIGINT
    );
    CREATE INDEX password_links_by_username ON password_links(username);
    CREATE INDEX audit_by_time ON audit(at_ms);",
    // 9: the sign-in limiter's failures, by key, shared by every server process.
    "CREATE TABLE sign_in_failures (
        key TEXT PRIMARY KEY,
        count BIGINT NOT NULL,
        last_ms BIGINT NOT NULL
    );
    CREATE INDEX sign_in_failures_by_time ON sign_in_failures(last_ms);",
];

/// The schema version a freshly migrated database reports.
pub const LATEST: u32 = STEPS.len() as u32;

/// Only one process migrates at a time; the others wait, then find nothing left to do.
const MIGRATING: i64 = 0x6669_656c_6462_0001;

/// Bring the schema up to date in one transaction: DDL is transactional in PostgreSQL, so a
/// failed step leaves the database as it was.
pub fn to_latest(client: &mut Client) -> Result<()> {
    let mut transaction = client.transaction()?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATING])?;
    transaction.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
         INSERT INTO schema_version (version)
           SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version);",
    )?;
    let current: i32 = transaction
        .query_one("SELECT version FROM schema_version", &[])?
        .get(0);
    let current = current.max(0) as u32;
    if current > LATEST {
        return Err(StoreError::NewerSchema {
            found: current,
            latest: LATEST,
        });
    }
    for step in STEPS.iter().skip(current as usize) {
        transaction.batch_execute(step)?;
    }
    transaction.execute(
        "UPDATE schema_version SET version = $1",
        &[&(LATEST as i32)],
    )?;
    transaction.commit()?;
    Ok(())
}

pub fn version(client: &mut Client) -> Result<u32> {
    let version: i32 = client
        .query_one("SELECT version FROM schema_version", &[])?
        .get(0);
    Ok(version as u32)
}
