//! "Team records on this phone": how many months of the team's engagements a coordinator's
//! phone holds. Their own records are always kept; saving a narrower window removes the
//! team's older synced records at once, and a wider one brings them back at the next sync.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use fieldbook_core::window::TeamWindow;

use crate::components::{Outcome, SaveStatus};
use crate::local_time;
use crate::state::{Data, Part};

const WINDOW: &str = "team-window";
const HINT: &str = "team-window-hint";

/// Shown only where a window applies: signed in as someone who sees the team's records.
#[component]
pub fn TeamWindowSetting() -> impl IntoView {
    let data = expect_context::<Data>();
    let windowed = Memo::new(move |_| {
        let today = local_time::context().now.date();
        data.follow(&[Part::Settings], |store| {
            store.team_cutoff(today).is_some()
        })
    });
    view! {
        <Show when=move || windowed.get()>
            <WindowForm />
        </Show>
    }
}

#[component]
fn WindowForm() -> impl IntoView {
    let data = expect_context::<Data>();
    let months = RwSignal::new(data.settings().team_window.months.to_string());
    let outcome = RwSignal::new(Outcome::None);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(window) = months
            .get_untracked()
            .parse::<u32>()
            .ok()
            .map(|months| TeamWindow { months })
        else {
            return;
        };
        let today = local_time::context().now.date();
        let saved = data.write(|store| store.set_team_window(window, today));
        outcome.set(Some(saved.map(|_| ())));
    };

    view! {
        <section class="panel" aria-labelledby="team-window-title">
            <h2 id="team-window-title" tabindex="-1">"Team records"</h2>
            <form
                novalidate
                aria-labelledby="team-window-title"
                on:submit=submit
                on:change=move |_| outcome.set(None)
            >
                <div class="field">
                    <label for=WINDOW>"Team records on this phone"</label>
                    <p class="hint" id=HINT>
                        "Your own records are always kept. Older team records the server "
                        "already holds are removed from this phone; reports over every record "
                        "come from the server when you are online."
                    </p>
                    <select
                        id=WINDOW
                        aria-describedby=HINT
                        prop:value=move || months.get()
                        on:change:target=move |event| months.set(event.target().value())
                    >
                        {TeamWindow::CHOICES
                            .iter()
                            .map(|window| {
                                view! {
                                    <option value=window.months.to_string()>{window.label()}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="form-actions">
                    <button type="submit">"Save"</button>
                </div>
            </form>
            <SaveStatus outcome />
        </section>
    }
}
