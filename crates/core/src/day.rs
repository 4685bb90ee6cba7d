//! Reading dates quickly. Thousands of records load at start-up, each with several dates, and
//! chrono's general parser was a tenth of the decode time; `YYYY-MM-DD` is read directly, and
//! anything else still goes through chrono. Use with `#[serde(with = "crate::day")]`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

fn parse(text: &str) -> Result<NaiveDate, String> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range)?.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let bytes = text.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        if let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(year as i32, month, day)
                .ok_or_else(|| format!("{text} is not a real date"));
        }
    }
    text.parse()
        .map_err(|error| format!("{text:?} is not a date (YYYY-MM-DD): {error}"))
}

/// The same for optional dates: `#[serde(with = "crate::day::option")]`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|text| parse(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use chrono::NaiveDate;

    #[test]
    fn reads_what_chrono_reads() {
        assert_eq!(
            parse("2026-02-28"),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        );
        assert_eq!(
            parse("+12026-02-28"),
            Ok(NaiveDate::from_ymd_opt(12026, 2, 28).unwrap())
        );
        assert_eq!(
            parse("2026-02-30"),
            Err("2026-02-30 is not a real date".to_owned())
        );
        assert!(parse("28/02/2026").unwrap_err().contains("is not a date"));
        assert!(parse("2026-0a-28").is_err());
    }
}
