//! Who may do what, as one table: the app decides what to offer from it, the server what to
//! store and what each pull carries, and the authorisation tests are generated from it.
//!
//! | rule | outreach | learner | coordinator | admin |
//! | --- | --- | --- | --- | --- |
//! | create an engagement | their own | their own | their own | no |
//! | edit an engagement | their own | their own | their own and their team mates' | no |
//! | review an engagement | no | no | their team mates', not their own | no |
//! | view an engagement | their own | their own | their own and their team mates' | no |
//! | keep their training progress | their own | their own | their own | no |
//! | sign off or send back a competency | no | no | their team mates', not their own | no |
//! | view training progress | their own | their own | their own and their team mates' | no |
//! | keep a remembered venue | their own | their own | their own | no |
//! | view a remembered venue | their own | their own | their own and their team mates' | no |
//! | publish a competency framework | no | no | yes | yes |
//! | manage users and teams | no | no | no | yes |
//! | read the audit log, export or erase a person's records | no | no | no | yes |
//!
//! "Their own" is a record whose owner (an engagement's author, a progress record's learner,
//! whoever first sent a venue) is the signed-in user; a team mate is someone who shares a team
//! with them. Progress belongs to a username, not a role: outreach staff and coordinators train
//! too. Coordinators are the assessors, and assess only people in their own teams, never
//! themselves. Admins manage accounts and teams but neither assess nor read records: access to
//! records follows team membership, which keeps personal data to the people who need it (UK GDPR
//! data minimisation). An admin who also assesses needs a coordinator account. A coordinator
//! publishes frameworks to their own teams, an admin to any ([`crate::roles::can_publish_to`]).
//!
//! Whether a pushed change may be stored is worked out from what it changes ([`edit`]): each
//! changed part of a record is one of the acts above, which [`write`] checks.

pub mod edit;
pub mod write;

use crate::model::{Engagement, Venue};
use crate::progress::Progress;
use crate::roles::{Role, User};
use crate::Document;

/// Something a user may or may not do, usually to a record with an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Act {
    CreateEngagement,
    EditEngagement,
    ReviewEngagement,
    ViewEngagement,
    KeepProgress,
    AssessProgress,
    ViewProgress,
    KeepVenue,
    ViewVenue,
    ImportFramework,
    ManageUsers,
    ProtectData,
}

/// Whose records a role may do an act to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    Nobody,
    Own,
    /// People who share a team with the user, but not the user: assessing one's own work is
    /// never allowed.
    TeamMates,
    OwnAndTeamMates,
    /// Anyone's; for acts not about a record, simply yes.
    Everyone,
}

impl Reach {
    /// Whether a user may act on a record owned by someone who is the user (`own`) or shares a
    /// team with them (`shares_team`).
    pub fn covers(self, own: bool, shares_team: bool) -> bool {
        match self {
            Reach::Nobody => false,
            Reach::Own => own,
            Reach::TeamMates => !own && shares_team,
            Reach::OwnAndTeamMates => own || shares_team,
            Reach::Everyone => true,
        }
    }

    fn wording(self) -> &'static str {
        match self {
            Reach::Nobody => "no",
            Reach::Own => "their own",
            Reach::TeamMates => "their team mates', not their own",
            Reach::OwnAndTeamMates => "their own and their team mates'",
            Reach::Everyone => "yes",
        }
    }
}

/// One row of the table: an act, how people say it, and its reach for each role in
/// [`Role::ALL`] order (outreach, learner, coordinator, admin).
pub struct Rule {
    pub act: Act,
    pub wording: &'static str,
    pub reach: [Reach; 4],
}

use Reach::{Everyone as Yes, Nobody as No, Own, OwnAndTeamMates as OwnAndTeam, TeamMates};

/// The rules. Everything else in this module, and the server's checks, read them from here.
#[rustfmt::skip]
pub const RULES: [Rule; 12] = [
    //   act                    wording                                 outreach learner coordinator admin
    rule(Act::CreateEngagement, "create an engagement",                 [Own, Own, Own,        No]),
    rule(Act::EditEngagement,   "edit an engagement",                   [Own, Own, OwnAndTeam, No]),
    rule(Act::ReviewEngagement, "review an engagement",                 [No,  No,  TeamMates,  No]),
    rule(Act::ViewEngagement,   "view an engagement",                   [Own, Own, OwnAndTeam, No]),
    rule(Act::KeepProgress,     "keep their training progress",         [Own, Own, Own,        No]),
    rule(Act::AssessProgress,   "sign off or send back a competency",   [No,  No,  TeamMates,  No]),
    rule(Act::ViewProgress,     "view training progress",               [Own, Own, OwnAndTeam, No]),
    rule(Act::KeepVenue,        "keep a remembered venue",              [Own, Own, Own,        No]),
    rule(Act::ViewVenue,        "view a remembered venue",              [Own, Own, OwnAndTeam, No]),
    rule(Act::ImportFramework,  "publish a competency framework",       [No,  No,  Yes,        Yes]),
    rule(Act::ManageUsers,      "manage users and teams",               [No,  No,  No,         Yes]),
    rule(Act::ProtectData,      "read the audit log, export or erase a person's records",
                                                                        [No,  No,  No,         Yes]),
];

const fn rule(act: Act, wording: &'static str, reach: [Reach; 4]) -> Rule {
    Rule {
        act,
        wording,
        reach,
    }
}

/// How far `role` may do `act`.
pub fn reach(role: Role, act: Act) -> Reach {
    let column = Role::ALL
        .iter()
        .position(|r| *r == role)
        .expect("Role::ALL lists every role");
    RULES
        .iter()
        .find(|rule| rule.act == act)
        .map_or(Reach::Nobody, |rule| rule.reach[column])
}

/// Whether `user` may do `act` to a record owned by `owner`, who shares a team with them or not.
/// For acts not about a record, pass the user's own name as `owner`.
pub fn may(user: &User, act: Act, owner: &str, shares_team: bool) -> bool {
    reach(user.role, act).covers(user.username == owner, shares_team)
}

/// The kinds of record the server keeps, and the act that lets someone see each.
pub const VIEWS: [(&str, Act); 3] = [
    (Engagement::KIND, Act::ViewEngagement),
    (Progress::KIND, Act::ViewProgress),
    (Venue::KIND, Act::ViewVenue),
];

/// Whether `user` may see a record of `kind` owned by `owner`. A kind not in [`VIEWS`] is seen
/// by nobody.
pub fn may_view(user: &User, kind: &str, owner: &str, shares_team: bool) -> bool {
    VIEWS
        .iter()
        .find(|(known, _)| *known == kind)
        .is_some_and(|(_, act)| may(user, *act, owner, shares_team))
}

/// Whether `user` may see any record at all: those who may not (admins) neither push nor pull.
pub fn keeps_records(user: &User) -> bool {
    VIEWS
        .iter()
        .any(|(_, act)| reach(user.role, *act) != Reach::Nobody)
}

/// The table above as Markdown, one row per rule: what the module's documentation must say.
pub fn table_markdown() -> String {
    let mut out = String::from("| rule | outreach | learner | coordinator | admin |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for rule in &RULES {
        out.push_str(&format!("| {} |", rule.wording));
        for reach in rule.reach {
            out.push_str(&format!(" {} |", reach.wording()));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(username: &str, role: Role) -> User {
        User {
            username: username.to_owned(),
            role,
            teams: vec!["brinnington".to_owned()],
        }
    }

    #[test]
    fn the_documentation_shows_the_table_as_it_is() {
        let source = include_str!("mod.rs");
        let documented: String = source
            .lines()
            .filter_map(|line| line.strip_prefix("//! |"))
            .map(|rest| format!("|{rest}\n"))
            .collect();
        assert_eq!(documented, table_markdown());
        let protocol = include_str!("../../../../docs/sync-protocol.md");
        assert!(
            protocol.contains(&table_markdown()),
            "docs/sync-protocol.md shows the table as it is"
        );
    }

    #[test]
    fn every_act_has_exactly_one_rule() {
        for (index, rule) in RULES.iter().enumerate() {
            assert!(
                RULES[index + 1..].iter().all(|other| other.act != rule.act),
                "{:?} twice",
                rule.act
            );
        }
        assert_eq!(RULES.len(), 12);
    }

    #[test]
    fn nobody_assesses_their_own_work_or_another_teams() {
        let pat = user("pat", Role::Coordinator);
        for act in [Act::AssessProgress, Act::ReviewEngagement] {
            assert!(may(&pat, act, "ali", true), "{act:?}");
            assert!(!may(&pat, act, "ali", false), "{act:?} across teams");
            assert!(!may(&pat, act, "pat", true), "{act:?} of their own");
            for role in [Role::Outreach, Role::Learner, Role::Admin] {
                assert!(!may(&user("sam", role), act, "ali", true), "{role} {act:?}");
            }
        }
    }

    #[test]
    fn records_are_their_owners_and_coordinators_see_their_teams() {
        for role in [Role::Outreach, Role::Learner] {
            let sam = user("sam", role);
            for (_, act) in VIEWS {
                assert!(may(&sam, act, "sam", false));
                assert!(!may(&sam, act, "sal", true), "{role} {act:?}");
            }
        }
        let pat = user("pat", Role::Coordinator);
        assert!(may_view(&pat, "progress", "ali", true));
        assert!(!may_view(&pat, "progress", "ali", false));
        assert!(!may_view(&pat, "letter", "pat", true), "unknown kinds");
        assert!(!may_view(
            &user("root", Role::Admin),
            "engagement",
            "root",
            true
        ));
    }

    #[test]
    fn only_owners_create_and_keep() {
        let pat = user("pat", Role::Coordinator);
        for act in [Act::CreateEngagement, Act::KeepProgress, Act::KeepVenue] {
            assert!(may(&pat, act, "pat", false));
            assert!(!may(&pat, act, "ali", true), "{act:?}");
        }
        assert!(may(&pat, Act::EditEngagement, "ali", true));
    }
}
