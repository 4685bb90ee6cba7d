//! Ticking teams: a group of checkboxes over the team names given, holding the ticked ones.

use leptos::prelude::*;

#[component]
pub fn TeamChoice(
    /// The legend, which names the group for a screen reader.
    legend: &'static str,
    #[prop(into)] teams: Signal<Vec<String>>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="chips">
            <legend>{legend}</legend>
            <Show
                when=move || teams.with(|teams| !teams.is_empty())
                fallback=|| view! { <p>"There are no teams yet."</p> }
            >
                <div class="chip-list">
                    <For each=move || teams.get() key=|team| team.clone() let:team>
                        {
                            let name = team.clone();
                            let ticked = {
                                let team = team.clone();
                                move || chosen.with(|chosen| chosen.contains(&team))
                            };
                            view! {
                                <label class="chip">
                                    <input
                                        type="checkbox"
                                        prop:checked=ticked
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            chosen.update(|chosen| {
                                                chosen.retain(|t| t != &team);
                                                if on {
                                                    chosen.push(team.clone());
                                                }
                                            });
                                        }
                                    />
                                    <span>{name}</span>
                                </label>
                            }
                        }
                    </For>
                </div>
            </Show>
        </fieldset>
    }
}
