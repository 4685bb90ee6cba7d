//! The sign-in limiter's failures, by key. Each update holds its keys, stored or not yet, with
//! transaction-scoped advisory locks taken in sorted order: `FOR UPDATE` could not hold a key
//! that has no row yet, and two processes would both count from nothing.

use postgres::{Client, GenericClient};

use crate::store::{Failures, Result};

/// The first half of each key's lock; the second is a hash of the key. Two-number advisory
/// locks never meet the one-number ones the writers take.
const LIMITER: i32 = 0x6662;

pub fn update(
    client: &mut Client,
    keys: &[String],
    update: &mut dyn FnMut(&mut [Option<Failures>]),
) -> Result<()> {
    let mut transaction = client.transaction()?;
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort();
    for key in sorted {
        transaction.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&LIMITER, key],
        )?;
    }
    let found = keys
        .iter()
        .map(|key| read(&mut transaction, key))
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
                "INSERT INTO sign_in_failures (key, count, last_ms) VALUES ($1, $2, $3)
                 ON CONFLICT (key)
                 DO UPDATE SET count = excluded.count, last_ms = excluded.last_ms",
                &[key, &i64::from(after.count), &(after.last_ms as i64)],
            )?,
            None => transaction.execute("DELETE FROM sign_in_failures WHERE key = $1", &[key])?,
        };
    }
    transaction.commit()?;
    Ok(())
}

fn read(client: &mut impl GenericClient, key: &str) -> Result<Option<Failures>> {
    let row = client.query_opt(
        "SELECT count, last_ms FROM sign_in_failures WHERE key = $1",
        &[&key],
    )?;
    Ok(row.map(|row| Failures {
        count: u32::try_from(row.get::<_, i64>(0)).unwrap_or(u32::MAX),
        last_ms: row.get::<_, i64>(1) as u64,
    }))
}

pub fn forget(client: &mut impl GenericClient, before_ms: u64) -> Result<usize> {
    Ok(client.execute(
        "DELETE FROM sign_in_failures WHERE last_ms < $1",
        &[&i64::try_from(before_ms).unwrap_or(i64::MAX)],
    )? as usize)
}

pub fn count(client: &mut impl GenericClient) -> Result<usize> {
    let count: i64 = client
        .query_one("SELECT count(*) FROM sign_in_failures", &[])?
        .get(0);
    Ok(count as usize)
}
