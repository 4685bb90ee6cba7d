//! A labelled text input (or text area) with an optional hint and its error beside it, in the order a screen
//! reader reads them: label, hint, error, then the input.

use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's id; the hint and error ids are made from it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    /// Receives each change as it is typed.
    #[prop(into)]
    on_change: Callback<String>,
    /// What is wrong with the value, in words; None when nothing is.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Which on-screen keyboard to show, such as "numeric"; the input stays a text input so
    /// that nothing typed is silently dropped, as number inputs do.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The input's type, for the browser's date and time pickers; text when not given.
    #[prop(default = "text")]
    kind: &'static str,
    /// Suggestions offered as the user types: the id of a `<datalist>`.
    #[prop(optional)]
    list: Option<&'static str>,
    /// A text area for longer writing, such as notes.
    #[prop(optional)]
    multiline: bool,
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
            {if multiline {
                view! {
                    <textarea
                        id=id
                        rows="4"
                        prop:value=move || value.get()
                        on:input:target=move |event| on_change.run(event.target().value())
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby=described_by
                    ></textarea>
                }
                    .into_any()
            } else {
                view! {
                    <input
                        id=id
                        type=kind
                        inputmode=inputmode
                        list=list
                        prop:value=move || value.get()
                        on:input:target=move |event| on_change.run(event.target().value())
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby=described_by
                    />
                }
                    .into_any()
            }}
        </div>
    }
}
