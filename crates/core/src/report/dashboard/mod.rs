//! The coordinator's dashboard and half-year report as sections of figures: coverage, reach of
//! the seldom heard, the "you said, we did" loop, and training across the cohort. A file per
//! section.

mod coverage;
mod follow_up;
mod reach;
mod training;

use serde::{Deserialize, Serialize};

use super::figure::{thousands, Figure};
use super::period::Filter;
use crate::model::Engagement;

pub use training::training_section;

/// A part of the report under one heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The headline in a sentence, such as "42 engagements with 1,030 participants."
    pub lead: String,
    /// Empty when there is nothing to chart; the lead then says so.
    pub figures: Vec<Figure>,
}

/// Coverage, reach and the loop for the engagements in `filter`.
pub fn engagement_sections(records: &[&Engagement], filter: &Filter) -> Vec<Section> {
    let records = || records.iter().copied();
    let coverage = super::coverage::coverage(records(), filter);
    if coverage.all.engagements == 0 {
        let place = filter
            .area
            .as_ref()
            .map(|area| format!(" in {area}"))
            .unwrap_or_default();
        return vec![Section {
            id: "coverage".to_owned(),
            title: "Coverage".to_owned(),
            lead: format!("No engagements in this period{place}."),
            figures: Vec::new(),
        }];
    }
    vec![
        coverage::section(&coverage, filter.area.is_none()),
        reach::section(&super::reach::reach(records(), filter)),
        follow_up::section(&super::follow_up::follow_up(records(), filter)),
    ]
}

/// "1 engagement", "1,030 participants".
fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::report::Period;
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn first_half() -> Filter {
        Filter::new(Period::new(day(2026, 4, 1), day(2026, 9, 30)).unwrap())
    }

    fn records() -> Vec<Engagement> {
        (0..3)
            .map(|n| {
                let mut record = sample::engagement(n);
                record.date = day(2026, 4 + n as u32, 10);
                record.area = ["Reddish", "Adswood", "Reddish"][n as usize].to_owned();
                record.reach.total = 10 * (n as i64 + 1);
                // Keep the sample's follow-up the same number of days after the new date.
                for action in &mut record.actions {
                    action.agreed_on = record.date;
                }
                for feedback in &mut record.feedback {
                    feedback.given_on = record.date + chrono::Days::new(21);
                }
                record
            })
            .collect()
    }

    fn figure<'a>(sections: &'a [Section], id: &str) -> &'a Figure {
        sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no figure {id}"))
    }

    #[test]
    fn coverage_tables_count_the_records_in_the_period_and_area() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half());
        assert_eq!(sections[0].lead, "3 engagements with 60 participants.");
        let months = &figure(&sections, "by-month").table;
        assert_eq!(months.head, ["Month", "Engagements", "Participants"]);
        assert_eq!(months.rows.len(), 6);
        assert_eq!(months.rows[0], ["April 2026", "1", "10"]);
        assert_eq!(months.rows[2], ["June 2026", "1", "30"]);
        assert_eq!(months.rows[5], ["September 2026", "0", "0"]);
        let areas = &figure(&sections, "by-area").table;
        assert_eq!(areas.rows, [["Adswood", "1", "20"], ["Reddish", "2", "40"]]);

        let reddish = engagement_sections(&refs, &first_half().in_area("Reddish"));
        assert_eq!(reddish[0].lead, "2 engagements with 40 participants.");
        assert!(reddish
            .iter()
            .flat_map(|s| &s.figures)
            .all(|f| f.id != "by-area"));
    }

    #[test]
    fn every_chart_has_a_bar_per_table_row_and_a_summary_in_words() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        for section in engagement_sections(&refs, &first_half()) {
            for figure in &section.figures {
                for chart in &figure.charts {
                    assert_eq!(chart.bars.len(), figure.table.rows.len(), "{}", figure.id);
                    assert!(
                        chart.summary.starts_with("Bar chart, "),
                        "{}",
                        chart.summary
                    );
                    assert!(chart.bars.iter().all(|b| (0.0..=1.0).contains(&b.share)));
                }
            }
        }
    }

    #[test]
    fn an_empty_period_says_so_in_words() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half().in_area("Brinnington"));
        assert_eq!(sections.len(), 1);
        assert_eq!(
            sections[0].lead,
            "No engagements in this period in Brinnington."
        );
        assert!(sections[0].figures.is_empty());
    }

    #[test]
    fn the_loop_shows_counts_and_median_days_for_each_step() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half());
        let steps = &figure(&sections, "loop-steps").table;
        assert_eq!(steps.rows[0], ["Raised", "9", "Not applicable"]);
        assert_eq!(steps.rows[1][..2], ["Action agreed", "6"]);
        // Sample feedback is given 21 days after the engagement, to record 0 of every 3.
        assert_eq!(steps.rows[3], ["Fed back", "1", "21"]);
    }
}
