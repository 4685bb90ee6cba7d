//! Adding a venue, or changing one: its name and area, checked by core before anything is saved.

use fieldbook_core::model::Venue;
use fieldbook_core::{Document, Issue};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::save_status::Outcome;
use super::TextField;
use crate::state::Data;
use crate::{focus, local_time, random};

/// The venue's fields, in the order the form shows them; issue paths name them.
const FIELDS: [&str; 2] = ["name", "area"];

#[component]
pub fn VenueForm(
    /// Makes the ids of the form's elements unique on the page.
    #[prop(into)]
    id_prefix: String,
    /// Names the form, above it.
    #[prop(into)]
    heading: String,
    /// The venue as it was when editing began, or None to add a new one. Only the fields the
    /// user changes from it are saved, so a change made meanwhile in another tab survives.
    base: Option<Venue>,
    submit_label: &'static str,
    /// Receives the outcome of each save; the caller shows it where it fits.
    outcome: RwSignal<Outcome>,
    /// Runs once the venue is stored.
    #[prop(into)]
    on_saved: Callback<Venue>,
    /// Offers a Cancel button that runs this.
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let data = expect_context::<Data>();
    let (name, area) = base
        .as_ref()
        .map(|venue| (venue.name.clone(), venue.area.clone()))
        .unwrap_or_default();
    let (name, area) = (RwSignal::new(name), RwSignal::new(area));
    let issues = RwSignal::new(Vec::<Issue>::new());
    let error_at = move |path: &'static str| {
        Signal::derive(move || {
            issues.with(|issues| {
                let messages: Vec<&str> = issues
                    .iter()
                    .filter(|issue| issue.path == path)
                    .map(|issue| issue.message.as_str())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            })
        })
    };
    let field_id = {
        let prefix = id_prefix.clone();
        move |path: &str| format!("{prefix}-{path}")
    };
    let title_id = format!("{id_prefix}-title");
    let labelled_by = title_id.clone();

    let submit = {
        let field_id = field_id.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let venue = Venue {
                id: base.as_ref().map_or_else(random::id, |venue| venue.id),
                name: name.get_untracked().trim().to_owned(),
                area: area.get_untracked().trim().to_owned(),
            };
            if let Err(found) = venue.validate(&local_time::context()) {
                let first = FIELDS
                    .into_iter()
                    .find(|path| found.iter().any(|issue| issue.path == *path));
                issues.set(found);
                outcome.set(None);
                if let Some(path) = first {
                    focus::focus_soon(field_id(path));
                }
                return;
            }
            issues.set(Vec::new());
            let result = data.save(base.as_ref(), &venue);
            let saved = result.is_ok();
            outcome.set(Some(result));
            if saved {
                if base.is_none() {
                    name.set(String::new());
                    area.set(String::new());
                }
                on_saved.run(venue);
            }
        }
    };

    view! {
        <form
            class="venue-form"
            novalidate
            aria-labelledby=labelled_by
            on:submit=submit
            // A fresh edit clears the last outcome, so the next "Saved" is announced anew.
            on:input=move |_| outcome.set(None)
        >
            <h3 id=title_id>{heading}</h3>
            <TextField
                id=field_id("name")
                label="Name"
                value=name
                on_change=move |text| name.set(text)
                error=error_at("name")
            />
            <TextField
                id=field_id("area")
                label="Area (optional)"
                value=area
                on_change=move |text| area.set(text)
                error=error_at("area")
                hint="The neighbourhood or ward, for reports by area."
            />
            <div class="form-actions">
                <button type="submit">{submit_label}</button>
                {on_cancel
                    .map(|cancel| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| cancel.run(())
                            >
                                "Cancel"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}
