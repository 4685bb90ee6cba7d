//! The admin commands: accounts, teams, set-up links, a person's records, erasure and purge, run
//! against the database file directly.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;

use anyhow::{bail, Context};
use fieldbook_core::roles::{Role, User};

use crate::auth::rules::{password_problem, team_name, username_problem};
use crate::cli::{DbArg, TeamCommand, UserCommand};
use crate::store::{self, audit_now, role_code, role_from_code, Store};
use crate::{hash_password, now_ms, password, setup};

/// Who the audit log names for changes made at the command line.
const CONSOLE: &str = "console";

pub fn user(db: &DbArg, command: UserCommand) -> anyhow::Result<()> {
    let store = store::open(&db.db)?;
    match command {
        UserCommand::Add {
            username,
            role,
            teams,
        } => {
            let role = parse_role(&role)?;
            if let Some(problem) = username_problem(&username) {
                bail!(problem);
            }
            let password = password(&format!("Password for {username}: "))?;
            let user = User {
                username: username.clone(),
                role,
                teams,
            };
            store.add_user(&user, &hash_password(&password))?;
            let detail = format!("{}, teams: {}", role_code(role), user.teams.join(", "));
            audit(store.as_ref(), "add_user", &username, detail)?;
            println!("added {username} ({})", role_code(role));
        }
        UserCommand::List => {
            for account in store.accounts()? {
                println!(
                    "{}\t{}\t{}\t{}",
                    account.user.username,
                    role_code(account.user.role),
                    account.user.teams.join(","),
                    if account.disabled {
                        "disabled"
                    } else {
                        "active"
                    }
                );
            }
        }
        UserCommand::Disable { username } => {
            store.set_disabled(&username, true)?;
            audit(
                store.as_ref(),
                "disable_user",
                &username,
                "every session signed out",
            )?;
            println!("disabled {username}; every session is signed out");
        }
        UserCommand::Enable { username } => {
            store.set_disabled(&username, false)?;
            audit(store.as_ref(), "enable_user", &username, "")?;
            println!("enabled {username}; they can sign in again");
        }
        UserCommand::SetRole {
            username,
            role: code,
        } => {
            let role = parse_role(&code)?;
            let before = store
                .account(&username)?
                .with_context(|| format!("there is no user called {username}"))?;
            store.set_role(&username, role)?;
            let detail = format!("{} to {}", role_code(before.0.user.role), role_code(role));
            audit(store.as_ref(), "change_role", &username, detail)?;
            println!("{username} is now {}", role_code(role));
        }
        UserCommand::SetTeams { username, teams } => {
            let before = store
                .account(&username)?
                .with_context(|| format!("there is no user called {username}"))?;
            store.set_teams(&username, &teams)?;
            let detail = format!(
                "from [{}] to [{}]",
                before.0.user.teams.join(", "),
                teams.join(", ")
            );
            audit(store.as_ref(), "change_teams", &username, detail)?;
            println!("{username}'s teams are now: {}", teams.join(", "));
        }
        UserCommand::ResetPassword { username } => {
            if store.account(&username)?.is_none() {
                bail!("there is no user called {username}");
            }
            let password = password(&format!("New password for {username}: "))?;
            store.set_password(&username, &hash_password(&password))?;
            audit(
                store.as_ref(),
                "reset_password",
                &username,
                "every session signed out",
            )?;
            println!("set a new password for {username}; every session is signed out");
        }
        UserCommand::PasswordLink { username, addr } => {
            let link = password::issue(store.as_ref(), &username, now_ms())?;
            audit(
                store.as_ref(),
                "password_link",
                &username,
                "valid for 72 hours; earlier links no longer work",
            )?;
            println!(
                "{username} can set their password at http://{addr}{} until {}",
                link.path,
                expiry(link.expires_at_ms)
            );
        }
        UserCommand::Export { username } => {
            if store.account(&username)?.is_none() {
                bail!("there is no user called {username}");
            }
            let documents = store.export_user(&username)?;
            let out = serde_json::json!({ "username": username, "documents": documents });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        UserCommand::Erase { username } => {
            let erasure = store.erase_user(CONSOLE, &username, now_ms())?;
            println!(
                "erased {username}: {} records changed; the account is now {}, disabled",
                erasure.records_changed, erasure.pseudonym
            );
        }
    }
    Ok(())
}

pub fn team(db: &DbArg, command: TeamCommand) -> anyhow::Result<()> {
    let store = store::open(&db.db)?;
    match command {
        TeamCommand::Add { name } => {
            let name = team_name(&name).map_err(anyhow::Error::msg)?;
            store.add_team(&name)?;
            audit(store.as_ref(), "add_team", &name, "")?;
            println!("added the team {name}");
        }
        TeamCommand::Rename { old, new } => {
            let new = team_name(&new).map_err(anyhow::Error::msg)?;
            store.rename_team(&old, &new)?;
            audit(
                store.as_ref(),
                "rename_team",
                &new,
                format!("from {old} to {new}"),
            )?;
            println!("renamed the team {old} to {new}");
        }
    }
    Ok(())
}

/// Print a new set-up link for the server at `addr`, while there is no administrator.
pub fn setup_link(db: &DbArg, addr: SocketAddr) -> anyhow::Result<()> {
    let store = store::open(&db.db)?;
    if store.has_admin()? {
        bail!(
            "there is an administrator already, so set-up is done; sign in as them, or give \
             them a new password with `fieldbook-server user reset-password NAME`"
        );
    }
    let code = setup::issue(store.as_ref(), now_ms())?;
    println!("{}", setup::invitation(&format!("http://{addr}"), &code));
    Ok(())
}

pub fn purge(db: &DbArg) -> anyhow::Result<()> {
    let store = store::open(&db.db)?;
    let today = chrono::Utc::now().date_naive();
    let purged = store.purge(CONSOLE, today, now_ms())?;
    println!(
        "removed contact details from {} records past their retention date; cleared {} \
         records and {} list items deleted more than {} days ago",
        purged.expired,
        purged.cleared_records,
        purged.cleared_items,
        crate::protection::UNDO_DAYS
    );
    Ok(())
}

/// A time as a person reads it, in UTC.
fn expiry(at_ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(at_ms as i64).map_or_else(
        || format!("{at_ms} ms"),
        |at| at.format("%-d %B %Y %H:%M UTC").to_string(),
    )
}

fn parse_role(code: &str) -> anyhow::Result<Role> {
    role_from_code(code).with_context(|| {
        format!("{code:?} is not a role; use outreach, learner, coordinator or admin")
    })
}

/// Record a change made at the command line.
fn audit(
    store: &dyn Store,
    action: &str,
    subject: &str,
    detail: impl Into<String>,
) -> anyhow::Result<()> {
    store.record_audit(&audit_now(CONSOLE, action, subject, detail))?;
    Ok(())
}

/// A password from FIELDBOOK_PASSWORD (for scripts), or typed at the terminal.
fn password(prompt: &str) -> anyhow::Result<String> {
    let password = match std::env::var("FIELDBOOK_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprint!("{prompt}");
                std::io::stderr().flush()?;
            }
            let mut line = String::new();
            stdin.lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    if let Some(problem) = password_problem(&password) {
        bail!(problem);
    }
    Ok(password)
}
