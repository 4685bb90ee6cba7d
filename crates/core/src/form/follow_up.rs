//! The loop's parts as typed: priorities, actions and feedback in an engagement form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse;
use crate::id::ElementId;
use crate::model::{Action, Feedback, Priority, ACTION_DONE, ACTION_DROPPED};
use crate::validate::Issues;

/// The status a new action starts in.
const ACTION_OPEN: &str = "open";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityForm {
    pub id: ElementId,
    #[serde(default)]
    pub text: String,
    /// A theme code, or empty for none.
    #[serde(default)]
    pub theme: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionForm {
    pub id: ElementId,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub priority: Option<ElementId>,
    #[serde(default)]
    pub agreed_on: String,
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub closed_on: String,
    #[serde(default)]
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackForm {
    pub id: ElementId,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub given_on: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub answers: Vec<ElementId>,
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl PriorityForm {
    pub fn new(id: ElementId) -> Self {
        Self {
            id,
            text: String::new(),
            theme: String::new(),
        }
    }

    pub(super) fn from_priority(priority: &Priority) -> Self {
        Self {
            id: priority.id,
            text: priority.text.clone(),
            theme: priority.theme.clone().unwrap_or_default(),
        }
    }

    pub(super) fn to_priority(&self) -> Priority {
        Priority {
            id: self.id,
            text: self.text.trim().to_owned(),
            theme: (!self.theme.is_empty()).then(|| self.theme.clone()),
        }
    }
}

impl ActionForm {
    /// A new open action agreed today, answering `priority` if given.
    pub fn new(id: ElementId, priority: Option<ElementId>, today: NaiveDate) -> Self {
        Self {
            id,
            text: String::new(),
            lead: String::new(),
            priority,
            agreed_on: day(today),
            due: String::new(),
            status: ACTION_OPEN.to_owned(),
            closed_on: String::new(),
            outcome: String::new(),
        }
    }

    /// Change the status; closing an action dates it today unless a date is already given.
    pub fn set_status(&mut self, status: &str, today: NaiveDate) {
        self.status = status.to_owned();
        let closed = status == ACTION_DONE || status == ACTION_DROPPED;
        if closed && self.closed_on.trim().is_empty() {
            self.closed_on = day(today);
        } else if !closed {
            self.closed_on.clear();
        }
    }

    pub fn is_closed(&self) -> bool {
        self.status == ACTION_DONE || self.status == ACTION_DROPPED
    }

    pub(super) fn from_action(action: &Action) -> Self {
        Self {
            id: action.id,
            text: action.text.clone(),
            lead: action.lead.clone(),
            priority: action.priority,
            agreed_on: day(action.agreed_on),
            due: action.due.map(day).unwrap_or_default(),
            status: action.status.clone(),
            closed_on: action.closed_on.map(day).unwrap_or_default(),
            outcome: action.outcome.clone(),
        }
    }

    /// The action, with unreadable dates reported at `actions[index]`; `fallback` stands in for
    /// a missing agreed date so that the rest can still be checked.
    pub(super) fn to_action(
        &self,
        index: usize,
        issues: &mut Issues,
        fallback: NaiveDate,
    ) -> Action {
        let at = |field: &str| format!("actions[{index}].{field}");
        Action {
            id: self.id,
            text: self.text.trim().to_owned(),
            lead: self.lead.trim().to_owned(),
            priority: self.priority,
            agreed_on: parse::date(issues, &at("agreed_on"), "The date agreed", &self.agreed_on)
                .unwrap_or(fallback),
            due: parse::optional_date(issues, &at("due"), "The due date", &self.due),
            status: self.status.clone(),
            closed_on: parse::optional_date(
                issues,
                &at("closed_on"),
                "The date closed",
                &self.closed_on,
            ),
            outcome: self.outcome.trim().to_owned(),
        }
    }
}

impl FeedbackForm {
    /// New feedback given today, answering `answers`.
    pub fn new(id: ElementId, answers: Vec<ElementId>, today: NaiveDate) -> Self {
        Self {
            id,
            text: String::new(),
            given_on: day(today),
            channel: String::new(),
            answers,
        }
    }

    /// Add or remove a priority this feedback answers.
    pub fn toggle_answer(&mut self, priority: ElementId) {
        if let Some(at) = self.answers.iter().position(|p| *p == priority) {
            self.answers.remove(at);
        } else {
            self.answers.push(priority);
        }
    }

    pub(super) fn from_feedback(feedback: &Feedback) -> Self {
        Self {
            id: feedback.id,
            text: feedback.text.clone(),
            given_on: day(feedback.given_on),
            channel: feedback.channel.clone(),
            answers: feedback.answers.clone(),
        }
    }

    pub(super) fn to_feedback(
        &self,
        index: usize,
        issues: &mut Issues,
        fallback: NaiveDate,
    ) -> Feedback {
        Feedback {
            id: self.id,
            text: self.text.trim().to_owned(),
            given_on: parse::date(
                issues,
                &format!("feedback[{index}].given_on"),
                "The date feedback was given",
                &self.given_on,
            )
            .unwrap_or(fallback),
            channel: self.channel.clone(),
            answers: self.answers.clone(),
        }
    }
}
