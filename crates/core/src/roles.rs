//! Who may do what: roles, the signed-in user, and the permission rules as pure functions.
//!
//! | rule | outreach | learner | coordinator | admin |
//! | --- | --- | --- | --- | --- |
//! | create an engagement | yes | yes | yes | no |
//! | edit an engagement | their own | their own | their own, and any in their teams | no |
//! | view an engagement | their own, and any in their teams | their own | their own, and any in their teams | no |
//! | view training progress | their own | their own | their own, and everyone's | no |
//! | sign off or send back a competency | no | no | anyone's but their own | no |
//! | import a competency framework | no | no | yes | yes |
//! | manage users and teams | no | no | no | yes |
//!
//! Progress belongs to a username, not a role: outreach staff and coordinators train too, so
//! anyone can keep their own progress. Coordinators are the assessors. Admins manage accounts
//! and teams but neither assess nor read records: access to records follows team membership,
//! which keeps personal data to the people who need it (UK GDPR data minimisation). An admin who
//! also assesses needs a coordinator account. Sign-off is not limited to a coordinator's teams,
//! because a cohort of learners often spans teams and an assessor may come from another area.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Records engagements in the field.
    Outreach,
    /// An activist or worker in training.
    Learner,
    /// A neighbourhood co-ordinator, team lead or assessor.
    Coordinator,
    /// Manages users and teams.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Outreach,
        Role::Learner,
        Role::Coordinator,
        Role::Admin,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Outreach => "Outreach worker",
            Role::Learner => "Learner",
            Role::Coordinator => "Coordinator",
            Role::Admin => "Administrator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The signed-in person, as far as permissions care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    pub role: Role,
    /// The teams whose records this user shares.
    #[serde(default)]
    pub teams: Vec<String>,
}

impl User {
    fn is_in(&self, team: &str) -> bool {
        self.teams.iter().any(|t| t == team)
    }
}

/// Why someone may not assess a competency.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    #[error(
        "nobody can sign off or send back their own competency; another assessor must review it"
    )]
    OwnWork,
    #[error(
        "only a coordinator can sign off or send back a competency; this account's role is {role}"
    )]
    NotAssessor { role: Role },
}

pub fn can_create_engagement(user: &User) -> bool {
    user.role != Role::Admin
}

/// Whether `user` may change an engagement that `author` recorded for `team`.
pub fn can_edit_engagement(user: &User, author: &str, team: &str) -> bool {
    match user.role {
        Role::Outreach | Role::Learner => user.username == author,
        Role::Coordinator => user.username == author || user.is_in(team),
        Role::Admin => false,
    }
}

/// Whether `user` may see an engagement that `author` recorded for `team`.
pub fn can_view_engagement(user: &User, author: &str, team: &str) -> bool {
    match user.role {
        Role::Learner => user.username == author,
        Role::Outreach | Role::Coordinator => user.username == author || user.is_in(team),
        Role::Admin => false,
    }
}

/// Whether `user` may see the training progress of `learner`.
pub fn can_view_progress(user: &User, learner: &str) -> bool {
    match user.role {
        Role::Coordinator => true,
        Role::Admin => false,
        Role::Outreach | Role::Learner => user.username == learner,
    }
}

/// Whether `user` may sign off, or send back, a competency of `learner`.
pub fn can_sign_off(user: &User, learner: &str) -> Result<(), PermissionError> {
    // Checked first, so a coordinator who is also in training hears the real reason.
    if user.username == learner {
        return Err(PermissionError::OwnWork);
    }
    match user.role {
        Role::Coordinator => Ok(()),
        role => Err(PermissionError::NotAssessor { role }),
    }
}

pub fn can_import_framework(user: &User) -> bool {
    matches!(user.role, Role::Coordinator | Role::Admin)
}

pub fn can_manage_users(user: &User) -> bool {
    user.role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(username: &str, role: Role, teams: &[&str]) -> User {
        User {
            username: username.to_owned(),
            role,
            teams: teams.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn everyone_but_admins_records_engagements() {
        for role in Role::ALL {
            let expected = role != Role::Admin;
            assert_eq!(
                can_create_engagement(&user("sam", role, &[])),
                expected,
                "{role}"
            );
        }
    }

    #[test]
    fn editing_follows_authorship_and_teams() {
        let outreach = user("sam", Role::Outreach, &["brinnington"]);
        assert!(can_edit_engagement(&outreach, "sam", "reddish"));
        assert!(!can_edit_engagement(&outreach, "jo", "brinnington"));
        let coordinator = user("pat", Role::Coordinator, &["brinnington"]);
        assert!(can_edit_engagement(&coordinator, "jo", "brinnington"));
        assert!(!can_edit_engagement(&coordinator, "jo", "reddish"));
        assert!(can_edit_engagement(&coordinator, "pat", "reddish"));
        let admin = user("root", Role::Admin, &["brinnington"]);
        assert!(!can_edit_engagement(&admin, "root", "brinnington"));
    }

    #[test]
    fn viewing_follows_teams_except_for_learners() {
        let outreach = user("sam", Role::Outreach, &["brinnington"]);
        assert!(can_view_engagement(&outreach, "jo", "brinnington"));
        assert!(!can_view_engagement(&outreach, "jo", "reddish"));
        let learner = user("ali", Role::Learner, &["brinnington"]);
        assert!(can_view_engagement(&learner, "ali", "brinnington"));
        assert!(!can_view_engagement(&learner, "jo", "brinnington"));
        let admin = user("root", Role::Admin, &["brinnington"]);
        assert!(!can_view_engagement(&admin, "jo", "brinnington"));
    }

    #[test]
    fn coordinators_see_everyones_progress_others_their_own() {
        assert!(can_view_progress(
            &user("pat", Role::Coordinator, &[]),
            "ali"
        ));
        assert!(can_view_progress(&user("ali", Role::Learner, &[]), "ali"));
        assert!(!can_view_progress(&user("sam", Role::Outreach, &[]), "ali"));
        assert!(!can_view_progress(&user("root", Role::Admin, &[]), "ali"));
    }

    #[test]
    fn only_coordinators_assess_and_never_their_own_work() {
        assert_eq!(
            can_sign_off(&user("pat", Role::Coordinator, &[]), "ali"),
            Ok(())
        );
        assert_eq!(
            can_sign_off(&user("pat", Role::Coordinator, &[]), "pat"),
            Err(PermissionError::OwnWork)
        );
        for role in [Role::Outreach, Role::Learner, Role::Admin] {
            assert_eq!(
                can_sign_off(&user("sam", role, &[]), "ali"),
                Err(PermissionError::NotAssessor { role })
            );
        }
    }

    #[test]
    fn admins_manage_users_and_share_framework_imports() {
        let admin = user("root", Role::Admin, &[]);
        let coordinator = user("pat", Role::Coordinator, &[]);
        assert!(can_manage_users(&admin) && !can_manage_users(&coordinator));
        assert!(can_import_framework(&admin) && can_import_framework(&coordinator));
        assert!(!can_import_framework(&user("ali", Role::Learner, &[])));
    }

    #[test]
    fn roles_serialise_as_short_codes() {
        let json = serde_json::to_string(&user("pat", Role::Coordinator, &["reddish"])).unwrap();
        assert_eq!(
            json,
            r#"{"username":"pat","role":"coordinator","teams":["reddish"]}"#
        );
    }
}
