//! A report's figures, ready to draw: bar charts with their axis and a sentence for screen
//! readers, and the data table that goes with them. Everything is text or a share of the
//! chart's length, so the app draws without computing anything.

use super::chart::Axis;

/// One figure: a title, one or more bar charts over the same rows, and their data as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Unique within a report, for links and for tests to find it by.
    pub id: &'static str,
    pub title: String,
    /// What a reader must know to read it right, such as themes counting more than once.
    pub note: Option<String>,
    pub charts: Vec<Chart>,
    pub table: Table,
}

/// A horizontal bar chart: a bar per row, each labelled with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the bars measure, such as "Engagements".
    pub measure: String,
    /// The whole chart in words, for its `aria-label`.
    pub summary: String,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The value as shown at the end of the bar, such as "1,030" or "40%".
    pub shown: String,
    /// The bar's length, from 0.0 to 1.0 of the axis.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub shown: String,
    pub share: f64,
}

/// A data table: a caption, a header row and rows of cells; the first cell of each row names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Chart {
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
        let bars: Vec<Bar> = rows
            .iter()
            .map(|(label, value)| Bar {
                label: label.clone(),
                shown: show(*value),
                share: axis.share(*value),
            })
            .collect();
        let each: Vec<String> = bars
            .iter()
            .map(|bar| format!("{} {}", bar.label, bar.shown))
            .collect();
        Chart {
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

/// A count as people read it: "1,030".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
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
    fn percentage_charts_show_percent_signs() {
        let chart = Chart::percentages("Signed off", "signed off", &[("Ali".to_owned(), 40)]);
        assert_eq!(chart.bars[0].shown, "40%");
        assert_eq!(chart.bars[0].share, 0.4);
        assert_eq!(chart.ticks.last().unwrap().shown, "100%");
    }
}
