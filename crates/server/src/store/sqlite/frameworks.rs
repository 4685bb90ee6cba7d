//! Competency frameworks published to teams.

use fieldbook_core::framework::Framework;
use fieldbook_core::roles::User;
use rusqlite::Connection;

use crate::store::{Publication, Result, StoreError, EVERY_TEAM};

pub fn publish(
    connection: &mut Connection,
    framework: &Framework,
    teams: &[String],
    by: &str,
    now_ms: u64,
) -> Result<()> {
    let body = serde_json::to_string(framework).expect("a framework always serialises");
    let transaction = connection.transaction()?;
    for team in teams {
        transaction.execute(
            "INSERT INTO frameworks (id, team, body, published_by, published_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id, team) DO UPDATE SET body = excluded.body,
               published_by = excluded.published_by, published_ms = excluded.published_ms",
            (&framework.id, team, &body, by, now_ms as i64),
        )?;
    }
    transaction.commit()?;
    Ok(())
}

pub fn visible_to(connection: &Connection, user: &User) -> Result<Vec<Framework>> {
    let mut statement = connection.prepare(
        "SELECT body FROM frameworks WHERE team = ?1 OR team IN
           (SELECT team FROM user_teams WHERE username = ?2)
         ORDER BY id, published_ms DESC",
    )?;
    let bodies = statement
        .query_map((EVERY_TEAM, &user.username), |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let mut frameworks: Vec<Framework> = Vec::new();
    for body in bodies {
        let framework: Framework = serde_json::from_str(&body)
            .map_err(|error| StoreError::Damaged(format!("a stored framework: {error}")))?;
        // Rows come newest first within an id: keep the first of each.
        if frameworks.last().is_none_or(|last| last.id != framework.id) {
            frameworks.push(framework);
        }
    }
    Ok(frameworks)
}

pub fn publications(connection: &Connection) -> Result<Vec<Publication>> {
    let rows: Vec<(String, String, String, String, i64)> = connection
        .prepare(
            "SELECT id, team, body, published_by, published_ms FROM frameworks ORDER BY id, team",
        )?
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, team, body, published_by, published_ms)| {
            let framework: Framework = serde_json::from_str(&body)
                .map_err(|error| StoreError::Damaged(format!("a stored framework: {error}")))?;
            Ok(Publication {
                id,
                title: framework.title,
                version: framework.version,
                team,
                published_by,
                published_ms: published_ms as u64,
            })
        })
        .collect()
}
