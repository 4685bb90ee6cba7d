//! A row of a breakdown, and counting into rows in the order people expect to read them.

use std::collections::BTreeMap;

use crate::vocab::Vocabulary;

/// Counts for everything a report covers, or for one part of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub engagements: u64,
    /// People, summed from the records' counts.
    pub participants: i64,
}

impl Totals {
    pub(crate) fn add(&mut self, participants: i64) {
        self.engagements += 1;
        self.participants += participants;
    }
}

/// One line of a breakdown: a code (a vocabulary code, an area, a month), what people read
/// for it, and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub code: String,
    pub label: String,
    pub engagements: u64,
    pub participants: i64,
}

/// What a blank code is shown as, so a missing area or level reads as a gap, not as nothing.
const NOT_RECORDED: &str = "Not recorded";

impl Row {
    pub(crate) fn new(code: &str, label: &str, totals: Totals) -> Self {
        let label = if code.is_empty() { NOT_RECORDED } else { label };
        Self {
            code: code.to_owned(),
            label: label.to_owned(),
            engagements: totals.engagements,
            participants: totals.participants,
        }
    }
}

/// Counts keyed by borrowed codes, so counting allocates nothing per record; labels are looked
/// up once per row at the end.
#[derive(Debug, Default)]
pub(crate) struct Tally<'a>(BTreeMap<&'a str, Totals>);

impl<'a> Tally<'a> {
    pub(crate) fn entry(&mut self, code: &'a str) -> &mut Totals {
        self.0.entry(code).or_default()
    }

    /// Every term of `vocabulary` in its order, with zeros where nothing was counted so gaps
    /// show; then codes it does not know, by code, shown as the code; then a blank code.
    pub(crate) fn into_rows(mut self, vocabulary: &Vocabulary) -> Vec<Row> {
        let blank = self.0.remove("");
        let mut rows: Vec<Row> = vocabulary
            .terms
            .iter()
            .map(|term| {
                let totals = self.0.remove(term.code.as_str()).unwrap_or_default();
                Row::new(&term.code, &term.label, totals)
            })
            .collect();
        rows.extend(
            self.0
                .into_iter()
                .map(|(code, totals)| Row::new(code, code, totals)),
        );
        rows.extend(blank.map(|totals| Row::new("", "", totals)));
        rows
    }

    /// Only the codes seen, alphabetically regardless of case, for lists that are not a
    /// vocabulary (such as areas); a blank code comes last.
    pub(crate) fn into_rows_by_name(self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .0
            .into_iter()
            .map(|(code, totals)| Row::new(code, code, totals))
            .collect();
        crate::sort::sort_by_cached_key(&mut rows, |row| {
            (row.code.is_empty(), row.code.to_lowercase())
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab;

    #[test]
    fn known_codes_keep_vocabulary_order_with_zeros_and_unknown_codes_follow() {
        let mut tally = Tally::default();
        tally.entry("zumba").add(4);
        tally.entry("consult").add(10);
        tally.entry("").add(1);
        let rows = tally.into_rows(vocab::levels());
        let shown: Vec<(&str, &str, u64)> = rows
            .iter()
            .map(|r| (r.code.as_str(), r.label.as_str(), r.engagements))
            .collect();
        assert_eq!(
            shown,
            [
                ("inform", "Inform", 0),
                ("consult", "Consult", 1),
                ("involve", "Involve", 0),
                ("collaborate", "Collaborate", 0),
                ("empower", "Empower", 0),
                ("zumba", "zumba", 1),
                ("", "Not recorded", 1),
            ]
        );
    }

    #[test]
    fn names_sort_without_regard_to_case_and_blank_comes_last() {
        let mut tally = Tally::default();
        for area in ["reddish", "", "Adswood", "Brinnington"] {
            tally.entry(area).add(1);
        }
        let codes: Vec<String> = tally
            .into_rows_by_name()
            .into_iter()
            .map(|r| r.code)
            .collect();
        assert_eq!(codes, ["Adswood", "Brinnington", "reddish", ""]);
    }
}
