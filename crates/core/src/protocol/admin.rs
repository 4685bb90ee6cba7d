//! The administration API's messages (`/api/v1/admin/…`): accounts, teams, one-time password
//! links, the audit log and published frameworks. The server and the admin app both use these.

use serde::{Deserialize, Serialize};

use crate::roles::{Role, User};

/// An account as an administrator sees it (`GET /api/v1/admin/users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user: User,
    pub disabled: bool,
    /// False until the person has used their first password link.
    pub password_set: bool,
}

/// `POST /api/v1/admin/users`: a new account, with no password until its person sets one from
/// the link in the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub role: Role,
    #[serde(default)]
    pub teams: Vec<String>,
}

/// `PATCH /api/v1/admin/users/{username}`: what to change; what is left out stays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

/// A one-time link that lets a person set their password, for an administrator to pass on. The
/// answer to adding a user and to `POST /api/v1/admin/users/{username}/password-link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    pub username: String,
    /// The link's path and code, such as `/password?code=…`, on the server's own origin.
    pub path: String,
    pub expires_at_ms: u64,
}

/// A team and who is in it (`GET /api/v1/admin/teams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub members: Vec<String>,
}

/// `POST /api/v1/admin/teams` (a new team), and `PATCH /api/v1/admin/teams/{name}` (its new
/// name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamName {
    pub name: String,
}

/// An entry in the audit log (`GET /api/v1/admin/audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at_ms: u64,
    /// Who did it: a username, or `console` for the command line.
    pub actor: String,
    pub action: String,
    /// Whom or what it was done to.
    pub subject: String,
    pub detail: String,
}

/// The query of `GET /api/v1/admin/audit`: every filter given must match; newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries whose actor or subject is this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// At or after, in milliseconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_ms: Option<u64>,
    /// Before, in milliseconds since the Unix epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_ms: Option<u64>,
    /// At most this many; the server caps it at [`AUDIT_PAGE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

/// The most audit entries one answer carries.
pub const AUDIT_PAGE: usize = 500;

/// Where a framework is published (`GET /api/v1/admin/frameworks`), one row per team; the team
/// `*` is every team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub id: String,
    pub title: String,
    pub version: String,
    pub team: String,
    pub published_by: String,
    pub published_ms: u64,
}

/// What the audit log records, as stored and in words, in the order the admin app offers them
/// as a filter.
pub const AUDIT_ACTIONS: [(&str, &str); 19] = [
    ("sign_in", "Signed in"),
    ("sign_in_failed", "Failed to sign in"),
    ("sign_out", "Signed out"),
    ("revoke_session", "Signed a device out"),
    ("add_user", "Added an account"),
    ("password_link", "Made a password link"),
    ("set_password", "Set a password from a link"),
    ("reset_password", "Set a password at the command line"),
    ("change_role", "Changed a role"),
    ("change_teams", "Changed someone's teams"),
    ("disable_user", "Disabled an account"),
    ("enable_user", "Enabled an account"),
    ("add_team", "Added a team"),
    ("rename_team", "Renamed a team"),
    ("publish_framework", "Published a framework"),
    ("export_user", "Exported a person's records"),
    ("erase_user", "Erased a person"),
    (
        "change_organisation",
        "Changed how contact details are kept",
    ),
    ("purge", "Purged personal data past its date"),
];

/// An audit action in words, or its code where this version does not know it.
pub fn audit_action(code: &str) -> &str {
    AUDIT_ACTIONS
        .iter()
        .find(|(known, _)| *known == code)
        .map_or(code, |(_, words)| words)
}
