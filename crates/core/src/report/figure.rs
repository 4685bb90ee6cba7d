//! A report's figures, ready to draw: bar charts with their axis and a sentence for screen
//! readers, and the data table that goes with them. Everything is text or a share of the
//! chart's length, so the app draws without computing anything.

use serde::{Deserialize, Serialize};

use super::chart::Axis;

/// One figure: a title, one or more bar charts over the same rows, and their data as a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Unique within a report, for links and for tests to find it by.
    pub id: String,
    pub title: String,
    /// What a reader must know to read it right, such as themes counting more than once.
    pub note: Option<String>,
    pub charts: Vec<Chart>,
    pub table: Table,
}

/// A horizontal bar chart: a bar per row, each labelled with its value. Heights are in
/// pixels, for text of [`Chart::FONT_PX`]; lengths are shares of the width, so bars fit any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Where the bars end and the axis labels begin.
    pub plot_height: f64,
    /// The whole chart, axis labels included.
    pub height: f64,
    /// What the bars measure, such as "Engagements".
    pub measure: String,
    /// The whole chart in words, for its `aria-label`.
    pub summary: String,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    /// The label broken into lines short enough for a 360 px phone: SVG text does not wrap.
    pub lines: Vec<String>,
    /// Where the row starts, in pixels from the top of the chart.
    pub top: f64,
    /// Where the bar itself starts, under the label's lines.
    pub bar_top: f64,
    /// The value as shown at the end of the bar, such as "1,030" or "40%".
    pub shown: String,
    /// The bar's length, from 0.0 to 1.0 of the axis.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub shown: String,
    pub share: f64,
}

/// A data table: a caption, a header row and rows of cells; the first cell of each row names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Chart {
    pub const FONT_PX: f64 = 12.0;
    pub const LINE_PX: f64 = 15.0;
    pub const BAR_PX: f64 = 14.0;
    /// Space under each bar before the next row's label.
    const GAP_PX: f64 = 10.0;
    const AXIS_PX: f64 = 22.0;
    /// At 12 px, about 220 px of text: room on a 360 px phone after the page's margins.
    const LINE_CHARS: usize = 34;

    /// Bars for counts, such as engagements or people.
    pub fn counts(measure: &str, title: &str, rows: &[(String, i64)]) -> Chart {
        Chart::new(measure, title, rows, 0, thousands)
    }

    /// Bars for percentages, on an axis that always runs to 100% so that shares compare.
    pub fn percentages(measure: &str, title: &str, rows: &[(String, i64)]) -> Chart {
        Chart::new(measure, title, rows, 100, |n| format!("{n}%"))
    }

    fn new(
        measure: &str,
        title: &str,
        rows: &[(String, i64)],
        at_least: i64,
        show: fn(i64) -> String,
    ) -> Chart {
        let largest = rows.iter().map(|(_, value)| *value).max().unwrap_or(0);
        let axis = Axis::up_to(largest.max(at_least));
        let mut top = 0.0;
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(label, value)| {
                let lines = wrap(label, Chart::LINE_CHARS);
                let bar_top = top + lines.len() as f64 * Chart::LINE_PX + 4.0;
                let bar = Bar {
                    label: label.clone(),
                    lines,
                    top,
                    bar_top,
                    shown: show(*value),
                    share: axis.share(*value),
                };
                top = bar_top + Chart::BAR_PX + Chart::GAP_PX;
                bar
            })
            .collect();
        let each: Vec<String> = bars
            .iter()
            .map(|bar| format!("{} {}", bar.label, bar.shown))
            .collect();
        Chart {
            plot_height: top,
            height: top + Chart::AXIS_PX,
            measure: measure.to_owned(),
            summary: format!("Bar chart, {title}: {}.", each.join("; ")),
            ticks: axis
                .ticks
                .iter()
                .map(|&tick| Tick {
                    shown: show(tick),
                    share: axis.share(tick),
                })
                .collect(),
            bars,
        }
    }
}

/// `text` in lines of at most `width` characters, broken between words; a word longer than
/// that has a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A count as people read it: "1,030".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A share as a whole percentage, rounded; nothing out of nothing is 0%.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    ((part as f64) * 100.0 / (whole as f64)).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_030), "1,030");
        assert_eq!(thousands(12_345_678), "12,345,678");
        assert_eq!(thousands(-4_500), "-4,500");
    }

    #[test]
    fn percentages_round_and_survive_an_empty_whole() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(5, 0), 0);
    }

    #[test]
    fn a_chart_labels_each_bar_and_says_it_all_in_words() {
        let rows = [("April 2026".to_owned(), 12), ("May 2026".to_owned(), 3)];
        let chart = Chart::counts("Engagements", "engagements by month", &rows);
        assert_eq!(
            chart.summary,
            "Bar chart, engagements by month: April 2026 12; May 2026 3."
        );
        assert_eq!(chart.bars[0].shown, "12");
        assert_eq!(chart.bars[0].share, 12.0 / 15.0);
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.shown.as_str()).collect();
        assert_eq!(ticks, ["0", "5", "10", "15"]);
    }

    #[test]
    fn long_labels_wrap_between_words_and_push_the_rows_below_down() {
        assert_eq!(
            wrap("Voluntary and community sector development", 34),
            ["Voluntary and community sector", "development"]
        );
        assert_eq!(wrap("Online", 34), ["Online"]);
        assert_eq!(wrap("", 34), [""]);
        let rows = [
            ("Voluntary and community sector development".to_owned(), 2),
            ("Online".to_owned(), 1),
        ];
        let chart = Chart::counts("Engagements", "engagements by theme", &rows);
        let (first, second) = (&chart.bars[0], &chart.bars[1]);
        assert_eq!(first.top, 0.0);
        assert_eq!(first.bar_top, 2.0 * Chart::LINE_PX + 4.0);
        assert_eq!(second.top, first.bar_top + Chart::BAR_PX + 10.0);
        assert_eq!(chart.plot_height, second.bar_top + Chart::BAR_PX + 10.0);
        assert_eq!(chart.height, chart.plot_height + 22.0);
    }

    #[test]
    fn percentage_charts_show_percent_signs() {
        let chart = Chart::percentages("Signed off", "signed off", &[("Ali".to_owned(), 40)]);
        assert_eq!(chart.bars[0].shown, "40%");
        assert_eq!(chart.bars[0].share, 0.4);
        assert_eq!(chart.ticks.last().unwrap().shown, "100%");
    }
}
