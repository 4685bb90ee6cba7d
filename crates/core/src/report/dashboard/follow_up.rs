//! "You said, we did": how many priorities reached each step, and the median days it took.

use super::{counted, Section};
use crate::report::figure::{thousands, Chart, Figure, Table};
use crate::report::follow_up::FollowUp;

pub(super) fn section(loop_: &FollowUp) -> Section {
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
        id: "loop".to_owned(),
        title: "You said, we did".to_owned(),
        lead,
        figures: if loop_.raised == 0 {
            Vec::new()
        } else {
            vec![Figure {
                id: "loop-steps".to_owned(),
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
