//! The server's SQLite store: opening it safely and migrating its schema.

mod migrations;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not create the database folder {path}: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("could not migrate the database {path}: {source}")]
    Migrate {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// One SQLite connection, shared by the handlers. Writes to SQLite are serialised anyway.
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Open (or create) the database at `path`, in WAL mode with full fsync, and bring its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
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
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    /// The schema version the database is at, read from the file itself.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let version = self
            .connection()
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        Ok(version)
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written: its own
        // transactions guarantee that, so a poisoned lock is safe to reuse.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
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
            Store::open(&path).unwrap().schema_version().unwrap(),
            latest
        );
        assert_eq!(
            Store::open(&path).unwrap().schema_version().unwrap(),
            latest
        );
    }

    #[test]
    fn uses_wal_with_full_sync() {
        let folder = tempfile::tempdir().unwrap();
        let store = Store::open(&folder.path().join("db.sqlite")).unwrap();
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
