//! An engagement: one occasion of hearing from a community, and what followed from it.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::follow_up::{Action, Feedback, Priority, ACTION_DONE, ACTION_DROPPED};
use super::reach::Reach;
use crate::document::{Context, Document};
use crate::id::{ElementId, Id};
use crate::validate::{Issue, Issues, MAX_SHORT_TEXT, MAX_TEXT};

/// An engagement record. Field names on the wire are short to keep stored records small; the
/// Rust names say what they mean. Codes (method, strand, level, themes) are vocabulary codes;
/// a code this version does not know is kept as it is. When it was created and last changed
/// come from its [`crate::Replica`]'s stamps, so they are not stored twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub id: Id,
    #[serde(rename = "dt", with = "crate::day")]
    pub date: NaiveDate,
    #[serde(rename = "tm", default)]
    pub start_time: Option<NaiveTime>,
    #[serde(rename = "du", default)]
    pub duration_minutes: Option<u32>,
    #[serde(rename = "vn", default)]
    pub venue: String,
    /// The area or locality, as the organisation names its areas.
    #[serde(rename = "ar", default)]
    pub area: String,
    #[serde(rename = "m", default)]
    pub method: String,
    #[serde(rename = "s", default)]
    pub strand: String,
    /// The level of participation on offer (IAP2).
    #[serde(rename = "l", default)]
    pub level: String,
    #[serde(rename = "th", default)]
    pub themes: Vec<String>,
    #[serde(rename = "r", default)]
    pub reach: Reach,
    #[serde(rename = "n", default)]
    pub notes: String,
    /// The username of whoever recorded it.
    #[serde(rename = "au", default)]
    pub author: String,
    #[serde(rename = "p", default)]
    pub priorities: Vec<Priority>,
    #[serde(rename = "a", default)]
    pub actions: Vec<Action>,
    #[serde(rename = "f", default)]
    pub feedback: Vec<Feedback>,
    /// Contact details for follow-up, only where the organisation turns them on.
    #[serde(rename = "ct", default)]
    pub contact: Option<Contact>,
    /// A coordinator's review, which the author sees after their next sync.
    #[serde(rename = "rv", default)]
    pub review: Option<RecordReview>,
}

/// How a coordinator found a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    LooksRight,
    HasIssues,
}

impl ReviewState {
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::LooksRight => "Looks right",
            ReviewState::HasIssues => "Has issues",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReview {
    #[serde(rename = "st")]
    pub state: ReviewState,
    /// What the author should look at; required when it has issues.
    #[serde(rename = "c", default)]
    pub comment: String,
    /// The coordinator's username.
    #[serde(rename = "by")]
    pub by: String,
    #[serde(rename = "on", with = "crate::day")]
    pub on: NaiveDate,
}

/// Personal data, held only with consent and only until a retention date (UK GDPR).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(rename = "d", default)]
    pub details: String,
    /// The lawful basis is consent; this is when it was given.
    #[serde(rename = "cs", with = "crate::day")]
    pub consent_on: NaiveDate,
    #[serde(rename = "ru", with = "crate::day")]
    pub retain_until: NaiveDate,
}

impl Document for Engagement {
    const KIND: &'static str = "engagement";
    const VERSION: u32 = 1;
    const LISTS: &'static [&'static str] = &["p", "a", "f"];
    /// The date, the author, and the dates actions were agreed and feedback given.
    const KEPT_WHEN_CLEARED: &'static [&'static str] = &["dt", "au", "on"];

    fn id(&self) -> Id {
        self.id
    }

    fn validate(&self, context: &Context) -> Result<(), Vec<Issue>> {
        let mut issues = Issues::new();
        let latest = context.now.date() + Days::new(1);
        not_after(&mut issues, "date", "The date", self.date, latest);
        if let Some(minutes) = self.duration_minutes {
            if minutes > 24 * 60 {
                issues.push(
                    "too_large",
                    "duration_minutes",
                    "The duration is longer than a day; record each day separately.",
                );
            }
        }
        issues.text("venue", "The venue", &self.venue, MAX_SHORT_TEXT);
        issues.optional_text("area", "The area", &self.area, MAX_SHORT_TEXT);
        issues.text("method", "The method", &self.method, MAX_SHORT_TEXT);
        issues.text("strand", "The strand", &self.strand, MAX_SHORT_TEXT);
        issues.text(
            "level",
            "The level of participation",
            &self.level,
            MAX_SHORT_TEXT,
        );
        let mut seen = BTreeSet::new();
        for (index, theme) in self.themes.iter().enumerate() {
            let path = format!("themes[{index}]");
            issues.text(&path, "A theme", theme, MAX_SHORT_TEXT);
            if !seen.insert(theme) {
                issues.push(
                    "duplicate",
                    path,
                    format!("The theme {theme} is listed twice."),
                );
            }
        }
        self.reach.validate(&mut issues);
        issues.optional_text("notes", "The notes", &self.notes, MAX_TEXT);
        issues.text("author", "The author", &self.author, MAX_SHORT_TEXT);
        self.validate_loop(&mut issues, latest);
        if let Some(review) = &self.review {
            if review.state == ReviewState::HasIssues && review.comment.trim().is_empty() {
                issues.push(
                    "required",
                    "review.comment",
                    "Say what the issues are, so the author can put them right.",
                );
            }
            issues.optional_text(
                "review.comment",
                "The review comment",
                &review.comment,
                MAX_TEXT,
            );
            not_after(
                &mut issues,
                "review.on",
                "The review date",
                review.on,
                latest,
            );
        }
        if let Some(contact) = &self.contact {
            issues.text(
                "contact.details",
                "Contact details",
                &contact.details,
                MAX_SHORT_TEXT,
            );
            not_after(
                &mut issues,
                "contact.consent_on",
                "The consent date",
                contact.consent_on,
                latest,
            );
            if contact.retain_until <= contact.consent_on {
                issues.push(
                    "before_start",
                    "contact.retain_until",
                    "Contact details must have a retention date after consent was given.",
                );
            }
        }
        issues.into_result()
    }
}

impl Engagement {
    fn validate_loop(&self, issues: &mut Issues, latest: NaiveDate) {
        let priorities: BTreeSet<ElementId> = self.priorities.iter().map(|p| p.id).collect();
        unique_ids(issues, "priorities", self.priorities.iter().map(|p| p.id));
        unique_ids(issues, "actions", self.actions.iter().map(|a| a.id));
        unique_ids(issues, "feedback", self.feedback.iter().map(|f| f.id));
        for (index, priority) in self.priorities.iter().enumerate() {
            issues.text(
                &format!("priorities[{index}].text"),
                "A priority",
                &priority.text,
                MAX_TEXT,
            );
        }
        for (index, action) in self.actions.iter().enumerate() {
            let at = |field: &str| format!("actions[{index}].{field}");
            issues.text(&at("text"), "An action", &action.text, MAX_TEXT);
            issues.optional_text(&at("lead"), "The lead", &action.lead, MAX_SHORT_TEXT);
            issues.text(
                &at("status"),
                "The action's status",
                &action.status,
                MAX_SHORT_TEXT,
            );
            not_after(
                issues,
                &at("agreed_on"),
                "The date agreed",
                action.agreed_on,
                latest,
            );
            if let Some(priority) = action.priority {
                if !priorities.contains(&priority) {
                    issues.push(
                        "unknown_priority",
                        at("priority"),
                        "This action answers a priority that is not in the record.",
                    );
                }
            }
            if action.due.is_some_and(|due| due < action.agreed_on) {
                issues.push(
                    "before_start",
                    at("due"),
                    "The due date is before the action was agreed.",
                );
            }
            let closed = action.status == ACTION_DONE || action.status == ACTION_DROPPED;
            match action.closed_on {
                None if closed => issues.push(
                    "required",
                    at("closed_on"),
                    "Say when the action was done or dropped.",
                ),
                Some(date) => {
                    not_after(issues, &at("closed_on"), "The date closed", date, latest);
                    if date < action.agreed_on {
                        issues.push(
                            "before_start",
                            at("closed_on"),
                            "The action was closed before it was agreed.",
                        );
                    }
                }
                None => {}
            }
        }
        for (index, feedback) in self.feedback.iter().enumerate() {
            let at = |field: &str| format!("feedback[{index}].{field}");
            issues.text(&at("text"), "The feedback", &feedback.text, MAX_TEXT);
            issues.text(
                &at("channel"),
                "How feedback was given",
                &feedback.channel,
                MAX_SHORT_TEXT,
            );
            not_after(
                issues,
                &at("given_on"),
                "The date feedback was given",
                feedback.given_on,
                latest,
            );
            for (n, answered) in feedback.answers.iter().enumerate() {
                if !priorities.contains(answered) {
                    issues.push(
                        "unknown_priority",
                        format!("feedback[{index}].answers[{n}]"),
                        "This feedback answers a priority that is not in the record.",
                    );
                }
            }
        }
    }
}

/// Dates may be up to a day ahead, for time zones and clocks that are slightly off.
fn not_after(issues: &mut Issues, path: &str, label: &str, date: NaiveDate, latest: NaiveDate) {
    if date > latest {
        issues.push(
            "future_date",
            path,
            format!("{label} ({date}) is in the future."),
        );
    }
}

fn unique_ids(issues: &mut Issues, list: &str, ids: impl Iterator<Item = ElementId>) {
    let mut seen = BTreeSet::new();
    for (index, id) in ids.enumerate() {
        if !seen.insert(id) {
            issues.push(
                "duplicate_id",
                format!("{list}[{index}]"),
                format!("Two entries in {list} share the id {id}."),
            );
        }
    }
}
