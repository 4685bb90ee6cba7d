//! Whether a change to a record may be stored: whether the person sending it may do each act
//! it is ([`super::edit`]), and whether a review it writes names them.

use super::edit::Edit;
use super::{may, Act};
use crate::roles::{PermissionError, Role, User};

/// Why a change may not be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("{user} may not {wording} that belongs to {owner}.")]
    NotYours {
        user: String,
        owner: String,
        wording: &'static str,
    },
    #[error("{}", capitalised(.0))]
    Assessing(PermissionError),
    #[error(
        "The review names {by} as its assessor, but this change was sent by {user}; a review can \
         only be written by the assessor it names."
    )]
    ReviewByOther { by: String, user: String },
}

impl Denied {
    /// The refusal code sent with a rejected change.
    pub fn code(&self) -> &'static str {
        match self {
            Denied::NotYours { .. } => "not_yours",
            Denied::Assessing(PermissionError::OwnWork) => "own_work",
            Denied::Assessing(PermissionError::NotAssessor { .. }) => "not_assessor",
            Denied::Assessing(PermissionError::OtherTeam { .. }) => "other_team",
            Denied::ReviewByOther { .. } => "review_by_other",
        }
    }
}

fn capitalised(error: &PermissionError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => text,
    }
}

/// Whether `user` may store `edit`, given whether its owner shares a team with them.
pub fn check(user: &User, edit: &Edit, shares_team: bool) -> Result<(), Denied> {
    if edit.acts.is_empty() {
        return if edit
            .touch
            .iter()
            .any(|act| may(user, *act, &edit.owner, shares_team))
        {
            Ok(())
        } else {
            Err(not_yours(user, edit, edit.touch[0]))
        };
    }
    for act in &edit.acts {
        if may(user, *act, &edit.owner, shares_team) {
            continue;
        }
        return Err(match act {
            Act::AssessProgress | Act::ReviewEngagement => {
                Denied::Assessing(assessing_error(user, &edit.owner))
            }
            _ => not_yours(user, edit, *act),
        });
    }
    match &edit.reviewer {
        Some(by) if *by != user.username => Err(Denied::ReviewByOther {
            by: by.clone(),
            user: user.username.clone(),
        }),
        _ => Ok(()),
    }
}

fn not_yours(user: &User, edit: &Edit, act: Act) -> Denied {
    let wording = super::RULES
        .iter()
        .find(|rule| rule.act == act)
        .map_or("change a record", |rule| rule.wording);
    Denied::NotYours {
        user: user.username.clone(),
        owner: edit.owner.clone(),
        wording,
    }
}

/// Why an assessing act was refused, most useful reason first: a coordinator who is also in
/// training hears that it is their own work, not that they are in another team.
fn assessing_error(user: &User, owner: &str) -> PermissionError {
    if user.username == owner {
        PermissionError::OwnWork
    } else if user.role != Role::Coordinator {
        PermissionError::NotAssessor { role: user.role }
    } else {
        PermissionError::OtherTeam {
            learner: owner.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use std::collections::BTreeSet;

    use super::super::edit::{engagement, progress, venue};
    use super::*;
    use crate::model::{Engagement, RecordReview, ReviewState, Venue};
    use crate::progress::{Evidence, Outcome, Progress, Review, Status};
    use crate::{sample, ElementId, Id};

    fn user(username: &str, role: Role) -> User {
        User {
            username: username.to_owned(),
            role,
            teams: vec!["brinnington".to_owned()],
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn submitted() -> Progress {
        let mut progress = Progress::new(Id::from_random([1; 16]), "lee", "nos-cd-2023", "07");
        progress.status = Status::Submitted;
        progress.evidence.push(Evidence {
            id: ElementId::new(1_780_000_000_000, [1; 4]),
            date: day(),
            note: "Ran a drop-in.".to_owned(),
            engagement: None,
        });
        progress
    }

    fn signed_off_by(by: &str) -> Progress {
        let mut progress = submitted();
        progress.status = Status::SignedOff;
        progress.review = Some(Review {
            by: by.to_owned(),
            date: day(),
            outcome: Outcome::SignedOff,
            comment: String::new(),
        });
        progress
    }

    fn code(result: Result<(), Denied>) -> &'static str {
        result.map_or_else(|denied| denied.code(), |()| "ok")
    }

    #[test]
    fn a_learner_cannot_sign_off_their_own_competency() {
        let edit = progress(Some(&submitted()), &signed_off_by("cath"));
        assert_eq!(
            edit.acts,
            BTreeSet::from([Act::AssessProgress]),
            "the sign-off is an assessor's act, not the learner's"
        );
        assert_eq!(
            code(check(&user("lee", Role::Learner), &edit, true)),
            "own_work"
        );
        let mut status_only = submitted();
        status_only.status = Status::SignedOff;
        let edit = progress(Some(&submitted()), &status_only);
        assert_eq!(
            code(check(&user("lee", Role::Learner), &edit, true)),
            "own_work"
        );
    }

    #[test]
    fn a_coordinator_signs_off_a_team_mate_in_their_own_name_only() {
        let edit = progress(Some(&submitted()), &signed_off_by("cath"));
        let cath = user("cath", Role::Coordinator);
        assert_eq!(code(check(&cath, &edit, true)), "ok");
        assert_eq!(code(check(&cath, &edit, false)), "other_team");
        assert_eq!(
            code(check(&user("sam", Role::Outreach), &edit, true)),
            "not_assessor"
        );
        let forged = progress(Some(&submitted()), &signed_off_by("pat"));
        assert_eq!(code(check(&cath, &forged, true)), "review_by_other");
    }

    #[test]
    fn a_send_back_is_assessing_and_a_withdrawal_is_keeping() {
        let mut sent_back = submitted();
        sent_back.status = Status::EvidenceRecorded;
        sent_back.review = Some(Review {
            by: "cath".to_owned(),
            date: day(),
            outcome: Outcome::SentBack,
            comment: "Add the dates.".to_owned(),
        });
        let edit = progress(Some(&submitted()), &sent_back);
        assert_eq!(edit.acts, BTreeSet::from([Act::AssessProgress]));
        let mut withdrawn = submitted();
        withdrawn.status = Status::EvidenceRecorded;
        let edit = progress(Some(&submitted()), &withdrawn);
        assert_eq!(edit.acts, BTreeSet::from([Act::KeepProgress]));
        assert_eq!(code(check(&user("lee", Role::Learner), &edit, true)), "ok");
        assert_eq!(
            code(check(&user("cath", Role::Coordinator), &edit, true)),
            "not_yours"
        );
    }

    #[test]
    fn nobody_creates_someone_elses_progress() {
        let edit = progress(None, &submitted());
        assert_eq!(
            code(check(&user("cath", Role::Coordinator), &edit, true)),
            "not_yours"
        );
        assert_eq!(code(check(&user("lee", Role::Learner), &edit, true)), "ok");
    }

    fn reviewed(by: &str) -> Engagement {
        let mut record = sample::engagement(1);
        record.author = "sam".to_owned();
        record.review = Some(RecordReview {
            state: ReviewState::LooksRight,
            comment: String::new(),
            by: by.to_owned(),
            on: day(),
        });
        record
    }

    #[test]
    fn an_author_cannot_review_their_own_engagement() {
        let mut plain = reviewed("cath");
        plain.review = None;
        let sam = user("sam", Role::Outreach);
        assert_eq!(code(check(&sam, &engagement(None, &plain), false)), "ok");
        let edit = engagement(Some(&plain), &reviewed("cath"));
        assert_eq!(code(check(&sam, &edit, true)), "own_work");
        assert_eq!(
            code(check(&sam, &engagement(None, &reviewed("cath")), true)),
            "own_work",
            "not even on a new record"
        );
        let cath = user("cath", Role::Coordinator);
        assert_eq!(code(check(&cath, &edit, true)), "ok");
        assert_eq!(code(check(&cath, &edit, false)), "other_team");
        let forged = engagement(Some(&plain), &reviewed("pat"));
        assert_eq!(code(check(&cath, &forged, true)), "review_by_other");
    }

    #[test]
    fn editing_around_a_review_is_not_reviewing() {
        let before = reviewed("cath");
        let mut after = before.clone();
        after.notes = "More detail.".to_owned();
        let edit = engagement(Some(&before), &after);
        assert_eq!(edit.acts, BTreeSet::from([Act::EditEngagement]));
        assert_eq!(edit.reviewer, None);
        assert_eq!(
            code(check(&user("sam", Role::Outreach), &edit, false)),
            "ok"
        );
        assert_eq!(
            code(check(&user("sal", Role::Outreach), &edit, true)),
            "not_yours"
        );
    }

    #[test]
    fn a_change_of_stamps_only_needs_some_right_to_the_record() {
        let record = submitted();
        let edit = progress(Some(&record), &record);
        assert!(edit.acts.is_empty());
        assert_eq!(
            code(check(&user("cath", Role::Coordinator), &edit, true)),
            "ok"
        );
        assert_eq!(
            code(check(&user("olu", Role::Outreach), &edit, false)),
            "not_yours"
        );
        let venue_record = Venue {
            id: Id::from_random([2; 16]),
            name: "Hall".to_owned(),
            area: String::new(),
        };
        let edit = venue(Some(&venue_record), &venue_record, "sam");
        assert_eq!(
            code(check(&user("sam", Role::Outreach), &edit, false)),
            "ok"
        );
        assert_eq!(
            code(check(&user("cath", Role::Coordinator), &edit, true)),
            "not_yours"
        );
    }
}
