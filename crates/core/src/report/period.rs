//! The span a report covers, and which engagements fall inside it.

use chrono::{Datelike, NaiveDate};

use crate::model::Engagement;

/// A span of days, both ends included: a report "for 1 April to 30 September" counts an
/// engagement held on 30 September.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Which half of a UK financial year. Councils report on the financial year, which starts on
/// 1 April, so the first half is 1 April to 30 September and the second is 1 October to 31 March.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    First,
    Second,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("The period ends ({to}) before it starts ({from}).")]
    EndsBeforeStart { from: NaiveDate, to: NaiveDate },
    #[error(
        "The period runs over {months} months; a report covers at most {}.",
        Period::MAX_MONTHS
    )]
    TooLong { months: u32 },
}

impl Period {
    /// Ten years: a report charts each month, so its length bounds the work and the page.
    pub const MAX_MONTHS: u32 = 120;

    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, PeriodError> {
        if to < from {
            return Err(PeriodError::EndsBeforeStart { from, to });
        }
        let months = to.year().abs_diff(from.year()) * 12 + to.month() + 1 - from.month();
        if months > Self::MAX_MONTHS {
            return Err(PeriodError::TooLong { months });
        }
        Ok(Self { from, to })
    }

    /// A half of the financial year that starts on 1 April of `year`: `half_year(2026,
    /// Half::Second)` is 1 October 2026 to 31 March 2027.
    pub fn half_year(year: i32, half: Half) -> Self {
        let (from, to) = match half {
            Half::First => (date(year, 4, 1), date(year, 9, 30)),
            Half::Second => (date(year, 10, 1), date(year + 1, 3, 31)),
        };
        Self { from, to }
    }

    /// The financial half year that `day` falls in; with today's date, the one under way.
    pub fn half_year_containing(day: NaiveDate) -> Self {
        match day.month() {
            4..=9 => Self::half_year(day.year(), Half::First),
            10..=12 => Self::half_year(day.year(), Half::Second),
            _ => Self::half_year(day.year() - 1, Half::Second),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Panics only for dates that do not exist, which the callers above never build.
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a fixed day of the year exists")
}

/// Which engagements a report covers: a period, and optionally one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub period: Period,
    /// An area exactly as the records name it; `None` covers every area.
    pub area: Option<String>,
}

impl Filter {
    /// Every area over `period`.
    pub fn new(period: Period) -> Self {
        Self { period, area: None }
    }

    pub fn in_area(mut self, area: impl Into<String>) -> Self {
        self.area = Some(area.into());
        self
    }

    pub fn includes(&self, record: &Engagement) -> bool {
        self.period.contains(record.date)
            && self.area.as_deref().is_none_or(|area| area == record.area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_years_follow_the_financial_year() {
        let first = Period::half_year(2026, Half::First);
        assert_eq!(
            (first.from, first.to),
            (date(2026, 4, 1), date(2026, 9, 30))
        );
        let second = Period::half_year(2026, Half::Second);
        assert_eq!(
            (second.from, second.to),
            (date(2026, 10, 1), date(2027, 3, 31))
        );
    }

    #[test]
    fn january_to_march_belong_to_the_previous_years_second_half() {
        let period = Period::half_year_containing(date(2027, 2, 14));
        assert_eq!(period, Period::half_year(2026, Half::Second));
        assert_eq!(
            Period::half_year_containing(date(2026, 4, 1)),
            Period::half_year(2026, Half::First)
        );
        assert_eq!(
            Period::half_year_containing(date(2026, 9, 30)),
            Period::half_year(2026, Half::First)
        );
    }

    #[test]
    fn a_backwards_period_is_an_error() {
        let error = Period::new(date(2026, 5, 1), date(2026, 4, 30)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The period ends (2026-04-30) before it starts (2026-05-01)."
        );
        assert!(Period::new(date(2026, 5, 1), date(2026, 5, 1)).is_ok());
    }

    #[test]
    fn a_period_covers_at_most_ten_years_of_months() {
        assert!(Period::new(date(2016, 4, 1), date(2026, 3, 31)).is_ok());
        assert_eq!(
            Period::new(date(2016, 4, 1), date(2026, 4, 1)),
            Err(PeriodError::TooLong { months: 121 })
        );
    }
}
