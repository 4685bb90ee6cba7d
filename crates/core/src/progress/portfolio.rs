//! A learner's portfolio: every competency of a framework with its status, evidence and
//! review, by key area, ready to print.

use super::find::record_for;
use super::record::{Evidence, Progress, Review};
use super::status::Status;
use crate::framework::{Competency, Framework, KeyArea};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portfolio<'a> {
    pub learner: String,
    pub framework: &'a Framework,
    /// In the framework's order.
    pub key_areas: Vec<PortfolioArea<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioArea<'a> {
    pub key_area: &'a KeyArea,
    pub entries: Vec<PortfolioEntry<'a>>,
}

/// One competency as the portfolio shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioEntry<'a> {
    pub competency: &'a Competency,
    pub status: Status,
    /// Oldest first. Drawn from every record the learner has for the competency, so a note
    /// made on a second offline device is not left out.
    pub evidence: Vec<&'a Evidence>,
    /// The latest review of the record that counts (see [`record_for`]).
    pub review: Option<&'a Review>,
}

/// `learner`'s portfolio for `framework`, from `records` (anyone's, any framework's).
pub fn portfolio<'a>(
    framework: &'a Framework,
    learner: &str,
    records: &'a [Progress],
) -> Portfolio<'a> {
    let key_areas = framework
        .key_areas
        .iter()
        .map(|key_area| PortfolioArea {
            key_area,
            entries: key_area
                .competencies
                .iter()
                .map(|competency| entry(framework, competency, learner, records))
                .collect(),
        })
        .collect();
    Portfolio {
        learner: learner.to_owned(),
        framework,
        key_areas,
    }
}

fn entry<'a>(
    framework: &Framework,
    competency: &'a Competency,
    learner: &str,
    records: &'a [Progress],
) -> PortfolioEntry<'a> {
    let best = record_for(records, learner, &framework.id, &competency.code);
    let mut evidence: Vec<&Evidence> = records
        .iter()
        .filter(|r| {
            r.learner == learner && r.framework == framework.id && r.competency == competency.code
        })
        .flat_map(|r| &r.evidence)
        .collect();
    crate::sort::sort_by_key(&mut evidence, |e| (e.date, e.id));
    evidence.dedup_by_key(|e| e.id);
    PortfolioEntry {
        competency,
        status: best.map(|r| r.status).unwrap_or_default(),
        evidence,
        review: best.and_then(|r| r.review.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::framework::nos_cd;
    use crate::id::{ElementId, Id};
    use crate::progress::Outcome;

    fn note(n: u8, d: u32, text: &str) -> Evidence {
        Evidence {
            id: ElementId::new(1_780_000_000_000 + u64::from(n) * 1000, [n; 4]),
            date: NaiveDate::from_ymd_opt(2026, 6, d).unwrap(),
            note: text.to_owned(),
            engagement: None,
        }
    }

    #[test]
    fn every_competency_is_listed_with_its_evidence_and_sign_off() {
        let mut signed = Progress::new(Id::from_random([1; 16]), "ali", "nos-cd-2023", "07");
        signed.status = Status::SignedOff;
        signed.evidence = vec![note(2, 5, "Walkabout."), note(1, 3, "Drop-in.")];
        signed.review = Some(Review {
            by: "pat".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 6, 9).unwrap(),
            outcome: Outcome::SignedOff,
            comment: String::new(),
        });
        // The same competency, begun on a second device, with one note of its own and one
        // that the first record already holds.
        let mut other = Progress::new(Id::from_random([2; 16]), "ali", "nos-cd-2023", "07");
        other.status = Status::Practising;
        other.evidence = vec![note(3, 4, "Residents' meeting."), note(1, 3, "Drop-in.")];
        let someone_else = {
            let mut p = Progress::new(Id::from_random([3; 16]), "sam", "nos-cd-2023", "01");
            p.status = Status::Learning;
            p
        };
        let records = vec![signed, other, someone_else];

        let book = portfolio(nos_cd(), "ali", &records);
        assert_eq!(book.learner, "ali");
        assert_eq!(book.key_areas.len(), 6);
        let listed: usize = book.key_areas.iter().map(|a| a.entries.len()).sum();
        assert_eq!(listed, 21);
        let area = &book.key_areas[1];
        assert_eq!(area.key_area.code, "2");
        let entry = &area.entries[0];
        assert_eq!(entry.competency.code, "07");
        assert_eq!(entry.status, Status::SignedOff);
        let notes: Vec<&str> = entry.evidence.iter().map(|e| e.note.as_str()).collect();
        assert_eq!(notes, ["Drop-in.", "Residents' meeting.", "Walkabout."]);
        assert_eq!(entry.review.map(|r| r.by.as_str()), Some("pat"));
        // Another learner's record does not leak into this portfolio.
        let first = &book.key_areas[0].entries[0];
        assert_eq!(
            (first.status, first.evidence.len(), first.review),
            (Status::NotStarted, 0, None)
        );
    }
}
