//! A count with big minus and plus buttons either side, for counting heads one-handed.

use leptos::prelude::*;

#[component]
pub fn Stepper(
    id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    /// Receives -1 or +1.
    #[prop(into)]
    on_step: Callback<i64>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field stepper" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
            <div class="stepper-row">
                <button
                    type="button"
                    class="step"
                    aria-label=format!("{label}: one fewer")
                    on:click=move |_| on_step.run(-1)
                >
                    "\u{2212}"
                </button>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    prop:value=move || value.get()
                    on:input:target=move |event| on_change.run(event.target().value())
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=move || error.get().map(|_| described.clone())
                />
                <button
                    type="button"
                    class="step"
                    aria-label=format!("{label}: one more")
                    on:click=move |_| on_step.run(1)
                >
                    "+"
                </button>
            </div>
        </div>
    }
}
