//! Training: the share of competencies signed off per learner, and per key area across the
//! cohort, as things stand today.

use super::{counted, Section};
use crate::report::figure::{percent, thousands, Chart, Figure, Table};
use crate::report::training::Training;

/// Progress through `training`'s framework, per learner and per key area across the cohort;
/// as it stands now, whatever the period.
pub fn training_section(training: &Training) -> Section {
    let title = &training.framework.title;
    if training.learners.is_empty() {
        return Section {
            id: "training".to_owned(),
            title: "Training".to_owned(),
            lead: format!("No training progress recorded against {title}."),
            figures: Vec::new(),
        };
    }
    let learners: Vec<(String, i64)> = training
        .learners
        .iter()
        .map(|l| {
            (
                l.learner.clone(),
                percent(l.signed_off as i64, l.competencies as i64),
            )
        })
        .collect();
    let areas: Vec<(String, i64)> = training
        .key_areas
        .iter()
        .map(|a| {
            let label = format!("{}. {}", a.key_area.code, a.key_area.title);
            (
                label,
                percent(a.signed_off as i64, (a.learners * a.competencies) as i64),
            )
        })
        .collect();
    let cells = |n: usize| thousands(n as i64);
    Section {
        id: "training".to_owned(),
        title: "Training".to_owned(),
        lead: format!(
            "{} working through {title}, as things stand today.",
            counted(training.learners.len() as i64, "learner", "learners")
        ),
        figures: vec![
            Figure {
                id: "learners".to_owned(),
                title: "Signed off, per learner".to_owned(),
                note: None,
                charts: vec![Chart::percentages(
                    "Signed off",
                    "share signed off per learner",
                    &learners,
                )],
                table: Table {
                    caption: "Competencies per learner: in the framework, signed off and in \
                              progress"
                        .to_owned(),
                    head: ["Learner", "Total", "Signed off", "In progress"]
                        .map(str::to_owned)
                        .to_vec(),
                    rows: training
                        .learners
                        .iter()
                        .map(|l| {
                            vec![
                                l.learner.clone(),
                                cells(l.competencies),
                                cells(l.signed_off),
                                cells(l.in_progress),
                            ]
                        })
                        .collect(),
                },
            },
            Figure {
                id: "key-areas".to_owned(),
                title: "Signed off, per key area across the cohort".to_owned(),
                note: Some(
                    "Each learner's competencies count, so 4 learners and a key area of 3 make 12."
                        .to_owned(),
                ),
                charts: vec![Chart::percentages(
                    "Signed off",
                    "share signed off per key area",
                    &areas,
                )],
                table: Table {
                    caption: "Competencies per key area across the cohort: every learner's, \
                              signed off and in progress"
                        .to_owned(),
                    head: ["Key area", "Total", "Signed off", "In progress"]
                        .map(str::to_owned)
                        .to_vec(),
                    rows: training
                        .key_areas
                        .iter()
                        .zip(&areas)
                        .map(|(a, (label, _))| {
                            vec![
                                label.clone(),
                                cells(a.learners * a.competencies),
                                cells(a.signed_off),
                                cells(a.in_progress),
                            ]
                        })
                        .collect(),
                },
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework;
    use crate::progress::{Progress, Status};
    use crate::report::{learners_of, training};

    #[test]
    fn training_is_per_learner_and_per_key_area() {
        let nos = framework::nos_cd();
        let code = &nos.key_areas[0].competencies[0].code;
        let mut done = Progress::new(crate::Id::from_random([1; 16]), "ali", &nos.id, code);
        done.status = Status::SignedOff;
        let started = Progress::new(crate::Id::from_random([2; 16]), "sam", &nos.id, code);
        let records = [done, started];
        let cohort = training(nos, learners_of(nos, &records), &records);
        let section = training_section(&cohort);
        assert_eq!(section.figures[0].table.rows[0][0], "ali");
        assert_eq!(section.figures[0].charts[0].bars[0].shown, "5%");
        assert_eq!(section.figures[1].table.rows[0][1], "12");
        assert_eq!(section.figures[1].table.rows[0][2], "1");

        let none = training(nos, learners_of(nos, &[]), &[]);
        assert!(training_section(&none)
            .lead
            .starts_with("No training progress recorded"));
    }
}
