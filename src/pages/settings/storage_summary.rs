//! "Storage on this phone": how much is used, what is stored, and whether the browser keeps it.

use fieldbook_core::keeping::Persistence;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use leptos::prelude::*;

use crate::persistence;
use crate::state::{Data, Part};
use crate::storage::{megabytes, Kind, Store, Usage};

#[component]
pub fn StorageSummary() -> impl IntoView {
    let data = expect_context::<Data>();
    let usage = Memo::new(move |_| data.follow(&[Part::Storage], Store::usage));
    let durable = move || data.follow(&[Part::Storage], Store::is_durable);
    // What sync has not yet had acknowledged changes with any document and with sync's memory.
    let unsynced = Memo::new(move |_| {
        let parts = [Part::DOCS.as_slice(), &[Part::Sync]].concat();
        data.follow(&parts, |store| store.unsynced().0)
    });
    // The answer recorded when Fieldbook asked, and the browser's answer now: it may have
    // granted persistence since (for example once the app was installed).
    let asked = Memo::new(move |_| data.settings().persisted);
    let now = LocalResource::new(move || {
        asked.track();
        persistence::persisted()
    });
    let persistence = move || Persistence::from_answers(asked.get(), now.get().flatten());

    view! {
        <section class="panel" aria-labelledby="storage-title">
            <h2 id="storage-title">"Storage on this phone"</h2>
            <p id="storage-used" class="gauge-label">
                {move || used_sentence(usage.get())}
            </p>
            // The browser colours the bar as it passes `low` and `high`; less is better.
            <meter
                aria-labelledby="storage-used"
                min="0"
                max=move || usage.get().quota_bytes.to_string()
                value=move || usage.get().used_bytes.to_string()
                low=move || (usage.get().quota_bytes * 7 / 10).to_string()
                high=move || (usage.get().quota_bytes * 9 / 10).to_string()
                optimum="0"
            ></meter>
            <dl class="counts">
                <div>
                    <dt>"Engagements"</dt>
                    <dd>{live::<Engagement>(data)}</dd>
                </div>
                <div>
                    <dt>"Venues"</dt>
                    <dd>{live::<Venue>(data)}</dd>
                </div>
                <div>
                    <dt>"Training records"</dt>
                    <dd>{live::<Progress>(data)}</dd>
                </div>
                <div>
                    <dt>"Not yet synced"</dt>
                    <dd>{unsynced}</dd>
                </div>
            </dl>
            <h3>"Will the browser keep it?"</h3>
            <p class="keeping" class:warning=move || !durable()>
                {move || {
                    if !durable() {
                        "Nothing is being kept: this browser does not let Fieldbook store \
                         data, so anything you enter is lost when you close the page."
                    } else {
                        match persistence() {
                            Persistence::Kept => {
                                "Kept: the browser will not clear Fieldbook's data without asking."
                            }
                            Persistence::NotGuaranteed => {
                                "Not guaranteed: the browser may clear it when space runs low."
                            }
                            Persistence::NotAsked => {
                                "Not asked yet: Fieldbook asks after your first saved record."
                            }
                        }
                    }
                }}
            </p>
        </section>
    }
}

/// How many documents of one kind are not deleted, counted again only when that kind changes:
/// with thousands of records, a venue saved here must not recount the engagements.
fn live<D: Kind>(data: Data) -> Memo<usize> {
    Memo::new(move |_| {
        data.docs::<D, _>(|docs| docs.values().filter(|stored| !stored.deleted).count())
    })
}

/// Such as "1.2 MB of about 10.5 MB used". A few kilobytes would round to "0.0 MB", which reads
/// as if nothing were stored.
fn used_sentence(usage: Usage) -> String {
    let used = match usage.used_bytes {
        0..100_000 => "Less than 0.1 MB".to_owned(),
        bytes => megabytes(bytes),
    };
    format!("{used} of about {} used", megabytes(usage.quota_bytes))
}
