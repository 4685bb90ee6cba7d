//! What was heard at an engagement and what followed: priorities, actions and feedback.
//! Together they make the "you said, we did" loop.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::ElementId;

/// The action status that closes an action with an outcome.
pub const ACTION_DONE: &str = "done";
/// The action status for an action that will not happen.
pub const ACTION_DROPPED: &str = "dropped";

/// A priority or issue people raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    #[serde(rename = "i")]
    pub id: ElementId,
    #[serde(rename = "x", default)]
    pub text: String,
    /// A theme code (see [`crate::vocab::themes`]).
    #[serde(rename = "th", default)]
    pub theme: Option<String>,
}

/// Something someone will do about a priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    #[serde(rename = "i")]
    pub id: ElementId,
    #[serde(rename = "x", default)]
    pub text: String,
    /// The agency or person leading it.
    #[serde(rename = "ld", default)]
    pub lead: String,
    /// The priority it answers, if any.
    #[serde(rename = "p", default)]
    pub priority: Option<ElementId>,
    /// When the action was agreed.
    #[serde(rename = "on", with = "crate::day")]
    pub agreed_on: NaiveDate,
    #[serde(rename = "due", default, with = "crate::day::option")]
    pub due: Option<NaiveDate>,
    /// An action status code (see [`crate::vocab::action_statuses`]).
    #[serde(rename = "st", default)]
    pub status: String,
    /// When it was done or dropped.
    #[serde(rename = "dn", default, with = "crate::day::option")]
    pub closed_on: Option<NaiveDate>,
    /// What came of it.
    #[serde(rename = "o", default)]
    pub outcome: String,
}

/// Feedback given back to the community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    #[serde(rename = "i")]
    pub id: ElementId,
    /// What was said.
    #[serde(rename = "x", default)]
    pub text: String,
    #[serde(rename = "on", with = "crate::day")]
    pub given_on: NaiveDate,
    /// How: a feedback channel code (see [`crate::vocab::feedback_channels`]).
    #[serde(rename = "h", default)]
    pub channel: String,
    /// The priorities it answers.
    #[serde(rename = "p", default)]
    pub answers: Vec<ElementId>,
}
