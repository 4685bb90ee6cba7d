//! "You": who is using this phone, by name and role. Records and training progress are kept
//! under the name; the role decides what they may do, such as sign off others' training.

use fieldbook_core::roles::Role;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{Outcome, SaveStatus, TextField};
use crate::focus;
use crate::state::Data;

const NAME: &str = "you-name";
const ROLE: &str = "you-role";

#[component]
pub fn You() -> impl IntoView {
    let data = expect_context::<Data>();
    let current = data.settings();
    let name = RwSignal::new(current.user.clone());
    let role = RwSignal::new(current.role);
    let error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Outcome::None);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            error.set(Some("Enter your name, as your team knows you.".to_owned()));
            outcome.set(None);
            focus::focus_soon(NAME);
            return;
        }
        error.set(None);
        // Read afresh, so a field saved meanwhile (the active framework) is kept.
        let mut settings = data.settings();
        settings.user = typed;
        settings.role = role.get_untracked();
        outcome.set(Some(data.write(|store| store.save_settings(&settings))));
    };

    view! {
        <section class="panel" aria-labelledby="you-title">
            <h2 id="you-title" tabindex="-1">"You"</h2>
            <p>
                "Your records and training progress are kept under your name. A coordinator "
                "who signs off training on this phone switches to their own name and the "
                "coordinator role, and back afterwards."
            </p>
            <form novalidate aria-labelledby="you-title" on:submit=submit on:input=move |_| outcome.set(None)>
                <TextField
                    id=NAME
                    label="Your name"
                    value=name
                    on_change=move |typed| name.set(typed)
                    error=error
                />
                <div class="field">
                    <label for=ROLE>"Your role"</label>
                    <select
                        id=ROLE
                        on:change:target=move |event| {
                            if let Some(found) = Role::ALL
                                .into_iter()
                                .find(|r| code(*r) == event.target().value())
                            {
                                role.set(found);
                                outcome.set(None);
                            }
                        }
                    >
                        {Role::ALL
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=code(r) selected=move || role.get() == r>
                                        {r.label()}
                                    </option>
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

/// The role's code as serde writes it, for the option's value.
fn code(role: Role) -> String {
    serde_json::to_value(role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
