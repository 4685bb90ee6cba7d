//! The database a test's server keeps its data in: a SQLite file in a temporary folder, or,
//! when `FIELDBOOK_TEST_POSTGRES` names a PostgreSQL server (`scripts/with-postgres` starts a
//! private one), a new database of the test's own there. Every server test runs on both.

use std::sync::Arc;

use fieldbook_server::store::{self, Store};
use postgres::{Client, NoTls};

pub struct Database {
    /// What `--db` and `FIELDBOOK_DB` take.
    pub address: String,
    _folder: Option<tempfile::TempDir>,
}

/// A new, empty database.
pub fn database() -> Database {
    match std::env::var("FIELDBOOK_TEST_POSTGRES") {
        Ok(server) => {
            let name = format!("test_{:016x}", rand::random::<u64>());
            connect(&server)
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            let (base, _) = server
                .rsplit_once('/')
                .expect("FIELDBOOK_TEST_POSTGRES ends in /database");
            Database {
                address: format!("{base}/{name}"),
                _folder: None,
            }
        }
        Err(_) => {
            let folder = tempfile::tempdir().unwrap();
            let path = folder.path().join("fieldbook.sqlite");
            Database {
                address: path.to_str().unwrap().to_owned(),
                _folder: Some(folder),
            }
        }
    }
}

impl Database {
    pub fn store(&self) -> Arc<dyn Store> {
        store(&self.address)
    }
}

pub fn store(db: &str) -> Arc<dyn Store> {
    store::open(db).unwrap()
}

fn connect(db: &str) -> Client {
    Client::connect(db, NoTls).unwrap()
}

/// Run SQL on the database directly, as someone with access to it could.
pub fn execute(db: &str, sql: &str) {
    if store::is_postgres(db) {
        connect(db).batch_execute(sql).unwrap();
    } else {
        rusqlite::Connection::open(db)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    }
}

/// The rows `sql` selects, each column a text.
pub fn rows(db: &str, sql: &str) -> Vec<Vec<String>> {
    if store::is_postgres(db) {
        let rows = connect(db).query(sql, &[]).unwrap();
        return rows
            .iter()
            .map(|row| (0..row.len()).map(|column| row.get(column)).collect())
            .collect();
    }
    let connection = rusqlite::Connection::open(db).unwrap();
    let mut statement = connection.prepare(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |row| {
            (0..columns).map(|column| row.get(column)).collect()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Every text and blob in every table of the database, each as "table: text".
pub fn texts_in_database(db: &str) -> Vec<String> {
    if store::is_postgres(db) {
        let mut client = connect(db);
        let columns = client
            .query(
                "SELECT table_name::TEXT, column_name::TEXT, data_type::TEXT
                 FROM information_schema.columns
                 WHERE table_schema = 'public' AND data_type IN ('text', 'bytea')",
                &[],
            )
            .unwrap();
        let mut texts = Vec::new();
        for column in columns {
            let (table, name, kind): (String, String, String) =
                (column.get(0), column.get(1), column.get(2));
            let sql = format!("SELECT {name} FROM \"{table}\" WHERE {name} IS NOT NULL");
            for row in client.query(&sql, &[]).unwrap() {
                let text = if kind == "bytea" {
                    String::from_utf8_lossy(row.get::<_, &[u8]>(0)).into_owned()
                } else {
                    row.get(0)
                };
                texts.push(format!("{table}: {text}"));
            }
        }
        return texts;
    }
    let connection = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut texts = Vec::new();
    for table in tables {
        let mut statement = connection
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for column in 0..columns {
                if let rusqlite::types::ValueRef::Text(bytes)
                | rusqlite::types::ValueRef::Blob(bytes) = row.get_ref(column).unwrap()
                {
                    texts.push(format!("{table}: {}", String::from_utf8_lossy(bytes)));
                }
            }
        }
    }
    texts
}
