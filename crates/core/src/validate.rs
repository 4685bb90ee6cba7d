//! Validation results: every problem found, each with a machine code, the path to the field
//! and a sentence for a person.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One problem with a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable and machine-readable, such as `future_date` or `too_long`.
    pub code: String,
    /// Where the problem is, as a dotted path: `reach.age_bands.under_16`, `priorities[2].text`.
    pub path: String,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Collects issues as a validation walks a document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Issues(Vec<Issue>);

impl Issues {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            code: code.to_owned(),
            path: path.into(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Issue> {
        self.0.iter()
    }

    /// The codes found at `path`, for tests and for placing errors beside fields.
    pub fn codes_at(&self, path: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|issue| issue.path == path)
            .map(|issue| issue.code.as_str())
            .collect()
    }

    /// `Ok(())` when nothing was found, else every issue.
    pub fn into_result(self) -> Result<(), Vec<Issue>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    /// Required text: present, and within `limit` characters.
    pub fn text(&mut self, path: &str, label: &str, value: &str, limit: usize) {
        if value.trim().is_empty() {
            self.push("required", path, format!("{label} is required."));
        }
        self.optional_text(path, label, value, limit);
    }

    /// Optional text: within `limit` characters.
    pub fn optional_text(&mut self, path: &str, label: &str, value: &str, limit: usize) {
        let length = value.chars().count();
        if length > limit {
            self.push(
                "too_long",
                path,
                format!("{label} is {length} characters long; the most allowed is {limit}."),
            );
        }
    }

    /// A count of people: not negative, and not absurd.
    pub fn count(&mut self, path: &str, label: &str, value: i64) {
        if value < 0 {
            self.push("negative", path, format!("{label} cannot be negative."));
        } else if value > MAX_COUNT {
            self.push(
                "too_large",
                path,
                format!("{label} is {value}; counts above {MAX_COUNT} are not plausible."),
            );
        }
    }
}

impl IntoIterator for Issues {
    type Item = Issue;
    type IntoIter = std::vec::IntoIter<Issue>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The largest count of people any one record may hold.
pub const MAX_COUNT: i64 = 100_000;

/// The longest any free text may be, in characters.
pub const MAX_TEXT: usize = 10_000;

/// The longest a short text (a venue, a title, a lead) may be, in characters.
pub const MAX_SHORT_TEXT: usize = 200;
