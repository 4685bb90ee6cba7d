//! What a user's pulls carry, as SQL built from core's rules for who may view which kind of
//! record, so the query cannot say something the rules do not. The SQL is the same for SQLite
//! and PostgreSQL; only how the user's name is bound differs.

use fieldbook_core::permissions::{reach, Reach, VIEWS};
use fieldbook_core::roles::Role;

/// A condition on a `documents` row: whether a user with `role`, named by the parameter `user`
/// (`?2` in SQLite, `$2` in PostgreSQL), may see it. One clause per kind of record, from the
/// reach of the act of viewing it.
pub fn visible(role: Role, user: &str) -> String {
    // Owners who share a team with the user, the user included.
    let team_mates = format!(
        "owner IN (SELECT theirs.username FROM user_teams mine
           JOIN user_teams theirs ON mine.team = theirs.team WHERE mine.username = {user})"
    );
    let clauses: Vec<String> = VIEWS
        .iter()
        .filter_map(|(kind, act)| {
            let owners = match reach(role, *act) {
                Reach::Nobody => return None,
                Reach::Own => format!("owner = {user}"),
                Reach::TeamMates => format!("(owner <> {user} AND {team_mates})"),
                Reach::OwnAndTeamMates => format!("(owner = {user} OR {team_mates})"),
                Reach::Everyone => "TRUE".to_owned(),
            };
            // Kinds are core's constants, never input, so they may be written into the SQL.
            Some(format!("(kind = '{kind}' AND {owners})"))
        })
        .collect();
    if clauses.is_empty() {
        "FALSE".to_owned()
    } else {
        format!("({})", clauses.join(" OR "))
    }
}
