//! What the last action did, in words, in a live region that is always on the page so that a
//! screen reader announces each change.

use leptos::prelude::*;

/// Done or not done, each as a sentence; nothing yet is `None`.
pub type Said = RwSignal<Option<Result<String, String>>>;

#[component]
pub fn Status(said: Said) -> impl IntoView {
    view! {
        <p
            role="status"
            class=move || match said.get() {
                Some(Ok(_)) => "status saved",
                Some(Err(_)) => "status save-error",
                None => "status",
            }
        >
            {move || said.get().map(|said| said.unwrap_or_else(|not_done| not_done))}
        </p>
    }
}
