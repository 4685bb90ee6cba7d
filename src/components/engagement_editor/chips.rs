//! Chips: a vocabulary as big buttons, one choice (radio) or several (checkboxes), in a
//! fieldset whose legend names the question.

use fieldbook_core::vocab::Vocabulary;
use leptos::prelude::*;

/// Pick one code from `vocabulary`. A code it does not know (from a newer version) is kept,
/// shown as itself.
#[component]
pub fn ChoiceChips(
    /// Names the group's inputs and its error; the first input gets this id.
    id: String,
    legend: &'static str,
    vocabulary: &'static Vocabulary,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let codes = options(vocabulary, [value.get_untracked()]);
    let error_id = format!("{id}-error");
    let name = id.clone();
    view! {
        <fieldset class="chips" class:invalid=move || error.get().is_some()>
            <legend>{legend}</legend>
            <p class="field-error" id=error_id.clone() aria-live="polite">
                {move || error.get()}
            </p>
            <div class="chip-list">
                {codes
                        .into_iter()
                        .enumerate()
                        .map(|(index, (code, label))| {
                            let checked = {
                                let code = code.clone();
                                move || value.get() == code
                            };
                            let input_id = if index == 0 {
                                id.clone()
                            } else {
                                format!("{id}-{index}")
                            };
                            view! {
                                <label class="chip">
                                    <input
                                        type="radio"
                                        id=input_id
                                        name=name.clone()
                                        prop:checked=checked
                                        on:change=move |_| on_change.run(code.clone())
                                        aria-invalid=move || error.get().map(|_| "true")
                                        aria-describedby={
                                            let error_id = error_id.clone();
                                            move || error.get().map(|_| error_id.clone())
                                        }
                                    />
                                    <span>{label}</span>
                                </label>
                            }
                        })
                        .collect_view()}
            </div>
        </fieldset>
    }
}

/// Pick any number of codes from `vocabulary`, each toggled by a tap.
#[component]
pub fn ManyChips(
    id: String,
    legend: &'static str,
    vocabulary: &'static Vocabulary,
    #[prop(into)] chosen: Signal<Vec<String>>,
    /// Receives the code tapped.
    #[prop(into)]
    on_toggle: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let codes = options(vocabulary, chosen.get_untracked());
    view! {
        <fieldset class="chips" class:invalid=move || error.get().is_some()>
            <legend>{legend}</legend>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
            <div class="chip-list">
                {codes
                        .into_iter()
                        .enumerate()
                        .map(|(index, (code, label))| {
                            let checked = {
                                let code = code.clone();
                                move || chosen.with(|chosen| chosen.contains(&code))
                            };
                            view! {
                                <label class="chip">
                                    <input
                                        type="checkbox"
                                        id=format!("{id}-{index}")
                                        prop:checked=checked
                                        on:change=move |_| on_toggle.run(code.clone())
                                    />
                                    <span>{label}</span>
                                </label>
                            }
                        })
                        .collect_view()}
            </div>
        </fieldset>
    }
}

/// The vocabulary's codes and labels, then any of `current` it does not know. Built once: the
/// chips stay put as they are tapped, so focus stays on the one tapped. Unknown codes can only
/// come from the record as loaded.
fn options(
    vocabulary: &Vocabulary,
    current: impl IntoIterator<Item = String>,
) -> Vec<(String, String)> {
    let mut codes: Vec<(String, String)> = vocabulary
        .terms
        .iter()
        .map(|term| (term.code.clone(), term.label.clone()))
        .collect();
    for code in current {
        if !code.is_empty() && !vocabulary.contains(&code) {
            codes.push((code.clone(), code));
        }
    }
    codes
}
