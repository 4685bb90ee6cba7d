//! What an organisation has decided about personal data: whether records may hold contact
//! details for follow-up, and for how long after consent. Off unless an administrator turns it
//! on (UK GDPR data minimisation); the server refuses contact details the setting does not allow,
//! and the purge removes them on their retention date.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Contact;
use crate::validate::Issue;

/// The longest retention period an administrator may set, in months.
pub const MAX_RETENTION_MONTHS: u32 = 84;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Whether outreach staff may record contact details for follow-up.
    pub contact_details: bool,
    /// How long after consent contact details may be kept.
    pub retention_months: u32,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation {
            contact_details: false,
            retention_months: 12,
        }
    }
}

impl Organisation {
    /// Why this setting cannot be saved, if it cannot.
    pub fn problem(&self) -> Option<String> {
        (!(1..=MAX_RETENTION_MONTHS).contains(&self.retention_months)).then(|| {
            format!("The retention period must be from 1 to {MAX_RETENTION_MONTHS} months.")
        })
    }

    /// The latest date contact details given on `consent_on` may be kept until; the form's
    /// default.
    pub fn retain_until(&self, consent_on: NaiveDate) -> NaiveDate {
        consent_on
            .checked_add_months(Months::new(self.retention_months))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Why a record whose contact details were `before` may not now hold `after`, if it may
    /// not. Details already stored stay until their retention date, whatever the setting is now;
    /// new or changed ones must be allowed by it.
    pub fn refuses_change(
        &self,
        before: Option<&Contact>,
        after: Option<&Contact>,
    ) -> Option<Issue> {
        after
            .filter(|after| Some(*after) != before)
            .and_then(|after| self.refuses(after))
    }

    /// Why `contact` may not be stored as new or changed contact details, if it may not.
    pub fn refuses(&self, contact: &Contact) -> Option<Issue> {
        if !self.contact_details {
            return Some(Issue {
                code: "contact_details_off".into(),
                path: "contact".into(),
                message: "This organisation does not keep contact details; remove them, or ask \
                          an administrator to turn them on."
                    .into(),
            });
        }
        let latest = self.retain_until(contact.consent_on);
        (contact.retain_until > latest).then(|| Issue {
            code: "too_long".into(),
            path: "contact.retain_until".into(),
            message: format!(
                "Contact details may be kept for at most {} months after consent: until {} at \
                 the latest.",
                self.retention_months,
                latest.format("%-d %B %Y")
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn contact(consent: &str, until: &str) -> Contact {
        Contact {
            details: "07700 900123".into(),
            consent_on: day(consent),
            retain_until: day(until),
        }
    }

    #[test]
    fn contact_details_are_refused_while_the_organisation_keeps_none() {
        let off = Organisation::default();
        let issue = off.refuses(&contact("2026-11-02", "2027-11-02")).unwrap();
        assert_eq!(issue.code, "contact_details_off");
    }

    #[test]
    fn details_already_held_stay_whatever_the_setting_is_now() {
        let off = Organisation::default();
        let held = contact("2026-11-02", "2027-11-02");
        assert_eq!(off.refuses_change(Some(&held), Some(&held)), None);
        assert_eq!(off.refuses_change(Some(&held), None), None);
        let changed = contact("2026-11-02", "2027-10-02");
        assert!(off.refuses_change(Some(&held), Some(&changed)).is_some());
        assert!(off.refuses_change(None, Some(&held)).is_some());
    }

    #[test]
    fn retention_runs_from_consent_for_the_set_months_at_most() {
        let on = Organisation {
            contact_details: true,
            retention_months: 12,
        };
        assert_eq!(on.retain_until(day("2026-11-02")), day("2027-11-02"));
        // The end of a longer month lands on the end of the shorter one.
        assert_eq!(on.retain_until(day("2028-02-29")), day("2029-02-28"));
        assert_eq!(on.refuses(&contact("2026-11-02", "2027-11-02")), None);
        assert_eq!(on.refuses(&contact("2026-11-02", "2027-01-31")), None);
        let issue = on.refuses(&contact("2026-11-02", "2027-11-03")).unwrap();
        assert_eq!(issue.path, "contact.retain_until");
        assert!(
            issue.message.contains("2 November 2027"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn the_retention_period_is_from_one_month_to_seven_years() {
        for (months, allowed) in [(0, false), (1, true), (84, true), (85, false)] {
            let setting = Organisation {
                contact_details: true,
                retention_months: months,
            };
            assert_eq!(setting.problem().is_none(), allowed, "{months}");
        }
    }
}
