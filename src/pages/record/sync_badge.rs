//! Where a record stands with the server, in words and colour.

use leptos::prelude::*;

use crate::storage::SyncMark;

#[component]
pub fn SyncBadge(#[prop(into)] mark: Signal<SyncMark>) -> impl IntoView {
    view! {
        <span
            class="sync-badge"
            class:synced=move || mark.get() == SyncMark::Synced
            class:conflict=move || mark.get() == SyncMark::InConflict
        >
            {move || match mark.get() {
                SyncMark::OnlyHere => "Only on this phone",
                SyncMark::Synced => "Synced",
                SyncMark::InConflict => "In conflict",
            }}
        </span>
    }
}
