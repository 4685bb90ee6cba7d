//! Which team records a coordinator's phone holds: their own always, and the team's engagements
//! of the last few months, so the phone never fills with the team's history. Reports over every
//! record come from the server, so the phone needs no more than the recent work.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Engagement;

/// How many months of the team's engagements a coordinator's phone holds. Stored in the
/// phone's settings as the number of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TeamWindow {
    pub months: u32,
}

impl Default for TeamWindow {
    fn default() -> Self {
        TeamWindow { months: 12 }
    }
}

impl TeamWindow {
    /// The windows Settings offers, shortest first.
    pub const CHOICES: [TeamWindow; 4] = [
        TeamWindow { months: 3 },
        TeamWindow { months: 6 },
        TeamWindow { months: 12 },
        TeamWindow { months: 24 },
    ];

    /// The first day inside the window: `today` less the window's whole months (the last day
    /// of a shorter month where the day does not exist there).
    pub fn cutoff(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_months(Months::new(self.months))
            .unwrap_or(NaiveDate::MIN)
    }

    /// As Settings shows it: "Last 12 months".
    pub fn label(self) -> String {
        format!("Last {} months", self.months)
    }
}

/// Whether a phone holding the team's engagements from `cutoff` on keeps `engagement`, last
/// changed at `updated_ms`, for `username`: their own always; another's if it happened on or
/// after the cutoff, or was changed since (an old record someone edits comes back, and stays
/// while the edit is recent).
pub fn holds(cutoff: NaiveDate, username: &str, engagement: &Engagement, updated_ms: u64) -> bool {
    engagement.author == username || engagement.date >= cutoff || updated_ms >= start_ms(cutoff)
}

/// The first millisecond of `day`, in UTC, as stamps count time.
fn start_ms(day: NaiveDate) -> u64 {
    let ms = day
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis();
    u64::try_from(ms).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ms(on: NaiveDate) -> u64 {
        start_ms(on)
    }

    fn by(author: &str, on: NaiveDate) -> Engagement {
        let mut engagement = sample::engagement(1);
        engagement.author = author.into();
        engagement.date = on;
        engagement
    }

    #[test]
    fn twelve_months_is_the_default_and_among_the_choices() {
        assert_eq!(TeamWindow::default().months, 12);
        assert!(TeamWindow::CHOICES.contains(&TeamWindow::default()));
        assert_eq!(TeamWindow::default().label(), "Last 12 months");
    }

    #[test]
    fn the_cutoff_is_whole_months_back() {
        let today = day(2026, 12, 2);
        let cutoffs: Vec<NaiveDate> = TeamWindow::CHOICES
            .iter()
            .map(|window| window.cutoff(today))
            .collect();
        assert_eq!(
            cutoffs,
            [
                day(2026, 9, 2),
                day(2026, 6, 2),
                day(2025, 12, 2),
                day(2024, 12, 2)
            ]
        );
        // A day the earlier month lacks: its last day.
        assert_eq!(
            TeamWindow { months: 3 }.cutoff(day(2026, 5, 31)),
            day(2026, 2, 28)
        );
        assert_eq!(
            TeamWindow { months: 12 }.cutoff(day(2024, 2, 29)),
            day(2023, 2, 28)
        );
    }

    #[test]
    fn own_records_are_always_held() {
        let cutoff = day(2025, 12, 2);
        let old = by("cath", day(2020, 1, 1));
        assert!(holds(cutoff, "cath", &old, ms(day(2020, 1, 1))));
    }

    #[test]
    fn the_teams_records_are_held_from_the_cutoff_on() {
        let cutoff = day(2025, 12, 2);
        let changed = ms(day(2020, 1, 1));
        assert!(holds(cutoff, "cath", &by("sam", cutoff), changed));
        assert!(holds(
            cutoff,
            "cath",
            &by("sam", day(2026, 11, 30)),
            changed
        ));
        assert!(!holds(
            cutoff,
            "cath",
            &by("sam", day(2025, 12, 1)),
            changed
        ));
    }

    #[test]
    fn an_old_record_changed_since_the_cutoff_is_held() {
        let cutoff = day(2025, 12, 2);
        let old = by("sam", day(2023, 4, 1));
        assert!(holds(cutoff, "cath", &old, ms(cutoff)));
        assert!(holds(cutoff, "cath", &old, ms(day(2026, 11, 1)) + 5));
        assert!(!holds(cutoff, "cath", &old, ms(cutoff) - 1));
    }
}
