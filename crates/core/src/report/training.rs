//! Training progress for coordinators: each learner's progress through a framework, and each
//! key area across a cohort.

use crate::framework::{Framework, KeyArea};
use crate::progress::summary::share;
use crate::progress::{summarise, Progress};

/// Where a cohort stands with one framework, as the records say now (progress has no period:
/// a sign-off stays signed off).
#[derive(Debug, Clone, PartialEq)]
pub struct Training<'a> {
    pub framework: &'a Framework,
    /// In alphabetical order of username.
    pub learners: Vec<LearnerProgress>,
    /// In the framework's order.
    pub key_areas: Vec<CohortKeyArea<'a>>,
}

/// One learner's progress through the whole framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerProgress {
    pub learner: String,
    /// The competencies in the framework.
    pub competencies: usize,
    pub signed_off: usize,
    /// Learning, practising, evidence recorded or submitted.
    pub in_progress: usize,
}

/// One key area across the cohort. Counts are of learners' competencies: with 4 learners and 3
/// competencies there are 12 to sign off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortKeyArea<'a> {
    pub key_area: &'a KeyArea,
    pub learners: usize,
    /// The competencies in the key area, for each learner.
    pub competencies: usize,
    pub signed_off: usize,
    pub in_progress: usize,
}

impl LearnerProgress {
    /// The fraction of the framework signed off, from 0 to 1.
    pub fn signed_off_share(&self) -> f64 {
        share(self.signed_off, self.competencies)
    }

    pub fn in_progress_share(&self) -> f64 {
        share(self.in_progress, self.competencies)
    }
}

impl CohortKeyArea<'_> {
    /// The fraction of the cohort's competencies in this key area signed off, from 0 to 1.
    pub fn signed_off_share(&self) -> f64 {
        share(self.signed_off, self.learners * self.competencies)
    }

    pub fn in_progress_share(&self) -> f64 {
        share(self.in_progress, self.learners * self.competencies)
    }
}

/// Progress of `cohort` (usernames) through `framework`. A learner with no records is listed
/// with nothing started, so someone who has not begun shows rather than drops out. `records`
/// may hold anyone's progress on any framework; only the cohort's on this one count.
pub fn training<'a, 'c>(
    framework: &'a Framework,
    cohort: impl IntoIterator<Item = &'c str>,
    records: &[Progress],
) -> Training<'a> {
    let mut learners: Vec<&str> = cohort.into_iter().collect();
    crate::sort::sort_by_cached_key(&mut learners, |learner| (learner.to_lowercase(), *learner));
    learners.dedup();
    let mut key_areas: Vec<CohortKeyArea> = framework
        .key_areas
        .iter()
        .map(|key_area| CohortKeyArea {
            key_area,
            learners: learners.len(),
            competencies: key_area.competencies.len(),
            signed_off: 0,
            in_progress: 0,
        })
        .collect();
    let learners = learners
        .into_iter()
        .map(|learner| {
            let mut progress = LearnerProgress {
                learner: learner.to_owned(),
                competencies: framework.competency_count(),
                signed_off: 0,
                in_progress: 0,
            };
            // `summarise` gives one summary per key area in the framework's order, so it lines
            // up with `key_areas` by position.
            for (area, summary) in key_areas
                .iter_mut()
                .zip(summarise(framework, learner, records))
            {
                area.signed_off += summary.signed_off;
                area.in_progress += summary.in_progress;
                progress.signed_off += summary.signed_off;
                progress.in_progress += summary.in_progress;
            }
            progress
        })
        .collect();
    Training {
        framework,
        learners,
        key_areas,
    }
}

/// Everyone with a progress record against `framework`, for when there is no cohort list:
/// sorted, each once.
pub fn learners_of<'r>(framework: &Framework, records: &'r [Progress]) -> Vec<&'r str> {
    let mut learners: Vec<&str> = records
        .iter()
        .filter(|record| record.framework == framework.id)
        .map(|record| record.learner.as_str())
        .collect();
    crate::sort::sort_by(&mut learners, Ord::cmp);
    learners.dedup();
    learners
}
