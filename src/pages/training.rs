//! Training: progress against a competency framework, with evidence and sign-off.

use leptos::prelude::*;

#[component]
pub fn Training() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="training-title">
            <h1 id="training-title">"Training"</h1>
            <p>
                "Track your progress against the National Occupational Standards for Community "
                "Development, keep evidence notes, and send competencies for sign-off."
            </p>
        </section>
    }
}
