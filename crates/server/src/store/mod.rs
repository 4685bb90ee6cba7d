//! Where the server keeps accounts, sessions and documents: a trait with two implementations,
//! SQLite (one file, the default) and PostgreSQL (for several server processes over one
//! database). [`open`] chooses by the address it is given.

mod answers;
mod postgres;
mod scope;
mod sqlite;

use std::path::Path;
use std::sync::Arc;

use fieldbook_core::framework::Framework;
use fieldbook_core::organisation::Organisation;
use fieldbook_core::protocol::admin::UserChange;
use fieldbook_core::protocol::{Change, PushRequest, PushResponse};
use fieldbook_core::roles::{Role, User};

pub use fieldbook_core::protocol::admin::{Account, AuditEntry, AuditQuery, Publication, Team};
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// The team a framework is published to when it is for every team.
pub const EVERY_TEAM: &str = "*";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not create the database folder {path}: {source}")]
    CreateFolder {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("could not open the database {path}: {source}")]
    Open {
        path: std::path::PathBuf,
        source: rusqlite::Error,
    },
    #[error("could not migrate the database {path}: {source}")]
    Migrate {
        path: std::path::PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("there is no user called {0}")]
    NoSuchUser(String),
    #[error("there is no team called {0}; add it first with `fieldbook-server team add`")]
    NoSuchTeam(String),
    #[error("{0} already exists")]
    Exists(String),
    /// The change would leave no enabled administrator; nothing changed.
    #[error("that would leave no administrator who can sign in")]
    LastAdmin,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not reach the PostgreSQL database: {0}")]
    Connect(String),
    #[error(transparent)]
    Postgres(#[from] ::postgres::Error),
    #[error("the database's schema is version {found}, newer than this server's {latest}; run the newer server")]
    NewerSchema { found: u32, latest: u32 },
    #[error("a stored record could not be read: {0}")]
    Damaged(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A session token as stored: only a hash of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub username: String,
    pub secret_hash: Vec<u8>,
    /// The latest it can end, however often it is used.
    pub expires_ms: u64,
    pub revoked: bool,
    pub created_ms: u64,
    pub last_used_ms: u64,
    /// Which device it is, as its browser describes itself.
    pub label: String,
}

/// One page of changes for a pull.
#[derive(Debug, Clone)]
pub struct Page {
    pub changes: Vec<Change>,
    /// The sequence number of the last change in the page, or the cursor's when it is empty.
    pub last_seq: u64,
    pub has_more: bool,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Erasure {
    /// The name that now stands for the person, in records and in the account.
    pub pseudonym: String,
    pub records_changed: usize,
}

/// What a purge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Purged {
    /// Records past their retention date, whose contact details were removed.
    pub expired: usize,
    /// Records deleted before the undo period, whose content was cleared.
    pub cleared_records: usize,
    /// List items (priorities, actions, feedback, evidence) likewise.
    pub cleared_items: usize,
}

/// An audit entry for `actor`'s `action` on `subject`, stamped with the server's clock now.
pub fn audit_now(
    actor: &str,
    action: &str,
    subject: &str,
    detail: impl Into<String>,
) -> AuditEntry {
    AuditEntry {
        at_ms: crate::now_ms(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        subject: subject.to_owned(),
        detail: detail.into(),
    }
}

/// Where a set-up code stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeState {
    /// No code with this hash was ever made.
    Unknown,
    Used,
    Expired,
    Usable,
}

/// What an attempt to make the first administrator came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstAdmin {
    Made,
    /// An enabled administrator exists already; nothing changed.
    AdminExists,
    /// The code could not be used; nothing changed.
    Code(CodeState),
    /// Another account has that name; nothing changed.
    UsernameTaken,
}

/// Where a password link stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// No link with this hash was ever made.
    Unknown,
    Used,
    Expired,
    /// A newer link was made for the same person.
    Replaced,
    /// The person's account is disabled.
    AccountDisabled,
    /// It works, for this person.
    Usable(String),
}

/// A sign-in limiter key's failures, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    /// When the latest failure was, in milliseconds since the Unix epoch.
    pub last_ms: u64,
}

pub trait Store: Send + Sync + 'static {
    fn schema_version(&self) -> Result<u32>;
    /// Changes when the server's data is replaced, so old pull cursors are refused.
    fn epoch(&self) -> &str;
    /// The sequence number of the latest change stored.
    fn last_seq(&self) -> Result<u64>;

    fn add_team(&self, name: &str) -> Result<()>;
    /// Every team with its members, by name.
    fn teams(&self) -> Result<Vec<Team>>;
    /// Rename a team everywhere its name is kept, in one transaction.
    fn rename_team(&self, old: &str, new: &str) -> Result<()>;
    /// Add an account; an empty `password_hash` is one nobody can sign in with yet.
    fn add_user(&self, user: &User, password_hash: &str) -> Result<()>;
    fn accounts(&self) -> Result<Vec<Account>>;
    /// The account and its password hash (empty while no password is set).
    fn account(&self, username: &str) -> Result<Option<(Account, String)>>;
    /// In one transaction: apply what `change` gives, auditing each part that differs as
    /// `actor`'s at `now_ms`. Refused with [`StoreError::LastAdmin`], changing nothing, when no
    /// enabled administrator would be left.
    fn change_user(
        &self,
        actor: &str,
        username: &str,
        change: &UserChange,
        now_ms: u64,
    ) -> Result<Account>;
    /// Disabling an account also revokes its sessions.
    fn set_disabled(&self, username: &str, disabled: bool) -> Result<()>;
    fn set_role(&self, username: &str, role: Role) -> Result<()>;
    /// Replace the user's teams; each must exist.
    fn set_teams(&self, username: &str, teams: &[String]) -> Result<()>;
    /// A new password revokes every session the old one opened.
    fn set_password(&self, username: &str, password_hash: &str) -> Result<()>;

    fn add_token(&self, id: &str, token: &TokenRecord) -> Result<()>;
    fn token(&self, id: &str) -> Result<Option<TokenRecord>>;
    fn revoke_token(&self, id: &str) -> Result<()>;
    /// Note that a session was used at `now_ms`, which moves its idle expiry on.
    fn touch_token(&self, id: &str, now_ms: u64) -> Result<()>;
    /// `username`'s sessions not revoked, with their ids, most recently used first.
    fn sessions(&self, username: &str) -> Result<Vec<(String, TokenRecord)>>;
    /// Revoke `username`'s session `id`; false if they have no such session.
    fn revoke_session(&self, username: &str, id: &str) -> Result<bool>;

    /// Add an entry to the audit log.
    fn record_audit(&self, entry: &AuditEntry) -> Result<()>;

    /// Whether any account that is not disabled is an administrator.
    fn has_admin(&self) -> Result<bool>;
    /// Keep the hash of a new set-up code, usable until `expires_ms`.
    fn add_setup_code(&self, code_hash: &[u8], now_ms: u64, expires_ms: u64) -> Result<()>;
    /// Where the set-up code with this hash stands at `now_ms`.
    fn setup_code(&self, code_hash: &[u8], now_ms: u64) -> Result<CodeState>;
    /// In one transaction, at `entry.at_ms`: if there is still no administrator and the code is
    /// usable, make `username` an administrator in no team, use up every code still out, and
    /// add `entry` to the audit log.
    fn make_first_admin(
        &self,
        code_hash: &[u8],
        username: &str,
        password_hash: &str,
        entry: &AuditEntry,
    ) -> Result<FirstAdmin>;

    /// Keep the hash of a new password link for `username`, usable until `expires_ms`; their
    /// earlier links stop working.
    fn add_password_link(
        &self,
        username: &str,
        code_hash: &[u8],
        now_ms: u64,
        expires_ms: u64,
    ) -> Result<()>;
    /// Where the password link with this hash stands at `now_ms`.
    fn password_link(&self, code_hash: &[u8], now_ms: u64) -> Result<LinkState>;
    /// In one transaction at `now_ms`, if the link is usable: set its person's password, sign
    /// out their every session, use the link up and audit it as theirs. The state found either
    /// way.
    fn use_password_link(
        &self,
        code_hash: &[u8],
        password_hash: &str,
        now_ms: u64,
    ) -> Result<LinkState>;

    /// In one transaction that holds `keys` (distinct; those not stored yet too) against every
    /// other server process: read their failures, let `update` change them (`None` removes a
    /// key), and store what it leaves. `update` is called once, with a slot for each key in order.
    fn update_failures(
        &self,
        keys: &[String],
        update: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<()>;
    /// Forget keys whose last failure is before `before_ms`; how many went.
    fn forget_failures(&self, before_ms: u64) -> Result<usize>;
    /// How many keys have failures stored: the limiter keeps them under a cap.
    fn failure_keys(&self) -> Result<usize>;

    /// Apply a push in one transaction, acknowledged only once committed. The same batch again
    /// returns the first answer and changes nothing.
    fn push(&self, user: &User, request: &PushRequest, now_ms: u64) -> Result<PushResponse>;
    /// Changes after `after` that `user` may see, oldest first, leaving out those `device`
    /// wrote last.
    fn pull(&self, user: &User, device: Option<&str>, after: u64, limit: usize) -> Result<Page>;
    /// Every live document of `kind` that `user` may see, as stored replicas: what reports
    /// are computed from.
    fn live_replicas(&self, user: &User, kind: &str) -> Result<Vec<String>>;

    /// Publish a framework to `teams` ("*" for every team), replacing an earlier edition there.
    fn publish_framework(
        &self,
        framework: &Framework,
        teams: &[String],
        by: &str,
        now_ms: u64,
    ) -> Result<()>;
    /// The frameworks published to any of `user`'s teams or to every team, latest edition each.
    fn frameworks_for(&self, user: &User) -> Result<Vec<Framework>>;
    /// Every framework publication, one per team, by framework then team.
    fn publications(&self) -> Result<Vec<Publication>>;

    /// Every document that names `username`.
    fn export_user(&self, username: &str) -> Result<Vec<Change>>;
    /// Replace `username` with a pseudonym in every document, the account, its teams and the
    /// audit log; clear their contact details, disable the account and forget its sessions and
    /// stored push answers. Logged in the audit log, with counts only.
    fn erase_user(&self, actor: &str, username: &str, now_ms: u64) -> Result<Erasure>;
    /// Remove the contact details of records whose retention date is before `today`, keeping
    /// the records; clear what records and list items deleted more than
    /// [`crate::protection::UNDO_DAYS`] ago held. Logged in the audit log, with counts only.
    fn purge(&self, actor: &str, today: chrono::NaiveDate, now_ms: u64) -> Result<Purged>;
    /// The audit entries that match `query`, newest first, at most its limit (capped at
    /// [`fieldbook_core::protocol::admin::AUDIT_PAGE`]).
    fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>>;

    /// Whether records may hold contact details, and for how long.
    fn organisation(&self) -> Result<Organisation>;
    /// Save the organisation's settings and log `entry`, in one transaction.
    fn set_organisation(&self, organisation: &Organisation, entry: &AuditEntry) -> Result<()>;
}

/// Open the store that `db` names: a PostgreSQL database for a `postgres://` or
/// `postgresql://` address, otherwise a SQLite file at that path.
pub fn open(db: &str) -> Result<Arc<dyn Store>> {
    if is_postgres(db) {
        Ok(Arc::new(PostgresStore::open(db)?))
    } else {
        Ok(Arc::new(SqliteStore::open(Path::new(db))?))
    }
}

pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A random epoch, made when the database is: a new or replaced database has a new one.
fn new_epoch() -> String {
    fieldbook_core::Id::from_random(rand::random()).to_string()
}

/// A secret made once per database: 256 random bits, as hex.
fn new_secret() -> String {
    crate::hex(&rand::random::<[u8; 32]>())
}

/// A role's name as stored and typed on the command line.
pub fn role_code(role: Role) -> &'static str {
    match role {
        Role::Outreach => "outreach",
        Role::Learner => "learner",
        Role::Coordinator => "coordinator",
        Role::Admin => "admin",
    }
}

pub fn role_from_code(code: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|role| role_code(*role) == code)
}
