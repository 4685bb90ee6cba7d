//! Changing a learner's progress: their status moves and evidence, and an assessor's review.
//! Each operation checks everything first and changes nothing when it refuses.

use chrono::NaiveDate;

use super::record::{Evidence, Outcome, Progress, Review};
use super::status::Status;
use super::transition::{allowed, Mover};
use crate::id::ElementId;
use crate::roles::{can_sign_off, PermissionError, User};
use crate::validate::MAX_TEXT;

/// Why a change to progress was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("only {learner} can update their own progress")]
    NotYours { learner: String },
    #[error("only an assessor can move a competency to \"{to}\"")]
    NeedsAssessor { to: Status },
    #[error("a competency at \"{from}\" cannot move to \"{to}\"")]
    NotAllowed { from: Status, to: Status },
    #[error("add at least one evidence note before moving to \"{to}\"")]
    NoEvidence { to: Status },
    #[error(
        "evidence cannot be added while the competency is submitted for sign-off; withdraw it \
         first"
    )]
    UnderReview,
    #[error("this competency is signed off, so its evidence is closed")]
    SignedOff,
    #[error("the evidence note is empty; say what was done and where")]
    EmptyNote,
    #[error("{what} is {length} characters long; the most allowed is {limit}")]
    TooLong {
        what: &'static str,
        length: usize,
        limit: usize,
    },
    #[error("there is already an evidence note with the id {0}")]
    DuplicateEvidence(ElementId),
    #[error(
        "only a competency submitted for sign-off can be reviewed; this one is at \"{status}\""
    )]
    NotSubmitted { status: Status },
    #[error("say why it is being sent back, so the learner knows what to do next")]
    CommentRequired,
    #[error(transparent)]
    Permission(#[from] PermissionError),
}

impl Progress {
    /// A learner's own move: forward a step, back a step to reassess, or withdrawing a
    /// submission. Signing off and sending back are [`Progress::sign_off`] and
    /// [`Progress::send_back`].
    pub fn change_status(&mut self, actor: &User, to: Status) -> Result<(), ProgressError> {
        self.check_learner(actor)?;
        let from = self.status;
        if !allowed(from, to, Mover::Learner) {
            return Err(if allowed(from, to, Mover::Assessor) {
                ProgressError::NeedsAssessor { to }
            } else {
                ProgressError::NotAllowed { from, to }
            });
        }
        if to.needs_evidence() && self.evidence.is_empty() {
            return Err(ProgressError::NoEvidence { to });
        }
        self.status = to;
        Ok(())
    }

    /// Append a note. The status does not change: the learner says when they are ready. The
    /// date is checked against today by validation, which knows the time.
    pub fn add_evidence(&mut self, actor: &User, evidence: Evidence) -> Result<(), ProgressError> {
        self.check_learner(actor)?;
        match self.status {
            // The assessor reviews a fixed set of notes.
            Status::Submitted => return Err(ProgressError::UnderReview),
            Status::SignedOff => return Err(ProgressError::SignedOff),
            _ => {}
        }
        if evidence.note.trim().is_empty() {
            return Err(ProgressError::EmptyNote);
        }
        check_length("the evidence note", &evidence.note)?;
        if self.evidence.iter().any(|e| e.id == evidence.id) {
            return Err(ProgressError::DuplicateEvidence(evidence.id));
        }
        self.evidence.push(evidence);
        Ok(())
    }

    pub fn sign_off(&mut self, assessor: &User, date: NaiveDate) -> Result<(), ProgressError> {
        self.check_review(assessor)?;
        if self.evidence.is_empty() {
            return Err(ProgressError::NoEvidence {
                to: Status::SignedOff,
            });
        }
        self.status = Status::SignedOff;
        self.review = Some(Review {
            by: assessor.username.clone(),
            date,
            outcome: Outcome::SignedOff,
            comment: String::new(),
        });
        Ok(())
    }

    /// Return a submission to the learner at evidence recorded, with a comment they will read.
    pub fn send_back(
        &mut self,
        assessor: &User,
        date: NaiveDate,
        comment: &str,
    ) -> Result<(), ProgressError> {
        self.check_review(assessor)?;
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(ProgressError::CommentRequired);
        }
        check_length("the comment", comment)?;
        self.status = Status::EvidenceRecorded;
        self.review = Some(Review {
            by: assessor.username.clone(),
            date,
            outcome: Outcome::SentBack,
            comment: comment.to_owned(),
        });
        Ok(())
    }

    fn check_learner(&self, actor: &User) -> Result<(), ProgressError> {
        if actor.username == self.learner {
            Ok(())
        } else {
            Err(ProgressError::NotYours {
                learner: self.learner.clone(),
            })
        }
    }

    fn check_review(&self, assessor: &User) -> Result<(), ProgressError> {
        can_sign_off(assessor, &self.learner)?;
        if self.status == Status::Submitted {
            Ok(())
        } else {
            Err(ProgressError::NotSubmitted {
                status: self.status,
            })
        }
    }
}

fn check_length(what: &'static str, text: &str) -> Result<(), ProgressError> {
    let length = text.chars().count();
    if length > MAX_TEXT {
        return Err(ProgressError::TooLong {
            what,
            length,
            limit: MAX_TEXT,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use crate::roles::Role;

    fn user(username: &str, role: Role) -> User {
        User {
            username: username.to_owned(),
            role,
            teams: vec!["reddish".to_owned()],
        }
    }

    fn ali() -> User {
        user("ali", Role::Learner)
    }

    fn pat() -> User {
        user("pat", Role::Coordinator)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn note(n: u8, text: &str) -> Evidence {
        Evidence {
            id: ElementId::new(1_780_000_000_000 + u64::from(n) * 1000, [n; 4]),
            date: day(1),
            note: text.to_owned(),
            engagement: None,
        }
    }

    fn at(status: Status) -> Progress {
        let mut progress = Progress::new(Id::from_random([7; 16]), "ali", "nos-cd-2023", "07");
        progress.status = status;
        if status.needs_evidence() {
            progress
                .evidence
                .push(note(1, "Ran a drop-in at the library."));
        }
        progress
    }

    #[test]
    fn a_learner_walks_through_to_submission() {
        let mut progress = at(Status::NotStarted);
        progress.change_status(&ali(), Status::Learning).unwrap();
        progress.change_status(&ali(), Status::Practising).unwrap();
        progress
            .add_evidence(&ali(), note(1, "Door-knocked on Brinnington Road."))
            .unwrap();
        progress
            .change_status(&ali(), Status::EvidenceRecorded)
            .unwrap();
        progress.change_status(&ali(), Status::Submitted).unwrap();
        progress
            .change_status(&ali(), Status::EvidenceRecorded)
            .unwrap();
        progress.change_status(&ali(), Status::Practising).unwrap();
        progress.change_status(&ali(), Status::Learning).unwrap();
        assert_eq!(progress.evidence.len(), 1);
    }

    #[test]
    fn submitting_with_no_evidence_fails() {
        let mut progress = at(Status::Practising);
        assert_eq!(
            progress.change_status(&ali(), Status::EvidenceRecorded),
            Err(ProgressError::NoEvidence {
                to: Status::EvidenceRecorded
            })
        );
        progress.status = Status::EvidenceRecorded;
        assert_eq!(
            progress.change_status(&ali(), Status::Submitted),
            Err(ProgressError::NoEvidence {
                to: Status::Submitted
            })
        );
        assert_eq!(progress.status, Status::EvidenceRecorded);
    }

    #[test]
    fn a_learner_cannot_sign_off_their_own_competency() {
        let mut progress = at(Status::Submitted);
        assert_eq!(
            progress.change_status(&ali(), Status::SignedOff),
            Err(ProgressError::NeedsAssessor {
                to: Status::SignedOff
            })
        );
        // Not even a learner who is also a coordinator.
        let ali_as_coordinator = user("ali", Role::Coordinator);
        assert_eq!(
            progress.sign_off(&ali_as_coordinator, day(9)),
            Err(ProgressError::Permission(PermissionError::OwnWork))
        );
        assert_eq!(
            progress.send_back(&ali_as_coordinator, day(9), "Needs more."),
            Err(ProgressError::Permission(PermissionError::OwnWork))
        );
        assert_eq!(
            (progress.status, &progress.review),
            (Status::Submitted, &None)
        );
    }

    #[test]
    fn a_non_assessor_cannot_sign_off() {
        let mut progress = at(Status::Submitted);
        for role in [Role::Outreach, Role::Learner, Role::Admin] {
            let error = progress.sign_off(&user("sam", role), day(9)).unwrap_err();
            assert_eq!(
                error,
                ProgressError::Permission(PermissionError::NotAssessor { role })
            );
        }
        assert_eq!(
            progress.sign_off(&user("sam", Role::Learner), day(9)).unwrap_err().to_string(),
            "only a coordinator can sign off, send back or review someone's work; this account's role is Learner"
        );
        assert_eq!(progress.status, Status::Submitted);
    }

    #[test]
    fn an_assessor_signs_off_a_submission_and_it_is_final() {
        let mut progress = at(Status::Submitted);
        progress.sign_off(&pat(), day(9)).unwrap();
        assert_eq!(progress.status, Status::SignedOff);
        let review = progress.review.as_ref().unwrap();
        assert_eq!(
            (review.by.as_str(), review.date, review.outcome),
            ("pat", day(9), Outcome::SignedOff)
        );
        assert_eq!(
            progress.change_status(&ali(), Status::EvidenceRecorded),
            Err(ProgressError::NotAllowed {
                from: Status::SignedOff,
                to: Status::EvidenceRecorded
            })
        );
        assert_eq!(
            progress.add_evidence(&ali(), note(2, "More.")),
            Err(ProgressError::SignedOff)
        );
    }

    #[test]
    fn only_submissions_are_reviewed() {
        for status in [Status::EvidenceRecorded, Status::SignedOff] {
            let mut progress = at(status);
            assert_eq!(
                progress.sign_off(&pat(), day(9)),
                Err(ProgressError::NotSubmitted { status })
            );
        }
        let mut empty = at(Status::Submitted);
        empty.evidence.clear();
        assert_eq!(
            empty.sign_off(&pat(), day(9)),
            Err(ProgressError::NoEvidence {
                to: Status::SignedOff
            })
        );
    }

    #[test]
    fn send_back_needs_a_comment_and_the_learner_sees_it() {
        let mut progress = at(Status::Submitted);
        assert_eq!(
            progress.send_back(&pat(), day(9), "  "),
            Err(ProgressError::CommentRequired)
        );
        assert_eq!(progress.status, Status::Submitted);
        progress
            .send_back(&pat(), day(9), " Say who came and what changed. ")
            .unwrap();
        assert_eq!(progress.status, Status::EvidenceRecorded);
        // The learner carries on, and the comment stays until the next review.
        progress
            .add_evidence(&ali(), note(2, "Twelve residents came."))
            .unwrap();
        progress.change_status(&ali(), Status::Submitted).unwrap();
        let review = progress.review.as_ref().unwrap();
        assert_eq!(review.outcome, Outcome::SentBack);
        assert_eq!(review.comment, "Say who came and what changed.");
        assert_eq!(review.by, "pat");
    }

    #[test]
    fn only_the_learner_changes_their_progress() {
        let mut progress = at(Status::Learning);
        let expected = Err(ProgressError::NotYours {
            learner: "ali".to_owned(),
        });
        assert_eq!(progress.change_status(&pat(), Status::Practising), expected);
        assert_eq!(progress.add_evidence(&pat(), note(2, "Seen it.")), expected);
    }

    #[test]
    fn evidence_is_checked_before_it_is_appended() {
        let mut progress = at(Status::EvidenceRecorded);
        assert_eq!(
            progress.add_evidence(&ali(), note(2, " ")),
            Err(ProgressError::EmptyNote)
        );
        assert_eq!(
            progress.add_evidence(&ali(), note(1, "Again.")),
            Err(ProgressError::DuplicateEvidence(note(1, "").id))
        );
        assert!(matches!(
            progress.add_evidence(&ali(), note(2, &"x".repeat(MAX_TEXT + 1))),
            Err(ProgressError::TooLong { length: 10_001, .. })
        ));
        progress.status = Status::Submitted;
        assert_eq!(
            progress.add_evidence(&ali(), note(2, "Late.")),
            Err(ProgressError::UnderReview)
        );
        assert_eq!(progress.evidence.len(), 1);
    }
}
