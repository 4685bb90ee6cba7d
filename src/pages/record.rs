//! Record: where outreach staff capture engagements at a venue.

use fieldbook_core::model::Engagement;
use leptos::prelude::*;

use crate::state::Data;

#[component]
pub fn Record() -> impl IntoView {
    let data = expect_context::<Data>();
    let counts = move || {
        data.read(|store| {
            let live = store
                .docs::<Engagement>()
                .values()
                .filter(|stored| !stored.deleted)
                .count();
            (live, store.unsynced().0)
        })
    };
    view! {
        <section class="page" aria-labelledby="record-title">
            <h1 id="record-title">"Record"</h1>
            <p>
                "Capture an engagement at a venue in under a minute, even with no signal, and "
                "follow what people raised through to \"you said, we did\"."
            </p>
            <p data-records-count=move || counts().0>
                {move || match counts() {
                    (0, _) => "No engagements on this phone yet.".to_owned(),
                    (1, unsynced) => format!("1 engagement on this phone. Records waiting to sync: {unsynced}."),
                    (live, unsynced) => format!("{live} engagements on this phone. Records waiting to sync: {unsynced}."),
                }}
            </p>
        </section>
    }
}
