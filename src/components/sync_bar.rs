//! The sync bar under the header, online or off: how many records wait, when sync last
//! finished, what went wrong in words, and "Sync now".

use fieldbook_core::permissions::keeps_records;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::local_time;
use crate::state::{Data, Part};
use crate::sync::SyncService;

#[component]
pub fn SyncBar() -> impl IntoView {
    let data = expect_context::<Data>();
    let service = expect_context::<SyncService>();
    let status = service.status();
    // The outbox is made from the documents and their acknowledgements; the memo keeps an
    // equal answer from redrawing the bar.
    let facts = Memo::new(move |_| {
        let parts = [Part::DOCS.as_slice(), &[Part::Sync, Part::Settings]].concat();
        data.follow(&parts, |store| {
            (
                store.session().map(|s| (keeps_records(&s.user), s.expired)),
                store.waiting(),
                store.last_synced_ms(),
                store.conflicts().len(),
                store.rejected().count(),
                store.held().len(),
            )
        })
    });
    let waiting = move || match facts.get().1 {
        0 => "Nothing waiting to sync".to_owned(),
        1 => "1 record waiting to sync".to_owned(),
        n => format!("{n} records waiting to sync"),
    };
    view! {
        <div class="sync-bar" role="status" aria-live="polite">
            {move || {
                let (session, _, last, conflicts, refused, held) = facts.get();
                let status = status.get();
                match session {
                    None => view! {
                        <p>{waiting()} ". Not signed in: records stay on this phone."</p>
                        <A href="/sign-in" {..} class="sync-action">"Sign in"</A>
                    }
                        .into_any(),
                    Some((_, expired)) if expired || status.needs_sign_in => view! {
                        <p>{waiting()} ". Sign in again to sync."</p>
                        <A href="/sign-in" {..} class="sync-action">"Sign in"</A>
                    }
                        .into_any(),
                    Some((false, _)) => view! {
                        <p>
                            "Signed in as an administrator. Administrators keep no records, so "
                            "nothing syncs; records made here stay on this phone."
                        </p>
                    }
                        .into_any(),
                    Some(_) => {
                        let last = last
                            .map(|ms| format!("Last synced {}", local_time::describe(ms)))
                            .unwrap_or_else(|| "Not synced yet".to_owned());
                        let problems = problems(conflicts, refused, held)
                            .map(|text| view! { <A href="/sync" {..} class="sync-problems">{text}</A> });
                        view! {
                            <p>
                                {if status.running { "Syncing… ".to_owned() } else { String::new() }}
                                {waiting()} ". " {last} "."
                                {status.error.map(|error| view! { <span class="sync-error">" " {error}</span> })}
                                " " {problems}
                            </p>
                            <button
                                type="button"
                                class="sync-action"
                                disabled=move || status.running
                                on:click=move |_| service.sync_now()
                            >
                                "Sync now"
                            </button>
                        }
                            .into_any()
                    }
                }
            }}
        </div>
    }
}

/// "2 to resolve, 1 refused": what waits in Sync problems, or None when nothing does.
fn problems(conflicts: usize, refused: usize, held: usize) -> Option<String> {
    let parts: Vec<String> = [
        (conflicts, "to resolve"),
        (refused, "refused by the server"),
        (held, "not stored here"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
