//! Coordinate: the team's records, sign-offs and reports. This page is a hub; each screen is a
//! file in `coordinate/`.

mod choice;
mod dashboard;
mod exports;
mod picker;
mod report;
mod sections;
mod source;

use leptos::prelude::*;
use leptos_router::components::A;

pub use dashboard::Dashboard;
pub use report::HalfYearReport;

#[component]
pub fn Coordinate() -> impl IntoView {
    view! {
        <section class="page coordinate" aria-labelledby="coordinate-title">
            <h1 id="coordinate-title">"Coordinate"</h1>
            <p>
                "Collect the team's records when you are back online, sign off training, see "
                "coverage across areas and produce the half-yearly report."
            </p>
            <section class="hub-section" aria-labelledby="coordinate-team">
                <h2 id="coordinate-team">"Team"</h2>
                <ul class="hub-links">
                    <li>
                        <A href="/coordinate/records">"Team records"</A>
                        <span class="hint">
                            "What the team's phones synced, each to review: looks right, or has issues."
                        </span>
                    </li>
                </ul>
            </section>
            <section class="hub-section" aria-labelledby="coordinate-reports">
                <h2 id="coordinate-reports">"Reports"</h2>
                <ul class="hub-links">
                    <li>
                        <A href="/coordinate/dashboard">"Dashboard"</A>
                        <span class="hint">
                            "Coverage, reach, you said we did, and training, with CSV files."
                        </span>
                    </li>
                    <li>
                        <A href="/coordinate/report">"Half-year report"</A>
                        <span class="hint">"A page to print or save as PDF for committees."</span>
                    </li>
                </ul>
            </section>
        </section>
    }
}
