//! Accounts, their teams and session tokens.

use fieldbook_core::roles::{Role, User};
use rusqlite::{Connection, OptionalExtension};

use super::teams;
use crate::store::{role_code, role_from_code, Account, Result, StoreError, TokenRecord};

pub fn add_user(connection: &mut Connection, user: &User, password_hash: &str) -> Result<()> {
    let transaction = connection.transaction()?;
    if !insert_user(&transaction, &user.username, user.role, password_hash)? {
        return Err(StoreError::Exists(format!("the user {}", user.username)));
    }
    join_teams(&transaction, &user.username, &user.teams)?;
    transaction.commit()?;
    Ok(())
}

/// Add an account with no teams; false if the username is taken.
pub(super) fn insert_user(
    connection: &Connection,
    username: &str,
    role: Role,
    password_hash: &str,
) -> Result<bool> {
    let added = connection.execute(
        "INSERT OR IGNORE INTO users (username, role, password_hash) VALUES (?1, ?2, ?3)",
        (username, role_code(role), password_hash),
    )?;
    Ok(added > 0)
}

fn join_teams(connection: &Connection, username: &str, teams: &[String]) -> Result<()> {
    for team in teams {
        if !teams::exists(connection, team)? {
            return Err(StoreError::NoSuchTeam(team.clone()));
        }
        connection.execute(
            "INSERT OR IGNORE INTO user_teams (username, team) VALUES (?1, ?2)",
            (username, team),
        )?;
    }
    Ok(())
}

pub fn set_role(connection: &Connection, username: &str, role: Role) -> Result<()> {
    let changed = connection.execute(
        "UPDATE users SET role = ?2 WHERE username = ?1",
        (username, role_code(role)),
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    Ok(())
}

pub fn set_teams(connection: &mut Connection, username: &str, teams: &[String]) -> Result<()> {
    let transaction = connection.transaction()?;
    replace_teams(&transaction, username, teams)?;
    transaction.commit()?;
    Ok(())
}

/// Replace the user's teams, inside the caller's transaction.
pub(super) fn replace_teams(
    connection: &Connection,
    username: &str,
    teams: &[String],
) -> Result<()> {
    let known: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1)",
        [username],
        |row| row.get(0),
    )?;
    if !known {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    connection.execute("DELETE FROM user_teams WHERE username = ?1", [username])?;
    join_teams(connection, username, teams)
}

fn teams_of(connection: &Connection, username: &str) -> Result<Vec<String>> {
    let mut statement = connection
        .prepare_cached("SELECT team FROM user_teams WHERE username = ?1 ORDER BY team")?;
    let teams = statement
        .query_map([username], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(teams)
}

fn account_from(
    connection: &Connection,
    username: String,
    role: String,
    disabled: bool,
    password_hash: &str,
) -> Result<Account> {
    let role = role_from_code(&role)
        .ok_or_else(|| StoreError::Damaged(format!("{username} has an unknown role {role:?}")))?;
    Ok(Account {
        user: User {
            teams: teams_of(connection, &username)?,
            username,
            role,
        },
        disabled,
        password_set: !password_hash.is_empty(),
    })
}

pub fn accounts(connection: &Connection) -> Result<Vec<Account>> {
    let rows: Vec<(String, String, bool, String)> = connection
        .prepare("SELECT username, role, disabled, password_hash FROM users ORDER BY username")?
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(username, role, disabled, hash)| {
            account_from(connection, username, role, disabled, &hash)
        })
        .collect()
}

pub fn account(connection: &Connection, username: &str) -> Result<Option<(Account, String)>> {
    let row: Option<(String, String, bool, String)> = connection
        .query_row(
            "SELECT username, role, disabled, password_hash FROM users WHERE username = ?1",
            [username],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    row.map(|(username, role, disabled, hash)| {
        Ok((
            account_from(connection, username, role, disabled, &hash)?,
            hash,
        ))
    })
    .transpose()
}

pub fn set_disabled(connection: &Connection, username: &str, disabled: bool) -> Result<()> {
    let changed = connection.execute(
        "UPDATE users SET disabled = ?2 WHERE username = ?1",
        (username, disabled),
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    if disabled {
        revoke_all(connection, username)?;
    }
    Ok(())
}

pub fn set_password(connection: &Connection, username: &str, password_hash: &str) -> Result<()> {
    let changed = connection.execute(
        "UPDATE users SET password_hash = ?2 WHERE username = ?1",
        (username, password_hash),
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    revoke_all(connection, username)
}

pub(super) fn revoke_all(connection: &Connection, username: &str) -> Result<()> {
    connection.execute(
        "UPDATE tokens SET revoked = 1 WHERE username = ?1",
        [username],
    )?;
    Ok(())
}

pub fn add_token(connection: &Connection, id: &str, token: &TokenRecord) -> Result<()> {
    connection.execute(
        "INSERT INTO tokens (id, username, secret_hash, expires_ms, revoked, created_ms, last_used_ms, label)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            id,
            &token.username,
            &token.secret_hash,
            token.expires_ms as i64,
            token.revoked,
            token.created_ms as i64,
            token.last_used_ms as i64,
            &token.label,
        ),
    )?;
    Ok(())
}

const TOKEN_COLUMNS: &str =
    "id, username, secret_hash, expires_ms, revoked, created_ms, last_used_ms, label";

fn token_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, TokenRecord)> {
    Ok((
        row.get(0)?,
        TokenRecord {
            username: row.get(1)?,
            secret_hash: row.get(2)?,
            expires_ms: row.get::<_, i64>(3)? as u64,
            revoked: row.get(4)?,
            created_ms: row.get::<_, i64>(5)? as u64,
            last_used_ms: row.get::<_, i64>(6)? as u64,
            label: row.get(7)?,
        },
    ))
}

pub fn token(connection: &Connection, id: &str) -> Result<Option<TokenRecord>> {
    Ok(connection
        .query_row(
            &format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE id = ?1"),
            [id],
            token_from,
        )
        .optional()?
        .map(|(_, token)| token))
}

pub fn revoke_token(connection: &Connection, id: &str) -> Result<()> {
    connection.execute("UPDATE tokens SET revoked = 1 WHERE id = ?1", [id])?;
    Ok(())
}

pub fn touch_token(connection: &Connection, id: &str, now_ms: u64) -> Result<()> {
    connection.execute(
        "UPDATE tokens SET last_used_ms = max(last_used_ms, ?2) WHERE id = ?1",
        (id, now_ms as i64),
    )?;
    Ok(())
}

pub fn sessions(connection: &Connection, username: &str) -> Result<Vec<(String, TokenRecord)>> {
    let sessions = connection
        .prepare(&format!(
            "SELECT {TOKEN_COLUMNS} FROM tokens WHERE username = ?1 AND revoked = 0
             ORDER BY last_used_ms DESC, id"
        ))?
        .query_map([username], token_from)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(sessions)
}

pub fn revoke_session(connection: &Connection, username: &str, id: &str) -> Result<bool> {
    let changed = connection.execute(
        "UPDATE tokens SET revoked = 1 WHERE id = ?1 AND username = ?2 AND revoked = 0",
        (id, username),
    )?;
    Ok(changed == 1)
}
