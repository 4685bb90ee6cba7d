//! Who was reached, beyond the total: counts by age band and by seldom-heard group, each
//! optional. An empty box means "not counted", which is not the same as none.

use std::collections::BTreeMap;

use fieldbook_core::form::EngagementForm;
use fieldbook_core::vocab::{self, Vocabulary};
use leptos::prelude::*;

use super::editor::{field_id, Editor};
use crate::components::TextField;

#[component]
pub fn ReachCounts(editor: Editor) -> impl IntoView {
    view! {
        <p class="hint">
            "Counts, never names. Leave a box empty if you did not count that group."
        </p>
        <CountGroup
            editor
            legend="By age band"
            vocabulary=vocab::age_bands()
            path="reach.age_bands"
            counts=|form| &form.age_bands
            counts_mut=|form| &mut form.age_bands
        />
        <CountGroup
            editor
            legend="Seldom-heard groups reached"
            vocabulary=vocab::seldom_heard()
            path="reach.groups"
            counts=|form| &form.groups
            counts_mut=|form| &mut form.groups
        />
    }
}

#[component]
fn CountGroup(
    editor: Editor,
    legend: &'static str,
    vocabulary: &'static Vocabulary,
    path: &'static str,
    counts: fn(&EngagementForm) -> &BTreeMap<String, String>,
    counts_mut: fn(&mut EngagementForm) -> &mut BTreeMap<String, String>,
) -> impl IntoView {
    let error = editor.error(move || path.to_owned());
    view! {
        <fieldset class="count-group">
            <legend>{legend}</legend>
            <p class="field-error" aria-live="polite">{move || error.get()}</p>
            <div class="count-grid">
                {vocabulary
                    .terms
                    .iter()
                    .map(|term| {
                        let code = term.code.clone();
                        let at = format!("{path}.{code}");
                        let value = Signal::derive({
                            let code = code.clone();
                            move || {
                                editor.form.with(|form| counts(form).get(&code).cloned())
                                    .unwrap_or_default()
                            }
                        });
                        let on_change = move |text: String| {
                            editor.edit(|form| {
                                if text.trim().is_empty() {
                                    counts_mut(form).remove(&code);
                                } else {
                                    counts_mut(form).insert(code.clone(), text);
                                }
                            })
                        };
                        let error = {
                            let at = at.clone();
                            editor.error(move || at.clone())
                        };
                        view! {
                            <TextField
                                id=field_id(&at)
                                label=term.label.clone()
                                value
                                on_change
                                error
                                inputmode="numeric"
                            />
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
