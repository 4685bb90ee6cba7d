//! A horizontal bar chart in SVG, a row per bar, sized by percentages so it fits any width.

use fieldbook_core::report::Chart;
use leptos::prelude::*;

/// Each row: its label on a line, then the bar with its value at the end.
const ROW: f64 = 40.0;
const LABEL_BASELINE: f64 = 14.0;
const BAR_TOP: f64 = 20.0;
const BAR_HEIGHT: f64 = 14.0;
/// Room under the bars for the axis labels.
const AXIS: f64 = 22.0;
/// The longest bar, as a percentage of the width; the rest keeps its value label in view.
const LONGEST: f64 = 80.0;

/// `chart` as an image with its summary as the accessible name; the figure's table carries the
/// same numbers for anyone who cannot see it.
#[component]
pub fn BarChart(chart: Chart) -> impl IntoView {
    let rows = chart.bars.len() as f64;
    let height = rows * ROW + AXIS;
    let x = |share: f64| format!("{:.2}%", share * LONGEST);
    let ticks = chart
        .ticks
        .into_iter()
        .map(|tick| {
            // Zero sits on the chart's edge, so its label starts there rather than centring.
            let anchor = if tick.share == 0.0 { "start" } else { "middle" };
            view! {
                <line class="grid" x1=x(tick.share) x2=x(tick.share) y1="0" y2=rows * ROW />
                <text class="tick" x=x(tick.share) y=height - 6.0 text-anchor=anchor>{tick.shown}</text>
            }
        })
        .collect_view();
    let bars = chart
        .bars
        .into_iter()
        .enumerate()
        .map(|(index, bar)| {
            let top = index as f64 * ROW;
            view! {
                <text class="bar-label" x="0" y=top + LABEL_BASELINE>{bar.label}</text>
                <rect class="bar" x="0" y=top + BAR_TOP width=x(bar.share) height=BAR_HEIGHT />
                <text class="bar-value" x=x(bar.share) dx="6" y=top + BAR_TOP + BAR_HEIGHT - 2.0>{bar.shown}</text>
            }
        })
        .collect_view();
    view! {
        <svg
            class="bar-chart"
            role="img"
            aria-label=chart.summary
            width="100%"
            height=height
            data-measure=chart.measure
        >
            {ticks}
            {bars}
        </svg>
    }
}
