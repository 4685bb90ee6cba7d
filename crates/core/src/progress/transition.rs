//! The status changes allowed, and who may make each: the whole workflow in one table.

use super::status::Status;

/// Who is moving a competency on: the learner it belongs to, or an assessor reviewing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mover {
    Learner,
    Assessor,
}

/// The statuses `mover` may move a competency to from `from`, forward first.
///
/// Learners go one step at a time, so the record shows each stage was passed through; they may
/// step back between learning, practising and evidence recorded to reassess, and withdraw a
/// submission. Nobody returns a competency to not started, and a sign-off is final.
pub fn moves(from: Status, mover: Mover) -> &'static [Status] {
    use Status::*;
    match (mover, from) {
        (Mover::Learner, NotStarted) => &[Learning],
        (Mover::Learner, Learning) => &[Practising],
        (Mover::Learner, Practising) => &[EvidenceRecorded, Learning],
        (Mover::Learner, EvidenceRecorded) => &[Submitted, Practising],
        (Mover::Learner, Submitted) => &[EvidenceRecorded],
        (Mover::Assessor, Submitted) => &[SignedOff, EvidenceRecorded],
        (Mover::Learner, SignedOff) | (Mover::Assessor, _) => &[],
    }
}

pub fn allowed(from: Status, to: Status, mover: Mover) -> bool {
    moves(from, mover).contains(&to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn exactly_these_moves_are_allowed() {
        let expected = [
            (NotStarted, Learning, Mover::Learner),
            (Learning, Practising, Mover::Learner),
            (Practising, EvidenceRecorded, Mover::Learner),
            (EvidenceRecorded, Submitted, Mover::Learner),
            (Practising, Learning, Mover::Learner),
            (EvidenceRecorded, Practising, Mover::Learner),
            // Withdrawn by the learner.
            (Submitted, EvidenceRecorded, Mover::Learner),
            (Submitted, SignedOff, Mover::Assessor),
            // Sent back by the assessor.
            (Submitted, EvidenceRecorded, Mover::Assessor),
        ];
        for mover in [Mover::Learner, Mover::Assessor] {
            for from in Status::ALL {
                for to in Status::ALL {
                    assert_eq!(
                        allowed(from, to, mover),
                        expected.contains(&(from, to, mover)),
                        "{from:?} to {to:?} by {mover:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_sample_of_what_is_refused() {
        for (from, to, mover) in [
            (Submitted, SignedOff, Mover::Learner),
            (EvidenceRecorded, SignedOff, Mover::Assessor),
            (NotStarted, Practising, Mover::Learner),
            (Learning, NotStarted, Mover::Learner),
            (SignedOff, Submitted, Mover::Learner),
            (SignedOff, EvidenceRecorded, Mover::Assessor),
            (Practising, Practising, Mover::Learner),
        ] {
            assert!(!allowed(from, to, mover), "{from:?} to {to:?} by {mover:?}");
        }
    }
}
