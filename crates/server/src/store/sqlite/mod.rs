//! The SQLite store: one file, in WAL mode with full fsync, its schema migrated on open.

mod account_changes;
mod accounts;
mod audit;
mod erasure;
mod frameworks;
mod migrations;
mod organisation;
mod password_links;
mod protection;
mod purge;
mod setup;
mod sign_in_failures;
mod sync;
mod teams;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension};

use chrono::NaiveDate;
use fieldbook_core::framework::Framework;
use fieldbook_core::organisation::Organisation;
use fieldbook_core::protocol::admin::UserChange;
use fieldbook_core::protocol::{Change, PushRequest, PushResponse};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::DeviceId;

use super::{
    Account, AuditEntry, AuditQuery, CodeState, Erasure, Failures, FirstAdmin, LinkState, Page,
    Publication, Purged, Result, Store, StoreError, Team, TokenRecord,
};
use crate::protection::Pseudonyms;

/// One SQLite connection, shared by the handlers. Writes to SQLite are serialised anyway.
pub struct SqliteStore {
    connection: Mutex<Connection>,
    epoch: String,
    /// Names the server's own edits (erasure, purge) in the stamps of the records it changes.
    device: DeviceId,
    /// Made with this server's secret key, kept in the database so pseudonyms stay stable.
    pseudonyms: Pseudonyms,
}

impl SqliteStore {
    /// Open (or create) the database at `path`, in WAL mode with full fsync, and bring its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(folder) = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                path: folder.to_owned(),
                source,
            })?;
        }
        let mut connection = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        configure(&connection).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        migrations::all()
            .to_latest(&mut connection)
            .map_err(|source| StoreError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        let epoch = meta_or_insert(&connection, "epoch", super::new_epoch)?;
        let device = meta_or_insert(&connection, "device", super::new_epoch)?
            .parse()
            .map_err(|_| StoreError::Damaged("the server's device id".into()))?;
        let pseudonym_key = meta_or_insert(&connection, "pseudonym_key", super::new_secret)?;
        Ok(Self {
            connection: Mutex::new(connection),
            epoch,
            device,
            pseudonyms: Pseudonyms::new(pseudonym_key.as_bytes()),
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written: its own
        // transactions guarantee that, so a poisoned lock is safe to reuse.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for SqliteStore {
    fn schema_version(&self) -> Result<u32> {
        Ok(self
            .connection()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn epoch(&self) -> &str {
        &self.epoch
    }

    fn last_seq(&self) -> Result<u64> {
        sync::last_seq(&self.connection())
    }

    fn add_team(&self, name: &str) -> Result<()> {
        teams::add(&self.connection(), name)
    }

    fn teams(&self) -> Result<Vec<Team>> {
        teams::all(&self.connection())
    }

    fn rename_team(&self, old: &str, new: &str) -> Result<()> {
        teams::rename(&mut self.connection(), old, new)
    }

    fn add_user(&self, user: &User, password_hash: &str) -> Result<()> {
        accounts::add_user(&mut self.connection(), user, password_hash)
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        accounts::accounts(&self.connection())
    }

    fn account(&self, username: &str) -> Result<Option<(Account, String)>> {
        accounts::account(&self.connection(), username)
    }

    fn change_user(
        &self,
        actor: &str,
        username: &str,
        change: &UserChange,
        now_ms: u64,
    ) -> Result<Account> {
        account_changes::change_user(&mut self.connection(), actor, username, change, now_ms)
    }

    fn set_disabled(&self, username: &str, disabled: bool) -> Result<()> {
        accounts::set_disabled(&self.connection(), username, disabled)
    }

    fn set_role(&self, username: &str, role: Role) -> Result<()> {
        accounts::set_role(&self.connection(), username, role)
    }

    fn set_teams(&self, username: &str, teams: &[String]) -> Result<()> {
        accounts::set_teams(&mut self.connection(), username, teams)
    }

    fn set_password(&self, username: &str, password_hash: &str) -> Result<()> {
        accounts::set_password(&self.connection(), username, password_hash)
    }

    fn add_token(&self, id: &str, token: &TokenRecord) -> Result<()> {
        accounts::add_token(&self.connection(), id, token)
    }

    fn token(&self, id: &str) -> Result<Option<TokenRecord>> {
        accounts::token(&self.connection(), id)
    }

    fn revoke_token(&self, id: &str) -> Result<()> {
        accounts::revoke_token(&self.connection(), id)
    }

    fn touch_token(&self, id: &str, now_ms: u64) -> Result<()> {
        accounts::touch_token(&self.connection(), id, now_ms)
    }

    fn sessions(&self, username: &str) -> Result<Vec<(String, TokenRecord)>> {
        accounts::sessions(&self.connection(), username)
    }

    fn revoke_session(&self, username: &str, id: &str) -> Result<bool> {
        accounts::revoke_session(&self.connection(), username, id)
    }

    fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        audit::record(&self.connection(), entry)
    }

    fn has_admin(&self) -> Result<bool> {
        setup::has_admin(&self.connection())
    }

    fn add_setup_code(&self, code_hash: &[u8], now_ms: u64, expires_ms: u64) -> Result<()> {
        setup::add_code(&self.connection(), code_hash, now_ms, expires_ms)
    }

    fn setup_code(&self, code_hash: &[u8], now_ms: u64) -> Result<CodeState> {
        setup::code_state(&self.connection(), code_hash, now_ms)
    }

    fn make_first_admin(
        &self,
        code_hash: &[u8],
        username: &str,
        password_hash: &str,
        entry: &AuditEntry,
    ) -> Result<FirstAdmin> {
        setup::make_first_admin(
            &mut self.connection(),
            code_hash,
            username,
            password_hash,
            entry,
        )
    }

    fn add_password_link(
        &self,
        username: &str,
        code_hash: &[u8],
        now_ms: u64,
        expires_ms: u64,
    ) -> Result<()> {
        password_links::add(&self.connection(), username, code_hash, now_ms, expires_ms)
    }

    fn password_link(&self, code_hash: &[u8], now_ms: u64) -> Result<LinkState> {
        password_links::state(&self.connection(), code_hash, now_ms)
    }

    fn use_password_link(
        &self,
        code_hash: &[u8],
        password_hash: &str,
        now_ms: u64,
    ) -> Result<LinkState> {
        password_links::use_link(&mut self.connection(), code_hash, password_hash, now_ms)
    }

    fn update_failures(
        &self,
        keys: &[String],
        update: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<()> {
        sign_in_failures::update(&mut self.connection(), keys, update)
    }

    fn forget_failures(&self, before_ms: u64) -> Result<usize> {
        sign_in_failures::forget(&self.connection(), before_ms)
    }

    fn failure_keys(&self) -> Result<usize> {
        sign_in_failures::count(&self.connection())
    }

    fn push(&self, user: &User, request: &PushRequest, now_ms: u64) -> Result<PushResponse> {
        sync::push(&mut self.connection(), user, request, now_ms)
    }

    fn pull(&self, user: &User, device: Option<&str>, after: u64, limit: usize) -> Result<Page> {
        sync::pull(&self.connection(), user, device, after, limit)
    }

    fn live_replicas(&self, user: &User, kind: &str) -> Result<Vec<String>> {
        sync::live_replicas(&self.connection(), user, kind)
    }

    fn publish_framework(
        &self,
        framework: &Framework,
        teams: &[String],
        by: &str,
        now_ms: u64,
    ) -> Result<()> {
        frameworks::publish(&mut self.connection(), framework, teams, by, now_ms)
    }

    fn frameworks_for(&self, user: &User) -> Result<Vec<Framework>> {
        frameworks::visible_to(&self.connection(), user)
    }

    fn publications(&self) -> Result<Vec<Publication>> {
        frameworks::publications(&self.connection())
    }

    fn export_user(&self, username: &str) -> Result<Vec<Change>> {
        protection::export_user(&self.connection(), username)
    }

    fn erase_user(&self, actor: &str, username: &str, now_ms: u64) -> Result<Erasure> {
        erasure::erase_user(
            &mut self.connection(),
            self.device,
            &self.pseudonyms,
            actor,
            username,
            now_ms,
        )
    }

    fn purge(&self, actor: &str, today: NaiveDate, now_ms: u64) -> Result<Purged> {
        purge::purge(&mut self.connection(), self.device, actor, today, now_ms)
    }

    fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        audit::log(&self.connection(), query)
    }

    fn organisation(&self) -> Result<Organisation> {
        organisation::get(&self.connection())
    }

    fn set_organisation(&self, organisation: &Organisation, entry: &AuditEntry) -> Result<()> {
        organisation::set(&mut self.connection(), organisation, entry)
    }
}

/// A fact about this server, made the first time it is asked for.
fn meta_or_insert(
    connection: &Connection,
    key: &str,
    make: impl FnOnce() -> String,
) -> Result<String> {
    let found: Option<String> = connection
        .query_row(
            "SELECT value FROM server_meta WHERE key = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(value) = found {
        return Ok(value);
    }
    let value = make();
    connection.execute(
        "INSERT INTO server_meta (key, value) VALUES (?1, ?2)",
        (key, &value),
    )?;
    Ok(value)
}

/// WAL lets readers run beside the writer; `synchronous=FULL` makes each commit durable
/// before the server acknowledges it.
fn configure(connection: &Connection) -> rusqlite::Result<()> {
    let mode: String =
        connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "journal_mode stayed {mode}; WAL is required"
        )));
    }
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_migrates_and_reopens() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested/fieldbook.sqlite");
        let latest = migrations::LATEST;
        assert_eq!(
            SqliteStore::open(&path).unwrap().schema_version().unwrap(),
            latest
        );
        assert_eq!(
            SqliteStore::open(&path).unwrap().schema_version().unwrap(),
            latest
        );
    }

    #[test]
    fn the_epoch_is_made_once_and_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("db.sqlite");
        let first = SqliteStore::open(&path).unwrap().epoch.clone();
        assert_eq!(SqliteStore::open(&path).unwrap().epoch, first);
        let other = SqliteStore::open(&folder.path().join("other.sqlite")).unwrap();
        assert_ne!(other.epoch, first);
    }

    #[test]
    fn uses_wal_with_full_sync() {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        let connection = store.connection();
        let mode: String = connection
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        let synchronous: i64 = connection
            .pragma_query_value(None, "synchronous", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(synchronous, 2, "2 is FULL");
    }
}
