//! Record: the engagements on this phone, newest first, found by text and filters, with the
//! way in to a new one and to "You said, we did".

mod describe;
mod detail;
mod edit;
mod filters;
mod mark_done;
mod new;
mod row;
mod sync_badge;
mod you_said;

use std::collections::BTreeMap;

use fieldbook_core::find::{self, Query};
use fieldbook_core::model::Engagement;
use fieldbook_core::{Document, Id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub use self::detail::EngagementDetail;
pub use self::edit::EditEngagement;
use self::filters::{Filters, ListFilters};
pub use self::new::NewEngagement;
use self::row::RecordRow;
pub use self::you_said::YouSaid;
use crate::components::{JustSaved, Welcome};
use crate::focus;
use crate::state::{now_ms, Data, Part, Timing};

/// How many rows the list adds at a time: enough to scroll, few enough to draw at once.
const PAGE: usize = 50;
const UNDO: &str = "record-undo";

#[component]
pub fn Record() -> impl IntoView {
    let data = expect_context::<Data>();
    let query = use_query_map();
    let filters = Filters::new();
    // How many rows to show, and the search they were asked for under: a new search starts at
    // the top of its results.
    let more = RwSignal::new((Query::default(), PAGE));
    let shown = Memo::new(move |_| {
        let query = filters.query();
        more.with(|(asked, rows)| if *asked == query { *rows } else { PAGE })
    });
    // Each record's search text, made at the first search and again only when records change,
    // so a search typed a key at a time does not remake it at every key.
    let search_texts = Memo::new(move |_| {
        data.docs::<Engagement, _>(|engagements| {
            engagements
                .iter()
                .filter(|(_, stored)| !stored.deleted)
                .map(|(id, stored)| (*id, find::search_text(&stored.doc)))
                .collect::<BTreeMap<Id, String>>()
        })
    });
    let found = Memo::new(move |_| {
        let query: Query = filters.query();
        let _timing = Timing::start("fieldbook:find");
        let run = |texts: Option<&BTreeMap<Id, String>>| {
            data.docs::<Engagement, _>(|engagements| {
                let live = engagements
                    .iter()
                    .filter(|(_, stored)| !stored.deleted)
                    .map(|(id, stored)| {
                        let text = texts.and_then(|texts| texts.get(id));
                        (&stored.doc, text.map_or("", String::as_str), stored.updated)
                    });
                find::find(live, &query)
                    .into_iter()
                    .map(|record| record.id)
                    .collect::<Vec<Id>>()
            })
        };
        if query.has_text() {
            search_texts.with(|texts| run(Some(texts)))
        } else {
            run(None)
        }
    });
    let counts = Memo::new(move |_| {
        data.follow(&[Part::Docs(Engagement::KIND), Part::Sync], |store| {
            let live: Vec<Id> = store
                .docs::<Engagement>()
                .iter()
                .filter(|(_, stored)| !stored.deleted)
                .map(|(id, _)| *id)
                .collect();
            let unsynced = live
                .iter()
                .filter(|id| !store.is_synced::<Engagement>(**id))
                .count();
            (live.len(), unsynced)
        })
    });
    let deleted = move || {
        query
            .with(|query| query.get("deleted"))
            .and_then(|id| id.parse::<Id>().ok())
            .filter(|id| data.doc::<Engagement>(*id).is_some_and(|s| s.deleted))
    };
    let undo = move |id: Id| {
        if data
            .write(|store| store.restore::<Engagement>(id, now_ms()))
            .is_ok()
        {
            focus::focus_soon("record-list-title");
        }
    };
    let visible =
        move || found.with(|ids| ids.iter().take(shown.get()).copied().collect::<Vec<Id>>());

    view! {
        <section class="page record-page" aria-labelledby="record-title">
            <h1 id="record-title">"Record"</h1>
            <Welcome />
            <A href="/record/new" {..} id="record-new" class="button primary-action">
                "New engagement"
            </A>
            <p class="record-summary" data-records-count=move || counts.get().0>
                {move || match counts.get() {
                    (0, _) => "No engagements on this phone yet.".to_owned(),
                    (1, unsynced) => format!("1 engagement on this phone; {unsynced} not yet synced."),
                    (live, unsynced) => format!("{live} engagements on this phone; {unsynced} not yet synced."),
                }}
            </p>
            <A href="/record/loop" {..} class="button secondary">
                "You said, we did"
            </A>
            <div role="status">
                {move || {
                    query.with(|query| query.get("saved").is_some()).then(|| view! { <JustSaved /> })
                }}
            </div>
            <div class="undo" role="status">
                {move || {
                    deleted()
                        .map(|id| {
                            view! {
                                <p>"Engagement deleted."</p>
                                <button type="button" id=UNDO class="secondary" on:click=move |_| undo(id)>
                                    "Undo delete"
                                </button>
                            }
                        })
                }}
            </div>
            <ListFilters filters />
            <h2 id="record-list-title" tabindex="-1" class="list-title">
                {move || {
                    let total = found.with(Vec::len);
                    match total {
                        0 => "No engagements match".to_owned(),
                        1 => "1 engagement".to_owned(),
                        n => format!("{n} engagements, newest first"),
                    }
                }}
            </h2>
            <ol class="record-list" aria-labelledby="record-list-title">
                <For each=visible key=|id| *id let:id>
                    <RecordRow id />
                </For>
            </ol>
            <Show when=move || { found.with(Vec::len) > shown.get() }>
                <p class="list-more">
                    {move || format!("Showing {} of {}.", shown.get(), found.with(Vec::len))}
                </p>
                <button type="button" class="secondary" on:click=move |_| more.set((untrack(|| filters.query()), shown.get_untracked() + PAGE))>
                    {format!("Show {PAGE} more")}
                </button>
            </Show>
        </section>
    }
}
