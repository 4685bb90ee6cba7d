//! The CSV files made from engagements over a period, by one name each: the server answers
//! `/api/v1/reports/<name>.csv`, the phone makes the same file offline, and both name the saved
//! file after it.

use super::csv::{coverage_csv, engagements_csv, follow_up_csv, reach_csv};
use super::export::file_name;
use super::period::Filter;
use super::{coverage, follow_up, reach};
use crate::model::Engagement;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngagementFile {
    Records,
    Coverage,
    Reach,
    Loop,
}

impl EngagementFile {
    pub const ALL: [EngagementFile; 4] = [
        EngagementFile::Records,
        EngagementFile::Coverage,
        EngagementFile::Reach,
        EngagementFile::Loop,
    ];

    /// The file's name in the API and the first words of the saved file's name.
    pub fn stem(self) -> &'static str {
        match self {
            EngagementFile::Records => "engagements",
            EngagementFile::Coverage => "coverage",
            EngagementFile::Reach => "reach",
            EngagementFile::Loop => "you-said-we-did",
        }
    }

    pub fn from_stem(stem: &str) -> Option<EngagementFile> {
        Self::ALL.into_iter().find(|file| file.stem() == stem)
    }

    /// Such as `fieldbook-coverage-2026-04-01-to-2026-09-30.csv`.
    pub fn file_name(self, filter: &Filter) -> String {
        file_name(self.stem(), filter)
    }

    /// The whole file for the engagements in `filter`, from every record passed in.
    pub fn make<'a, I>(self, records: I, filter: &Filter) -> String
    where
        I: IntoIterator<Item = &'a Engagement>,
    {
        match self {
            EngagementFile::Records => engagements_csv(records, filter),
            EngagementFile::Coverage => coverage_csv(&coverage(records, filter)),
            EngagementFile::Reach => reach_csv(&reach(records, filter)),
            EngagementFile::Loop => follow_up_csv(&follow_up(records, filter)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_found_by_its_stem() {
        for file in EngagementFile::ALL {
            assert_eq!(EngagementFile::from_stem(file.stem()), Some(file));
        }
        assert_eq!(EngagementFile::from_stem("training-learners"), None);
    }
}
