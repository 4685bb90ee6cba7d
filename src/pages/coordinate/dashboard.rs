//! The coordinator's dashboard: coverage, reach, the loop and training for a chosen period and
//! area, as charts with their tables, and the CSV downloads.

use leptos::prelude::*;
use leptos_router::components::A;

use super::choice::Choice;
use super::exports::Exports;
use super::picker::Picker;
use super::sections::{sections, Sections};
use super::source::{Source, SourceLine};

#[component]
pub fn Dashboard() -> impl IntoView {
    let choice = Choice::from_address();
    let source = Source::read(choice);
    let sections = sections(choice, source);
    view! {
        <div class="page coordinate-dashboard">
            <A href="/coordinate" {..} class="back-link">"Back to Coordinate"</A>
            <h1>"Dashboard"</h1>
            <Picker choice path="/coordinate/dashboard" areas=source.areas />
            <SourceLine source />
            <A href=move || choice.with(|c| c.href("/coordinate/report")) {..} class="button secondary">
                "Half-year report to print"
            </A>
            <Sections sections />
            <Exports choice source />
        </div>
    }
}
