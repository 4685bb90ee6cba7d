//! Whether the server has a record yet, in words and colour.

use leptos::prelude::*;

#[component]
pub fn SyncBadge(#[prop(into)] synced: Signal<bool>) -> impl IntoView {
    view! {
        <span class="sync-badge" class:synced=move || synced.get()>
            {move || if synced.get() { "Synced" } else { "Only on this phone" }}
        </span>
    }
}
