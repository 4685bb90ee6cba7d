//! Training progress: one document per learner, framework and competency, and the workflow that
//! moves it from not started to signed off.
//!
//! The rules ([`moves`] holds them as one table):
//! - A learner moves their own competency one step at a time: not started, learning, practising,
//!   evidence recorded, submitted for sign-off. They may step back between learning, practising
//!   and evidence recorded to reassess, and withdraw a submission back to evidence recorded.
//!   Nobody returns a competency to not started.
//! - Evidence recorded, submitted and signed off each need at least one evidence note.
//! - Evidence is append-only. Only the learner adds it, and not while the competency is submitted
//!   (the assessor reviews a fixed set; withdraw to add more) or once it is signed off.
//! - Only an assessor (a coordinator, never the learner: see [`crate::roles::can_sign_off`])
//!   reviews a submission: signing it off, or sending it back to evidence recorded with a comment.
//!   The review stays on the record, so the learner reads the comment, until the next review
//!   replaces it. A sign-off is final.
//! - Ownership is by username, not role: anyone may be a learner of their own progress.
//! - Operations check everything before changing anything, and return a [`ProgressError`].
//!   Validation ([`crate::Document::validate`]) checks what an operation cannot, such as dates
//!   against today, and what a merge of concurrent edits might produce.
//! - Two devices offline may each create a record for the same competency; [`statuses`] and
//!   [`summarise`] count the furthest along.

mod find;
mod portfolio;
mod queue;
mod record;
mod status;
pub(crate) mod summary;
mod transition;
mod workflow;

pub use find::record_for;
pub use portfolio::{portfolio, Portfolio, PortfolioArea, PortfolioEntry};
pub use queue::{review_queue, Submission};
pub use record::{Evidence, Outcome, Progress, Review};
pub use status::Status;
pub use summary::{statuses, summarise, CompetencyStatus, KeyAreaSummary};
pub use transition::{allowed, moves, Mover};
pub use workflow::ProgressError;
