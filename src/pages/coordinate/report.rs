//! The half-year report: the dashboard's sections on a page to print or save as PDF (A4, see
//! the print styles), headed with what it covers, for community committees.

use fieldbook_core::report::describe;
use leptos::prelude::*;
use leptos_router::components::A;

use super::choice::Choice;
use super::picker::Picker;
use super::sections::{sections, Sections};
use super::source::{Source, SourceLine};
use crate::local_time;

#[component]
pub fn HalfYearReport() -> impl IntoView {
    let choice = Choice::from_address();
    let source = Source::read(choice);
    let sections = sections(choice, source);
    let period = move || choice.with(|c| describe(&c.filter().period));
    let area = move || choice.with(|c| c.area.clone().unwrap_or_else(|| "Every area".to_owned()));
    let print = |_| {
        let _ = window().print();
    };
    let today = local_time::context()
        .now
        .date()
        .format("%-d %B %Y")
        .to_string();
    view! {
        <div class="page coordinate-report">
            <div class="no-print">
                <A href=move || choice.with(|c| c.href("/coordinate/dashboard")) {..} class="back-link">
                    "Back to the dashboard"
                </A>
            </div>
            <h1>"Half-year report"</h1>
            <dl class="portfolio-meta">
                <div>
                    <dt>"Period"</dt>
                    <dd>{period}</dd>
                </div>
                <div>
                    <dt>"Area"</dt>
                    <dd>{area}</dd>
                </div>
                <div>
                    <dt>"Prepared"</dt>
                    <dd>{today}</dd>
                </div>
            </dl>
            <Picker choice path="/coordinate/report" areas=source.areas />
            <SourceLine source />
            <div class="form-actions no-print">
                <button type="button" on:click=print>"Print or save as PDF"</button>
            </div>
            <Sections sections />
        </div>
    }
}
