//! One remembered venue: its name and area, changed in place or removed.

use fieldbook_core::model::Venue;
use fieldbook_core::Id;
use leptos::prelude::*;

use crate::components::{Outcome, SaveStatus, VenueForm};
use crate::focus;
use crate::state::{now_ms, Data};

/// The id of a venue's Edit button, where focus returns after editing or an Undo.
pub fn edit_button_id(id: Id) -> String {
    format!("venue-{id}-edit")
}

#[component]
pub fn VenueRow(
    id: Id,
    /// Runs after the venue is removed, with its id and name, so the list can offer Undo.
    #[prop(into)]
    on_removed: Callback<(Id, String)>,
) -> impl IntoView {
    let data = expect_context::<Data>();
    // Read live, so a change made in another tab shows here without a reload; only this
    // venue's changes run it again.
    let venue = Memo::new(move |_| data.doc::<Venue>(id).map(|stored| stored.doc));
    let editing = RwSignal::new(false);
    let outcome = RwSignal::new(Outcome::None);
    let prefix = format!("venue-{id}");
    let edit_id = edit_button_id(id);
    let name = move || venue.get().map(|venue| venue.name).unwrap_or_default();

    let start_editing = {
        let prefix = prefix.clone();
        move |_| {
            outcome.set(None);
            editing.set(true);
            focus::focus_soon(format!("{prefix}-name"));
        }
    };
    let stop_editing = {
        let edit_id = edit_id.clone();
        move || {
            editing.set(false);
            focus::focus_soon(edit_id.clone());
        }
    };
    let remove = move |_| {
        let name = venue
            .get_untracked()
            .map(|venue| venue.name)
            .unwrap_or_default();
        match data.write(|store| store.delete::<Venue>(id, now_ms())) {
            Ok(()) => on_removed.run((id, name)),
            Err(error) => outcome.set(Some(Err(error))),
        }
    };

    view! {
        <li class="venue" data-venue-id=id.to_string()>
            {move || {
                // The form starts from the venue as it is now and keeps what is typed, even if
                // another tab changes the venue meanwhile: only the changed fields are saved.
                let editing = editing.get();
                match venue.get_untracked().filter(|_| editing) {
                    Some(base) => {
                        let (saved, cancelled) = (stop_editing.clone(), stop_editing.clone());
                        view! {
                            <VenueForm
                                id_prefix=prefix.clone()
                                heading=format!("Change {}", base.name)
                                base=Some(base)
                                submit_label="Save"
                                outcome
                                on_saved=move |_| saved()
                                on_cancel=move |_| cancelled()
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <div class="venue-summary">
                                <p class="venue-name">{name}</p>
                                <p class="venue-area">
                                    {move || {
                                        venue
                                            .get()
                                            .map(|venue| venue.area)
                                            .filter(|area| !area.is_empty())
                                            .unwrap_or_else(|| "No area given".to_owned())
                                    }}
                                </p>
                            </div>
                            <div class="row-actions">
                                <button
                                    type="button"
                                    class="secondary"
                                    id=edit_id.clone()
                                    on:click=start_editing.clone()
                                >
                                    "Edit"
                                    <span class="visually-hidden">" " {name}</span>
                                </button>
                                <button type="button" class="secondary danger" on:click=remove>
                                    "Remove"
                                    <span class="visually-hidden">" " {name}</span>
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                }
            }}
            <SaveStatus outcome />
        </li>
    }
}
