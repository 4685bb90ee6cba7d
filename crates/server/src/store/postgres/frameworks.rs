//! Competency frameworks published to teams.

use fieldbook_core::framework::Framework;
use fieldbook_core::roles::User;
use postgres::{Client, GenericClient};

use crate::store::{Publication, Result, StoreError, EVERY_TEAM};

pub fn publish(
    client: &mut Client,
    framework: &Framework,
    teams: &[String],
    by: &str,
    now_ms: u64,
) -> Result<()> {
    let body = serde_json::to_string(framework).expect("a framework always serialises");
    let mut transaction = client.transaction()?;
    for team in teams {
        transaction.execute(
            "INSERT INTO frameworks (id, team, body, published_by, published_ms)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id, team) DO UPDATE SET body = excluded.body,
               published_by = excluded.published_by, published_ms = excluded.published_ms",
            &[&framework.id, team, &body, &by, &(now_ms as i64)],
        )?;
    }
    transaction.commit()?;
    Ok(())
}

fn parse(body: &str) -> Result<Framework> {
    serde_json::from_str(body)
        .map_err(|error| StoreError::Damaged(format!("a stored framework: {error}")))
}

pub fn visible_to(client: &mut impl GenericClient, user: &User) -> Result<Vec<Framework>> {
    let rows = client.query(
        "SELECT body FROM frameworks WHERE team = $1 OR team IN
           (SELECT team FROM user_teams WHERE username = $2)
         ORDER BY id, published_ms DESC",
        &[&EVERY_TEAM, &user.username],
    )?;
    let mut frameworks: Vec<Framework> = Vec::new();
    for row in rows {
        let framework = parse(row.get(0))?;
        // Rows come newest first within an id: keep the first of each.
        if frameworks.last().is_none_or(|last| last.id != framework.id) {
            frameworks.push(framework);
        }
    }
    Ok(frameworks)
}

pub fn publications(client: &mut impl GenericClient) -> Result<Vec<Publication>> {
    let rows = client.query(
        "SELECT id, team, body, published_by, published_ms FROM frameworks ORDER BY id, team",
        &[],
    )?;
    rows.iter()
        .map(|row| {
            let framework = parse(row.get(2))?;
            Ok(Publication {
                id: row.get(0),
                title: framework.title,
                version: framework.version,
                team: row.get(1),
                published_by: row.get(3),
                published_ms: row.get::<_, i64>(4) as u64,
            })
        })
        .collect()
}
