//! The administration API: accounts, teams and password links for whoever manages users; a
//! person's records, erasure, the audit log and the contact details setting for whoever protects
//! data. Who may do what comes
//! from `fieldbook_core::roles`; every change is audited with the acting person as its actor.

pub(super) mod organisation;
pub(super) mod protection;
pub(super) mod teams;
pub(super) mod users;

use fieldbook_core::roles::{can_manage_users, can_protect_data};

use crate::auth::Authenticated;
use crate::error::AppError;

pub(super) fn manages_users(session: &Authenticated) -> Result<(), AppError> {
    if !can_manage_users(&session.user) {
        return Err(AppError::Forbidden(
            "Only an administrator can manage accounts and teams.".into(),
        ));
    }
    Ok(())
}

pub(super) fn protects_data(session: &Authenticated) -> Result<(), AppError> {
    if !can_protect_data(&session.user) {
        return Err(AppError::Forbidden(
            "Only an administrator can read the audit log, handle a person's records or set how \
             contact details are kept."
                .into(),
        ));
    }
    Ok(())
}
