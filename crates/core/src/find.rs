//! Finding records: the list's text search and filters, and its order, newest first.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};

use crate::model::Engagement;
use crate::report::Period;
use crate::vocab;

/// The periods the list offers, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Since {
    #[default]
    AnyTime,
    ThisMonth,
    LastMonth,
    ThisHalfYear,
    LastHalfYear,
}

impl Since {
    pub const ALL: [Since; 5] = [
        Since::AnyTime,
        Since::ThisMonth,
        Since::LastMonth,
        Since::ThisHalfYear,
        Since::LastHalfYear,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Since::AnyTime => "any",
            Since::ThisMonth => "this_month",
            Since::LastMonth => "last_month",
            Since::ThisHalfYear => "this_half",
            Since::LastHalfYear => "last_half",
        }
    }

    pub fn from_code(code: &str) -> Since {
        Since::ALL
            .into_iter()
            .find(|since| since.code() == code)
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Since::AnyTime => "Any time",
            Since::ThisMonth => "This month",
            Since::LastMonth => "Last month",
            Since::ThisHalfYear => "This half-year",
            Since::LastHalfYear => "Last half-year",
        }
    }

    /// The period meant on `today`; None for any time. Half-years are the financial year's.
    pub fn period(self, today: NaiveDate) -> Option<Period> {
        let month_start = today.with_day(1).expect("every month has a first day");
        let month = |start: NaiveDate| {
            let end = start + Months::new(1) - chrono::Days::new(1);
            Period {
                from: start,
                to: end,
            }
        };
        match self {
            Since::AnyTime => None,
            Since::ThisMonth => Some(month(month_start)),
            Since::LastMonth => Some(month(month_start - Months::new(1))),
            Since::ThisHalfYear => Some(Period::half_year_containing(today)),
            Since::LastHalfYear => {
                let this = Period::half_year_containing(today);
                Some(Period::half_year_containing(
                    this.from - chrono::Days::new(1),
                ))
            }
        }
    }
}

/// What the list shows: every condition given must hold. Empty text or None matches all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Words that must all appear, in any field people read, in any case.
    pub text: String,
    pub period: Option<Period>,
    pub area: Option<String>,
    pub method: Option<String>,
    pub theme: Option<String>,
}

impl Query {
    pub fn matches(&self, record: &Engagement) -> bool {
        let text = if self.has_text() {
            search_text(record)
        } else {
            String::new()
        };
        self.matches_in(record, &text)
    }

    /// Whether `record` matches, given its [`search_text`], made beforehand so that a search
    /// typed a key at a time does not remake it for every record at every key.
    pub fn matches_in(&self, record: &Engagement, text: &str) -> bool {
        self.period
            .is_none_or(|period| period.contains(record.date))
            && self.area.as_ref().is_none_or(|area| *area == record.area)
            && self.method.as_ref().is_none_or(|m| *m == record.method)
            && self
                .theme
                .as_ref()
                .is_none_or(|theme| record.themes.contains(theme))
            && self
                .text
                .split_whitespace()
                .all(|word| text.contains(word.to_lowercase().as_str()))
    }

    /// Whether the query has words to search for, and so needs each record's search text.
    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// The text a search looks through, lowercased: what the list and the record show, as people
/// read it.
pub fn search_text(record: &Engagement) -> String {
    let mut text = String::with_capacity(512);
    let mut add = |part: &str| {
        text.push_str(part);
        text.push('\n');
    };
    add(&record.venue);
    add(&record.area);
    add(&vocab::methods().label(&record.method));
    add(&vocab::strands().label(&record.strand));
    add(&vocab::levels().label(&record.level));
    for theme in &record.themes {
        add(&vocab::themes().label(theme));
    }
    add(&record.notes);
    add(&record.author);
    for priority in &record.priorities {
        add(&priority.text);
    }
    for action in &record.actions {
        add(&action.text);
        add(&action.lead);
        add(&action.outcome);
    }
    for feedback in &record.feedback {
        add(&feedback.text);
    }
    text.to_lowercase()
}

/// Newest first: by date, then start time (an untimed record after timed ones that day),
/// then id so the order is stable.
pub fn newest_first(a: &Engagement, b: &Engagement) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| b.start_time.cmp(&a.start_time))
        .then_with(|| a.id.cmp(&b.id))
}

/// The records that match, newest first. Each comes with its [`search_text`] (which may be empty
/// when the query [has no text](Query::has_text)) and a `recency`, such as when it was last
/// saved, that orders records of the same date and start time, latest first: times are to the
/// minute, and several records are often made in one.
pub fn find<'a, R: Ord>(
    records: impl IntoIterator<Item = (&'a Engagement, &'a str, R)>,
    query: &Query,
) -> Vec<&'a Engagement> {
    let mut found: Vec<(&Engagement, R)> = records
        .into_iter()
        .filter(|(record, text, _)| query.matches_in(record, text))
        .map(|(record, _, recency)| (record, recency))
        .collect();
    crate::sort::sort_by(&mut found, |(a, a_recency), (b, b_recency)| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.start_time.cmp(&a.start_time))
            .then_with(|| b_recency.cmp(a_recency))
            .then_with(|| a.id.cmp(&b.id))
    });
    found.into_iter().map(|(record, _)| record).collect()
}

/// The areas records name, sorted, for the area filter.
pub fn areas<'a>(records: impl IntoIterator<Item = &'a Engagement>) -> Vec<String> {
    records
        .into_iter()
        .map(|record| record.area.trim())
        .filter(|area| !area.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_months_and_financial_half_years() {
        let today = day(2026, 11, 24);
        let period = |since: Since| since.period(today).map(|p| (p.from, p.to));
        assert_eq!(period(Since::AnyTime), None);
        assert_eq!(
            period(Since::ThisMonth),
            Some((day(2026, 11, 1), day(2026, 11, 30)))
        );
        assert_eq!(
            period(Since::LastMonth),
            Some((day(2026, 10, 1), day(2026, 10, 31)))
        );
        assert_eq!(
            period(Since::ThisHalfYear),
            Some((day(2026, 10, 1), day(2027, 3, 31)))
        );
        assert_eq!(
            period(Since::LastHalfYear),
            Some((day(2026, 4, 1), day(2026, 9, 30)))
        );
        assert_eq!(
            Since::LastMonth
                .period(day(2026, 1, 15))
                .map(|p| (p.from, p.to)),
            Some((day(2025, 12, 1), day(2025, 12, 31)))
        );
        for since in Since::ALL {
            assert_eq!(Since::from_code(since.code()), since);
        }
    }

    #[test]
    fn text_search_needs_every_word_in_any_case_across_fields() {
        let mut record = sample::engagement(1);
        record.venue = "Brinnington Library".into();
        record.notes = "Parents asked about the bus".into();
        record.method = "door_knocking".into();
        let search = |text: &str| {
            Query {
                text: text.into(),
                ..Query::default()
            }
            .matches(&record)
        };
        assert!(search(""));
        assert!(search("brinnington BUS"));
        assert!(search("door-knocking"), "method labels are searched");
        assert!(!search("brinnington tram"));
        let text = search_text(&record);
        let query = Query {
            text: "Library".into(),
            ..Query::default()
        };
        assert!(query.has_text() && query.matches_in(&record, &text));
    }

    #[test]
    fn filters_combine_and_results_come_newest_first() {
        let records: Vec<Engagement> = (0..200).map(sample::engagement).collect();
        let area = records[0].area.clone();
        let theme = records[0].themes[0].clone();
        let query = Query {
            period: Some(Period::half_year_containing(records[0].date)),
            area: Some(area.clone()),
            theme: Some(theme.clone()),
            ..Query::default()
        };
        let found = find(records.iter().map(|r| (r, "", 0)), &query);
        assert!(!found.is_empty());
        assert!(found.iter().all(|r| r.area == area
            && r.themes.contains(&theme)
            && query.period.unwrap().contains(r.date)));
        let expected = records.iter().filter(|r| query.matches(r)).count();
        assert_eq!(found.len(), expected);
        assert!(found
            .windows(2)
            .all(|pair| newest_first(pair[0], pair[1]) != Ordering::Greater));
    }

    #[test]
    fn on_the_same_day_later_starts_come_first_then_the_latest_saved_and_untimed_last() {
        let mut early = sample::engagement(1);
        let mut late = sample::engagement(2);
        let mut untimed = sample::engagement(3);
        for record in [&mut early, &mut late, &mut untimed] {
            record.date = day(2026, 5, 5);
        }
        early.start_time = NaiveTime::from_hms_opt(9, 0, 0);
        late.start_time = NaiveTime::from_hms_opt(15, 0, 0);
        untimed.start_time = None;
        let mut twin = late.clone();
        twin.id = sample::engagement(4).id;
        let found = find(
            [
                (&early, "", 1),
                (&untimed, "", 2),
                (&late, "", 3),
                (&twin, "", 4),
            ],
            &Query::default(),
        );
        assert_eq!(
            found.iter().map(|r| r.id).collect::<Vec<_>>(),
            [twin.id, late.id, early.id, untimed.id],
            "the same start time puts the most recent first"
        );
    }

    #[test]
    fn areas_are_distinct_and_sorted() {
        let mut a = sample::engagement(1);
        let mut b = sample::engagement(2);
        let mut c = sample::engagement(3);
        (a.area, b.area, c.area) = ("Reddish".into(), "Brinnington".into(), " ".into());
        let d = a.clone();
        assert_eq!(areas([&a, &b, &c, &d]), ["Brinnington", "Reddish"]);
    }
}
