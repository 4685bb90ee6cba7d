//! Who was reached, and who was not: the seldom-heard groups and age bands over a period.

use super::period::Filter;
use super::row::{Row, Tally, Totals};
use crate::model::Engagement;
use crate::vocab;

/// Reach over a period. In each row, `participants` is the people counted in that group or
/// band and `engagements` is how many engagements reached at least one of them. Every known
/// group and band is listed, with zeros, because the gaps are the point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachReport {
    pub all: Totals,
    /// Seldom-heard groups in vocabulary order; codes it does not know follow.
    pub groups: Vec<Row>,
    pub age_bands: Vec<Row>,
    /// Engagements that counted neither an age band nor a group, and the people at them: the
    /// reach that nobody can say anything about.
    pub without_breakdown: Totals,
}

pub fn reach<'a>(
    records: impl IntoIterator<Item = &'a Engagement>,
    filter: &Filter,
) -> ReachReport {
    let mut all = Totals::default();
    let mut without_breakdown = Totals::default();
    let (mut groups, mut age_bands) = (Tally::default(), Tally::default());
    for record in records.into_iter().filter(|record| filter.includes(record)) {
        let reach = &record.reach;
        all.add(reach.total);
        if reach.groups.is_empty() && reach.age_bands.is_empty() {
            without_breakdown.add(reach.total);
        }
        for (group, &people) in &reach.groups {
            count(groups.entry(group), people);
        }
        for (band, &people) in &reach.age_bands {
            count(age_bands.entry(band), people);
        }
    }
    ReachReport {
        all,
        groups: groups.into_rows(vocab::seldom_heard()),
        age_bands: age_bands.into_rows(vocab::age_bands()),
        without_breakdown,
    }
}

/// A group counted as zero was looked for and not found: its people add nothing, and the
/// engagement did not reach it.
fn count(totals: &mut Totals, people: i64) {
    totals.participants += people;
    if people > 0 {
        totals.engagements += 1;
    }
}
