//! What an import would do, counted for a person: added, updated, unchanged, and each entry
//! rejected with the reason.

use crate::validate::Issue;

/// How many issues a rejection names before it says how many more there are: enough to act on,
/// short enough to read in a list.
const ISSUES_SHOWN: usize = 3;

/// The outcome of planning an import. Documents are counted once each, however many entries
/// in the file hold copies of them; `rejected` holds entries, documents and frameworks alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Documents this device did not have.
    pub added: usize,
    /// Documents the backup changes when merged in.
    pub updated: usize,
    /// Documents this device already holds everything of.
    pub unchanged: usize,
    pub rejected: Vec<Rejection>,
}

/// An entry of the file that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The entry's position in the file's `documents` or `frameworks`, from 0.
    pub index: usize,
    /// The entry for a person, counted from 1: `document 3 (engagement Tm-R4Uij…)`,
    /// `framework 1`.
    pub what: String,
    /// A sentence saying what is wrong with it.
    pub reason: String,
}

impl ImportReport {
    /// One sentence: "Added 3, updated 1, unchanged 5, rejected 2."
    pub fn summary(&self) -> String {
        format!(
            "Added {}, updated {}, unchanged {}, rejected {}.",
            self.added,
            self.updated,
            self.unchanged,
            self.rejected.len()
        )
    }
}

/// "2 problems: date: The date (2027-01-01) is in the future.; venue: The venue is required."
pub(super) fn summarise(issues: &[Issue]) -> String {
    let count = match issues.len() {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    };
    let shown: Vec<String> = issues
        .iter()
        .take(ISSUES_SHOWN)
        .map(Issue::to_string)
        .collect();
    let mut text = format!("{count}: {}", shown.join("; "));
    if issues.len() > ISSUES_SHOWN {
        text.push_str(&format!("; and {} more", issues.len() - ISSUES_SHOWN));
    }
    text
}
