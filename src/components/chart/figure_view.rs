//! A figure of a report: its title, what to know to read it, its charts and its table.

use fieldbook_core::report::Figure;
use leptos::prelude::*;

use super::{BarChart, DataTable};

#[component]
pub fn FigureView(figure: Figure) -> impl IntoView {
    let title_id = format!("figure-{}", figure.id);
    let labelled_by = title_id.clone();
    view! {
        <figure class="report-figure" id=figure.id aria-labelledby=labelled_by>
            <h3 id=title_id>{figure.title}</h3>
            {figure.note.map(|note| view! { <p class="hint">{note}</p> })}
            {figure
                .charts
                .into_iter()
                .map(|chart| {
                    view! {
                        <div class="chart">
                            <p class="chart-measure" aria-hidden="true">{chart.measure.clone()}</p>
                            <BarChart chart />
                        </div>
                    }
                })
                .collect_view()}
            <DataTable table=figure.table />
        </figure>
    }
}
