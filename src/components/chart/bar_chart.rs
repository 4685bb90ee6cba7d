//! A horizontal bar chart in SVG, a row per bar, sized by percentages so it fits any width.

use fieldbook_core::report::Chart;
use leptos::prelude::*;

/// The longest bar, as a percentage of the width; the rest keeps its value label in view.
const LONGEST: f64 = 80.0;

/// `chart` as an image with its summary as the accessible name; the figure's table carries the
/// same numbers for anyone who cannot see it. Core has laid out the rows.
#[component]
pub fn BarChart(chart: Chart) -> impl IntoView {
    let x = |share: f64| format!("{:.2}%", share * LONGEST);
    let baseline = Chart::LINE_PX - 3.0;
    let ticks = chart
        .ticks
        .into_iter()
        .map(|tick| {
            // Zero sits on the chart's edge, so its label starts there rather than centring.
            let anchor = if tick.share == 0.0 { "start" } else { "middle" };
            view! {
                <line class="grid" x1=x(tick.share) x2=x(tick.share) y1="0" y2=chart.plot_height />
                <text class="tick" x=x(tick.share) y=chart.height - 6.0 text-anchor=anchor>{tick.shown}</text>
            }
        })
        .collect_view();
    let bars = chart
        .bars
        .into_iter()
        .map(|bar| {
            let lines = bar
                .lines
                .into_iter()
                .enumerate()
                .map(|(n, line)| {
                    let y = bar.top + n as f64 * Chart::LINE_PX + baseline;
                    view! { <text class="bar-label" x="0" y=y>{line}</text> }
                })
                .collect_view();
            view! {
                {lines}
                <rect class="bar" x="0" y=bar.bar_top width=x(bar.share) height=Chart::BAR_PX />
                <text class="bar-value" x=x(bar.share) dx="6" y=bar.bar_top + Chart::BAR_PX - 2.0>{bar.shown}</text>
            }
        })
        .collect_view();
    view! {
        <svg
            class="bar-chart"
            role="img"
            aria-label=chart.summary
            width="100%"
            height=chart.height
            font-size=Chart::FONT_PX
            data-measure=chart.measure
        >
            {ticks}
            {bars}
        </svg>
    }
}
