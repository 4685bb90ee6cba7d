//! Where a save reports back: "Saved" once the data is on disk (see `journaling`), or why not
//! and what to do.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::focus;
use crate::journaling::Durability;
use crate::state::Data;
use crate::storage::SaveError;

/// The outcome of the last save in a form: None before any, or since the user changed something.
pub type Outcome = Option<Result<(), SaveError>>;

/// The id of the "Make room" heading on the settings page, where a full storage sends the user.
pub const MAKE_ROOM: &str = "make-room-title";

/// A polite live region, present before anything is said so screen readers announce each change.
/// When storage is full it offers the ways out: "Make room" takes the user to that section of
/// the settings page (moving focus there, or opening the page at it), and a backup is mentioned.
#[component]
pub fn SaveStatus(#[prop(into)] outcome: Signal<Outcome>) -> impl IntoView {
    let data = expect_context::<Data>();
    // The journal write a save waits on: the last one made by the time its outcome arrived.
    let written = Memo::new(move |_| {
        outcome.with(|outcome| matches!(outcome, Some(Ok(()))).then(|| data.last_write()))
    });
    let navigate = use_navigate();
    let make_room = move |_| {
        if !focus::go_to_section(MAKE_ROOM) {
            navigate(&format!("/settings#{MAKE_ROOM}"), Default::default());
        }
    };
    view! {
        <div class="save-status" role="status">
            {move || match outcome.get() {
                None => ().into_any(),
                Some(Ok(())) => {
                    written.get().map(|number| durability(data.durability(number))).into_any()
                }
                Some(Err(error)) => {
                    let full = matches!(error, SaveError::Full { .. });
                    let make_room = make_room.clone();
                    view! {
                        <div class="save-error">
                            <p>{error.to_string()}</p>
                            {full
                                .then(|| {
                                    view! {
                                        <button type="button" class="secondary" on:click=make_room>
                                            "Make room"
                                        </button>
                                        <p>
                                            "You can also export a backup further down the "
                                            "settings page."
                                        </p>
                                    }
                                })}
                        </div>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// "Saved" for a save made on the page before this one (a form that closes once its record is
/// on disk), as that write stands now.
#[component]
pub fn JustSaved() -> impl IntoView {
    let data = expect_context::<Data>();
    let number = data.last_write();
    move || durability(data.durability(number))
}

/// What a person is told of a stored write: "Saving…" until the journal has it on disk.
fn durability(durability: Durability) -> AnyView {
    match durability {
        Durability::Pending => view! { <p class="saving">"Saving…"</p> }.into_any(),
        Durability::OnDisk => view! { <p class="saved">"Saved"</p> }.into_any(),
        Durability::AtRisk(reason) => view! {
            <p class="saved at-risk">
                "Saved on this phone, but it may not survive the phone switching off in the next "
                "few seconds: the browser would not keep its safety copy (" {reason} ")."
            </p>
        }
        .into_any(),
    }
}
