//! Reading typed text as dates, times and counts, with an issue in words when it cannot be read.

use chrono::{NaiveDate, NaiveTime};

use crate::validate::Issues;

/// A date as `<input type="date">` gives it (`2026-03-14`); required.
pub fn date(issues: &mut Issues, path: &str, label: &str, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        issues.push("required", path, format!("{label} is required."));
        return None;
    }
    optional_date(issues, path, label, text)
}

/// A date that may be left empty.
pub fn optional_date(
    issues: &mut Issues,
    path: &str,
    label: &str,
    text: &str,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d");
    if parsed.is_err() {
        issues.push(
            "invalid_date",
            path,
            format!("{label} should be a date, such as 2026-03-14."),
        );
    }
    parsed.ok()
}

/// A time of day as `<input type="time">` gives it (`14:05`), which may be left empty.
pub fn optional_time(
    issues: &mut Issues,
    path: &str,
    label: &str,
    text: &str,
) -> Option<NaiveTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"));
    if parsed.is_err() {
        issues.push(
            "invalid_time",
            path,
            format!("{label} should be a time, such as 14:05."),
        );
    }
    parsed.ok()
}

/// A whole number typed by a person, which may be left empty.
pub fn optional_number(issues: &mut Issues, path: &str, label: &str, text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = text.parse::<i64>();
    if parsed.is_err() {
        issues.push(
            "not_a_number",
            path,
            format!("{label} should be a whole number, such as 12; it is \"{text}\"."),
        );
    }
    parsed.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_input_is_an_issue_in_words() {
        let mut issues = Issues::new();
        assert_eq!(optional_number(&mut issues, "n", "The count", "12a"), None);
        assert_eq!(date(&mut issues, "d", "The date", "14/03/2026"), None);
        assert_eq!(optional_time(&mut issues, "t", "The time", "2pm"), None);
        assert_eq!(date(&mut issues, "e", "The day", " "), None);
        let messages: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "n: The count should be a whole number, such as 12; it is \"12a\".",
                "d: The date should be a date, such as 2026-03-14.",
                "t: The time should be a time, such as 14:05.",
                "e: The day is required.",
            ]
        );
    }

    #[test]
    fn browser_values_read() {
        let mut issues = Issues::new();
        assert_eq!(
            date(&mut issues, "d", "D", "2026-03-14"),
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        assert_eq!(
            optional_time(&mut issues, "t", "T", "14:05"),
            NaiveTime::from_hms_opt(14, 5, 0)
        );
        assert_eq!(optional_number(&mut issues, "n", "N", " 7 "), Some(7));
        assert_eq!(optional_number(&mut issues, "n", "N", ""), None);
        assert!(issues.is_empty());
    }
}
