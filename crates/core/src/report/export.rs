//! Names for the files a report is saved as, saying what, when and where, so that a folder of
//! exports sorts and reads without opening them.

use chrono::NaiveDate;

use super::period::Filter;

/// Such as `fieldbook-coverage-2026-04-01-to-2026-09-30-reddish.csv`. An area's name is cut
/// down to letters, digits and hyphens, which every file system and mail client accepts.
pub fn file_name(what: &str, filter: &Filter) -> String {
    let mut name = format!(
        "fieldbook-{what}-{}-to-{}",
        filter.period.from, filter.period.to
    );
    if let Some(area) = &filter.area {
        let slug = slug(area);
        if !slug.is_empty() {
            name.push('-');
            name.push_str(&slug);
        }
    }
    name.push_str(".csv");
    name
}

/// Such as `fieldbook-training-learners-2026-11-24.csv`, for what is reported as it stands on
/// a day rather than over a period.
pub fn dated_file_name(what: &str, day: NaiveDate) -> String {
    format!("fieldbook-{what}-{day}.csv")
}

fn slug(text: &str) -> String {
    let lowered: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Period;

    fn filter() -> Filter {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        Filter::new(Period::new(day(4, 1), day(9, 30)).unwrap())
    }

    #[test]
    fn names_say_what_when_and_where() {
        assert_eq!(
            file_name("coverage", &filter()),
            "fieldbook-coverage-2026-04-01-to-2026-09-30.csv"
        );
        assert_eq!(
            file_name("reach", &filter().in_area("Lancashire Hill / St Thomas's")),
            "fieldbook-reach-2026-04-01-to-2026-09-30-lancashire-hill-st-thomas-s.csv"
        );
        assert_eq!(
            file_name("reach", &filter().in_area("Ōmagari")),
            "fieldbook-reach-2026-04-01-to-2026-09-30-magari.csv"
        );
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(
            dated_file_name("training-learners", day),
            "fieldbook-training-learners-2026-11-24.csv"
        );
    }
}
