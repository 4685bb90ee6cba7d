//! Coverage: engagements and the people they reached, by area, method, strand, theme, level
//! and month.

use chrono::{Datelike, NaiveDate};

use super::period::{Filter, Period};
use super::row::{Row, Tally, Totals};
use crate::model::Engagement;
use crate::vocab;

/// Where, how and when engagement happened over a period. Coded breakdowns list every known
/// code, with zeros, so a method never used or a level never offered shows as a gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub all: Totals,
    /// Areas seen, alphabetically; records with no area last.
    pub by_area: Vec<Row>,
    pub by_method: Vec<Row>,
    pub by_strand: Vec<Row>,
    /// An engagement counts once under each of its themes, so these rows add up to more than
    /// [`Coverage::all`]; one with no theme counts under a blank code.
    pub by_theme: Vec<Row>,
    /// From inform to empower, the order of the IAP2 spectrum.
    pub by_level: Vec<Row>,
    /// Every month the period touches, in order, coded like `2026-03`.
    pub by_month: Vec<Row>,
}

pub fn coverage<'a>(
    records: impl IntoIterator<Item = &'a Engagement>,
    filter: &Filter,
) -> Coverage {
    let first_month = month_index(filter.period.from);
    // Period's fields are public, so one may end before it starts: then it has no months.
    let month_count = (month_index(filter.period.to) - first_month + 1).max(0);
    let mut months = vec![Totals::default(); month_count as usize];
    let mut all = Totals::default();
    let (mut areas, mut methods, mut strands, mut themes, mut levels) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    for record in records.into_iter().filter(|record| filter.includes(record)) {
        let people = record.reach.total;
        all.add(people);
        // The filter keeps only dates in the period, so the index is in range.
        months[(month_index(record.date) - first_month) as usize].add(people);
        areas.entry(&record.area).add(people);
        methods.entry(&record.method).add(people);
        strands.entry(&record.strand).add(people);
        levels.entry(&record.level).add(people);
        if record.themes.is_empty() {
            themes.entry("").add(people);
        }
        for (index, theme) in record.themes.iter().enumerate() {
            // A theme listed twice is invalid, but must still count the engagement once.
            if !record.themes[..index].contains(theme) {
                themes.entry(theme).add(people);
            }
        }
    }
    Coverage {
        all,
        by_area: areas.into_rows_by_name(),
        by_method: methods.into_rows(vocab::methods()),
        by_strand: strands.into_rows(vocab::strands()),
        by_theme: themes.into_rows(vocab::themes()),
        by_level: levels.into_rows(vocab::levels()),
        by_month: month_rows(&filter.period, months),
    }
}

/// Months since year 0, so a month is an index into a plain vector rather than a map key.
fn month_index(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

fn month_rows(period: &Period, months: Vec<Totals>) -> Vec<Row> {
    let mut day = period
        .from
        .with_day(1)
        .expect("every month has a first day");
    months
        .into_iter()
        .map(|totals| {
            let row = Row::new(
                &day.format("%Y-%m").to_string(),
                &day.format("%B %Y").to_string(),
                totals,
            );
            day = day
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(day);
            row
        })
        .collect()
}
