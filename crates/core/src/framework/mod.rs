//! Competency frameworks as data: key areas, each with its standards (competencies).
//!
//! A framework is a file, not a synced document: it is named by a stable slug (`nos-cd-2023`)
//! that progress records refer to, and a coordinator can import another one (an organisation's
//! own, or a course unit) with [`Framework::import`]. The default, [`nos_cd`], holds only the
//! National Occupational Standards whose titles were checked against published sources; the
//! numbers it skips are left out rather than guessed.
//!
//! The file format carries a `schema` version ([`SCHEMA`]) so a file written for a newer release
//! is refused with a message saying so, rather than misread.

mod import;
mod validate;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use import::FrameworkError;

/// The version of the framework file format that this build reads and writes.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The file format version; 0 when a file leaves it out, which validation reports.
    #[serde(default)]
    pub schema: u32,
    /// A stable slug such as `nos-cd-2023`, stored in every progress record against it.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// The edition, as its publisher names it.
    #[serde(default)]
    pub version: String,
    /// Where it comes from, for a person to check it against.
    #[serde(default)]
    pub source: String,
    /// The values the practice rests on, shown beside the standards.
    #[serde(default)]
    pub values: Vec<CoreValue>,
    #[serde(default)]
    pub key_areas: Vec<KeyArea>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyArea {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub competencies: Vec<Competency>,
}

/// One standard. Its code is unique across the whole framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
}

/// A value of the practice, such as "Social justice and equality".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreValue {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
}

/// The built-in default: the National Occupational Standards for Community Development.
pub fn nos_cd() -> &'static Framework {
    static NOS_CD: LazyLock<Framework> = LazyLock::new(|| {
        Framework::import(include_str!("data/nos-cd.json"))
            .unwrap_or_else(|error| panic!("the built-in NOS framework is invalid: {error}"))
    });
    &NOS_CD
}

impl Framework {
    /// Every competency with its key area, in the framework's order.
    pub fn competencies(&self) -> impl Iterator<Item = (&KeyArea, &Competency)> {
        self.key_areas
            .iter()
            .flat_map(|area| area.competencies.iter().map(move |c| (area, c)))
    }

    pub fn competency(&self, code: &str) -> Option<&Competency> {
        self.competencies()
            .find(|(_, c)| c.code == code)
            .map(|(_, c)| c)
    }

    /// The key area that holds the competency `code`.
    pub fn key_area_of(&self, code: &str) -> Option<&KeyArea> {
        self.competencies()
            .find(|(_, c)| c.code == code)
            .map(|(area, _)| area)
    }

    pub fn competency_count(&self) -> usize {
        self.key_areas
            .iter()
            .map(|area| area.competencies.len())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_has_the_six_key_areas_and_the_checked_standards() {
        let nos = nos_cd();
        assert_eq!(nos.id, "nos-cd-2023");
        assert_eq!(nos.validate(), Ok(()));
        let titles: Vec<&str> = nos.key_areas.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Understand and practise community development",
                "Understand and engage with communities",
                "Group work and collective action",
                "Collaboration and cross-sectoral working",
                "Community learning for social change",
                "Governance and organisational development",
            ]
        );
        let codes: Vec<&str> = nos.competencies().map(|(_, c)| c.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13", "14", "15",
                "16", "19", "21", "23", "24", "25", "26",
            ]
        );
        assert_eq!(nos.competency_count(), 21);
        let per_area: Vec<usize> = nos.key_areas.iter().map(|a| a.competencies.len()).collect();
        assert_eq!(per_area, [6, 2, 3, 4, 1, 5]);
        assert_eq!(nos.values.len(), 5);
    }

    #[test]
    fn competencies_are_found_with_their_key_area() {
        let nos = nos_cd();
        assert_eq!(
            nos.competency("07").map(|c| c.title.as_str()),
            Some("Get to know a community")
        );
        assert_eq!(
            nos.key_area_of("19").map(|a| a.title.as_str()),
            Some("Community learning for social change")
        );
        // Numbers the published sources did not confirm are absent, not invented.
        for missing in ["09", "17", "18", "20", "22"] {
            assert_eq!(nos.competency(missing), None, "{missing}");
            assert_eq!(nos.key_area_of(missing), None, "{missing}");
        }
    }
}
