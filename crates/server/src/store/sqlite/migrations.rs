//! The schema's history. Append new migrations; never edit one that has shipped.

use rusqlite_migration::{Migrations, M};

const STEPS: &[M<'static>] = &[
    // 1: a key-value table for facts about this server, such as its sync epoch.
    M::up("CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"),
    // 2: accounts and teams, sessions, documents in change order, pushed batches (for
    // idempotency) and the audit log.
    M::up(
        "CREATE TABLE users (
            username TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE TABLE teams (name TEXT PRIMARY KEY) STRICT;
        CREATE TABLE user_teams (
            username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
            team TEXT NOT NULL REFERENCES teams(name),
            PRIMARY KEY (username, team)
        ) STRICT;
        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
            secret_hash BLOB NOT NULL,
            expires_ms INTEGER NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            owner TEXT NOT NULL,
            replica TEXT NOT NULL,
            seq INTEGER NOT NULL UNIQUE,
            deleted INTEGER NOT NULL,
            retain_until TEXT
        ) STRICT;
        CREATE INDEX documents_by_owner ON documents(owner, seq);
        CREATE TABLE batches (
            username TEXT NOT NULL,
            device_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            response TEXT NOT NULL,
            PRIMARY KEY (username, device_id, batch_id)
        ) STRICT;
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL
        ) STRICT;",
    ),
    // 3: competency frameworks coordinators publish to their teams ('*' for every team).
    M::up(
        "CREATE TABLE frameworks (
            id TEXT NOT NULL,
            team TEXT NOT NULL,
            body TEXT NOT NULL,
            published_by TEXT NOT NULL,
            published_ms INTEGER NOT NULL,
            PRIMARY KEY (id, team)
        ) STRICT;",
    ),
    // 4: which device last wrote each document, so a pull need not send a device its own
    // writes back.
    M::up("ALTER TABLE documents ADD COLUMN last_device TEXT;"),
    // 5: answered batches now keep statuses only; earlier answers kept whole records, contact
    // details included. Forgetting them is safe: a retried batch then merges again, which
    // changes nothing and answers `duplicate`.
    M::up("DELETE FROM batches;"),
    // 6: sessions a person can see and revoke one by one: when each began, when it was last
    // used (it ends after a while unused), and which device it is. Sessions from before this
    // count as last used when they began, which is 30 days before they were due to end.
    M::up(
        "ALTER TABLE tokens ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tokens ADD COLUMN last_used_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
        UPDATE tokens SET created_ms = max(expires_ms - 2592000000, 0),
            last_used_ms = max(expires_ms - 2592000000, 0);
        CREATE INDEX tokens_by_username ON tokens(username);",
    ),
    // 7: one-time codes that let whoever started the server make the first administrator in a
    // browser. Only a hash of each is kept; each ends at its expiry or when used.
    M::up(
        "CREATE TABLE setup_codes (
            code_hash BLOB PRIMARY KEY,
            created_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            used_ms INTEGER
        ) STRICT;",
    ),
    // 8: one-time links an administrator gives a person to set their password with. Only a hash
    // of each code is kept; a link ends when used, at its expiry, or when a newer one is made.
    // The audit log, now read newest first and by time, gets an index on its time.
    M::up(
        "CREATE TABLE password_links (
            code_hash BLOB PRIMARY KEY,
            username TEXT NOT NULL REFERENCES users(username) ON UPDATE CASCADE,
            created_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            used_ms INTEGER
        ) STRICT;
        CREATE INDEX password_links_by_username ON password_links(username);
        CREATE INDEX audit_by_time ON audit(at_ms);",
    ),
    // 9: the sign-in limiter's failures, by key, moved here from each process's memory so that
    // every server process on this database shares the limits. Old keys are forgotten by the
    // time of their last failure, hence the index.
    M::up(
        "CREATE TABLE sign_in_failures (
            key TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            last_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX sign_in_failures_by_time ON sign_in_failures(last_ms);",
    ),
];

/// The schema version a freshly migrated database reports.
#[cfg(test)]
pub const LATEST: u32 = STEPS.len() as u32;

pub fn all() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::all().validate().unwrap();
    }
}
