//! Roles, the signed-in user, and the questions the app asks before offering something. The
//! answers all come from the table in [`crate::permissions`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::permissions::{may, reach, Act, Reach};

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

/// Why someone may not assess a competency or review a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    #[error(
        "nobody can sign off, send back or review their own work; another assessor must review it"
    )]
    OwnWork,
    #[error(
        "only a coordinator can sign off, send back or review someone's work; this account's role \
         is {role}"
    )]
    NotAssessor { role: Role },
    #[error("{learner} is not in any of this coordinator's teams; an assessor in their team must")]
    OtherTeam { learner: String },
}

pub fn can_create_engagement(user: &User) -> bool {
    may(user, Act::CreateEngagement, &user.username, false)
}

/// Whether `user` may change an engagement that `author` recorded, `team` being a team of the
/// author's.
pub fn can_edit_engagement(user: &User, author: &str, team: &str) -> bool {
    may(user, Act::EditEngagement, author, user.is_in(team))
}

/// Whether `user` may see an engagement that `author` recorded, `team` being a team of the
/// author's.
pub fn can_view_engagement(user: &User, author: &str, team: &str) -> bool {
    may(user, Act::ViewEngagement, author, user.is_in(team))
}

/// Whether `user` may see the training progress of `learner`, on a phone: the server sends a
/// phone only what its user may see, so holding a record stands for sharing a team.
pub fn can_view_progress(user: &User, learner: &str) -> bool {
    may(user, Act::ViewProgress, learner, true)
}

/// Whether `user` may sign off, or send back, a competency of `learner`, who shares a team with
/// them or not. The server checks the same against its own record of the teams.
pub fn can_assess(user: &User, learner: &str, shares_team: bool) -> Result<(), PermissionError> {
    // Checked first, so a coordinator who is also in training hears the real reason.
    if user.username == learner {
        return Err(PermissionError::OwnWork);
    }
    if user.role != Role::Coordinator {
        return Err(PermissionError::NotAssessor { role: user.role });
    }
    if !may(user, Act::AssessProgress, learner, shares_team) {
        return Err(PermissionError::OtherTeam {
            learner: learner.to_owned(),
        });
    }
    Ok(())
}

/// Whether `user` assesses anyone's training at all: whether to offer a review queue.
pub fn is_assessor(user: &User) -> bool {
    reach(user.role, Act::AssessProgress) != Reach::Nobody
}

/// [`can_assess`] for a record on this phone: the server sends a coordinator only the progress
/// of people in their teams, so holding it stands for sharing a team.
pub fn can_sign_off(user: &User, learner: &str) -> Result<(), PermissionError> {
    can_assess(user, learner, true)
}

/// Whether `user` may review an engagement that `author` recorded, who shares a team with them
/// or not: a coordinator in the author's team who is not the author.
pub fn can_review_engagement(user: &User, author: &str, shares_team: bool) -> bool {
    may(user, Act::ReviewEngagement, author, shares_team)
}

pub fn can_import_framework(user: &User) -> bool {
    may(user, Act::ImportFramework, &user.username, false)
}

/// Whether `user` may publish a framework to `team`: whoever manages teams, to any team; a
/// coordinator, to their own.
pub fn can_publish_to(user: &User, team: &str) -> bool {
    can_import_framework(user) && (can_manage_users(user) || user.is_in(team))
}

pub fn can_manage_users(user: &User) -> bool {
    may(user, Act::ManageUsers, &user.username, false)
}

/// Whether `user` may read the audit log, and export or erase a person's records.
pub fn can_protect_data(user: &User) -> bool {
    may(user, Act::ProtectData, &user.username, false)
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
    fn coordinators_publish_to_their_teams_admins_to_any() {
        let coordinator = user("pat", Role::Coordinator, &["brinnington"]);
        assert!(can_publish_to(&coordinator, "brinnington"));
        assert!(!can_publish_to(&coordinator, "reddish"));
        assert!(can_publish_to(&user("root", Role::Admin, &[]), "reddish"));
        for role in [Role::Outreach, Role::Learner] {
            assert!(!can_publish_to(
                &user("sam", role, &["brinnington"]),
                "brinnington"
            ));
        }
    }

    #[test]
    fn only_admins_protect_data() {
        for role in Role::ALL {
            assert_eq!(
                can_protect_data(&user("sam", role, &[])),
                role == Role::Admin
            );
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
    fn only_coordinators_see_their_teams_records() {
        let outreach = user("sam", Role::Outreach, &["brinnington"]);
        assert!(can_view_engagement(&outreach, "sam", "reddish"));
        assert!(!can_view_engagement(&outreach, "jo", "brinnington"));
        let coordinator = user("pat", Role::Coordinator, &["brinnington"]);
        assert!(can_view_engagement(&coordinator, "jo", "brinnington"));
        assert!(!can_view_engagement(&coordinator, "jo", "reddish"));
        let admin = user("root", Role::Admin, &["brinnington"]);
        assert!(!can_view_engagement(&admin, "jo", "brinnington"));
    }

    #[test]
    fn coordinators_see_the_progress_they_hold_others_their_own() {
        assert!(can_view_progress(
            &user("pat", Role::Coordinator, &[]),
            "ali"
        ));
        assert!(can_view_progress(&user("ali", Role::Learner, &[]), "ali"));
        assert!(!can_view_progress(&user("sam", Role::Outreach, &[]), "ali"));
        assert!(!can_view_progress(&user("root", Role::Admin, &[]), "ali"));
    }

    #[test]
    fn only_coordinators_of_the_team_assess_and_never_their_own_work() {
        let pat = user("pat", Role::Coordinator, &[]);
        assert_eq!(can_sign_off(&pat, "ali"), Ok(()));
        assert_eq!(can_sign_off(&pat, "pat"), Err(PermissionError::OwnWork));
        assert_eq!(
            can_assess(&pat, "ali", false),
            Err(PermissionError::OtherTeam {
                learner: "ali".to_owned()
            })
        );
        for role in [Role::Outreach, Role::Learner, Role::Admin] {
            assert_eq!(
                can_assess(&user("sam", role, &[]), "ali", true),
                Err(PermissionError::NotAssessor { role })
            );
        }
        assert!(can_review_engagement(&pat, "sam", true));
        assert!(!can_review_engagement(&pat, "sam", false));
        assert!(!can_review_engagement(&pat, "pat", true));
        assert!(!can_review_engagement(
            &user("sam", Role::Outreach, &[]),
            "sal",
            true
        ));
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

    #[test]
    fn only_coordinators_are_assessors() {
        for role in Role::ALL {
            let user = User {
                username: "sam".into(),
                role,
                teams: vec!["brinnington".into()],
            };
            assert_eq!(is_assessor(&user), role == Role::Coordinator, "{role}");
        }
    }
}
