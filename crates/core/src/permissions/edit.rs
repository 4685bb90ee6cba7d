//! What a change to a record does, as acts of the permission table: worked out from the record
//! before and after, so a sign-off hidden in an ordinary-looking push is still a sign-off.

use std::collections::BTreeSet;

use super::Act;
use crate::model::{Engagement, Venue};
use crate::progress::{moves, Mover, Progress, Status};
use crate::Document;

/// A change as permissions see it: whose record it is, what it does, and the assessor its review
/// names when it writes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub owner: String,
    /// Empty when no value changed (only stamps did).
    pub acts: BTreeSet<Act>,
    /// Any one of these lets someone send a change that alters no value.
    pub touch: &'static [Act],
    pub reviewer: Option<String>,
}

/// What changing `before` into `after` does, each with whether it is deleted. Deleting or
/// restoring a record changes none of its values, so it is an act of its own: keeping it.
pub fn edit_of<D: Kept>(before: Option<(&D, bool)>, after: (&D, bool), owner: &str) -> Edit {
    let mut edit = D::edit(before.map(|(doc, _)| doc), after.0, owner);
    if before.is_some_and(|(_, deleted)| deleted) != after.1 {
        edit.acts.insert(D::KEEPING);
    }
    edit
}

/// What a change to an engagement does. A review that changed is a review, and names its
/// assessor; any other change is an edit, or for a new record, its creation.
pub fn engagement(before: Option<&Engagement>, after: &Engagement) -> Edit {
    let mut acts = BTreeSet::new();
    let old_review = before.and_then(|record| record.review.as_ref());
    let review_changed = old_review != after.review.as_ref();
    if review_changed {
        acts.insert(Act::ReviewEngagement);
    }
    let unreviewed = |record: &Engagement| Engagement {
        review: None,
        ..record.clone()
    };
    match before {
        None => {
            acts.insert(Act::CreateEngagement);
        }
        Some(before) if unreviewed(before) != unreviewed(after) => {
            acts.insert(Act::EditEngagement);
        }
        Some(_) => {}
    }
    Edit {
        owner: after.author.clone(),
        acts,
        touch: &[Act::EditEngagement, Act::ReviewEngagement],
        reviewer: after
            .review
            .as_ref()
            .filter(|_| review_changed)
            .map(|review| review.by.clone()),
    }
}

/// What a change to training progress does. Signing off, and a review that changed (a sign-off
/// or a send-back, with the status it moves a submission to), are assessing; anything else is
/// the learner keeping their own record.
pub fn progress(before: Option<&Progress>, after: &Progress) -> Edit {
    let mut acts = BTreeSet::new();
    let old_review = before.and_then(|record| record.review.as_ref());
    let review_changed = old_review != after.review.as_ref();
    let old_status = before.map_or(Status::NotStarted, |record| record.status);
    let status_changed = old_status != after.status;
    if review_changed || (status_changed && after.status == Status::SignedOff) {
        acts.insert(Act::AssessProgress);
    }
    let assessors_move =
        review_changed && moves(Status::Submitted, Mover::Assessor).contains(&after.status);
    if status_changed && !assessors_move {
        acts.insert(Act::KeepProgress);
    }
    let rest = |record: &Progress| Progress {
        status: Status::NotStarted,
        review: None,
        ..record.clone()
    };
    if before.is_none_or(|before| rest(before) != rest(after)) {
        acts.insert(Act::KeepProgress);
    }
    Edit {
        owner: after.learner.clone(),
        acts,
        touch: &[Act::KeepProgress, Act::AssessProgress],
        reviewer: after
            .review
            .as_ref()
            .filter(|_| review_changed)
            .map(|review| review.by.clone()),
    }
}

/// What a change to a venue does: a venue is its first sender's, `owner`, to keep.
pub fn venue(before: Option<&Venue>, after: &Venue, owner: &str) -> Edit {
    Edit {
        owner: owner.to_owned(),
        acts: (before != Some(after))
            .then_some(Act::KeepVenue)
            .into_iter()
            .collect(),
        touch: &[Act::KeepVenue],
        reviewer: None,
    }
}

/// A kind of record the server keeps: whose it is, and what a change to it does.
pub trait Kept: Document {
    /// The act that covers the record as a whole: deleting or restoring it is this act.
    const KEEPING: Act;
    /// The owner the record names, if it names one.
    fn named_owner(&self) -> Option<&str>;
    /// What changing `before` (none for a new record) into `self` does; `owner` is whose it is.
    fn edit(before: Option<&Self>, after: &Self, owner: &str) -> Edit;
}

impl Kept for Engagement {
    const KEEPING: Act = Act::EditEngagement;

    fn named_owner(&self) -> Option<&str> {
        Some(&self.author)
    }

    fn edit(before: Option<&Self>, after: &Self, _owner: &str) -> Edit {
        engagement(before, after)
    }
}

impl Kept for Progress {
    const KEEPING: Act = Act::KeepProgress;

    fn named_owner(&self) -> Option<&str> {
        Some(&self.learner)
    }

    fn edit(before: Option<&Self>, after: &Self, _owner: &str) -> Edit {
        progress(before, after)
    }
}

impl Kept for Venue {
    const KEEPING: Act = Act::KeepVenue;

    fn named_owner(&self) -> Option<&str> {
        None
    }

    fn edit(before: Option<&Self>, after: &Self, owner: &str) -> Edit {
        venue(before, after, owner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Id;

    #[test]
    fn deleting_or_restoring_is_keeping_the_record() {
        let progress = Progress::new(Id::from_random([1; 16]), "lee", "nos-cd-2023", "07");
        let deleting = edit_of(Some((&progress, false)), (&progress, true), "lee");
        assert_eq!(deleting.acts, BTreeSet::from([Act::KeepProgress]));
        let restoring = edit_of(Some((&progress, true)), (&progress, false), "lee");
        assert_eq!(restoring.acts, BTreeSet::from([Act::KeepProgress]));
        let touching = edit_of(Some((&progress, true)), (&progress, true), "lee");
        assert!(touching.acts.is_empty());
    }
}
