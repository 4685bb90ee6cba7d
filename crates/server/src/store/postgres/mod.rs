//! The PostgreSQL store, for deployments that run several server processes over one database
//! that their administrators already back up and fail over. Everything the processes share
//! lives in the database; none of it in a process's memory.
//!
//! SQLite has one writer at a time, and the SQLite store relies on it: a push numbers its
//! changes `MAX(seq) + 1` onwards, and an administrator's change checks that an administrator is
//! left. Here every transaction that SQLite ran as IMMEDIATE takes one transaction-scoped
//! advisory lock first ([`begin_writing`]), so writers take turns as they do there. That is
//! what keeps the pull cursor safe: a push numbers its changes only once the previous writer
//! has committed, and its lock is released only after its own commit is visible, so sequence
//! numbers become visible in order and a reader past number 12 has already seen 11.

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
mod tls;

use std::time::Duration;

use chrono::NaiveDate;
use fieldbook_core::framework::Framework;
use fieldbook_core::organisation::Organisation;
use fieldbook_core::protocol::admin::UserChange;
use fieldbook_core::protocol::{Change, PushRequest, PushResponse};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::DeviceId;
use postgres::{Client, GenericClient, Transaction};
use r2d2_postgres::r2d2::{Pool, PooledConnection};
use r2d2_postgres::PostgresConnectionManager;

use super::{
    Account, AuditEntry, AuditQuery, CodeState, Erasure, Failures, FirstAdmin, LinkState, Page,
    Publication, Purged, Result, Store, StoreError, Team, TokenRecord,
};
use crate::protection::Pseudonyms;

type Manager = PostgresConnectionManager<tls::Tls>;

/// Connections each process keeps: a push holds one for its whole transaction, and the
/// blocking threads that run store calls are many more than the cores.
const CONNECTIONS: u32 = 16;
/// How long a store call waits for a connection before it fails with a clear error.
const CONNECTION_WAIT: Duration = Duration::from_secs(10);
/// The advisory lock every writer that SQLite would serialise takes; any 64-bit number that
/// nothing else on the database uses.
const WRITING: i64 = 0x6669_656c_6462_0002;

pub struct PostgresStore {
    pool: Connections,
    epoch: String,
    /// Names the server's own edits (erasure, purge) in the stamps of the records it changes.
    device: DeviceId,
    /// Made with this server's secret key, kept in the database so pseudonyms stay stable.
    pseudonyms: Pseudonyms,
}

impl PostgresStore {
    /// Connect to the database at `url` (`postgres://user:password@host/database`, with
    /// `?sslmode=require` and `&sslrootcert=ca.pem` as libpq takes them) and bring its schema up
    /// to date. Several processes may open one database at once.
    pub fn open(url: &str) -> Result<Self> {
        let (url, root_cert) = tls::split_root_cert(url);
        let config: postgres::Config = url
            .parse()
            .map_err(|error| StoreError::Connect(format!("its address is not valid: {error}")))?;
        let connector = tls::connector(root_cert.as_deref())?;
        // One connection first, so that a wrong address, password or certificate fails at once
        // with its whole reason, not after the pool's wait with only the first words of it.
        let mut client = config
            .connect(connector.clone())
            .map_err(|error| StoreError::Connect(reasons(&error)))?;
        migrations::to_latest(&mut client)?;
        let epoch = meta_or_insert(&mut client, "epoch", super::new_epoch)?;
        let device = meta_or_insert(&mut client, "device", super::new_epoch)?
            .parse()
            .map_err(|_| StoreError::Damaged("the server's device id".into()))?;
        let pseudonym_key = meta_or_insert(&mut client, "pseudonym_key", super::new_secret)?;
        drop(client);
        let pool = Pool::builder()
            .max_size(CONNECTIONS)
            // Connections open as they are needed, not all at start.
            .min_idle(Some(1))
            .connection_timeout(CONNECTION_WAIT)
            .build(Manager::new(config, connector))
            .map_err(|error| StoreError::Connect(error.to_string()))?;
        Ok(Self {
            pool: Connections(Some(pool)),
            epoch,
            device,
            pseudonyms: Pseudonyms::new(pseudonym_key.as_bytes()),
        })
    }

    fn client(&self) -> Result<PooledConnection<Manager>> {
        self.pool
            .0
            .as_ref()
            .expect("only taken when dropped")
            .get()
            .map_err(|error| StoreError::Connect(error.to_string()))
    }
}

/// The pool of connections. A connection closes by blocking on a small runtime of its own,
/// which panics on a thread that runs async tasks, and the last handle on a store may well be
/// dropped on one; so the pool is dropped on a thread of its own.
struct Connections(Option<Pool<Manager>>);

impl Drop for Connections {
    fn drop(&mut self) {
        if let Some(pool) = self.0.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

/// An error and each of its causes, as one sentence.
fn reasons(error: &dyn std::error::Error) -> String {
    let mut said = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        let more = error.to_string();
        if !said.contains(&more) {
            said = format!("{said}: {more}");
        }
        cause = error.source();
    }
    said
}

/// A transaction that waits its turn behind every other writer, in any process.
fn begin_writing(client: &mut Client) -> Result<Transaction<'_>> {
    let mut transaction = client.transaction()?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITING])?;
    Ok(transaction)
}

impl Store for PostgresStore {
    fn schema_version(&self) -> Result<u32> {
        migrations::version(&mut *self.client()?)
    }

    fn epoch(&self) -> &str {
        &self.epoch
    }

    fn last_seq(&self) -> Result<u64> {
        sync::last_seq(&mut *self.client()?)
    }

    fn add_team(&self, name: &str) -> Result<()> {
        teams::add(&mut *self.client()?, name)
    }

    fn teams(&self) -> Result<Vec<Team>> {
        teams::all(&mut *self.client()?)
    }

    fn rename_team(&self, old: &str, new: &str) -> Result<()> {
        teams::rename(&mut *self.client()?, old, new)
    }

    fn add_user(&self, user: &User, password_hash: &str) -> Result<()> {
        accounts::add_user(&mut *self.client()?, user, password_hash)
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        accounts::accounts(&mut *self.client()?)
    }

    fn account(&self, username: &str) -> Result<Option<(Account, String)>> {
        accounts::account(&mut *self.client()?, username)
    }

    fn change_user(
        &self,
        actor: &str,
        username: &str,
        change: &UserChange,
        now_ms: u64,
    ) -> Result<Account> {
        account_changes::change_user(&mut *self.client()?, actor, username, change, now_ms)
    }

    fn set_disabled(&self, username: &str, disabled: bool) -> Result<()> {
        let mut client = self.client()?;
        let mut transaction = client.transaction()?;
        accounts::set_disabled(&mut transaction, username, disabled)?;
        Ok(transaction.commit()?)
    }

    fn set_role(&self, username: &str, role: Role) -> Result<()> {
        accounts::set_role(&mut *self.client()?, username, role)
    }

    fn set_teams(&self, username: &str, teams: &[String]) -> Result<()> {
        let mut client = self.client()?;
        let mut transaction = client.transaction()?;
        accounts::replace_teams(&mut transaction, username, teams)?;
        Ok(transaction.commit()?)
    }

    fn set_password(&self, username: &str, password_hash: &str) -> Result<()> {
        let mut client = self.client()?;
        let mut transaction = client.transaction()?;
        accounts::set_password(&mut transaction, username, password_hash)?;
        Ok(transaction.commit()?)
    }

    fn add_token(&self, id: &str, token: &TokenRecord) -> Result<()> {
        accounts::add_token(&mut *self.client()?, id, token)
    }

    fn token(&self, id: &str) -> Result<Option<TokenRecord>> {
        accounts::token(&mut *self.client()?, id)
    }

    fn revoke_token(&self, id: &str) -> Result<()> {
        accounts::revoke_token(&mut *self.client()?, id)
    }

    fn touch_token(&self, id: &str, now_ms: u64) -> Result<()> {
        accounts::touch_token(&mut *self.client()?, id, now_ms)
    }

    fn sessions(&self, username: &str) -> Result<Vec<(String, TokenRecord)>> {
        accounts::sessions(&mut *self.client()?, username)
    }

    fn revoke_session(&self, username: &str, id: &str) -> Result<bool> {
        accounts::revoke_session(&mut *self.client()?, username, id)
    }

    fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        audit::record(&mut *self.client()?, entry)
    }

    fn has_admin(&self) -> Result<bool> {
        setup::has_admin(&mut *self.client()?)
    }

    fn add_setup_code(&self, code_hash: &[u8], now_ms: u64, expires_ms: u64) -> Result<()> {
        setup::add_code(&mut *self.client()?, code_hash, now_ms, expires_ms)
    }

    fn setup_code(&self, code_hash: &[u8], now_ms: u64) -> Result<CodeState> {
        setup::code_state(&mut *self.client()?, code_hash, now_ms)
    }

    fn make_first_admin(
        &self,
        code_hash: &[u8],
        username: &str,
        password_hash: &str,
        entry: &AuditEntry,
    ) -> Result<FirstAdmin> {
        setup::make_first_admin(
            &mut *self.client()?,
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
        password_links::add(
            &mut *self.client()?,
            username,
            code_hash,
            now_ms,
            expires_ms,
        )
    }

    fn password_link(&self, code_hash: &[u8], now_ms: u64) -> Result<LinkState> {
        password_links::state(&mut *self.client()?, code_hash, now_ms)
    }

    fn use_password_link(
        &self,
        code_hash: &[u8],
        password_hash: &str,
        now_ms: u64,
    ) -> Result<LinkState> {
        password_links::use_link(&mut *self.client()?, code_hash, password_hash, now_ms)
    }

    fn update_failures(
        &self,
        keys: &[String],
        update: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<()> {
        sign_in_failures::update(&mut *self.client()?, keys, update)
    }

    fn forget_failures(&self, before_ms: u64) -> Result<usize> {
        sign_in_failures::forget(&mut *self.client()?, before_ms)
    }

    fn failure_keys(&self) -> Result<usize> {
        sign_in_failures::count(&mut *self.client()?)
    }

    fn push(&self, user: &User, request: &PushRequest, now_ms: u64) -> Result<PushResponse> {
        sync::push(&mut *self.client()?, user, request, now_ms)
    }

    fn pull(&self, user: &User, device: Option<&str>, after: u64, limit: usize) -> Result<Page> {
        sync::pull(&mut *self.client()?, user, device, after, limit)
    }

    fn live_replicas(&self, user: &User, kind: &str) -> Result<Vec<String>> {
        sync::live_replicas(&mut *self.client()?, user, kind)
    }

    fn publish_framework(
        &self,
        framework: &Framework,
        teams: &[String],
        by: &str,
        now_ms: u64,
    ) -> Result<()> {
        frameworks::publish(&mut *self.client()?, framework, teams, by, now_ms)
    }

    fn frameworks_for(&self, user: &User) -> Result<Vec<Framework>> {
        frameworks::visible_to(&mut *self.client()?, user)
    }

    fn publications(&self) -> Result<Vec<Publication>> {
        frameworks::publications(&mut *self.client()?)
    }

    fn export_user(&self, username: &str) -> Result<Vec<Change>> {
        protection::export_user(&mut *self.client()?, username)
    }

    fn erase_user(&self, actor: &str, username: &str, now_ms: u64) -> Result<Erasure> {
        erasure::erase_user(
            &mut *self.client()?,
            self.device,
            &self.pseudonyms,
            actor,
            username,
            now_ms,
        )
    }

    fn purge(&self, actor: &str, today: NaiveDate, now_ms: u64) -> Result<Purged> {
        purge::purge(&mut *self.client()?, self.device, actor, today, now_ms)
    }

    fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        audit::log(&mut *self.client()?, query)
    }

    fn organisation(&self) -> Result<Organisation> {
        organisation::get(&mut *self.client()?)
    }

    fn set_organisation(&self, organisation: &Organisation, entry: &AuditEntry) -> Result<()> {
        organisation::set(&mut *self.client()?, organisation, entry)
    }
}

/// A fact about this server, made the first time it is asked for. Two processes starting on a
/// new database at once both try; the first to commit wins and both read its value.
fn meta_or_insert(
    client: &mut impl GenericClient,
    key: &str,
    make: impl FnOnce() -> String,
) -> Result<String> {
    client.execute(
        "INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        &[&key, &make()],
    )?;
    Ok(client
        .query_one("SELECT value FROM server_meta WHERE key = $1", &[&key])?
        .get(0))
}
