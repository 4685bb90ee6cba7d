//! What a username, a password and a team's name must be. The command line, the set-up and
//! password pages and the API all check them here, so an account or team made any way meets
//! the same bar.

use crate::store::EVERY_TEAM;

/// The longest username: it is shown in every record's author field.
const MAX_USERNAME: usize = 100;
/// The longest team name: teams are areas, named in lists and reports.
const MAX_TEAM_NAME: usize = 60;
/// Short passwords are refused: accounts hold other people's records.
pub const MIN_PASSWORD: usize = 10;

/// Why `username` cannot name an account, if it cannot.
pub fn username_problem(username: &str) -> Option<String> {
    (username.trim().is_empty() || username.len() > MAX_USERNAME)
        .then(|| format!("A username must be 1 to {MAX_USERNAME} characters."))
}

/// Why `password` is too weak, if it is.
pub fn password_problem(password: &str) -> Option<String> {
    (password.chars().count() < MIN_PASSWORD)
        .then(|| format!("A password must be at least {MIN_PASSWORD} characters."))
}

/// The team name `typed` stands for, trimmed, or why it cannot name a team.
pub fn team_name(typed: &str) -> Result<String, String> {
    let name = typed.trim();
    let length = name.chars().count();
    if length == 0 || length > MAX_TEAM_NAME {
        return Err(format!(
            "A team name must be 1 to {MAX_TEAM_NAME} characters."
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(
            "A team name cannot hold tabs, line breaks or other control characters.".into(),
        );
    }
    if name == EVERY_TEAM {
        return Err(format!(
            "{EVERY_TEAM} stands for every team, so no team can be called it."
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_need_a_visible_character_and_fit_a_record() {
        assert!(username_problem("ada").is_none());
        assert!(username_problem("").is_some());
        assert!(username_problem("   ").is_some());
        assert!(username_problem(&"a".repeat(100)).is_none());
        assert!(username_problem(&"a".repeat(101)).is_some());
    }

    #[test]
    fn passwords_are_counted_in_characters_not_bytes() {
        assert!(password_problem("nine char").is_some());
        assert!(password_problem("ten chars!").is_none());
        assert!(
            password_problem("ééééééééé").is_some(),
            "nine characters, 18 bytes"
        );
    }

    #[test]
    fn team_names_are_trimmed_short_printable_and_never_every_team() {
        assert_eq!(team_name("  Brinnington "), Ok("Brinnington".to_owned()));
        assert_eq!(team_name(&"é".repeat(60)).map(|n| n.len()), Ok(120));
        for refused in ["", "   ", "*", " * ", "Brin\nnington", "Tab\there"] {
            assert!(team_name(refused).is_err(), "{refused:?}");
        }
        assert!(team_name(&"a".repeat(61)).is_err());
    }
}
