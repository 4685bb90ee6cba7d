//! The periods a coordinator reports on, relative to today: the financial half-year under way,
//! the one before it (the usual half-year report), and the last twelve whole months. Each is
//! bounded, so a report lists a handful of months, never an open-ended history.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::period::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    #[default]
    ThisHalfYear,
    LastHalfYear,
    Last12Months,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::ThisHalfYear, Span::LastHalfYear, Span::Last12Months];

    pub fn code(self) -> &'static str {
        match self {
            Span::ThisHalfYear => "this_half",
            Span::LastHalfYear => "last_half",
            Span::Last12Months => "last_12_months",
        }
    }

    /// The span a code names; an unknown or missing code (an old link) is the default.
    pub fn from_code(code: &str) -> Span {
        Span::ALL
            .into_iter()
            .find(|span| span.code() == code)
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Span::ThisHalfYear => "This half-year",
            Span::LastHalfYear => "Last half-year",
            Span::Last12Months => "Last 12 months",
        }
    }

    /// The days this span covers on `today`. Twelve months means this month and the eleven
    /// before it, whole, so the chart has twelve full bars rather than two part-months.
    pub fn period(self, today: NaiveDate) -> Period {
        let this_half = Period::half_year_containing(today);
        match self {
            Span::ThisHalfYear => this_half,
            Span::LastHalfYear => Period::half_year_containing(this_half.from - Days::new(1)),
            Span::Last12Months => {
                let month = today.with_day(1).expect("every month has a first day");
                Period {
                    from: month - Months::new(11),
                    to: month + Months::new(1) - Days::new(1),
                }
            }
        }
    }
}

/// A period as people in the UK write it: "1 October 2026 to 31 March 2027".
pub fn describe(period: &Period) -> String {
    format!(
        "{} to {}",
        period.from.format("%-d %B %Y"),
        period.to.format("%-d %B %Y")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn half_years_are_the_financial_years_halves() {
        let today = day(2026, 11, 24);
        assert_eq!(
            Span::ThisHalfYear.period(today),
            Period::new(day(2026, 10, 1), day(2027, 3, 31)).unwrap()
        );
        assert_eq!(
            Span::LastHalfYear.period(today),
            Period::new(day(2026, 4, 1), day(2026, 9, 30)).unwrap()
        );
        assert_eq!(
            Span::LastHalfYear.period(day(2026, 5, 2)),
            Period::new(day(2025, 10, 1), day(2026, 3, 31)).unwrap()
        );
    }

    #[test]
    fn twelve_months_are_whole_and_end_with_this_one() {
        let period = Span::Last12Months.period(day(2026, 2, 28));
        assert_eq!(
            period,
            Period::new(day(2025, 3, 1), day(2026, 2, 28)).unwrap()
        );
        let period = Span::Last12Months.period(day(2024, 12, 31));
        assert_eq!(
            (period.from, period.to),
            (day(2024, 1, 1), day(2024, 12, 31))
        );
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_fall_back() {
        for span in Span::ALL {
            assert_eq!(Span::from_code(span.code()), span);
        }
        assert_eq!(Span::from_code("forever"), Span::ThisHalfYear);
    }

    #[test]
    fn periods_read_as_words() {
        let period = Period::new(day(2026, 10, 1), day(2027, 3, 31)).unwrap();
        assert_eq!(describe(&period), "1 October 2026 to 31 March 2027");
    }
}
