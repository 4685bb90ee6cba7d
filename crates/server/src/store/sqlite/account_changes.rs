//! An administrator's change to an account: role, teams and whether it is disabled, each part
//! audited, all in one transaction that never leaves the server without an administrator.

use fieldbook_core::protocol::admin::UserChange;
use rusqlite::{Connection, TransactionBehavior};

use super::{accounts, audit, setup};
use crate::store::{role_code, Account, Result, StoreError};

pub fn change_user(
    connection: &mut Connection,
    actor: &str,
    username: &str,
    change: &UserChange,
    now_ms: u64,
) -> Result<Account> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (before, _) = accounts::account(&transaction, username)?
        .ok_or_else(|| StoreError::NoSuchUser(username.to_owned()))?;
    let note = |action: &str, detail: &str| {
        audit::record_now(&transaction, now_ms, actor, action, username, detail)
    };
    if let Some(role) = change.role.filter(|role| *role != before.user.role) {
        accounts::set_role(&transaction, username, role)?;
        let detail = format!("{} to {}", role_code(before.user.role), role_code(role));
        note("change_role", &detail)?;
    }
    if let Some(teams) = &change.teams {
        let mut sorted = teams.clone();
        sorted.sort();
        sorted.dedup();
        if sorted != before.user.teams {
            accounts::replace_teams(&transaction, username, &sorted)?;
            let detail = format!(
                "from [{}] to [{}]",
                before.user.teams.join(", "),
                sorted.join(", ")
            );
            note("change_teams", &detail)?;
        }
    }
    if let Some(disabled) = change.disabled.filter(|d| *d != before.disabled) {
        accounts::set_disabled(&transaction, username, disabled)?;
        if disabled {
            note("disable_user", "every session signed out")?;
        } else {
            note("enable_user", "")?;
        }
    }
    if !setup::has_admin(&transaction)? {
        return Err(StoreError::LastAdmin);
    }
    let (after, _) = accounts::account(&transaction, username)?
        .ok_or_else(|| StoreError::NoSuchUser(username.to_owned()))?;
    transaction.commit()?;
    Ok(after)
}
