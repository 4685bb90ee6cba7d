//! What a user's pulls carry, as SQL built from core's rules for who may view which kind of
//! record, so the query cannot say something the rules do not.

use fieldbook_core::permissions::{reach, Reach, VIEWS};
use fieldbook_core::roles::Role;

/// Owners who share a team with the user named by `?2`, the user included.
const TEAM_MATES: &str = "owner IN (SELECT theirs.username FROM user_teams mine
    JOIN user_teams theirs ON mine.team = theirs.team WHERE mine.username = ?2)";

/// A condition on a `documents` row: whether a user with `role`, named by the parameter `?2`,
/// may see it. One clause per kind of record, from the reach of the act of viewing it.
pub fn visible(role: Role) -> String {
    let clauses: Vec<String> = VIEWS
        .iter()
        .filter_map(|(kind, act)| {
            let owners = match reach(role, *act) {
                Reach::Nobody => return None,
                Reach::Own => "owner = ?2".to_owned(),
                Reach::TeamMates => format!("(owner <> ?2 AND {TEAM_MATES})"),
                Reach::OwnAndTeamMates => format!("(owner = ?2 OR {TEAM_MATES})"),
                Reach::Everyone => "1".to_owned(),
            };
            // Kinds are core's constants, never input, so they may be written into the SQL.
            Some(format!("(kind = '{kind}' AND {owners})"))
        })
        .collect();
    if clauses.is_empty() {
        "0".to_owned()
    } else {
        format!("({})", clauses.join(" OR "))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fieldbook_core::permissions::may_view;
    use fieldbook_core::roles::User;
    use fieldbook_core::Id;

    use super::super::{sync, SqliteStore};
    use crate::store::Store;

    /// A population of every role in overlapping teams, each owning a record of every kind:
    /// what each pulls must be exactly what core says they may view.
    #[test]
    fn pulls_carry_exactly_what_core_lets_each_user_view() {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        let teams = ["north", "south", "east"];
        for team in teams {
            store.add_team(team).unwrap();
        }
        let mut users = Vec::new();
        for n in 0..16usize {
            let role = fieldbook_core::roles::Role::ALL[n % 4];
            // Users in no team, one team, and two teams.
            let their_teams: Vec<String> = (0..n % 3)
                .map(|k| teams[(n + k) % teams.len()].to_owned())
                .collect();
            let user = User {
                username: format!("user{n}"),
                role,
                teams: their_teams,
            };
            store.add_user(&user, "hash").unwrap();
            users.push(user);
        }
        let connection = store.connection();
        let mut documents = Vec::new();
        for owner in users
            .iter()
            .map(|u| u.username.clone())
            .chain(["gone".into()])
        {
            for kind in ["engagement", "progress", "venue", "letter"] {
                let seq = documents.len() + 1;
                let id = Id::from_random([seq as u8; 16]);
                connection
                    .execute(
                        "INSERT INTO documents (id, kind, owner, replica, seq, deleted)
                         VALUES (?1, ?2, ?3, '{}', ?4, 0)",
                        (id.to_string(), kind, &owner, seq as i64),
                    )
                    .unwrap();
                documents.push((id, kind, owner.clone()));
            }
        }
        let teams_of = |name: &str| -> BTreeSet<&str> {
            users
                .iter()
                .filter(|u| u.username == name)
                .flat_map(|u| u.teams.iter().map(String::as_str))
                .collect()
        };
        for user in &users {
            let pulled: BTreeSet<Id> = sync::pull(&connection, user, None, 0, 1000)
                .unwrap()
                .changes
                .into_iter()
                .map(|change| change.id)
                .collect();
            let expected: BTreeSet<Id> = documents
                .iter()
                .filter(|(_, kind, owner)| {
                    let shares_team = !teams_of(&user.username).is_disjoint(&teams_of(owner));
                    may_view(user, kind, owner, shares_team)
                })
                .map(|(id, _, _)| *id)
                .collect();
            assert_eq!(pulled, expected, "{user:?}");
        }
        assert!(documents.len() > 60);
    }
}
