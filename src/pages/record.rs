//! Record: where outreach staff capture engagements at a venue.

use leptos::prelude::*;

#[component]
pub fn Record() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="record-title">
            <h1 id="record-title">"Record"</h1>
            <p>
                "Capture an engagement at a venue in under a minute, even with no signal, and "
                "follow what people raised through to \"you said, we did\"."
            </p>
        </section>
    }
}
