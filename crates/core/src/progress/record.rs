//! The progress document: one learner's stage, evidence and latest review for one competency.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::status::Status;
use crate::document::{Context, Document};
use crate::id::{ElementId, Id};
use crate::validate::{Issue, Issues, MAX_SHORT_TEXT, MAX_TEXT};

/// One learner's progress on one competency of one framework. Wire names are short; the Rust
/// names say what they mean. Optional fields are written as null rather than left out, so every
/// key is always present; they decode from an absent key too, because a replica stores no
/// empty values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub id: Id,
    /// The learner's username.
    #[serde(rename = "ln")]
    pub learner: String,
    /// The framework's slug, such as `nos-cd-2023`.
    #[serde(rename = "fw")]
    pub framework: String,
    /// The competency's code within the framework.
    #[serde(rename = "cp")]
    pub competency: String,
    #[serde(rename = "st", default)]
    pub status: Status,
    /// Append-only: notes are added, never edited or removed, so what was assessed stays on record.
    #[serde(rename = "ev", default)]
    pub evidence: Vec<Evidence>,
    /// The latest review. A send-back stays here after the learner moves on, so its comment is
    /// still there to read; the next review replaces it.
    #[serde(rename = "rv", default)]
    pub review: Option<Review>,
}

/// A dated note of what was done and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(rename = "i")]
    pub id: ElementId,
    #[serde(rename = "on", with = "crate::day")]
    pub date: NaiveDate,
    /// Empty only once a long-deleted progress record has been cleared.
    #[serde(rename = "x", default)]
    pub note: String,
    /// The engagement record it came from, if any.
    #[serde(rename = "en", default)]
    pub engagement: Option<Id>,
}

/// An assessor's decision on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The assessor's username.
    #[serde(rename = "by")]
    pub by: String,
    #[serde(rename = "on", with = "crate::day")]
    pub date: NaiveDate,
    #[serde(rename = "o")]
    pub outcome: Outcome,
    /// Required when sent back: what the learner should do next.
    #[serde(rename = "c", default)]
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    SignedOff,
    SentBack,
}

impl Progress {
    /// A competency not yet started.
    pub fn new(id: Id, learner: &str, framework: &str, competency: &str) -> Self {
        Self {
            id,
            learner: learner.to_owned(),
            framework: framework.to_owned(),
            competency: competency.to_owned(),
            status: Status::NotStarted,
            evidence: Vec::new(),
            review: None,
        }
    }
}

impl Document for Progress {
    const KIND: &'static str = "progress";
    const VERSION: u32 = 1;
    const LISTS: &'static [&'static str] = &["ev"];
    /// The learner, which competency it was, and each evidence note's date.
    const KEPT_WHEN_CLEARED: &'static [&'static str] = &["ln", "fw", "cp", "on"];

    fn id(&self) -> Id {
        self.id
    }

    fn validate(&self, context: &Context) -> Result<(), Vec<Issue>> {
        let mut issues = Issues::new();
        // A day ahead is allowed, for time zones and clocks that are slightly off.
        let latest = context.now.date() + Days::new(1);
        issues.text("learner", "The learner", &self.learner, MAX_SHORT_TEXT);
        issues.text(
            "framework",
            "The framework",
            &self.framework,
            MAX_SHORT_TEXT,
        );
        issues.text(
            "competency",
            "The competency",
            &self.competency,
            MAX_SHORT_TEXT,
        );

        let mut seen = BTreeSet::new();
        for (index, evidence) in self.evidence.iter().enumerate() {
            let at = |field: &str| format!("evidence[{index}].{field}");
            if !seen.insert(evidence.id) {
                issues.push(
                    "duplicate_id",
                    format!("evidence[{index}]"),
                    format!("Two evidence notes share the id {}.", evidence.id),
                );
            }
            if evidence.date > latest {
                issues.push(
                    "future_date",
                    at("date"),
                    format!("The evidence date ({}) is in the future.", evidence.date),
                );
            }
            issues.text(&at("note"), "The evidence note", &evidence.note, MAX_TEXT);
        }
        if self.status.needs_evidence() && self.evidence.is_empty() {
            issues.push(
                "no_evidence",
                "evidence",
                format!(
                    "A competency at \"{}\" needs at least one evidence note.",
                    self.status
                ),
            );
        }

        if let Some(review) = &self.review {
            issues.text("review.by", "The assessor", &review.by, MAX_SHORT_TEXT);
            if review.by == self.learner {
                issues.push(
                    "self_review",
                    "review.by",
                    "Nobody can review their own competency; another assessor must.",
                );
            }
            if review.date > latest {
                issues.push(
                    "future_date",
                    "review.date",
                    format!("The review date ({}) is in the future.", review.date),
                );
            }
            match review.outcome {
                Outcome::SentBack => {
                    issues.text(
                        "review.comment",
                        "The reason for sending it back",
                        &review.comment,
                        MAX_TEXT,
                    );
                }
                Outcome::SignedOff => {
                    issues.optional_text(
                        "review.comment",
                        "The comment",
                        &review.comment,
                        MAX_TEXT,
                    );
                }
            }
        }
        let signed = matches!(&self.review, Some(r) if r.outcome == Outcome::SignedOff);
        if self.status == Status::SignedOff && !signed {
            issues.push(
                "required",
                "review",
                "A signed-off competency must record who signed it off and when.",
            );
        }
        issues.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        Context {
            now: NaiveDate::from_ymd_opt(2026, 6, 10)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn evidence(n: u8, date: NaiveDate, note: &str) -> Evidence {
        Evidence {
            id: ElementId::new(1_780_000_000_000 + u64::from(n) * 1000, [n; 4]),
            date,
            note: note.to_owned(),
            engagement: None,
        }
    }

    fn signed_off() -> Progress {
        let mut progress = Progress::new(Id::from_random([1; 16]), "ali", "nos-cd-2023", "07");
        progress.status = Status::SignedOff;
        progress
            .evidence
            .push(evidence(1, day(2), "Walked the estate with residents."));
        progress.review = Some(Review {
            by: "pat".to_owned(),
            date: day(9),
            outcome: Outcome::SignedOff,
            comment: String::new(),
        });
        progress
    }

    #[test]
    fn a_signed_off_record_is_valid() {
        assert_eq!(signed_off().validate(&context()), Ok(()));
        let fresh = Progress::new(Id::from_random([2; 16]), "ali", "nos-cd-2023", "01");
        assert_eq!(fresh.validate(&context()), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad = signed_off();
        bad.competency = String::new();
        bad.evidence.push(evidence(2, day(12), " "));
        bad.evidence
            .push(evidence(3, day(11), &"x".repeat(MAX_TEXT + 1)));
        bad.evidence[2].id = bad.evidence[0].id;
        bad.review = Some(Review {
            by: "ali".to_owned(),
            date: day(12),
            outcome: Outcome::SentBack,
            comment: String::new(),
        });
        let found: Vec<(String, String)> = bad
            .validate(&context())
            .unwrap_err()
            .into_iter()
            .map(|issue| (issue.path, issue.code))
            .collect();
        assert_eq!(
            found,
            [
                ("competency", "required"),
                ("evidence[1].date", "future_date"),
                ("evidence[1].note", "required"),
                ("evidence[2]", "duplicate_id"),
                ("evidence[2].note", "too_long"),
                ("review.by", "self_review"),
                ("review.date", "future_date"),
                ("review.comment", "required"),
                ("review", "required"),
            ]
            .map(|(path, code)| (path.to_owned(), code.to_owned()))
        );
    }

    #[test]
    fn tomorrow_is_allowed_but_not_the_day_after() {
        let mut progress = signed_off();
        progress.evidence[0].date = day(11);
        assert_eq!(progress.validate(&context()), Ok(()));
        progress.evidence[0].date = day(12);
        assert!(progress.validate(&context()).is_err());
    }

    #[test]
    fn later_stages_need_evidence() {
        for status in Status::ALL {
            let mut progress = Progress::new(Id::from_random([3; 16]), "ali", "nos-cd-2023", "01");
            progress.status = status;
            let codes: Vec<String> = progress
                .validate(&context())
                .err()
                .unwrap_or_default()
                .into_iter()
                .filter(|issue| issue.path == "evidence")
                .map(|issue| issue.code)
                .collect();
            let expected: &[&str] = if status.needs_evidence() {
                &["no_evidence"]
            } else {
                &[]
            };
            assert_eq!(codes, expected, "{status:?}");
        }
    }

    #[test]
    fn every_key_is_written_and_empty_ones_may_be_absent() {
        let progress = Progress::new(Id::from_random([4; 16]), "ali", "nos-cd-2023", "01");
        let json = serde_json::to_value(&progress).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 7, "{keys:?}");
        assert_eq!(json["rv"], serde_json::Value::Null);
        let sparse = format!(
            r#"{{"id":"{}","ln":"ali","fw":"nos-cd-2023","cp":"01"}}"#,
            progress.id
        );
        let decoded: Progress = serde_json::from_str(&sparse).unwrap();
        assert_eq!(
            (decoded.status, decoded.evidence.len(), decoded.review),
            (Status::NotStarted, 0, None)
        );
    }
}
