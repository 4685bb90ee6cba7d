//! The coordinator's dashboard and half-year report as sections of figures: coverage, reach of
//! the seldom heard, the "you said, we did" loop, and training across the cohort.

use super::coverage::{coverage, Coverage};
use super::figure::{percent, thousands, Chart, Figure, Table};
use super::follow_up::{follow_up, FollowUp};
use super::period::Filter;
use super::reach::{reach, ReachReport};
use super::row::Row;
use super::training::Training;
use crate::model::Engagement;

/// A part of the report under one heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    /// The headline in a sentence, such as "42 engagements with 1,030 participants."
    pub lead: String,
    /// Empty when there is nothing to chart; the lead then says so.
    pub figures: Vec<Figure>,
}

/// Coverage, reach and the loop for the engagements in `filter`.
pub fn engagement_sections(records: &[&Engagement], filter: &Filter) -> Vec<Section> {
    let records = || records.iter().copied();
    let coverage = coverage(records(), filter);
    if coverage.all.engagements == 0 {
        let place = filter
            .area
            .as_ref()
            .map(|area| format!(" in {area}"))
            .unwrap_or_default();
        return vec![Section {
            id: "coverage",
            title: "Coverage",
            lead: format!("No engagements in this period{place}."),
            figures: Vec::new(),
        }];
    }
    vec![
        coverage_section(&coverage, filter.area.is_none()),
        reach_section(&reach(records(), filter)),
        loop_section(&follow_up(records(), filter)),
    ]
}

fn coverage_section(coverage: &Coverage, every_area: bool) -> Section {
    let all = coverage.all;
    let months = table(
        "Engagements and participants by month",
        "Month",
        &coverage.by_month,
    );
    let mut figures = vec![Figure {
        id: "by-month",
        title: "By month".to_owned(),
        note: None,
        charts: vec![
            Chart::counts(
                "Engagements",
                "engagements by month",
                &engagements(&coverage.by_month),
            ),
            Chart::counts(
                "Participants",
                "participants by month",
                &participants(&coverage.by_month),
            ),
        ],
        table: months,
    }];
    if every_area {
        figures.push(breakdown(
            "by-area",
            "area",
            "Area",
            &coverage.by_area,
            None,
        ));
    }
    figures.extend([
        breakdown("by-method", "method", "Method", &coverage.by_method, None),
        breakdown("by-strand", "strand", "Strand", &coverage.by_strand, None),
        breakdown(
            "by-level",
            "level of participation",
            "Level",
            &coverage.by_level,
            Some("From inform, the lowest, to empower, the highest."),
        ),
        breakdown(
            "by-theme",
            "theme",
            "Theme",
            &coverage.by_theme,
            Some("An engagement counts under each of its themes, so these add up to more than the total."),
        ),
    ]);
    Section {
        id: "coverage",
        title: "Coverage",
        lead: format!(
            "{} with {}.",
            counted(all.engagements as i64, "engagement", "engagements"),
            counted(all.participants, "participant", "participants")
        ),
        figures,
    }
}

fn breakdown(id: &'static str, by: &str, column: &str, rows: &[Row], note: Option<&str>) -> Figure {
    let title = format!("Engagements by {by}");
    Figure {
        id,
        charts: vec![Chart::counts(
            "Engagements",
            &title.to_lowercase(),
            &engagements(rows),
        )],
        table: table(
            &format!("Engagements and participants by {by}"),
            column,
            rows,
        ),
        title,
        note: note.map(str::to_owned),
    }
}

fn table(caption: &str, column: &str, rows: &[Row]) -> Table {
    Table {
        caption: caption.to_owned(),
        head: vec![
            column.to_owned(),
            "Engagements".to_owned(),
            "Participants".to_owned(),
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.label.clone(),
                    thousands(row.engagements as i64),
                    thousands(row.participants),
                ]
            })
            .collect(),
    }
}

fn engagements(rows: &[Row]) -> Vec<(String, i64)> {
    rows.iter()
        .map(|row| (row.label.clone(), row.engagements as i64))
        .collect()
}

fn participants(rows: &[Row]) -> Vec<(String, i64)> {
    rows.iter()
        .map(|row| (row.label.clone(), row.participants))
        .collect()
}

fn reach_section(reach: &ReachReport) -> Section {
    let everyone = reach.all.participants;
    let figure = |id, title: &str, column: &str, rows: &[Row]| Figure {
        id,
        title: title.to_owned(),
        note: None,
        charts: vec![Chart::counts(
            "People",
            &title.to_lowercase(),
            &participants(rows),
        )],
        table: Table {
            caption: format!(
                "{title}: people counted, their share of all participants, and the \
                 engagements that reached them"
            ),
            head: [column, "People", "Share", "Engagements"]
                .map(str::to_owned)
                .to_vec(),
            rows: rows
                .iter()
                .map(|row| {
                    vec![
                        row.label.clone(),
                        thousands(row.participants),
                        format!("{}%", percent(row.participants, everyone)),
                        thousands(row.engagements as i64),
                    ]
                })
                .collect(),
        },
    };
    let gap = reach.without_breakdown;
    let lead = if gap.engagements == 0 {
        format!(
            "Of {}, those counted in each group.",
            counted(everyone, "participant", "participants")
        )
    } else {
        format!(
            "Of {}, those counted in each group. {} ({}) counted no groups or ages, so these are \
             the least that were reached.",
            counted(everyone, "participant", "participants"),
            counted(gap.engagements as i64, "engagement", "engagements"),
            counted(gap.participants, "person", "people"),
        )
    };
    Section {
        id: "reach",
        title: "Reach of the seldom heard",
        lead,
        figures: vec![
            figure(
                "seldom-heard",
                "People reached in seldom-heard groups",
                "Group",
                &reach.groups,
            ),
            figure(
                "age-bands",
                "People reached by age",
                "Age band",
                &reach.age_bands,
            ),
        ],
    }
}

fn loop_section(loop_: &FollowUp) -> Section {
    let days = |median: Option<f64>| match median {
        Some(days) if days.fract() == 0.0 => format!("{days:.0}"),
        Some(days) => format!("{days:.1}"),
        None => "None yet".to_owned(),
    };
    let steps = [
        ("Raised", loop_.raised, "Not applicable".to_owned()),
        ("Action agreed", loop_.actioned, days(loop_.days_to_action)),
        ("Action done", loop_.done, days(loop_.days_to_done)),
        ("Fed back", loop_.fed_back, days(loop_.days_to_feedback)),
    ];
    let counts: Vec<(String, i64)> = steps
        .iter()
        .map(|(step, count, _)| ((*step).to_owned(), *count as i64))
        .collect();
    let lead = if loop_.raised == 0 {
        "No priorities were raised at these engagements.".to_owned()
    } else {
        format!(
            "{} raised; {} fed back to the community.",
            counted(loop_.raised as i64, "priority", "priorities"),
            thousands(loop_.fed_back as i64)
        )
    };
    Section {
        id: "loop",
        title: "You said, we did",
        lead,
        figures: if loop_.raised == 0 {
            Vec::new()
        } else {
            vec![Figure {
                id: "loop-steps",
                title: "Priorities at each step".to_owned(),
                note: Some(
                    "Days to an action and to feedback count from the engagement; days to done \
                     count from when the action was agreed."
                        .to_owned(),
                ),
                charts: vec![Chart::counts(
                    "Priorities",
                    "priorities at each step",
                    &counts,
                )],
                table: Table {
                    caption: "Priorities at each step, with the median days taken".to_owned(),
                    head: ["Step", "Priorities", "Median days"]
                        .map(str::to_owned)
                        .to_vec(),
                    rows: steps
                        .into_iter()
                        .map(|(step, count, median)| {
                            vec![step.to_owned(), thousands(count as i64), median]
                        })
                        .collect(),
                },
            }]
        },
    }
}

/// Progress through `training`'s framework, per learner and per key area across the cohort;
/// as it stands now, whatever the period.
pub fn training_section(training: &Training) -> Section {
    let title = &training.framework.title;
    if training.learners.is_empty() {
        return Section {
            id: "training",
            title: "Training",
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
        id: "training",
        title: "Training",
        lead: format!(
            "{} working through {title}, as things stand today.",
            counted(training.learners.len() as i64, "learner", "learners")
        ),
        figures: vec![
            Figure {
                id: "learners",
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
                id: "key-areas",
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

/// "1 engagement", "1,030 participants".
fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::framework;
    use crate::progress::{Progress, Status};
    use crate::report::{learners_of, training, Period};
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn first_half() -> Filter {
        Filter::new(Period::new(day(2026, 4, 1), day(2026, 9, 30)).unwrap())
    }

    fn records() -> Vec<Engagement> {
        (0..3)
            .map(|n| {
                let mut record = sample::engagement(n);
                record.date = day(2026, 4 + n as u32, 10);
                record.area = ["Reddish", "Adswood", "Reddish"][n as usize].to_owned();
                record.reach.total = 10 * (n as i64 + 1);
                // Keep the sample's follow-up the same number of days after the new date.
                for action in &mut record.actions {
                    action.agreed_on = record.date;
                }
                for feedback in &mut record.feedback {
                    feedback.given_on = record.date + chrono::Days::new(21);
                }
                record
            })
            .collect()
    }

    fn figure<'a>(sections: &'a [Section], id: &str) -> &'a Figure {
        sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no figure {id}"))
    }

    #[test]
    fn coverage_tables_count_the_records_in_the_period_and_area() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half());
        assert_eq!(sections[0].lead, "3 engagements with 60 participants.");
        let months = &figure(&sections, "by-month").table;
        assert_eq!(months.head, ["Month", "Engagements", "Participants"]);
        assert_eq!(months.rows.len(), 6);
        assert_eq!(months.rows[0], ["April 2026", "1", "10"]);
        assert_eq!(months.rows[2], ["June 2026", "1", "30"]);
        assert_eq!(months.rows[5], ["September 2026", "0", "0"]);
        let areas = &figure(&sections, "by-area").table;
        assert_eq!(areas.rows, [["Adswood", "1", "20"], ["Reddish", "2", "40"]]);

        let reddish = engagement_sections(&refs, &first_half().in_area("Reddish"));
        assert_eq!(reddish[0].lead, "2 engagements with 40 participants.");
        assert!(reddish
            .iter()
            .flat_map(|s| &s.figures)
            .all(|f| f.id != "by-area"));
    }

    #[test]
    fn every_chart_has_a_bar_per_table_row_and_a_summary_in_words() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        for section in engagement_sections(&refs, &first_half()) {
            for figure in &section.figures {
                for chart in &figure.charts {
                    assert_eq!(chart.bars.len(), figure.table.rows.len(), "{}", figure.id);
                    assert!(
                        chart.summary.starts_with("Bar chart, "),
                        "{}",
                        chart.summary
                    );
                    assert!(chart.bars.iter().all(|b| (0.0..=1.0).contains(&b.share)));
                }
            }
        }
    }

    #[test]
    fn an_empty_period_says_so_in_words() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half().in_area("Brinnington"));
        assert_eq!(sections.len(), 1);
        assert_eq!(
            sections[0].lead,
            "No engagements in this period in Brinnington."
        );
        assert!(sections[0].figures.is_empty());
    }

    #[test]
    fn the_loop_shows_counts_and_median_days_for_each_step() {
        let records = records();
        let refs: Vec<&Engagement> = records.iter().collect();
        let sections = engagement_sections(&refs, &first_half());
        let steps = &figure(&sections, "loop-steps").table;
        assert_eq!(steps.rows[0], ["Raised", "9", "Not applicable"]);
        assert_eq!(steps.rows[1][..2], ["Action agreed", "6"]);
        // Sample feedback is given 21 days after the engagement, to record 0 of every 3.
        assert_eq!(steps.rows[3], ["Fed back", "1", "21"]);
    }

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
