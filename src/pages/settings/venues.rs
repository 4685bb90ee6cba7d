//! "Venues": the places this phone remembers, most recently changed first, with a form to add
//! one and an Undo after a removal.

use fieldbook_core::model::Venue;
use fieldbook_core::Id;
use leptos::prelude::*;

use super::venue_row::{edit_button_id, VenueRow};
use crate::components::{Outcome, SaveStatus, VenueForm};
use crate::focus;
use crate::state::{now_ms, Data};
use crate::storage::Collection;

const UNDO: &str = "venue-undo";

/// A removal that can still be undone.
#[derive(Clone)]
struct Removed {
    id: Id,
    name: String,
}

#[component]
pub fn Venues() -> impl IntoView {
    let data = expect_context::<Data>();
    let ids = Memo::new(move |_| data.docs::<Venue, _>(newest_first));
    let added = RwSignal::new(Outcome::None);
    let removed = RwSignal::new(None::<Removed>);
    let undone = RwSignal::new(Outcome::None);

    let on_removed = move |(id, name): (Id, String)| {
        undone.set(None);
        removed.set(Some(Removed { id, name }));
        focus::focus_soon(UNDO);
    };
    let undo = move |_| {
        let Some(Removed { id, .. }) = removed.get_untracked() else {
            return;
        };
        match data.write(|store| store.restore::<Venue>(id, now_ms())) {
            Ok(()) => {
                removed.set(None);
                focus::focus_soon(edit_button_id(id));
            }
            Err(error) => undone.set(Some(Err(error))),
        }
    };

    view! {
        <section class="panel" aria-labelledby="venues-title">
            <h2 id="venues-title">"Venues"</h2>
            <p>"The places you record at, so the next record at the same place is one tap away."</p>
            <VenueForm
                id_prefix="venue-new"
                heading="Add a venue"
                base=None
                submit_label="Add venue"
                outcome=added
                on_saved=|_| {}
            />
            <SaveStatus outcome=added />
            <div class="undo" role="status">
                {move || {
                    removed
                        .get()
                        .map(|Removed { name, .. }| {
                            view! {
                                <p>{format!("Removed \u{201c}{name}\u{201d}.")}</p>
                                <button type="button" class="secondary" id=UNDO on:click=undo>
                                    "Undo"
                                </button>
                            }
                        })
                }}
            </div>
            <SaveStatus outcome=undone />
            <h3>"Your venues"</h3>
            <Show
                when=move || !ids.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No venues yet."</p> }
            >
                <ul class="venue-list">
                    <For each=move || ids.get() key=|id| *id let:id>
                        <VenueRow id on_removed />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// The ids of the venues not deleted, the most recently changed first: the place in use now
/// is likeliest to be the one wanted next.
fn newest_first(venues: &Collection<Venue>) -> Vec<Id> {
    let mut live: Vec<_> = venues
        .iter()
        .filter(|(_, stored)| !stored.deleted)
        .map(|(id, stored)| (stored.updated, *id))
        .collect();
    fieldbook_core::sort::sort_by(&mut live, |a, b| b.cmp(a));
    live.into_iter().map(|(_, id)| id).collect()
}
