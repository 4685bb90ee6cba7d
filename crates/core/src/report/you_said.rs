//! "You said, we did": each priority raised, with the actions and feedback that answer it.
//! Those still waiting for feedback come first, oldest first, so nothing is left behind.

use std::cmp::Reverse;

use crate::model::{Action, Engagement, Feedback, Priority, ACTION_DONE, ACTION_DROPPED};

/// How far a priority has got round the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Raised, with no action under way.
    Raised,
    /// An action is open or in progress.
    InHand,
    /// An action is done, and the community has not yet been told.
    Done,
    /// Feedback answers it: the loop is closed.
    FedBack,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Raised => "raised",
            Stage::InHand => "in_hand",
            Stage::Done => "done",
            Stage::FedBack => "fed_back",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Raised => "Waiting for an action",
            Stage::InHand => "Action under way",
            Stage::Done => "Done, not yet fed back",
            Stage::FedBack => "Fed back",
        }
    }

    pub fn is_waiting(self) -> bool {
        self != Stage::FedBack
    }
}

/// One priority and what answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoopEntry<'a> {
    pub record: &'a Engagement,
    pub priority: &'a Priority,
    pub actions: Vec<&'a Action>,
    pub feedback: Vec<&'a Feedback>,
    pub stage: Stage,
}

/// Every priority in `records`: waiting ones oldest first, then fed-back ones newest first.
pub fn you_said_we_did<'a>(
    records: impl IntoIterator<Item = &'a Engagement>,
) -> Vec<LoopEntry<'a>> {
    let mut entries: Vec<LoopEntry<'a>> = records
        .into_iter()
        .flat_map(|record| record.priorities.iter().map(move |p| entry(record, p)))
        .collect();
    let (mut waiting, mut closed): (Vec<_>, Vec<_>) = entries
        .drain(..)
        .partition(|entry| entry.stage.is_waiting());
    crate::sort::sort_by_key(&mut waiting, |entry| {
        (
            entry.record.date,
            entry.record.start_time,
            entry.priority.id,
        )
    });
    crate::sort::sort_by_key(&mut closed, |entry| {
        Reverse((
            entry.record.date,
            entry.record.start_time,
            entry.priority.id,
        ))
    });
    waiting.extend(closed);
    waiting
}

fn entry<'a>(record: &'a Engagement, priority: &'a Priority) -> LoopEntry<'a> {
    let actions: Vec<&Action> = record
        .actions
        .iter()
        .filter(|action| action.priority == Some(priority.id))
        .collect();
    let feedback: Vec<&Feedback> = record
        .feedback
        .iter()
        .filter(|feedback| feedback.answers.contains(&priority.id))
        .collect();
    let stage = if !feedback.is_empty() {
        Stage::FedBack
    } else if actions.iter().any(|action| action.status == ACTION_DONE) {
        Stage::Done
    } else if actions.iter().any(|action| action.status != ACTION_DROPPED) {
        Stage::InHand
    } else {
        Stage::Raised
    };
    LoopEntry {
        record,
        priority,
        actions,
        feedback,
        stage,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::id::ElementId;
    use crate::sample;

    fn record(n: u64, date: (i32, u32, u32)) -> Engagement {
        let mut record = sample::engagement(n);
        record.date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        record.priorities.truncate(1);
        record.actions.clear();
        record.feedback.clear();
        record
    }

    fn action(priority: ElementId, status: &str) -> Action {
        Action {
            id: ElementId::new(9, [9; 4]),
            text: "Ask highways".into(),
            lead: "Highways".into(),
            priority: Some(priority),
            agreed_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            due: None,
            status: status.into(),
            closed_on: None,
            outcome: String::new(),
        }
    }

    #[test]
    fn stages_follow_what_answers_a_priority() {
        let mut raised = record(1, (2026, 3, 1));
        let mut dropped = record(2, (2026, 3, 2));
        let p = dropped.priorities[0].id;
        dropped.actions.push(action(p, "dropped"));
        let mut in_hand = record(3, (2026, 3, 3));
        let p = in_hand.priorities[0].id;
        in_hand.actions.push(action(p, "open"));
        let mut done = record(4, (2026, 3, 4));
        let p = done.priorities[0].id;
        done.actions.push(action(p, "done"));
        let mut told = record(5, (2026, 3, 5));
        let p = told.priorities[0].id;
        told.feedback.push(Feedback {
            id: ElementId::new(8, [8; 4]),
            text: "We asked".into(),
            given_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            channel: "meeting".into(),
            answers: vec![p],
        });
        raised.notes = "first".into();
        let records = [&told, &done, &in_hand, &dropped, &raised];
        let stages: Vec<Stage> = you_said_we_did(records).iter().map(|e| e.stage).collect();
        assert_eq!(
            stages,
            [
                Stage::Raised,
                Stage::Raised,
                Stage::InHand,
                Stage::Done,
                Stage::FedBack
            ]
        );
    }

    #[test]
    fn waiting_come_first_oldest_first_then_fed_back_newest_first() {
        let waiting_new = record(1, (2026, 6, 1));
        let waiting_old = record(2, (2025, 6, 1));
        let mut told_old = record(3, (2025, 1, 1));
        let mut told_new = record(4, (2026, 1, 1));
        for told in [&mut told_old, &mut told_new] {
            let p = told.priorities[0].id;
            told.feedback.push(Feedback {
                id: ElementId::new(8, [8; 4]),
                text: "Done".into(),
                given_on: told.date,
                channel: "noticeboard".into(),
                answers: vec![p],
            });
        }
        let order: Vec<NaiveDate> =
            you_said_we_did([&told_old, &waiting_new, &told_new, &waiting_old])
                .iter()
                .map(|entry| entry.record.date)
                .collect();
        assert_eq!(
            order,
            [
                waiting_old.date,
                waiting_new.date,
                told_new.date,
                told_old.date
            ]
        );
    }
}
