//! The learner's status buttons on a competency: only the moves core allows from where it
//! stands, forward first, each saved at once.

use fieldbook_core::progress::{moves, Mover, Progress, Status};
use leptos::prelude::*;

use super::shared::{show, Scope};
use crate::components::{Outcome, SaveStatus};
use crate::focus;

/// Where focus goes after a move: the status line, since the button pressed has gone.
pub const STATUS_LINE: &str = "competency-status";

#[component]
pub fn StatusMoves(
    scope: Scope,
    record: Memo<Option<Progress>>,
    code: Memo<String>,
) -> impl IntoView {
    let refusal = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Outcome::None);
    let from = move || record.with(|r| r.as_ref().map(|r| r.status).unwrap_or_default());
    // A refusal holds only for the record it was about: once a note is added or the status
    // moves, it no longer applies and is not shown.
    let refused_at = RwSignal::new((Status::NotStarted, 0));
    let go = move |to: Status| {
        refused_at.set(record.with_untracked(stage));
        let result = record.with_untracked(|base| {
            scope.change(base.as_ref(), &code.get_untracked(), |progress, user| {
                progress.change_status(user, to)
            })
        });
        if show(result, refusal, outcome) {
            focus::focus_soon(STATUS_LINE);
        }
    };
    view! {
        <div class="status-moves">
            {move || {
                let from = from();
                moves(from, Mover::Learner)
                    .iter()
                    .enumerate()
                    .map(|(index, &to)| {
                        let class = if index == 0 { "" } else { "secondary" };
                        view! {
                            <button type="button" class=class on:click=move |_| go(to)>
                                {label(from, to)}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <p class="error" aria-live="polite">
            {move || {
                let current = record.with(stage);
                refusal.get().filter(|_| refused_at.get() == current)
            }}
        </p>
        <SaveStatus outcome />
    }
}

/// What the button for a move says: the first step of each stage is a start, a later one a
/// step back.
fn label(from: Status, to: Status) -> &'static str {
    use Status::*;
    match (from, to) {
        (NotStarted, Learning) => "Start learning",
        (_, Learning) => "Back to learning",
        (Learning, Practising) => "Start practising",
        (_, Practising) => "Back to practising",
        (Submitted, EvidenceRecorded) => "Withdraw from sign-off",
        (_, EvidenceRecorded) => "Mark evidence recorded",
        (_, Submitted) => "Submit for sign-off",
        (_, other) => other.label(),
    }
}

/// Where a record stands, as far as a refusal is concerned.
fn stage(record: &Option<Progress>) -> (Status, usize) {
    record
        .as_ref()
        .map_or((Status::NotStarted, 0), |r| (r.status, r.evidence.len()))
}
