//! Contact details as typed in an engagement form: the details, the day consent was given and
//! the day they are kept until, the dates as text until saved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse;
use crate::model::Contact;
use crate::organisation::Organisation;
use crate::validate::Issues;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub details: String,
    pub consent_on: String,
    pub retain_until: String,
}

impl ContactForm {
    /// Consent given `today`, kept for as long as the organisation allows.
    pub fn new(today: NaiveDate, organisation: &Organisation) -> Self {
        ContactForm {
            details: String::new(),
            consent_on: day(today),
            retain_until: day(organisation.retain_until(today)),
        }
    }

    pub fn from_contact(contact: &Contact) -> Self {
        ContactForm {
            details: contact.details.clone(),
            consent_on: day(contact.consent_on),
            retain_until: day(contact.retain_until),
        }
    }

    /// The contact details, with an issue for each date that cannot be read. `today` stands
    /// in for an unreadable date, as the form does for the record's own.
    pub fn to_contact(&self, issues: &mut Issues, today: NaiveDate) -> Contact {
        let consent_on = parse::date(
            issues,
            "contact.consent_on",
            "The consent date",
            &self.consent_on,
        );
        let retain_until = parse::date(
            issues,
            "contact.retain_until",
            "The date to keep them until",
            &self.retain_until,
        );
        Contact {
            details: self.details.trim().to_owned(),
            consent_on: consent_on.unwrap_or(today),
            retain_until: retain_until.unwrap_or(NaiveDate::MAX),
        }
    }

    /// Move the retention date with the consent date while it is still the default for it.
    pub fn set_consent_on(&mut self, text: &str, organisation: &Organisation) {
        let was_default = parse_day(&self.consent_on)
            .is_some_and(|consent| self.retain_until == day(organisation.retain_until(consent)));
        self.consent_on = text.to_owned();
        if let (true, Some(consent)) = (was_default, parse_day(text)) {
            self.retain_until = day(organisation.retain_until(consent));
        }
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation() -> Organisation {
        Organisation {
            contact_details: true,
            retention_months: 6,
        }
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_new_contact_is_kept_for_the_organisations_period_from_today() {
        let form = ContactForm::new(date("2026-12-01"), &organisation());
        assert_eq!(form.consent_on, "2026-12-01");
        assert_eq!(form.retain_until, "2027-06-01");
    }

    #[test]
    fn the_retention_date_follows_consent_until_someone_changes_it() {
        let mut form = ContactForm::new(date("2026-12-01"), &organisation());
        form.set_consent_on("2026-11-20", &organisation());
        assert_eq!(form.retain_until, "2027-05-20");
        form.retain_until = "2027-01-31".into();
        form.set_consent_on("2026-11-21", &organisation());
        assert_eq!(form.retain_until, "2027-01-31", "a chosen date stays");
    }

    #[test]
    fn unreadable_dates_are_issues_beside_their_fields() {
        let form = ContactForm {
            details: " 07700 900123 ".into(),
            consent_on: "yesterday".into(),
            retain_until: String::new(),
        };
        let mut issues = Issues::new();
        let contact = form.to_contact(&mut issues, date("2026-12-01"));
        assert_eq!(contact.details, "07700 900123");
        let paths: Vec<String> = issues.into_iter().map(|issue| issue.path).collect();
        assert_eq!(paths, ["contact.consent_on", "contact.retain_until"]);
    }
}
