//! The "you said, we did" loop: priorities raised, acted on and fed back, and how long each
//! step took.

use chrono::NaiveDate;

use super::period::Filter;
use crate::model::{Engagement, ACTION_DONE};

/// The loop for priorities raised at engagements in a period, however late their follow-up
/// came. Times are medians in days, `None` where there is nothing to measure.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub raised: u64,
    /// Priorities that at least one action answers.
    pub actioned: u64,
    /// Priorities that at least one done action answers.
    pub done: u64,
    /// Priorities that at least one piece of feedback answers.
    pub fed_back: u64,
    /// From the engagement that raised a priority to the first action agreed on it.
    pub days_to_action: Option<f64>,
    /// From agreeing an action to doing it, over every done action, whether or not it answers a
    /// priority: it measures how quickly agencies deliver.
    pub days_to_done: Option<f64>,
    /// From the engagement that raised a priority to the first feedback on it.
    pub days_to_feedback: Option<f64>,
}

pub fn follow_up<'a>(
    records: impl IntoIterator<Item = &'a Engagement>,
    filter: &Filter,
) -> FollowUp {
    let (mut raised, mut actioned, mut done, mut fed_back) = (0, 0, 0, 0);
    let (mut to_action, mut to_done, mut to_feedback) = (Vec::new(), Vec::new(), Vec::new());
    for record in records.into_iter().filter(|record| filter.includes(record)) {
        let since_raised = |day: NaiveDate| (day - record.date).num_days();
        for priority in &record.priorities {
            raised += 1;
            let answers = || {
                record
                    .actions
                    .iter()
                    .filter(|action| action.priority == Some(priority.id))
            };
            if let Some(first) = answers().map(|action| action.agreed_on).min() {
                actioned += 1;
                to_action.push(since_raised(first));
            }
            if answers().any(|action| action.status == ACTION_DONE) {
                done += 1;
            }
            let told = record
                .feedback
                .iter()
                .filter(|feedback| feedback.answers.contains(&priority.id));
            if let Some(first) = told.map(|feedback| feedback.given_on).min() {
                fed_back += 1;
                to_feedback.push(since_raised(first));
            }
        }
        for action in &record.actions {
            if let (ACTION_DONE, Some(closed_on)) = (action.status.as_str(), action.closed_on) {
                to_done.push((closed_on - action.agreed_on).num_days());
            }
        }
    }
    FollowUp {
        raised,
        actioned,
        done,
        fed_back,
        days_to_action: median(&mut to_action),
        days_to_done: median(&mut to_done),
        days_to_feedback: median(&mut to_feedback),
    }
}

/// The middle value once sorted; for an even count, the mean of the two middle values (so
/// 2, 3, 10, 40 gives 6.5); `None` for no values. Sorts `values` in place.
pub fn median(values: &mut [i64]) -> Option<f64> {
    crate::sort::sort_by(values, Ord::cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[middle] as f64),
        _ => Some((values[middle - 1] as f64 + values[middle] as f64) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&mut [9, 1, 4]), Some(4.0));
        assert_eq!(median(&mut [7]), Some(7.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        assert_eq!(median(&mut [40, 2, 10, 3]), Some(6.5));
        assert_eq!(median(&mut [5, 1]), Some(3.0));
    }

    #[test]
    fn no_values_have_no_median() {
        assert_eq!(median(&mut []), None);
    }
}
