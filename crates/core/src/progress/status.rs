//! Where a learner stands with one competency, from not started to signed off.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The stages in order: a later stage compares greater, so "furthest along" is `max`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    NotStarted,
    Learning,
    Practising,
    #[serde(rename = "evidence")]
    EvidenceRecorded,
    Submitted,
    SignedOff,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::Learning,
        Status::Practising,
        Status::EvidenceRecorded,
        Status::Submitted,
        Status::SignedOff,
    ];

    /// The code stored on the wire, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Learning => "learning",
            Status::Practising => "practising",
            Status::EvidenceRecorded => "evidence",
            Status::Submitted => "submitted",
            Status::SignedOff => "signed_off",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::Learning => "Learning",
            Status::Practising => "Practising",
            Status::EvidenceRecorded => "Evidence recorded",
            Status::Submitted => "Submitted for sign-off",
            Status::SignedOff => "Signed off",
        }
    }

    /// Whether a competency at this stage must have at least one evidence note.
    pub fn needs_evidence(self) -> bool {
        self >= Status::EvidenceRecorded
    }

    /// Begun but not yet signed off.
    pub fn is_in_progress(self) -> bool {
        Status::Learning <= self && self <= Status::Submitted
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_what_serde_writes() {
        for status in Status::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.code()));
            assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
        }
    }

    #[test]
    fn stages_are_in_order() {
        assert!(Status::ALL.windows(2).all(|pair| pair[0] < pair[1]));
        let in_progress: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.is_in_progress())
            .collect();
        assert_eq!(
            in_progress,
            [
                Status::Learning,
                Status::Practising,
                Status::EvidenceRecorded,
                Status::Submitted
            ]
        );
        assert_eq!(Status::Submitted.to_string(), "Submitted for sign-off");
    }
}
