//! What to do with one pushed change, decided without touching storage: read it, merge it into
//! the server's copy, check the result with core's validation, and check that the sender may
//! write it. Any store calls this inside its transaction, so every store applies the same rules.

use chrono::NaiveDate;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::protocol::{Change, Reason, Status};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{Context, Document, Issue, Replica};

/// The server's copy of a document, and whose it is.
pub struct Existing {
    pub replica: Replica,
    pub owner: String,
}

pub enum Decision {
    /// Store `replica` as the document's new state.
    Store {
        replica: Replica,
        owner: String,
        retain_until: Option<NaiveDate>,
        status: Status,
    },
    /// The server already holds all of it.
    Duplicate,
    Reject(Reason),
}

fn reject(code: &str, message: impl Into<String>) -> Decision {
    Decision::Reject(Reason {
        code: code.to_owned(),
        message: message.into(),
        issues: Vec::new(),
    })
}

/// Whose a document is, and how long its personal data may be kept.
struct Facts {
    owner: Option<String>,
    retain_until: Option<NaiveDate>,
}

pub fn decide(
    user: &User,
    change: &Change,
    existing: Option<Existing>,
    shares_team: impl Fn(&str) -> bool,
    context: &Context,
) -> Decision {
    let incoming = match Replica::decode(change.replica.get()) {
        Ok(replica) => replica,
        Err(error) => {
            return reject(
                "malformed_replica",
                format!("The replica could not be read: {error}."),
            )
        }
    };
    if incoming.kind() != change.kind || incoming.id() != change.id {
        return reject(
            "mismatch",
            format!(
                "The change names {} {}, but its replica is {} {}.",
                change.kind,
                change.id,
                incoming.kind(),
                incoming.id()
            ),
        );
    }
    let (mut merged, previous_owner) = match existing {
        Some(Existing { replica, owner }) => (replica, Some(owner)),
        None => (incoming.clone(), None),
    };
    let absorbed = if previous_owner.is_some() {
        merged.absorb(&incoming)
    } else {
        fieldbook_core::replica::Absorbed {
            changed: true,
            lost: false,
        }
    };
    let facts = match facts(&merged, context) {
        Ok(facts) => facts,
        Err(reason) => return Decision::Reject(reason),
    };
    let owner = facts
        .owner
        .or_else(|| previous_owner.clone())
        .unwrap_or_else(|| user.username.clone());
    if previous_owner
        .as_ref()
        .is_some_and(|previous| *previous != owner)
    {
        return reject(
            "owner_changed",
            format!(
                "This record belongs to {}; who made it cannot change.",
                previous_owner.unwrap_or_default()
            ),
        );
    }
    if !may_write(user, &change.kind, &owner, shares_team) {
        return reject(
            "not_yours",
            format!(
                "{} may not change this record; it belongs to {owner}.",
                user.username
            ),
        );
    }
    if !absorbed.changed && !absorbed.lost {
        return Decision::Duplicate;
    }
    Decision::Store {
        replica: merged,
        owner,
        retain_until: facts.retain_until,
        status: if absorbed.lost {
            Status::Conflict
        } else {
            Status::Applied
        },
    }
}

/// Who may write what, after core's roles: your own records; a coordinator, also their teams'
/// engagements and anyone's training progress (to sign it off). Admins write no records.
fn may_write(user: &User, kind: &str, owner: &str, shares_team: impl Fn(&str) -> bool) -> bool {
    match user.role {
        Role::Admin => false,
        _ if owner == user.username => true,
        Role::Coordinator if kind == Engagement::KIND => shares_team(owner),
        Role::Coordinator => kind == Progress::KIND,
        Role::Outreach | Role::Learner => false,
    }
}

/// Read the merged document and check it; a kind this server does not know is refused, and one
/// from a newer schema is kept whole, as core does, without a check this version cannot make.
fn facts(merged: &Replica, context: &Context) -> Result<Facts, Reason> {
    match merged.kind() {
        Engagement::KIND => {
            let record: Option<Engagement> = typed(merged, context)?;
            Ok(Facts {
                retain_until: record
                    .as_ref()
                    .and_then(|record| record.contact.as_ref().map(|c| c.retain_until)),
                owner: record.map(|record| record.author),
            })
        }
        Progress::KIND => Ok(Facts {
            owner: typed::<Progress>(merged, context)?.map(|progress| progress.learner),
            retain_until: None,
        }),
        Venue::KIND => {
            typed::<Venue>(merged, context)?;
            Ok(Facts {
                owner: None,
                retain_until: None,
            })
        }
        other => Err(Reason {
            code: "unknown_kind".into(),
            message: format!("This server does not keep documents of kind {other:?}."),
            issues: Vec::new(),
        }),
    }
}

fn typed<D: Document>(merged: &Replica, context: &Context) -> Result<Option<D>, Reason> {
    if merged.version() > D::VERSION {
        return Ok(None);
    }
    let doc: D = merged.to_doc().map_err(|error| Reason {
        code: "invalid".into(),
        message: format!("The document could not be read: {error}."),
        issues: Vec::new(),
    })?;
    if !merged.is_deleted() {
        doc.validate(context).map_err(|issues: Vec<Issue>| Reason {
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
        })?;
    }
    Ok(Some(doc))
}
