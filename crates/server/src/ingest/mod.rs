//! What to do with one pushed change, decided without touching storage: read it, check it with
//! core's intake rules, merge it into the server's copy, check the result, and check with core's
//! permissions that the sender may make it. Any store calls this inside its transaction, so every
//! store applies the same rules. [`batch`] decides a whole push at once, over every core.

mod batch;

pub use batch::{decide_batch, Damaged, Row};

use chrono::NaiveDate;
use fieldbook_core::intake;
use fieldbook_core::model::{Contact, Engagement, Venue};
use fieldbook_core::organisation::Organisation;
use fieldbook_core::permissions::edit::{edit_of, Kept};
use fieldbook_core::permissions::write;
use fieldbook_core::progress::Progress;
use fieldbook_core::protocol::{Change, Reason, Status};
use fieldbook_core::replica::Absorbed;
use fieldbook_core::roles::User;
use fieldbook_core::{Context, Document, Issue, Replica};

/// The server's copy of a document, and whose it is.
pub struct Existing {
    pub replica: Replica,
    pub owner: String,
}

pub enum Decision {
    /// Store `replica` (`encoded`) as the document's new state.
    Store {
        replica: Replica,
        encoded: String,
        owner: String,
        retain_until: Option<NaiveDate>,
        status: Status,
        /// Whether the stored result is exactly what the sender sent, so the sending device
        /// already holds it. When the merge kept anything it did not send (a coordinator's
        /// review, say), it needs the record back at its next pull.
        sender_holds_it: bool,
    },
    /// The server already holds all of it.
    Duplicate,
    Reject(Reason),
}

/// What a push needs from outside the change: who sent it, whom they share a team with, the
/// server's clock, and whether the organisation keeps contact details.
pub struct Sender<'a, F> {
    pub user: &'a User,
    pub shares_team: F,
    pub now_ms: u64,
    pub organisation: Organisation,
}

pub fn decide<F: Fn(&str) -> bool>(
    sender: &Sender<'_, F>,
    change: &Change,
    existing: Option<Existing>,
) -> Decision {
    admit(sender, change, existing).unwrap_or_else(Decision::Reject)
}

fn admit<F: Fn(&str) -> bool>(
    sender: &Sender<'_, F>,
    change: &Change,
    existing: Option<Existing>,
) -> Result<Decision, Reason> {
    intake::check_size(change.replica.get().len())?;
    let incoming = Replica::decode(change.replica.get()).map_err(|error| {
        reason(
            "malformed_replica",
            format!("The replica could not be read: {error}."),
        )
    })?;
    if incoming.kind() != change.kind || incoming.id() != change.id {
        return Err(reason(
            "mismatch",
            format!(
                "The change names {} {}, but its replica is {} {}.",
                change.kind,
                change.id,
                incoming.kind(),
                incoming.id()
            ),
        ));
    }
    match incoming.kind() {
        Engagement::KIND => admit_kept::<Engagement, F>(sender, incoming, existing),
        Progress::KIND => admit_kept::<Progress, F>(sender, incoming, existing),
        Venue::KIND => admit_kept::<Venue, F>(sender, incoming, existing),
        other => Err(reason(
            "unknown_kind",
            format!("This server does not keep documents of kind {other:?}."),
        )),
    }
}

fn admit_kept<D: Kept + Personal, F: Fn(&str) -> bool>(
    sender: &Sender<'_, F>,
    incoming: Replica,
    existing: Option<Existing>,
) -> Result<Decision, Reason> {
    intake::check_version::<D>(&incoming)?;
    intake::check_clock(&incoming, sender.now_ms)?;
    if let Some(existing) = &existing {
        // Checked before merging, so nothing of another kind's record is merged or sent back.
        if existing.replica.kind() != incoming.kind() {
            return Err(intake::Refusal::KindMismatch {
                stored: existing.replica.kind().to_owned(),
                sent: incoming.kind().to_owned(),
            }
            .into());
        }
    }
    let (before, previous_owner) = match existing {
        Some(Existing { replica, owner }) => (Some(replica), Some(owner)),
        None => (None, None),
    };
    // A new record is exactly what was sent: there is nothing to merge, copy or compare.
    let merge = before.as_ref().map(|before| {
        let mut merged = before.clone();
        let absorbed = merged.absorb(&incoming);
        (merged, absorbed)
    });
    let (merged, absorbed) = match &merge {
        Some((merged, absorbed)) => (merged, *absorbed),
        None => (
            &incoming,
            Absorbed {
                changed: true,
                lost: false,
            },
        ),
    };
    intake::check_version::<D>(merged)?;
    intake::check_fields::<D>(merged, &incoming)?;
    intake::check_lists(merged)?;
    let encoded = merged.encode();
    intake::check_size(encoded.len())?;

    let after: D = merged.to_doc().map_err(|error| {
        reason(
            "invalid",
            format!("The document could not be read: {error}."),
        )
    })?;
    // A stored copy that no longer reads is treated as absent: the change must then stand on
    // its own, as a new record would.
    let before: Option<(D, bool)> = before.and_then(|replica| {
        let doc = replica.to_doc().ok()?;
        Some((doc, replica.is_deleted()))
    });
    let owner = after
        .named_owner()
        .map(str::to_owned)
        .or_else(|| previous_owner.clone())
        .unwrap_or_else(|| sender.user.username.clone());
    if let Some(previous) = previous_owner.filter(|previous| *previous != owner) {
        return Err(reason(
            "owner_changed",
            format!("This record belongs to {previous}; who made it cannot change."),
        ));
    }
    let edit = edit_of(
        before.as_ref().map(|(doc, deleted)| (doc, *deleted)),
        (&after, merged.is_deleted()),
        &owner,
    );
    write::check(sender.user, &edit, (sender.shares_team)(&owner))
        .map_err(intake::Refusal::from)?;
    if !merged.is_deleted() {
        let context = Context::at(sender.now_ms as i64, 0);
        after.validate(&context).map_err(invalid)?;
        let before_contact = before.as_ref().and_then(|(doc, _)| doc.contact());
        if let Some(issue) = sender
            .organisation
            .refuses_change(before_contact, after.contact())
        {
            return Err(invalid(vec![issue]));
        }
    }
    if !absorbed.changed && !absorbed.lost {
        return Ok(Decision::Duplicate);
    }
    let (replica, sender_holds_it) = match merge {
        Some((merged, _)) => {
            let holds = merged == incoming;
            (merged, holds)
        }
        None => (incoming, true),
    };
    Ok(Decision::Store {
        sender_holds_it,
        retain_until: after.contact().map(|contact| contact.retain_until),
        replica,
        encoded,
        owner,
        status: if absorbed.lost {
            Status::Conflict
        } else {
            Status::Applied
        },
    })
}

/// The personal data a record holds, kept until its retention date.
trait Personal {
    fn contact(&self) -> Option<&Contact> {
        None
    }
}

impl Personal for Engagement {
    fn contact(&self) -> Option<&Contact> {
        self.contact.as_ref()
    }
}

impl Personal for Progress {}

impl Personal for Venue {}

fn reason(code: &str, message: impl Into<String>) -> Reason {
    Reason {
        code: code.to_owned(),
        message: message.into(),
        issues: Vec::new(),
    }
}

fn invalid(issues: Vec<Issue>) -> Reason {
    Reason {
        code: "invalid".into(),
        message: format!(
            "The record has {} problem(s): {}",
            issues.len(),
            issues
                .iter()
                .map(|issue| issue.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        issues,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_api_description_names_every_refusal() {
        let openapi = include_str!("../openapi.json");
        let names = [
            "malformed_replica",
            "mismatch",
            "unknown_kind",
            "owner_changed",
        ];
        for code in fieldbook_core::intake::CODES.iter().chain(&names) {
            assert!(openapi.contains(&format!("`{code}`")), "{code}");
        }
    }
}
