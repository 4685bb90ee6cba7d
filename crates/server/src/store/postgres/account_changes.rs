//! An administrator's change to an account: role, teams and whether it is disabled, each part
//! audited, all in one transaction that never leaves the server without an administrator.

use fieldbook_core::protocol::admin::UserChange;
use postgres::Client;

use super::{accounts, audit, begin_writing, setup};
use crate::store::{role_code, Account, Result, StoreError};

pub fn change_user(
    client: &mut Client,
    actor: &str,
    username: &str,
    change: &UserChange,
    now_ms: u64,
) -> Result<Account> {
    // Writers take turns, so two administrators demoting each other at once cannot both pass
    // the check below.
    let mut transaction = begin_writing(client)?;
    let (before, _) = accounts::account(&mut transaction, username)?
        .ok_or_else(|| StoreError::NoSuchUser(username.to_owned()))?;
    let mut notes = Vec::new();
    if let Some(role) = change.role.filter(|role| *role != before.user.role) {
        accounts::set_role(&mut transaction, username, role)?;
        let detail = format!("{} to {}", role_code(before.user.role), role_code(role));
        notes.push(("change_role", detail));
    }
    if let Some(teams) = &change.teams {
        let mut sorted = teams.clone();
        sorted.sort();
        sorted.dedup();
        if sorted != before.user.teams {
            accounts::replace_teams(&mut transaction, username, &sorted)?;
            let detail = format!(
                "from [{}] to [{}]",
                before.user.teams.join(", "),
                sorted.join(", ")
            );
            notes.push(("change_teams", detail));
        }
    }
    if let Some(disabled) = change.disabled.filter(|d| *d != before.disabled) {
        accounts::set_disabled(&mut transaction, username, disabled)?;
        notes.push(if disabled {
            ("disable_user", "every session signed out".to_owned())
        } else {
            ("enable_user", String::new())
        });
    }
    for (action, detail) in notes {
        audit::record_now(&mut transaction, now_ms, actor, action, username, &detail)?;
    }
    if !setup::has_admin(&mut transaction)? {
        return Err(StoreError::LastAdmin);
    }
    let (after, _) = accounts::account(&mut transaction, username)?
        .ok_or_else(|| StoreError::NoSuchUser(username.to_owned()))?;
    transaction.commit()?;
    Ok(after)
}
