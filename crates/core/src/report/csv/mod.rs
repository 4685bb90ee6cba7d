//! Reports as CSV files (RFC 4180: a header row, CRLF line ends), every text cell defused
//! against formula injection by [`sheet::Sheet`].
//!
//! Each function returns the whole file as a `String`, for the app to offer as a download.
//! Spreadsheets that guess the encoding (older Excel) want a UTF-8 byte order mark in front;
//! adding one is the saver's choice, not the report's.

mod sheet;

use std::collections::BTreeSet;
use std::fmt::Display;

use chrono::Timelike;

use self::sheet::Sheet;

use super::coverage::Coverage;
use super::follow_up::FollowUp;
use super::period::Filter;
use super::reach::ReachReport;
use super::training::Training;
use crate::model::Engagement;
use crate::vocab::{self, Vocabulary};

/// One row per engagement in the filter, by date and start time. Counts that were not taken are
/// blank, unlike those counted as zero. Contact details are never exported, and nor is the
/// author, since these files go to community committees.
///
/// Each known age band and seldom-heard group has its own column; a code this version does not
/// know gets a column too, after them, headed by the code, so no count is lost.
pub fn engagements_csv<'a>(
    records: impl IntoIterator<Item = &'a Engagement>,
    filter: &Filter,
) -> String {
    let mut records: Vec<&Engagement> = records
        .into_iter()
        .filter(|record| filter.includes(record))
        .collect();
    crate::sort::sort_by_key(&mut records, |record| {
        (record.date, record.start_time, record.id)
    });
    let bands = columns(
        vocab::age_bands(),
        records.iter().flat_map(|r| r.reach.age_bands.keys()),
    );
    let groups = columns(
        vocab::seldom_heard(),
        records.iter().flat_map(|r| r.reach.groups.keys()),
    );

    let mut sheet = Sheet::new();
    sheet.texts([
        "Id",
        "Date",
        "Start time",
        "Duration (minutes)",
        "Venue",
        "Area",
        "Method",
        "Strand",
        "Level",
        "Themes",
        "Participants",
    ]);
    sheet.texts(bands.iter().map(|(_, label)| label));
    sheet.texts(groups.iter().map(|(_, label)| label));
    sheet.texts(["Priorities", "Actions", "Feedback", "Notes"]);
    sheet.end_row();
    for record in records {
        sheet.display(record.id);
        // Plain displays rather than `format`, which parses its pattern on every call.
        sheet.display(record.date);
        match record.start_time {
            Some(time) => sheet.display(HoursMinutes(time)),
            None => sheet.text(""),
        }
        sheet.maybe(record.duration_minutes);
        sheet.text(&record.venue);
        sheet.text(&record.area);
        sheet.texts([
            vocab::methods().label(&record.method),
            vocab::strands().label(&record.strand),
            vocab::levels().label(&record.level),
        ]);
        sheet.joined(
            record
                .themes
                .iter()
                .map(|theme| vocab::themes().label(theme)),
        );
        sheet.number(record.reach.total);
        for (code, _) in &bands {
            sheet.maybe(record.reach.age_bands.get(*code));
        }
        for (code, _) in &groups {
            sheet.maybe(record.reach.groups.get(*code));
        }
        sheet.number(record.priorities.len());
        sheet.number(record.actions.len());
        sheet.number(record.feedback.len());
        sheet.text(&record.notes);
        sheet.end_row();
    }
    sheet.finish()
}

/// A time of day as hours and minutes, as people write a start time.
struct HoursMinutes(chrono::NaiveTime);

impl Display for HoursMinutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

/// The vocabulary's codes and labels, then any other codes `seen`, labelled by the code.
fn columns<'a>(
    vocabulary: &'a Vocabulary,
    seen: impl Iterator<Item = &'a String>,
) -> Vec<(&'a str, &'a str)> {
    let unknown: BTreeSet<&str> = seen
        .map(String::as_str)
        .filter(|code| !vocabulary.contains(code))
        .collect();
    let known = vocabulary
        .terms
        .iter()
        .map(|term| (term.code.as_str(), term.label.as_str()));
    known
        .chain(unknown.into_iter().map(|code| (code, code)))
        .collect()
}

/// Coverage as one table: a line for everything, then each breakdown in turn, named in the
/// first column so a spreadsheet can filter by it.
pub fn coverage_csv(coverage: &Coverage) -> String {
    let mut sheet = Sheet::new();
    sheet.row(["Breakdown", "Code", "Label", "Engagements", "Participants"]);
    sheet.totals("All", "All engagements", coverage.all);
    for (breakdown, rows) in [
        ("Area", &coverage.by_area),
        ("Method", &coverage.by_method),
        ("Strand", &coverage.by_strand),
        ("Theme", &coverage.by_theme),
        ("Level", &coverage.by_level),
        ("Month", &coverage.by_month),
    ] {
        sheet.rows(breakdown, rows);
    }
    sheet.finish()
}

/// Reach as one table. For a group or band, "Engagements reaching" counts the engagements that
/// reached at least one person in it and "People" the people counted in it.
pub fn reach_csv(reach: &ReachReport) -> String {
    let mut sheet = Sheet::new();
    sheet.row([
        "Breakdown",
        "Code",
        "Label",
        "Engagements reaching",
        "People",
    ]);
    sheet.totals("All", "All engagements", reach.all);
    sheet.rows("Seldom-heard group", &reach.groups);
    sheet.rows("Age band", &reach.age_bands);
    sheet.totals(
        "No breakdown",
        "Engagements with no age band or group counted",
        reach.without_breakdown,
    );
    sheet.finish()
}

/// The loop as measures and values; a median with nothing to measure is blank.
pub fn follow_up_csv(follow_up: &FollowUp) -> String {
    let mut sheet = Sheet::new();
    sheet.row(["Measure", "Value"]);
    for (measure, count) in [
        ("Priorities raised", follow_up.raised),
        ("Priorities with an action", follow_up.actioned),
        ("Priorities with an action done", follow_up.done),
        ("Priorities fed back", follow_up.fed_back),
    ] {
        sheet.texts([measure]);
        sheet.number(count);
        sheet.end_row();
    }
    for (measure, days) in [
        (
            "Median days from raised to first action",
            follow_up.days_to_action,
        ),
        (
            "Median days from action agreed to done",
            follow_up.days_to_done,
        ),
        (
            "Median days from raised to first feedback",
            follow_up.days_to_feedback,
        ),
    ] {
        sheet.texts([measure]);
        sheet.maybe(days);
        sheet.end_row();
    }
    sheet.finish()
}

/// Each learner's progress through the framework, one row per learner. Percentages have one
/// decimal place.
pub fn training_learners_csv(training: &Training) -> String {
    let mut sheet = Sheet::new();
    sheet.row([
        "Framework",
        "Learner",
        "Competencies",
        "Signed off",
        "In progress",
        "Not started",
        "% signed off",
        "% in progress",
    ]);
    for learner in &training.learners {
        sheet.texts([&training.framework.id, &learner.learner]);
        sheet.number(learner.competencies);
        sheet.number(learner.signed_off);
        sheet.number(learner.in_progress);
        sheet.number(learner.competencies - learner.signed_off - learner.in_progress);
        sheet.percent(learner.signed_off_share());
        sheet.percent(learner.in_progress_share());
        sheet.end_row();
    }
    sheet.finish()
}

/// Each key area across the cohort. "Competencies" counts each learner's: 4 learners and a key
/// area of 3 make 12, of which so many are signed off or in progress.
pub fn training_key_areas_csv(training: &Training) -> String {
    let mut sheet = Sheet::new();
    sheet.row([
        "Framework",
        "Code",
        "Key area",
        "Learners",
        "Competencies",
        "Signed off",
        "In progress",
        "% signed off",
        "% in progress",
    ]);
    for area in &training.key_areas {
        sheet.texts([
            &training.framework.id,
            &area.key_area.code,
            &area.key_area.title,
        ]);
        sheet.number(area.learners);
        sheet.number(area.learners * area.competencies);
        sheet.number(area.signed_off);
        sheet.number(area.in_progress);
        sheet.percent(area.signed_off_share());
        sheet.percent(area.in_progress_share());
        sheet.end_row();
    }
    sheet.finish()
}
