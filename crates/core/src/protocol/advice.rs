//! What a person can do about a change the server refused, by the refusal's code. The server's
//! message says what was wrong; this says what to do next, in the app's words.

/// The next step for a refusal `code`, if the app knows one.
pub fn advice(code: &str) -> Option<&'static str> {
    Some(match code {
        "clock_ahead" => {
            "This phone's clock was ahead of the server's when it saved these. Set the phone's \
             date and time (automatic is best); the next sync stamps them again and sends them."
        }
        "unknown_version" | "unknown_fields" => {
            "This phone's version of Fieldbook is newer than the server's. The records wait \
             here; ask whoever runs the server to update it."
        }
        "too_large" => "The record is too big to sync. Shorten its notes or lists, and save it.",
        "invalid" => "Open the record, put right what is listed, and save it.",
        "not_yours" | "owner_changed" | "kind_mismatch" | "forbidden" | "own_work"
        | "not_assessor" | "other_team" | "review_by_other" => {
            "Your account may not make this change. Ask your coordinator if you think it should."
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::advice;

    #[test]
    fn a_clock_ahead_says_to_set_the_clock() {
        assert!(advice("clock_ahead").unwrap().contains("date and time"));
        assert_eq!(advice("something new"), None);
    }
}
