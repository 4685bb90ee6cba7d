//! Teams: adding, listing with their members, and renaming everywhere a team's name is kept.

use rusqlite::{Connection, TransactionBehavior};

use crate::store::{Result, StoreError, Team};

pub fn exists(connection: &Connection, name: &str) -> Result<bool> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM teams WHERE name = ?1)",
        [name],
        |row| row.get(0),
    )?)
}

pub fn add(connection: &Connection, name: &str) -> Result<()> {
    let added = connection.execute("INSERT OR IGNORE INTO teams (name) VALUES (?1)", [name])?;
    if added == 0 {
        return Err(StoreError::Exists(format!("the team {name}")));
    }
    Ok(())
}

pub fn all(connection: &Connection) -> Result<Vec<Team>> {
    let rows: Vec<(String, Option<String>)> = connection
        .prepare(
            "SELECT teams.name, user_teams.username FROM teams
             LEFT JOIN user_teams ON user_teams.team = teams.name
             ORDER BY teams.name, user_teams.username",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut teams: Vec<Team> = Vec::new();
    for (name, member) in rows {
        if teams.last().is_none_or(|last| last.name != name) {
            teams.push(Team {
                name,
                members: Vec::new(),
            });
        }
        let team = teams.last_mut().expect("pushed above");
        team.members.extend(member);
    }
    Ok(teams)
}

/// The team's name is kept in `teams`, in each membership and in each framework publication.
/// The new row goes in first, so that memberships always point at a team that exists.
pub fn rename(connection: &mut Connection, old: &str, new: &str) -> Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !exists(&transaction, old)? {
        return Err(StoreError::NoSuchTeam(old.to_owned()));
    }
    add(&transaction, new)?;
    for table in ["user_teams", "frameworks"] {
        transaction.execute(
            &format!("UPDATE {table} SET team = ?2 WHERE team = ?1"),
            (old, new),
        )?;
    }
    transaction.execute("DELETE FROM teams WHERE name = ?1", [old])?;
    transaction.commit()?;
    Ok(())
}
