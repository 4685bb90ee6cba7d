//! Coverage: engagements and participants by month, and engagements by area, method, strand,
//! level and theme.

use super::{counted, Section};
use crate::report::coverage::Coverage;
use crate::report::figure::{thousands, Chart, Figure, Table};
use crate::report::row::Row;

pub(super) fn section(coverage: &Coverage, every_area: bool) -> Section {
    let all = coverage.all;
    let months = table(
        "Engagements and participants by month",
        "Month",
        &coverage.by_month,
    );
    let mut figures = vec![Figure {
        id: "by-month".to_owned(),
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
        id: "coverage".to_owned(),
        title: "Coverage".to_owned(),
        lead: format!(
            "{} with {}.",
            counted(all.engagements as i64, "engagement", "engagements"),
            counted(all.participants, "participant", "participants")
        ),
        figures,
    }
}

fn breakdown(id: &str, by: &str, column: &str, rows: &[Row], note: Option<&str>) -> Figure {
    let title = format!("Engagements by {by}");
    Figure {
        id: id.to_owned(),
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

pub(super) fn participants(rows: &[Row]) -> Vec<(String, i64)> {
    rows.iter()
        .map(|row| (row.label.clone(), row.participants))
        .collect()
}
