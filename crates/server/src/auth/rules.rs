//! What a username and a password must be. The command line and the set-up page both check
//! them here, so an account made either way meets the same bar.

/// The longest username: it is shown in every record's author field.
const MAX_USERNAME: usize = 100;
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
}
