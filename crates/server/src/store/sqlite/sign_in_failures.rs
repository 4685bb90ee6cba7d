//! The sign-in limiter's failures, by key. Each update is one immediate transaction: SQLite
//! takes the database's write lock at its start, so a read and the write that follows it cannot
//! interleave with another process's on the same file.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::store::{Failures, Result};

pub fn update(
    connection: &mut Connection,
    keys: &[String],
    update: &mut dyn FnMut(&mut [Option<Failures>]),
) -> Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = keys
        .iter()
        .map(|key| read(&transaction, key))
        .collect::<Result<Vec<_>>>()?;
    let mut failures = found.clone();
    update(&mut failures);
    for ((key, before), after) in keys.iter().zip(&found).zip(&failures) {
        // A slot left as it was needs no write.
        if before == after {
            continue;
        }
        match after {
            Some(after) => transaction.execute(
                "INSERT INTO sign_in_failures (key, count, last_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key)
                 DO UPDATE SET count = excluded.count, last_ms = excluded.last_ms",
                (key, after.count, after.last_ms as i64),
            )?,
            None => transaction.execute("DELETE FROM sign_in_failures WHERE key = ?1", [key])?,
        };
    }
    transaction.commit()?;
    Ok(())
}

fn read(connection: &Connection, key: &str) -> Result<Option<Failures>> {
    Ok(connection
        .prepare_cached("SELECT count, last_ms FROM sign_in_failures WHERE key = ?1")?
        .query_row([key], |row| {
            Ok(Failures {
                count: row.get(0)?,
                last_ms: row.get::<_, i64>(1)? as u64,
            })
        })
        .optional()?)
}

pub fn forget(connection: &Connection, before_ms: u64) -> Result<usize> {
    Ok(connection.execute(
        "DELETE FROM sign_in_failures WHERE last_ms < ?1",
        [i64::try_from(before_ms).unwrap_or(i64::MAX)],
    )?)
}

pub fn count(connection: &Connection) -> Result<usize> {
    let count: i64 = connection.query_row("SELECT count(*) FROM sign_in_failures", [], |row| {
        row.get(0)
    })?;
    Ok(count as usize)
}

#[cfg(test)]
mod tests {
    use crate::store::{Failures, SqliteStore, Store};

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn stores_what_the_update_leaves_and_forgets_by_time() {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        let both = keys(&["account:a", "address:10.0.0.1"]);
        store
            .update_failures(&both, &mut |failures| {
                assert_eq!(failures, [None, None]);
                failures[0] = Some(Failures {
                    count: 1,
                    last_ms: 1_000,
                });
                failures[1] = Some(Failures {
                    count: 7,
                    last_ms: 5_000,
                });
            })
            .unwrap();
        assert_eq!(store.failure_keys().unwrap(), 2);
        store
            .update_failures(&both, &mut |failures| {
                assert_eq!(failures[0].unwrap().count, 1);
                assert_eq!(failures[1].unwrap().last_ms, 5_000);
                failures[0] = None;
            })
            .unwrap();
        assert_eq!(store.failure_keys().unwrap(), 1);
        assert_eq!(store.forget_failures(5_000).unwrap(), 0, "not before");
        assert_eq!(store.forget_failures(5_001).unwrap(), 1);
        assert_eq!(store.failure_keys().unwrap(), 0);
    }
}
