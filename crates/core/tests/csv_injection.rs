//! CSV injection: a record, a framework and a learner whose every piece of text is a formula go
//! through every CSV file the app produces, and no cell (nor any "; "-separated part of one)
//! reaches a spreadsheet as a formula. Numbers stay numbers.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use fieldbook_core::framework::{self, Competency, Framework, KeyArea};
use fieldbook_core::model::{Action, Engagement, Feedback, Priority, Reach};
use fieldbook_core::progress::{Progress, Status};
use fieldbook_core::report::{self, Filter, Half, Period};
use fieldbook_core::{ElementId, Id};

/// Each starts with a character a spreadsheet reads as the start of a formula.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://example.com\",\"click\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
];

fn formula(n: usize) -> String {
    format!("{}{n}", FORMULAS[n % FORMULAS.len()])
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
}

/// An engagement whose every text field, code and count key is a formula.
fn poisoned_record() -> Engagement {
    let element = |n: u64| ElementId::new(n, [1; 4]);
    Engagement {
        id: Id::from_random([1; 16]),
        date: day(),
        start_time: NaiveTime::from_hms_opt(10, 0, 0),
        duration_minutes: Some(60),
        venue: formula(0),
        area: formula(1),
        method: formula(2),
        strand: formula(3),
        level: formula(4),
        themes: vec![formula(5), formula(6)],
        reach: Reach {
            total: 10,
            age_bands: BTreeMap::from([(formula(7), 3)]),
            groups: BTreeMap::from([(formula(8), 2)]),
        },
        notes: formula(9),
        author: formula(10),
        priorities: vec![Priority {
            id: element(1),
            text: formula(11),
            theme: Some(formula(12)),
        }],
        actions: vec![Action {
            id: element(2),
            text: formula(13),
            lead: formula(14),
            priority: Some(element(1)),
            agreed_on: day(),
            due: None,
            status: formula(15),
            closed_on: None,
            outcome: formula(16),
        }],
        feedback: vec![Feedback {
            id: element(3),
            text: formula(17),
            given_on: day(),
            channel: formula(18),
            answers: vec![element(1)],
        }],
        contact: None,
        review: None,
    }
}

fn poisoned_framework() -> Framework {
    Framework {
        schema: framework::SCHEMA,
        id: formula(20),
        title: formula(21),
        version: String::new(),
        source: String::new(),
        values: Vec::new(),
        key_areas: vec![KeyArea {
            code: formula(22),
            title: formula(23),
            competencies: vec![Competency {
                code: formula(24),
                title: formula(25),
            }],
        }],
    }
}

/// Every file the coordinators' exports offer, by name.
fn every_csv() -> Vec<(&'static str, String)> {
    let records = [poisoned_record()];
    let filter = Filter::new(Period::half_year(2026, Half::First));
    let course = poisoned_framework();
    let mut progress = Progress::new(
        Id::from_random([2; 16]),
        &formula(26),
        &course.id,
        &formula(24),
    );
    progress.status = Status::SignedOff;
    let progress = [progress];
    let training = report::training(&course, report::learners_of(&course, &progress), &progress);
    vec![
        ("records", report::engagements_csv(&records, &filter)),
        (
            "coverage",
            report::coverage_csv(&report::coverage(&records, &filter)),
        ),
        (
            "reach",
            report::reach_csv(&report::reach(&records, &filter)),
        ),
        (
            "loop",
            report::follow_up_csv(&report::follow_up(&records, &filter)),
        ),
        ("learners", report::training_learners_csv(&training)),
        ("key areas", report::training_key_areas_csv(&training)),
    ]
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn runs_as_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err()
}

#[test]
fn no_cell_of_any_csv_starts_a_formula() {
    for (file, csv) in every_csv() {
        for (line, row) in rows(&csv).iter().enumerate() {
            for (column, cell) in row.iter().enumerate() {
                for part in cell.split("; ") {
                    assert!(
                        !runs_as_formula(part),
                        "{file} file, line {line}, column {column}: {cell:?}"
                    );
                }
            }
        }
    }
}

/// The cell under `header` in each row of `csv` after the header.
fn column(csv: &str, header: &str) -> Vec<String> {
    let rows = rows(csv);
    let at = rows[0]
        .iter()
        .position(|name| name == header)
        .unwrap_or_else(|| panic!("no column {header:?} in {:?}", rows[0]));
    rows[1..].iter().map(|row| row[at].clone()).collect()
}

#[test]
fn every_text_column_carries_its_formula_defused() {
    let files: BTreeMap<&str, String> = every_csv().into_iter().collect();
    let defused = |n: usize| format!("'{}", formula(n));
    let records = &files["records"];
    for (header, n) in [
        ("Venue", 0),
        ("Area", 1),
        ("Method", 2),
        ("Strand", 3),
        ("Level", 4),
        ("Notes", 9),
    ] {
        assert_eq!(column(records, header), [defused(n)], "{header}");
    }
    assert_eq!(
        column(records, "Themes"),
        [format!("{}; {}", defused(5), defused(6))]
    );
    // Unknown age band and group codes head their own columns.
    assert_eq!(column(records, &defused(7)), ["3"]);
    assert_eq!(column(records, &defused(8)), ["2"]);

    for (file, breakdown, n) in [
        ("coverage", "Area", 1),
        ("coverage", "Method", 2),
        ("coverage", "Strand", 3),
        ("coverage", "Level", 4),
        ("coverage", "Theme", 5),
        ("reach", "Age band", 7),
        ("reach", "Seldom-heard group", 8),
    ] {
        let row = rows(&files[file])
            .into_iter()
            .find(|row| row[0] == breakdown && row[1] == defused(n))
            .unwrap_or_else(|| panic!("no {breakdown} row for code {n} in the {file} file"));
        assert_eq!(row[2], defused(n), "{file} {breakdown} label");
    }

    let learners = &files["learners"];
    assert_eq!(column(learners, "Framework"), [defused(20)]);
    assert_eq!(column(learners, "Learner"), [defused(26)]);
    let key_areas = &files["key areas"];
    assert_eq!(column(key_areas, "Framework"), [defused(20)]);
    assert_eq!(column(key_areas, "Code"), [defused(22)]);
    assert_eq!(column(key_areas, "Key area"), [defused(23)]);
}

#[test]
fn counts_are_written_as_numbers_not_text() {
    let files: BTreeMap<&str, String> = every_csv().into_iter().collect();
    let records = &files["records"];
    assert_eq!(column(records, "Participants"), ["10"]);
    for bare in [",60,", ",10,", ",3,", ",2,1,1,1,"] {
        assert!(records.contains(bare), "{bare} is a bare number: {records}");
    }
    assert!(
        files["learners"].contains(",1,1,0,0,100.0,0.0\r\n"),
        "{}",
        files["learners"]
    );
}
