//! The engagement form: defaults for a new record, the typed state a draft keeps, and the
//! document it becomes once everything in it reads and validates.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::contact::ContactForm;
use super::follow_up::{ActionForm, FeedbackForm, PriorityForm};
use super::parse;
use crate::document::{Context, Document};
use crate::id::{ElementId, Id};
use crate::model::{Engagement, Reach, RecordReview, Venue};
use crate::validate::{Issue, Issues, MAX_COUNT};

/// Every field as typed. Numbers, dates and times stay text until saved, so nothing a person
/// typed is lost to a parse error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EngagementForm {
    pub date: String,
    pub start_time: String,
    pub duration: String,
    pub venue: String,
    pub area: String,
    pub method: String,
    pub strand: String,
    pub level: String,
    pub themes: Vec<String>,
    pub total: String,
    /// Counts by age band code; a band left empty was not counted.
    pub age_bands: BTreeMap<String, String>,
    /// Counts by seldom-heard group code.
    pub groups: BTreeMap<String, String>,
    pub priorities: Vec<PriorityForm>,
    pub actions: Vec<ActionForm>,
    pub feedback: Vec<FeedbackForm>,
    pub notes: String,
    pub author: String,
    /// Only where the organisation keeps contact details, or the record already has them.
    pub contact: Option<ContactForm>,
    /// Carried through unchanged: the coordinator's review is theirs to change.
    pub review: Option<RecordReview>,
}

impl EngagementForm {
    /// A new record made `now` by `author`. Where and how default to the last record, because
    /// the next engagement is most often at the same venue in the same way. With no record yet,
    /// the venue is `remembered`, the venue most recently set up on this phone, if any.
    pub fn new(
        now: NaiveDateTime,
        author: &str,
        last: Option<&Engagement>,
        remembered: Option<&Venue>,
    ) -> Self {
        let mut form = Self {
            date: now.format("%Y-%m-%d").to_string(),
            start_time: now.format("%H:%M").to_string(),
            total: "0".to_owned(),
            author: author.to_owned(),
            ..Self::default()
        };
        if let Some(last) = last {
            form.venue = last.venue.clone();
            form.area = last.area.clone();
            form.method = last.method.clone();
            form.strand = last.strand.clone();
            form.level = last.level.clone();
        } else if let Some(venue) = remembered {
            form.venue = venue.name.clone();
            form.area = venue.area.clone();
        }
        form
    }

    pub fn from_engagement(record: &Engagement) -> Self {
        let counts = |map: &BTreeMap<String, i64>| {
            map.iter()
                .map(|(code, count)| (code.clone(), count.to_string()))
                .collect()
        };
        Self {
            date: record.date.format("%Y-%m-%d").to_string(),
            start_time: record
                .start_time
                .map(|time| time.format("%H:%M").to_string())
                .unwrap_or_default(),
            duration: record
                .duration_minutes
                .map(|minutes| minutes.to_string())
                .unwrap_or_default(),
            venue: record.venue.clone(),
            area: record.area.clone(),
            method: record.method.clone(),
            strand: record.strand.clone(),
            level: record.level.clone(),
            themes: record.themes.clone(),
            total: record.reach.total.to_string(),
            age_bands: counts(&record.reach.age_bands),
            groups: counts(&record.reach.groups),
            priorities: record
                .priorities
                .iter()
                .map(PriorityForm::from_priority)
                .collect(),
            actions: record.actions.iter().map(ActionForm::from_action).collect(),
            feedback: record
                .feedback
                .iter()
                .map(FeedbackForm::from_feedback)
                .collect(),
            notes: record.notes.clone(),
            author: record.author.clone(),
            contact: record.contact.as_ref().map(ContactForm::from_contact),
            review: record.review.clone(),
        }
    }

    /// The record with id `id`, or every issue with it: what cannot be read, then what core's
    /// validation finds in the rest. Paths are the document's, so errors land beside fields.
    pub fn to_engagement(&self, id: Id, context: &Context) -> Result<Engagement, Vec<Issue>> {
        let mut unreadable = Issues::new();
        let today = context.now.date();
        let date = parse::date(&mut unreadable, "date", "The date", &self.date);
        let start_time = parse::optional_time(
            &mut unreadable,
            "start_time",
            "The start time",
            &self.start_time,
        );
        let duration = parse::optional_number(
            &mut unreadable,
            "duration_minutes",
            "The duration",
            &self.duration,
        );
        let duration_minutes = duration.and_then(|minutes| u32::try_from(minutes).ok());
        if duration.is_some() && duration_minutes.is_none() {
            unreadable.push(
                "negative",
                "duration_minutes",
                "The duration cannot be negative.",
            );
        }
        let total = parse::optional_number(
            &mut unreadable,
            "reach.total",
            "Total participants",
            &self.total,
        );
        let reach = Reach {
            total: total.unwrap_or(0),
            age_bands: counts(&mut unreadable, "reach.age_bands", &self.age_bands),
            groups: counts(&mut unreadable, "reach.groups", &self.groups),
        };
        let record = Engagement {
            id,
            date: date.unwrap_or(today),
            start_time,
            duration_minutes,
            venue: self.venue.trim().to_owned(),
            area: self.area.trim().to_owned(),
            method: self.method.clone(),
            strand: self.strand.clone(),
            level: self.level.clone(),
            themes: self.themes.clone(),
            reach,
            notes: self.notes.trim().to_owned(),
            author: self.author.trim().to_owned(),
            priorities: self
                .priorities
                .iter()
                .map(PriorityForm::to_priority)
                .collect(),
            actions: self
                .actions
                .iter()
                .enumerate()
                .map(|(index, action)| action.to_action(index, &mut unreadable, today))
                .collect(),
            feedback: self
                .feedback
                .iter()
                .enumerate()
                .map(|(index, feedback)| feedback.to_feedback(index, &mut unreadable, today))
                .collect(),
            contact: self
                .contact
                .as_ref()
                .map(|contact| contact.to_contact(&mut unreadable, today)),
            review: self.review.clone(),
        };
        let mut issues: Vec<Issue> = unreadable.into_iter().collect();
        if let Err(found) = record.validate(context) {
            // A field that could not be read has already said so; a stand-in value's
            // complaints would only confuse.
            let already: Vec<String> = issues.iter().map(|issue| issue.path.clone()).collect();
            issues.extend(
                found
                    .into_iter()
                    .filter(|issue| !already.contains(&issue.path)),
            );
        }
        if issues.is_empty() {
            Ok(record)
        } else {
            Err(issues)
        }
    }

    /// The total, moved by `delta` and kept within the counts core accepts. Text that is not a
    /// number counts as zero, so the stepper always does something sensible.
    pub fn step_total(&mut self, delta: i64) {
        let now = self.total.trim().parse::<i64>().unwrap_or(0);
        self.total = (now + delta).clamp(0, MAX_COUNT).to_string();
    }

    pub fn toggle_theme(&mut self, code: &str) {
        if let Some(at) = self.themes.iter().position(|theme| theme == code) {
            self.themes.remove(at);
        } else {
            self.themes.push(code.to_owned());
        }
    }

    /// Set the venue as typed; a remembered venue of that name brings its area with it.
    pub fn set_venue<'a>(&mut self, name: &str, remembered: impl IntoIterator<Item = &'a Venue>) {
        self.venue = name.to_owned();
        let wanted = name.trim().to_lowercase();
        if let Some(venue) = remembered
            .into_iter()
            .find(|venue| venue.name.trim().to_lowercase() == wanted)
        {
            if !venue.area.is_empty() {
                self.area = venue.area.clone();
            }
        }
    }

    /// Whether the venue is not among `remembered`, so saving the record should remember it.
    pub fn is_new_venue<'a>(&self, remembered: impl IntoIterator<Item = &'a Venue>) -> bool {
        let wanted = self.venue.trim().to_lowercase();
        !wanted.is_empty()
            && remembered
                .into_iter()
                .all(|venue| venue.name.trim().to_lowercase() != wanted)
    }

    /// Remove a priority, and every link to it from actions and feedback.
    pub fn remove_priority(&mut self, id: ElementId) {
        self.priorities.retain(|priority| priority.id != id);
        for action in &mut self.actions {
            if action.priority == Some(id) {
                action.priority = None;
            }
        }
        for feedback in &mut self.feedback {
            feedback.answers.retain(|answered| *answered != id);
        }
    }

    /// The date the record is for, if it reads; new actions and feedback default to today.
    pub fn day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok()
    }
}

/// Typed counts by code; empty ones are left out, as not counted.
fn counts(
    issues: &mut Issues,
    path: &str,
    typed: &BTreeMap<String, String>,
) -> BTreeMap<String, i64> {
    typed
        .iter()
        .filter_map(|(code, text)| {
            let label = format!("The count for {code}");
            parse::optional_number(issues, &format!("{path}.{code}"), &label, text)
                .map(|count| (code.clone(), count))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::sample;

    fn context() -> Context {
        Context {
            now: NaiveDate::from_ymd_opt(2026, 11, 24)
                .unwrap()
                .and_hms_opt(10, 30, 0)
                .unwrap(),
        }
    }

    fn minimal() -> EngagementForm {
        let mut form = EngagementForm::new(context().now, "sam", None, None);
        form.venue = "Brinnington Library".into();
        form.method = "drop_in".into();
        form.strand = "primary".into();
        form.level = "consult".into();
        form.step_total(1);
        form
    }

    #[test]
    fn a_new_form_starts_now_and_where_the_last_record_was() {
        let last = sample::engagement(3);
        let hall = Venue {
            id: Id::from_random([2; 16]),
            name: "Reddish Hall".into(),
            area: "Reddish".into(),
        };
        let form = EngagementForm::new(context().now, "sam", Some(&last), Some(&hall));
        assert_eq!(form.date, "2026-11-24");
        assert_eq!(form.start_time, "10:30");
        assert_eq!(form.total, "0");
        assert_eq!(form.author, "sam");
        assert_eq!(
            (
                &form.venue,
                &form.area,
                &form.method,
                &form.strand,
                &form.level
            ),
            (
                &last.venue,
                &last.area,
                &last.method,
                &last.strand,
                &last.level
            )
        );
        assert!(form.themes.is_empty() && form.priorities.is_empty());
        let first = EngagementForm::new(context().now, "sam", None, Some(&hall));
        assert_eq!(
            (first.venue.as_str(), first.area.as_str()),
            ("Reddish Hall", "Reddish")
        );
        assert_eq!(
            first.method, "",
            "how is for the user to say the first time"
        );
    }

    #[test]
    fn a_minimal_form_becomes_a_valid_record() {
        let id = Id::from_random([7; 16]);
        let record = minimal().to_engagement(id, &context()).unwrap();
        assert_eq!(record.id, id);
        assert_eq!(record.reach.total, 1);
        assert_eq!(record.start_time, NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(record.date, context().now.date());
    }

    #[test]
    fn a_record_survives_the_round_trip_through_the_form() {
        for n in 0..20 {
            let record = sample::engagement(n);
            let form = EngagementForm::from_engagement(&record);
            let context = Context {
                now: record.date.and_hms_opt(23, 0, 0).unwrap() + chrono::Days::new(400),
            };
            assert_eq!(form.to_engagement(record.id, &context), Ok(record));
        }
    }

    #[test]
    fn every_issue_is_reported_at_its_field_and_the_typing_is_kept() {
        let mut form = minimal();
        form.total = "twelve".into();
        form.date = "2099-01-01".into();
        form.venue = " ".into();
        form.age_bands.insert("16_24".into(), "3x".into());
        form.groups.insert("carers".into(), "40".into());
        let before = form.clone();
        let issues = form
            .to_engagement(Id::from_random([1; 16]), &context())
            .unwrap_err();
        let paths: Vec<(&str, &str)> = issues
            .iter()
            .map(|issue| (issue.path.as_str(), issue.code.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("reach.total", "not_a_number"),
                ("reach.age_bands.16_24", "not_a_number"),
                ("date", "future_date"),
                ("venue", "required"),
                // The unreadable total stands in as 0, so the carers count exceeds it; that is
                // true of what is typed too, so it is said.
                ("reach.groups.carers", "exceeds_total"),
            ]
        );
        assert_eq!(form, before);
    }

    #[test]
    fn the_stepper_stays_within_plausible_counts() {
        let mut form = minimal();
        form.step_total(-5);
        assert_eq!(form.total, "0");
        form.total = "oops".into();
        form.step_total(1);
        assert_eq!(form.total, "1");
        form.total = MAX_COUNT.to_string();
        form.step_total(1);
        assert_eq!(form.total, MAX_COUNT.to_string());
    }

    #[test]
    fn a_remembered_venue_brings_its_area_and_a_new_one_is_noticed() {
        let hall = Venue {
            id: Id::from_random([2; 16]),
            name: "Reddish Hall".into(),
            area: "Reddish".into(),
        };
        let mut form = minimal();
        form.set_venue("reddish hall", [&hall]);
        assert_eq!(form.area, "Reddish");
        assert!(!form.is_new_venue([&hall]));
        form.set_venue("The Old Library", [&hall]);
        assert_eq!(form.area, "Reddish", "a new venue keeps the area typed");
        assert!(form.is_new_venue([&hall]));
    }

    #[test]
    fn removing_a_priority_unlinks_what_answered_it() {
        let today = context().now.date();
        let mut form = minimal();
        let priority = ElementId::new(1, [1; 4]);
        form.priorities.push(PriorityForm::new(priority));
        form.priorities[0].text = "Street lights on Hall Lane".into();
        form.actions.push(ActionForm::new(
            ElementId::new(2, [2; 4]),
            Some(priority),
            today,
        ));
        form.actions[0].text = "Report to highways".into();
        form.feedback.push(FeedbackForm::new(
            ElementId::new(3, [3; 4]),
            vec![priority],
            today,
        ));
        form.feedback[0].text = "Lights fixed".into();
        form.feedback[0].channel = "newsletter".into();
        assert!(form
            .to_engagement(Id::from_random([3; 16]), &context())
            .is_ok());
        form.remove_priority(priority);
        assert_eq!(form.actions[0].priority, None);
        assert!(form.feedback[0].answers.is_empty());
        assert!(form
            .to_engagement(Id::from_random([3; 16]), &context())
            .is_ok());
    }

    #[test]
    fn closing_an_action_dates_it_and_reopening_clears_the_date() {
        let today = context().now.date();
        let mut action = ActionForm::new(ElementId::new(2, [2; 4]), None, today);
        action.set_status("done", today);
        assert_eq!(action.closed_on, "2026-11-24");
        assert!(action.is_closed());
        action.set_status("in_progress", today);
        assert_eq!(action.closed_on, "");
    }

    #[test]
    fn an_unreadable_action_date_is_reported_at_the_action() {
        let today = context().now.date();
        let mut form = minimal();
        form.actions
            .push(ActionForm::new(ElementId::new(2, [2; 4]), None, today));
        form.actions[0].text = "Ask the council".into();
        form.actions[0].due = "next week".into();
        let issues = form
            .to_engagement(Id::from_random([4; 16]), &context())
            .unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].path, "actions[0].due");
        assert_eq!(issues[0].code, "invalid_date");
    }
}
