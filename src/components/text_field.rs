//! A labelled text input with an optional hint and its error beside it, in the order a screen
//! reader reads them: label, hint, error, then the input.

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's id; the hint and error ids are made from it.
    #[prop(into)]
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    /// What is wrong with the value, in words; None when nothing is.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Which on-screen keyboard to show, such as "numeric"; the input stays a text input so
    /// that nothing typed is silently dropped, as number inputs do.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = hint_id
                .iter()
                .map(String::as_str)
                .chain(error.get().map(|_| error_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            // Always present, so a new error is announced even when focus is already here.
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
            <input
                id=id
                type="text"
                inputmode=inputmode
                prop:value=move || value.get()
                on:input:target=move |event| value.set(event.target().value())
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
            />
        </div>
    }
}
