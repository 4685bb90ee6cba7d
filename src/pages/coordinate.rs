//! Coordinate: the team's records, sign-offs and reports.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Coordinate() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="coordinate-title">
            <h1 id="coordinate-title">"Coordinate"</h1>
            <p>
                "Collect the team's records when you are back online, sign off training, see "
                "coverage across areas and produce the half-yearly report."
            </p>
            <A href="/coordinate/records" {..} class="button">"Team records"</A>
        </section>
    }
}
