//! Progress at a glance: every competency's status for a learner, and counts per key area.

use std::collections::BTreeMap;

use super::record::Progress;
use super::status::Status;
use crate::framework::{Competency, Framework, KeyArea};

/// Where a learner stands with one competency of a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompetencyStatus<'a> {
    pub key_area: &'a KeyArea,
    pub competency: &'a Competency,
    pub status: Status,
}

/// How far a learner has got through one key area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyAreaSummary<'a> {
    pub key_area: &'a KeyArea,
    /// The competencies in the key area.
    pub total: usize,
    pub signed_off: usize,
    /// Learning, practising, evidence recorded or submitted.
    pub in_progress: usize,
}

impl KeyAreaSummary<'_> {
    pub fn not_started(&self) -> usize {
        self.total - self.signed_off - self.in_progress
    }

    /// The fraction signed off, from 0 to 1.
    pub fn signed_off_share(&self) -> f64 {
        share(self.signed_off, self.total)
    }

    /// The fraction in progress, from 0 to 1.
    pub fn in_progress_share(&self) -> f64 {
        share(self.in_progress, self.total)
    }
}

/// The status of every competency in `framework` for `learner`, in the framework's order;
/// not started where `records` has nothing. Records for other learners, other frameworks or
/// codes the framework does not have are ignored, so a cohort's records can be passed whole.
pub fn statuses<'a>(
    framework: &'a Framework,
    learner: &str,
    records: &[Progress],
) -> Vec<CompetencyStatus<'a>> {
    let best = furthest(framework, learner, records);
    framework
        .competencies()
        .map(|(key_area, competency)| CompetencyStatus {
            key_area,
            competency,
            status: best
                .get(competency.code.as_str())
                .copied()
                .unwrap_or_default(),
        })
        .collect()
}

/// One summary per key area of `framework`, in order, for `learner`.
pub fn summarise<'a>(
    framework: &'a Framework,
    learner: &str,
    records: &[Progress],
) -> Vec<KeyAreaSummary<'a>> {
    let best = furthest(framework, learner, records);
    framework
        .key_areas
        .iter()
        .map(|key_area| {
            let mut summary = KeyAreaSummary {
                key_area,
                total: key_area.competencies.len(),
                signed_off: 0,
                in_progress: 0,
            };
            for competency in &key_area.competencies {
                match best
                    .get(competency.code.as_str())
                    .copied()
                    .unwrap_or_default()
                {
                    Status::SignedOff => summary.signed_off += 1,
                    status if status.is_in_progress() => summary.in_progress += 1,
                    _ => {}
                }
            }
            summary
        })
        .collect()
}

/// The furthest status per competency code. Two devices offline can each start a record for
/// the same competency, so there may be more than one; the furthest along is the one that counts.
fn furthest<'r>(
    framework: &Framework,
    learner: &str,
    records: &'r [Progress],
) -> BTreeMap<&'r str, Status> {
    let mut best = BTreeMap::new();
    for record in records {
        if record.learner == learner && record.framework == framework.id {
            let status = best.entry(record.competency.as_str()).or_default();
            *status = record.status.max(*status);
        }
    }
    best
}

/// `part` of `total` as a fraction; nothing of nothing is 0.
pub(crate) fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::nos_cd;
    use crate::id::Id;

    fn record(n: u8, learner: &str, framework: &str, code: &str, status: Status) -> Progress {
        let mut progress = Progress::new(Id::from_random([n; 16]), learner, framework, code);
        progress.status = status;
        progress
    }

    fn records() -> Vec<Progress> {
        vec![
            record(1, "ali", "nos-cd-2023", "01", Status::SignedOff),
            record(2, "ali", "nos-cd-2023", "02", Status::Learning),
            // A second record for 02, started on another device: the furthest counts.
            record(3, "ali", "nos-cd-2023", "02", Status::NotStarted),
            record(4, "ali", "nos-cd-2023", "03", Status::Submitted),
            record(5, "ali", "nos-cd-2023", "07", Status::Practising),
            record(6, "ali", "nos-cd-2023", "07", Status::EvidenceRecorded),
            record(7, "ali", "nos-cd-2023", "19", Status::SignedOff),
            record(8, "ali", "nos-cd-2023", "24", Status::NotStarted),
            // Ignored: another learner, another framework, a code the framework lacks.
            record(9, "sam", "nos-cd-2023", "04", Status::SignedOff),
            record(10, "ali", "ocn-unit-1", "05", Status::SignedOff),
            record(11, "ali", "nos-cd-2023", "99", Status::SignedOff),
        ]
    }

    #[test]
    fn counts_per_key_area_worked_out_by_hand() {
        let summaries = summarise(nos_cd(), "ali", &records());
        let counts: Vec<(&str, usize, usize, usize, usize)> = summaries
            .iter()
            .map(|s| {
                let code = s.key_area.code.as_str();
                (code, s.total, s.signed_off, s.in_progress, s.not_started())
            })
            .collect();
        assert_eq!(
            counts,
            [
                // 01 signed off; 02 learning and 03 submitted; 04, 05, 06 not started.
                ("1", 6, 1, 2, 3),
                // 07 evidence recorded (the furthest of its two records); 08 not started.
                ("2", 2, 0, 1, 1),
                ("3", 3, 0, 0, 3),
                ("4", 4, 0, 0, 4),
                ("5", 1, 1, 0, 0),
                // 24 has a record, but is still not started.
                ("6", 5, 0, 0, 5),
            ]
        );
        assert_eq!(summaries[0].signed_off_share(), 1.0 / 6.0);
        assert_eq!(summaries[0].in_progress_share(), 2.0 / 6.0);
        assert_eq!(summaries[1].in_progress_share(), 0.5);
        assert_eq!(summaries[4].signed_off_share(), 1.0);
        assert_eq!(summaries[2].signed_off_share(), 0.0);
    }

    #[test]
    fn every_competency_has_a_status_not_started_by_default() {
        let all = statuses(nos_cd(), "ali", &records());
        assert_eq!(all.len(), 21);
        let of = |code: &str| {
            all.iter()
                .find(|s| s.competency.code == code)
                .unwrap()
                .status
        };
        assert_eq!(of("01"), Status::SignedOff);
        assert_eq!(of("02"), Status::Learning);
        assert_eq!(of("07"), Status::EvidenceRecorded);
        assert_eq!(of("04"), Status::NotStarted);
        assert_eq!(of("05"), Status::NotStarted);
        assert_eq!(all[6].key_area.code, "2");
        assert!(statuses(nos_cd(), "nobody", &records())
            .iter()
            .all(|s| s.status == Status::NotStarted));
    }

    #[test]
    fn an_empty_key_area_has_no_share() {
        assert_eq!(share(0, 0), 0.0);
    }
}
