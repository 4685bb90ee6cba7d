//! The header badge that says whether the phone has a connection.

use leptos::prelude::*;

use crate::online::use_online;

/// "Online" or "Offline", in words as well as colour, announced politely when it changes.
#[component]
pub fn OnlineBadge() -> impl IntoView {
    let online = use_online();
    view! {
        <span
            class="online-badge"
            class:offline=move || !online.get()
            role="status"
            aria-live="polite"
        >
            <span class="dot" aria-hidden="true"></span>
            {move || if online.get() { "Online" } else { "Offline" }}
        </span>
    }
}
