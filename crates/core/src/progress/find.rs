//! Finding a learner's record for one competency, when offline devices may have made two.

use super::record::Progress;

/// The record that counts for `learner`'s `competency` in `framework`: the furthest along, as
/// in [`super::statuses`]; of equals, the one with more evidence, then the first. None when
/// the learner has not started it on any device.
pub fn record_for<'r>(
    records: impl IntoIterator<Item = &'r Progress>,
    learner: &str,
    framework: &str,
    competency: &str,
) -> Option<&'r Progress> {
    records
        .into_iter()
        .filter(|record| {
            record.learner == learner
                && record.framework == framework
                && record.competency == competency
        })
        .fold(None, |best: Option<&Progress>, record| match best {
            Some(best)
                if (best.status, best.evidence.len()) >= (record.status, record.evidence.len()) =>
            {
                Some(best)
            }
            _ => Some(record),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use crate::progress::Status;

    fn record(n: u8, learner: &str, framework: &str, code: &str, status: Status) -> Progress {
        let mut progress = Progress::new(Id::from_random([n; 16]), learner, framework, code);
        progress.status = status;
        progress
    }

    #[test]
    fn the_furthest_record_of_this_learner_counts() {
        let records = [
            record(1, "ali", "nos-cd-2023", "07", Status::Learning),
            record(2, "ali", "nos-cd-2023", "07", Status::Practising),
            record(3, "ali", "nos-cd-2023", "07", Status::Learning),
            record(4, "sam", "nos-cd-2023", "07", Status::SignedOff),
            record(5, "ali", "ocn-unit-1", "07", Status::SignedOff),
            record(6, "ali", "nos-cd-2023", "08", Status::SignedOff),
        ];
        let found = record_for(&records, "ali", "nos-cd-2023", "07").unwrap();
        assert_eq!(found.id, records[1].id);
        assert_eq!(record_for(&records, "ali", "nos-cd-2023", "01"), None);
        assert_eq!(record_for(&records, "jo", "nos-cd-2023", "07"), None);
    }

    #[test]
    fn of_equals_the_one_with_more_evidence_then_the_first() {
        let mut records = [
            record(1, "ali", "nos-cd-2023", "07", Status::Practising),
            record(2, "ali", "nos-cd-2023", "07", Status::Practising),
        ];
        assert_eq!(
            record_for(&records, "ali", "nos-cd-2023", "07").unwrap().id,
            records[0].id
        );
        records[1].evidence.push(crate::progress::Evidence {
            id: crate::ElementId::new(1_780_000_000_000, [1; 4]),
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            note: "Ran a drop-in.".to_owned(),
            engagement: None,
        });
        assert_eq!(
            record_for(&records, "ali", "nos-cd-2023", "07").unwrap().id,
            records[1].id
        );
    }
}
