//! Teams: adding, listing with their members, and renaming everywhere a team's name is kept.

use postgres::{Client, GenericClient};

use super::begin_writing;
use crate::store::{Result, StoreError, Team};

pub fn exists(client: &mut impl GenericClient, name: &str) -> Result<bool> {
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM teams WHERE name = $1)",
            &[&name],
        )?
        .get(0))
}

pub fn add(client: &mut impl GenericClient, name: &str) -> Result<()> {
    let added = client.execute(
        "INSERT INTO teams (name) VALUES ($1) ON CONFLICT DO NOTHING",
        &[&name],
    )?;
    if added == 0 {
        return Err(StoreError::Exists(format!("the team {name}")));
    }
    Ok(())
}

pub fn all(client: &mut impl GenericClient) -> Result<Vec<Team>> {
    let rows = client.query(
        "SELECT teams.name, user_teams.username FROM teams
         LEFT JOIN user_teams ON user_teams.team = teams.name
         ORDER BY teams.name, user_teams.username",
        &[],
    )?;
    let mut teams: Vec<Team> = Vec::new();
    for row in rows {
        let name: String = row.get(0);
        if teams.last().is_none_or(|last| last.name != name) {
            teams.push(Team {
                name,
                members: Vec::new(),
            });
        }
        let team = teams.last_mut().expect("pushed above");
        team.members.extend(row.get::<_, Option<String>>(1));
    }
    Ok(teams)
}

/// The team's name is kept in `teams`, in each membership and in each framework publication.
/// The new row goes in first, so that memberships always point at a team that exists.
pub fn rename(client: &mut Client, old: &str, new: &str) -> Result<()> {
    let mut transaction = begin_writing(client)?;
    if !exists(&mut transaction, old)? {
        return Err(StoreError::NoSuchTeam(old.to_owned()));
    }
    add(&mut transaction, new)?;
    for table in ["user_teams", "frameworks"] {
        transaction.execute(
            &format!("UPDATE {table} SET team = $2 WHERE team = $1"),
            &[&old, &new],
        )?;
    }
    transaction.execute("DELETE FROM teams WHERE name = $1", &[&old])?;
    transaction.commit()?;
    Ok(())
}
