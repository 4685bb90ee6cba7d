//! Accounts, their teams and session tokens.

use fieldbook_core::roles::{Role, User};
use postgres::{Client, GenericClient, Row};

use super::teams;
use crate::store::{role_code, role_from_code, Account, Result, StoreError, TokenRecord};

pub fn add_user(client: &mut Client, user: &User, password_hash: &str) -> Result<()> {
    let mut transaction = client.transaction()?;
    if !insert_user(&mut transaction, &user.username, user.role, password_hash)? {
        return Err(StoreError::Exists(format!("the user {}", user.username)));
    }
    join_teams(&mut transaction, &user.username, &user.teams)?;
    transaction.commit()?;
    Ok(())
}

/// Add an account with no teams; false if the username is taken.
pub(super) fn insert_user(
    client: &mut impl GenericClient,
    username: &str,
    role: Role,
    password_hash: &str,
) -> Result<bool> {
    let added = client.execute(
        "INSERT INTO users (username, role, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        &[&username, &role_code(role), &password_hash],
    )?;
    Ok(added > 0)
}

fn join_teams(client: &mut impl GenericClient, username: &str, teams: &[String]) -> Result<()> {
    for team in teams {
        if !teams::exists(client, team)? {
            return Err(StoreError::NoSuchTeam(team.clone()));
        }
        client.execute(
            "INSERT INTO user_teams (username, team) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&username, team],
        )?;
    }
    Ok(())
}

pub fn set_role(client: &mut impl GenericClient, username: &str, role: Role) -> Result<()> {
    let changed = client.execute(
        "UPDATE users SET role = $2 WHERE username = $1",
        &[&username, &role_code(role)],
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    Ok(())
}

/// Replace the user's teams, inside the caller's transaction.
pub(super) fn replace_teams(
    client: &mut impl GenericClient,
    username: &str,
    teams: &[String],
) -> Result<()> {
    let known: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM users WHERE username = $1)",
            &[&username],
        )?
        .get(0);
    if !known {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    client.execute("DELETE FROM user_teams WHERE username = $1", &[&username])?;
    join_teams(client, username, teams)
}

fn teams_of(client: &mut impl GenericClient, username: &str) -> Result<Vec<String>> {
    let rows = client.query(
        "SELECT team FROM user_teams WHERE username = $1 ORDER BY team",
        &[&username],
    )?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// An account from a row of (username, role, disabled, password_hash), and its password hash.
fn account_from(client: &mut impl GenericClient, row: &Row) -> Result<(Account, String)> {
    let username: String = row.get(0);
    let role: String = row.get(1);
    let hash: String = row.get(3);
    let role = role_from_code(&role)
        .ok_or_else(|| StoreError::Damaged(format!("{username} has an unknown role {role:?}")))?;
    let account = Account {
        user: User {
            teams: teams_of(client, &username)?,
            username,
            role,
        },
        disabled: row.get(2),
        password_set: !hash.is_empty(),
    };
    Ok((account, hash))
}

pub fn accounts(client: &mut impl GenericClient) -> Result<Vec<Account>> {
    let rows = client.query(
        "SELECT username, role, disabled, password_hash FROM users ORDER BY username",
        &[],
    )?;
    rows.iter()
        .map(|row| Ok(account_from(client, row)?.0))
        .collect()
}

pub fn account(
    client: &mut impl GenericClient,
    username: &str,
) -> Result<Option<(Account, String)>> {
    let row = client.query_opt(
        "SELECT username, role, disabled, password_hash FROM users WHERE username = $1",
        &[&username],
    )?;
    row.map(|row| account_from(client, &row)).transpose()
}

pub fn set_disabled(client: &mut impl GenericClient, username: &str, disabled: bool) -> Result<()> {
    let changed = client.execute(
        "UPDATE users SET disabled = $2 WHERE username = $1",
        &[&username, &disabled],
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    if disabled {
        revoke_all(client, username)?;
    }
    Ok(())
}

pub fn set_password(
    client: &mut impl GenericClient,
    username: &str,
    password_hash: &str,
) -> Result<()> {
    let changed = client.execute(
        "UPDATE users SET password_hash = $2 WHERE username = $1",
        &[&username, &password_hash],
    )?;
    if changed == 0 {
        return Err(StoreError::NoSuchUser(username.to_owned()));
    }
    revoke_all(client, username)
}

fn revoke_all(client: &mut impl GenericClient, username: &str) -> Result<()> {
    client.execute(
        "UPDATE tokens SET revoked = TRUE WHERE username = $1",
        &[&username],
    )?;
    Ok(())
}

pub fn add_token(client: &mut impl GenericClient, id: &str, token: &TokenRecord) -> Result<()> {
    client.execute(
        "INSERT INTO tokens (id, username, secret_hash, expires_ms, revoked, created_ms, last_used_ms, label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &id,
            &token.username,
            &token.secret_hash,
            &(token.expires_ms as i64),
            &token.revoked,
            &(token.created_ms as i64),
            &(token.last_used_ms as i64),
            &token.label,
        ],
    )?;
    Ok(())
}

const TOKEN_COLUMNS: &str =
    "id, username, secret_hash, expires_ms, revoked, created_ms, last_used_ms, label";

fn token_from(row: &Row) -> (String, TokenRecord) {
    (
        row.get(0),
        TokenRecord {
            username: row.get(1),
            secret_hash: row.get(2),
            expires_ms: row.get::<_, i64>(3) as u64,
            revoked: row.get(4),
            created_ms: row.get::<_, i64>(5) as u64,
            last_used_ms: row.get::<_, i64>(6) as u64,
            label: row.get(7),
        },
    )
}

pub fn token(client: &mut impl GenericClient, id: &str) -> Result<Option<TokenRecord>> {
    let row = client.query_opt(
        &format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE id = $1"),
        &[&id],
    )?;
    Ok(row.map(|row| token_from(&row).1))
}

pub fn revoke_token(client: &mut impl GenericClient, id: &str) -> Result<()> {
    client.execute("UPDATE tokens SET revoked = TRUE WHERE id = $1", &[&id])?;
    Ok(())
}

pub fn touch_token(client: &mut impl GenericClient, id: &str, now_ms: u64) -> Result<()> {
    client.execute(
        "UPDATE tokens SET last_used_ms = GREATEST(last_used_ms, $2) WHERE id = $1",
        &[&id, &(now_ms as i64)],
    )?;
    Ok(())
}

pub fn sessions(
    client: &mut impl GenericClient,
    username: &str,
) -> Result<Vec<(String, TokenRecord)>> {
    let rows = client.query(
        &format!(
            "SELECT {TOKEN_COLUMNS} FROM tokens WHERE username = $1 AND NOT revoked
             ORDER BY last_used_ms DESC, id"
        ),
        &[&username],
    )?;
    Ok(rows.iter().map(token_from).collect())
}

pub fn revoke_session(client: &mut impl GenericClient, username: &str, id: &str) -> Result<bool> {
    let changed = client.execute(
        "UPDATE tokens SET revoked = TRUE WHERE id = $1 AND username = $2 AND NOT revoked",
        &[&id, &username],
    )?;
    Ok(changed == 1)
}
