//! "Damaged entries": what could not be read and was set aside, and what a newer version of
//! Fieldbook wrote, which is kept untouched.

use leptos::prelude::*;

use super::damaged_entry::DamagedEntry;
use crate::state::{Data, Part};

/// The section heading's id; focus returns here once an entry is discarded.
pub const TITLE: &str = "damaged-title";

#[component]
pub fn DamagedEntries() -> impl IntoView {
    let data = expect_context::<Data>();
    // An entry is kept as it is when any part of the store is read; every write touches
    // `Part::Storage`, and the memos keep equal lists from redrawing.
    let quarantined =
        Memo::new(move |_| data.follow(&[Part::Storage], |store| store.quarantined().to_vec()));
    let kept = Memo::new(move |_| data.follow(&[Part::Storage], |store| store.kept().to_vec()));

    view! {
        <section class="panel" aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">"Damaged entries"</h2>
            <Show
                when=move || quarantined.with(|entries| !entries.is_empty())
                fallback=|| {
                    view! {
                        <p class="empty">"None: everything stored on this phone could be read."</p>
                    }
                }
            >
                <p>
                    "These could not be read, so they were set aside and everything else loaded. "
                    "Export one to keep a copy or to send for help; discard it when it is no "
                    "longer needed."
                </p>
                <ul class="entry-list">
                    <For each=move || quarantined.get() key=|entry| entry.key.clone() let:entry>
                        <DamagedEntry entry />
                    </For>
                </ul>
            </Show>
            <Show when=move || kept.with(|entries| !entries.is_empty())>
                <h3>"Kept from a newer version of Fieldbook"</h3>
                <p>
                    "A newer version of Fieldbook wrote these. They are kept exactly as they are, "
                    "and become readable once this phone has the update."
                </p>
                <ul class="entry-list">
                    <For each=move || kept.get() key=|entry| entry.key.clone() let:entry>
                        <li class="entry">
                            <p class="entry-key">
                                <code>{entry.key}</code>
                            </p>
                            <p>{entry.reason}</p>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
