//! Reach of the seldom heard: people counted in each group and age band, against everyone.

use super::coverage::participants;
use super::{counted, Section};
use crate::report::figure::{percent, thousands, Chart, Figure, Table};
use crate::report::reach::ReachReport;
use crate::report::row::Row;

pub(super) fn section(reach: &ReachReport) -> Section {
    let everyone = reach.all.participants;
    let figure = |id: &str, title: &str, column: &str, rows: &[Row]| Figure {
        id: id.to_owned(),
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
        id: "reach".to_owned(),
        title: "Reach of the seldom heard".to_owned(),
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
