//! The assessor's queue: competencies submitted for sign-off, and whether this assessor may
//! review each one.

use super::record::Progress;
use super::status::Status;
use crate::roles::{can_sign_off, PermissionError, User};

/// A competency waiting for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission<'r> {
    pub progress: &'r Progress,
    /// Whether `assessor` may sign it off or send it back, and if not, why: their own work
    /// stays in the queue with the reason, so it does not silently vanish.
    pub reviewable: Result<(), PermissionError>,
}

/// Every submitted record in `records`: those `assessor` may review first, then the rest, each
/// group by learner, framework and competency code.
pub fn review_queue<'r>(
    assessor: &User,
    records: impl IntoIterator<Item = &'r Progress>,
) -> Vec<Submission<'r>> {
    let mut queue: Vec<Submission> = records
        .into_iter()
        .filter(|record| record.status == Status::Submitted)
        .map(|progress| Submission {
            progress,
            reviewable: can_sign_off(assessor, &progress.learner),
        })
        .collect();
    crate::sort::sort_by(&mut queue, |a, b| {
        let key = |s: &Submission<'r>| {
            (
                s.reviewable.is_err(),
                s.progress.learner.to_lowercase(),
                s.progress.framework.clone(),
                s.progress.competency.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    queue
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use crate::roles::Role;

    fn record(n: u8, learner: &str, code: &str, status: Status) -> Progress {
        let mut progress = Progress::new(Id::from_random([n; 16]), learner, "nos-cd-2023", code);
        progress.status = status;
        progress
    }

    fn user(username: &str, role: Role) -> User {
        User {
            username: username.to_owned(),
            role,
            teams: Vec::new(),
        }
    }

    #[test]
    fn submissions_by_others_come_first_and_own_work_says_why_not() {
        let records = [
            record(1, "sam", "07", Status::Submitted),
            record(2, "pat", "01", Status::Submitted),
            record(3, "ali", "12", Status::Submitted),
            record(4, "ali", "02", Status::Submitted),
            record(5, "ali", "03", Status::EvidenceRecorded),
            record(6, "jo", "04", Status::SignedOff),
        ];
        let queue = review_queue(&user("pat", Role::Coordinator), &records);
        let listed: Vec<(&str, &str, bool)> = queue
            .iter()
            .map(|s| {
                (
                    s.progress.learner.as_str(),
                    s.progress.competency.as_str(),
                    s.reviewable.is_ok(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("ali", "02", true),
                ("ali", "12", true),
                ("sam", "07", true),
                ("pat", "01", false),
            ]
        );
        assert_eq!(queue[3].reviewable, Err(PermissionError::OwnWork));
    }

    #[test]
    fn a_learner_sees_nothing_they_may_review() {
        let records = [record(1, "sam", "07", Status::Submitted)];
        let queue = review_queue(&user("ali", Role::Learner), &records);
        assert_eq!(
            queue[0].reviewable,
            Err(PermissionError::NotAssessor {
                role: Role::Learner
            })
        );
    }
}
