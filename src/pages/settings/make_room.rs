//! "Make room": remove records the server already holds and that have not changed for a while.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::{TextField, MAKE_ROOM};
use crate::focus;
use crate::state::{now_ms, Data};
use crate::storage::SaveError;

const DAYS: &str = "make-room-days";

#[component]
pub fn MakeRoom() -> impl IntoView {
    let data = expect_context::<Data>();
    let days = RwSignal::new("90".to_owned());
    let error = RwSignal::new(None::<String>);
    // How many went, and the age that was asked for; or why nothing could be removed.
    let result = RwSignal::new(None::<Result<(usize, u64), SaveError>>);

    // A full storage elsewhere in the app sends the user here, at this section.
    if use_location().hash.get_untracked() == format!("#{MAKE_ROOM}") {
        request_animation_frame(|| {
            focus::go_to_section(MAKE_ROOM);
        });
    }

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(older_than) = days
            .get_untracked()
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|days| *days >= 1)
        else {
            error.set(Some(
                "Enter a whole number of days, 1 or more, such as 90.".to_owned(),
            ));
            result.set(None);
            focus::focus_soon(DAYS);
            return;
        };
        error.set(None);
        let removed = data.write(|store| store.remove_synced_older_than(older_than, now_ms()));
        result.set(Some(removed.map(|removed| (removed, older_than))));
    };

    view! {
        <section class="panel" aria-labelledby=MAKE_ROOM>
            // Focusable from script, so the "Make room" button elsewhere can bring the user here.
            <h2 id=MAKE_ROOM tabindex="-1">"Make room"</h2>
            <p>
                "Records the server already holds can be removed from this phone to free space; "
                "they stay on the server. Records not yet synced are never removed."
            </p>
            <form novalidate on:submit=submit on:input=move |_| result.set(None)>
                <TextField
                    id=DAYS
                    label="Remove synced records older than (days)"
                    value=days
                    on_change=move |text| days.set(text)
                    error=error
                    inputmode="numeric"
                />
                <div class="form-actions">
                    <button type="submit">"Remove old synced records"</button>
                </div>
            </form>
            <div class="make-room-result" role="status">
                {move || result.get().map(|result| view! { <p>{describe(result)}</p> })}
            </div>
        </section>
    }
}

/// What removing did, in words.
fn describe(result: Result<(usize, u64), SaveError>) -> String {
    const NEVER: &str = "Records not yet synced are never removed.";
    match result {
        Ok((0, days)) => {
            format!("Nothing to remove: no synced records are older than {days} days. {NEVER}")
        }
        Ok((1, days)) => format!("Removed 1 synced record older than {days} days. {NEVER}"),
        Ok((removed, days)) => {
            format!("Removed {removed} synced records older than {days} days. {NEVER}")
        }
        Err(error) => error.to_string(),
    }
}
