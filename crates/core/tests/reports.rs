//! Coordinators' reports over small hand-built records whose figures are worked out by hand,
//! and over the sample generator for the sums that must agree.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use fieldbook_core::framework::{self, Competency, Framework, KeyArea};
use fieldbook_core::model::{Action, Engagement, Feedback, Priority, Reach};
use fieldbook_core::progress::{Progress, Status};
use fieldbook_core::report::{self, Filter, Half, Period, Row, Totals};
use fieldbook_core::{sample, ElementId, Id};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn first_half_2026() -> Filter {
    Filter::new(Period::half_year(2026, Half::First))
}

fn record(
    n: u8,
    date: NaiveDate,
    area: &str,
    method: &str,
    themes: &[&str],
    total: i64,
) -> Engagement {
    Engagement {
        id: Id::from_random([n; 16]),
        date,
        start_time: None,
        duration_minutes: None,
        venue: "Brinnington Library".to_owned(),
        area: area.to_owned(),
        method: method.to_owned(),
        strand: "primary".to_owned(),
        level: "consult".to_owned(),
        themes: themes.iter().map(|theme| (*theme).to_owned()).collect(),
        reach: Reach {
            total,
            ..Reach::default()
        },
        notes: String::new(),
        author: "asha.k".to_owned(),
        priorities: vec![],
        actions: vec![],
        feedback: vec![],
        contact: None,
        review: None,
    }
}

fn counts(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs
        .iter()
        .map(|(code, count)| ((*code).to_owned(), *count))
        .collect()
}

/// Four engagements around the first half of 2026 (1 April to 30 September):
/// - A, 1 April, the first day: Brinnington, walkabout, involve, housing and crime, 12 people,
///   of whom 3 under 16 and 6 aged 25 to 44; 2 disabled people; carers counted as 0.
/// - B, 30 September, the last day: Adswood, an unknown method "hackathon", housing, 8 people,
///   with no breakdown.
/// - C, 1 October, the day after: Brinnington, 100 people.
/// - D, 31 March, the day before: Adswood, 50 people.
///
/// So the half year has 2 engagements and 20 people, and Brinnington alone has 1 and 12.
fn four_around_the_half_year() -> Vec<Engagement> {
    let mut a = record(
        1,
        day(2026, 4, 1),
        "Brinnington",
        "walkabout",
        &["housing", "crime"],
        12,
    );
    a.level = "involve".to_owned();
    a.reach.age_bands = counts(&[("under_16", 3), ("25_44", 6)]);
    a.reach.groups = counts(&[("disabled", 2), ("carers", 0)]);
    let b = record(2, day(2026, 9, 30), "Adswood", "hackathon", &["housing"], 8);
    let c = record(
        3,
        day(2026, 10, 1),
        "Brinnington",
        "walkabout",
        &["housing"],
        100,
    );
    let d = record(4, day(2026, 3, 31), "Adswood", "survey", &["crime"], 50);
    vec![a, b, c, d]
}

fn find<'a>(rows: &'a [Row], code: &str) -> &'a Row {
    rows.iter()
        .find(|row| row.code == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

fn totals(engagements: u64, participants: i64) -> Totals {
    Totals {
        engagements,
        participants,
    }
}

#[test]
fn a_period_includes_both_its_first_and_last_days() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    // A (1 April) and B (30 September); not C (1 October) nor D (31 March).
    assert_eq!(coverage.all, totals(2, 20));
}

#[test]
fn an_area_filter_keeps_only_that_area() {
    let filter = first_half_2026().in_area("Brinnington");
    let coverage = report::coverage(&four_around_the_half_year(), &filter);
    assert_eq!(coverage.all, totals(1, 12));
    let areas: Vec<&str> = coverage
        .by_area
        .iter()
        .map(|row| row.code.as_str())
        .collect();
    assert_eq!(areas, ["Brinnington"]);
}

#[test]
fn areas_are_alphabetical() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    let areas: Vec<(&str, u64, i64)> = coverage
        .by_area
        .iter()
        .map(|row| (row.code.as_str(), row.engagements, row.participants))
        .collect();
    assert_eq!(areas, [("Adswood", 1, 8), ("Brinnington", 1, 12)]);
}

#[test]
fn methods_follow_the_vocabulary_and_an_unknown_code_is_shown_as_itself_after_them() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    // Twelve known methods, every one listed, then the unknown "hackathon".
    assert_eq!(coverage.by_method.len(), 13);
    assert_eq!(coverage.by_method[0].code, "survey");
    assert_eq!(
        (
            coverage.by_method[0].engagements,
            coverage.by_method[0].participants
        ),
        (0, 0)
    );
    let walkabout = find(&coverage.by_method, "walkabout");
    assert_eq!(
        (
            walkabout.label.as_str(),
            walkabout.engagements,
            walkabout.participants
        ),
        ("Estate walkabout", 1, 12)
    );
    let last = coverage.by_method.last().unwrap();
    assert_eq!(
        (
            last.code.as_str(),
            last.label.as_str(),
            last.engagements,
            last.participants
        ),
        ("hackathon", "hackathon", 1, 8)
    );
}

#[test]
fn an_engagement_counts_once_under_each_of_its_themes() {
    let mut records = four_around_the_half_year();
    // A theme listed twice is invalid, but must not count the engagement twice.
    records[1].themes.push("housing".to_owned());
    let coverage = report::coverage(&records, &first_half_2026());
    // Housing: A (12) and B (8). Crime: A only, since D is outside the period.
    assert_eq!(
        (
            find(&coverage.by_theme, "housing").engagements,
            find(&coverage.by_theme, "housing").participants
        ),
        (2, 20)
    );
    assert_eq!(
        (
            find(&coverage.by_theme, "crime").engagements,
            find(&coverage.by_theme, "crime").participants
        ),
        (1, 12)
    );
    assert_eq!(find(&coverage.by_theme, "heritage").engagements, 0);
}

#[test]
fn levels_run_from_inform_to_empower_and_strands_are_all_listed() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    let levels: Vec<(&str, u64)> = coverage
        .by_level
        .iter()
        .map(|row| (row.code.as_str(), row.engagements))
        .collect();
    // A is involve; B keeps the fixture's consult.
    assert_eq!(
        levels,
        [
            ("inform", 0),
            ("consult", 1),
            ("involve", 1),
            ("collaborate", 0),
            ("empower", 0)
        ]
    );
    let strands: Vec<(&str, u64)> = coverage
        .by_strand
        .iter()
        .map(|row| (row.code.as_str(), row.engagements))
        .collect();
    assert_eq!(
        strands,
        [("primary", 2), ("purposive", 0), ("engagement", 0)]
    );
}

#[test]
fn every_month_of_the_period_is_listed_in_order_with_quiet_months_as_zero() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    let months: Vec<(&str, &str, u64, i64)> = coverage
        .by_month
        .iter()
        .map(|row| {
            (
                row.code.as_str(),
                row.label.as_str(),
                row.engagements,
                row.participants,
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-04", "April 2026", 1, 12),
            ("2026-05", "May 2026", 0, 0),
            ("2026-06", "June 2026", 0, 0),
            ("2026-07", "July 2026", 0, 0),
            ("2026-08", "August 2026", 0, 0),
            ("2026-09", "September 2026", 1, 8),
        ]
    );
}

#[test]
fn reach_lists_every_group_and_band_so_gaps_show() {
    let reach = report::reach(&four_around_the_half_year(), &first_half_2026());
    assert_eq!(reach.all, totals(2, 20));
    let groups: Vec<(&str, u64, i64)> = reach
        .groups
        .iter()
        .map(|row| (row.code.as_str(), row.engagements, row.participants))
        .collect();
    // Carers were counted as 0 at A: looked for, not reached.
    assert_eq!(
        groups,
        [
            ("disabled", 1, 2),
            ("minority_ethnic", 0, 0),
            ("young_people", 0, 0),
            ("carers", 0, 0),
            ("other", 0, 0)
        ]
    );
    let bands: Vec<(&str, u64, i64)> = reach
        .age_bands
        .iter()
        .map(|row| (row.code.as_str(), row.engagements, row.participants))
        .collect();
    assert_eq!(
        bands,
        [
            ("under_16", 1, 3),
            ("16_24", 0, 0),
            ("25_44", 1, 6),
            ("45_64", 0, 0),
            ("65_over", 0, 0),
            ("not_known", 0, 0)
        ]
    );
    // B, with its 8 people, counted no age band and no group.
    assert_eq!(reach.without_breakdown, totals(1, 8));
}

fn element(n: u64) -> ElementId {
    ElementId::new(1_780_000_000_000 + n * 1000, [0, 0, 0, n as u8])
}

fn action(
    id: u64,
    priority: Option<u64>,
    agreed_on: NaiveDate,
    status: &str,
    closed_on: Option<NaiveDate>,
) -> Action {
    Action {
        id: element(id),
        text: "Raise it with the council".to_owned(),
        lead: "Streetscene".to_owned(),
        priority: priority.map(element),
        agreed_on,
        due: None,
        status: status.to_owned(),
        closed_on,
        outcome: String::new(),
    }
}

fn feedback(id: u64, given_on: NaiveDate, answers: &[u64]) -> Feedback {
    Feedback {
        id: element(id),
        text: "Told the group".to_owned(),
        given_on,
        channel: "meeting".to_owned(),
        answers: answers.iter().copied().map(element).collect(),
    }
}

fn priority(id: u64) -> Priority {
    Priority {
        id: element(id),
        text: "Street lighting".to_owned(),
        theme: Some("crime".to_owned()),
    }
}

/// E, held 1 May 2026, raised priorities 1, 2 and 3:
/// - 1: actions agreed 3 May (done 13 May) and 2 May (open); fed back 21 May and 1 June.
///   First action after 1 day, first feedback after 20.
/// - 2: an action agreed 11 May and dropped 20 May; fed back 1 June. First action after 10 days,
///   first feedback after 31.
/// - 3: nothing yet.
///
/// An action answering no priority was agreed 1 May and done 31 May (30 days).
fn loop_engagement() -> Engagement {
    let mut e = record(5, day(2026, 5, 1), "Reddish", "drop_in", &["crime"], 20);
    e.priorities = vec![priority(1), priority(2), priority(3)];
    e.actions = vec![
        action(11, Some(1), day(2026, 5, 3), "done", Some(day(2026, 5, 13))),
        action(12, Some(1), day(2026, 5, 2), "open", None),
        action(
            13,
            Some(2),
            day(2026, 5, 11),
            "dropped",
            Some(day(2026, 5, 20)),
        ),
        action(14, None, day(2026, 5, 1), "done", Some(day(2026, 5, 31))),
    ];
    e.feedback = vec![
        feedback(21, day(2026, 6, 1), &[1, 2]),
        feedback(22, day(2026, 5, 21), &[1]),
    ];
    e
}

#[test]
fn the_loop_counts_each_step_and_takes_even_medians_as_the_mean_of_the_middle_two() {
    let mut outside = loop_engagement();
    outside.id = Id::from_random([6; 16]);
    outside.date = day(2026, 3, 1);
    let follow_up = report::follow_up(&[loop_engagement(), outside], &first_half_2026());
    // Raised 1, 2, 3; actioned 1 and 2; done only 1 (2 was dropped); fed back 1 and 2.
    assert_eq!(
        (
            follow_up.raised,
            follow_up.actioned,
            follow_up.done,
            follow_up.fed_back
        ),
        (3, 2, 1, 2)
    );
    // To first action: 1 and 10 days. To done: 10 and 30 (not the dropped one). To feedback:
    // 20 and 31.
    assert_eq!(follow_up.days_to_action, Some(5.5));
    assert_eq!(follow_up.days_to_done, Some(20.0));
    assert_eq!(follow_up.days_to_feedback, Some(25.5));
}

#[test]
fn the_loop_takes_odd_medians_as_the_middle_value() {
    // F, held 1 June, raised priority 4: an action agreed 4 June (3 days), done 5 June (1 day).
    let mut f = record(7, day(2026, 6, 1), "Reddish", "drop_in", &[], 5);
    f.priorities = vec![priority(4)];
    f.actions = vec![action(
        15,
        Some(4),
        day(2026, 6, 4),
        "done",
        Some(day(2026, 6, 5)),
    )];
    let follow_up = report::follow_up(&[loop_engagement(), f], &first_half_2026());
    assert_eq!(
        (
            follow_up.raised,
            follow_up.actioned,
            follow_up.done,
            follow_up.fed_back
        ),
        (4, 3, 2, 2)
    );
    // To first action: 1, 3, 10. To done: 1, 10, 30. To feedback unchanged: 20 and 31.
    assert_eq!(follow_up.days_to_action, Some(3.0));
    assert_eq!(follow_up.days_to_done, Some(10.0));
    assert_eq!(follow_up.days_to_feedback, Some(25.5));
}

#[test]
fn a_loop_with_nothing_to_measure_has_no_medians() {
    let follow_up = report::follow_up(&four_around_the_half_year(), &first_half_2026());
    assert_eq!(
        (
            follow_up.raised,
            follow_up.days_to_action,
            follow_up.days_to_done,
            follow_up.days_to_feedback
        ),
        (0, None, None, None)
    );
}

#[test]
fn the_median_is_defined_for_odd_even_and_no_values() {
    assert_eq!(report::median(&mut [30, 1, 10]), Some(10.0));
    assert_eq!(report::median(&mut [31, 20]), Some(25.5));
    assert_eq!(report::median(&mut []), None);
}

const RECORDS_HEADER: &str = "\"Id\",\"Date\",\"Start time\",\"Duration (minutes)\",\"Venue\",\
\"Area\",\"Method\",\"Strand\",\"Level\",\"Themes\",\"Participants\",\
\"Under 16\",\"16 to 24\",\"25 to 44\",\"45 to 64\",\"65 and over\",\"Age not known\",\
\"Disabled people\",\"Minority ethnic communities\",\"Young people\",\"Carers\",\
\"Other seldom-heard groups\",\"Priorities\",\"Actions\",\"Feedback\",\"Notes\"\r\n";

#[test]
fn the_records_file_quotes_commas_quotes_and_line_breaks() {
    let mut a = four_around_the_half_year().remove(0);
    a.start_time = NaiveTime::from_hms_opt(15, 30, 0);
    a.duration_minutes = Some(90);
    a.venue = "St Mary's Hall, Elm Road".to_owned();
    a.notes = "Said \"lights out\", again\nFollow up".to_owned();
    a.priorities = vec![priority(1)];
    let csv = report::engagements_csv(&[a.clone()], &first_half_2026());
    // Age bands: under 16 = 3 and 25 to 44 = 6, the others not counted so blank. Groups: disabled
    // = 2, carers counted as 0, the others blank.
    let row = format!(
        "\"{}\",\"2026-04-01\",\"15:30\",90,\"St Mary's Hall, Elm Road\",\"Brinnington\",\
\"Estate walkabout\",\"Primary: building social capital\",\"Involve\",\
\"Housing; Crime and disorder\",12,3,\"\",6,\"\",\"\",\"\",2,\"\",\"\",0,\"\",1,0,0,\
\"Said \"\"lights out\"\", again\nFollow up\"\r\n",
        a.id
    );
    assert_eq!(csv, format!("{RECORDS_HEADER}{row}"));
}

#[test]
fn text_a_spreadsheet_would_run_as_a_formula_is_defused() {
    let mut a = four_around_the_half_year().remove(0);
    a.venue = "=HYPERLINK(\"http://example.com\")".to_owned();
    a.notes = "-2 people left early".to_owned();
    let csv = report::engagements_csv(&[a], &first_half_2026());
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://example.com\"\")\","),
        "{csv}"
    );
    assert!(csv.ends_with(",\"'-2 people left early\"\r\n"), "{csv}");
}

#[test]
fn the_records_file_is_in_date_order_and_gives_unknown_codes_their_own_column() {
    let mut records = four_around_the_half_year();
    records[1].reach.age_bands = counts(&[("0_4", 2)]);
    records.swap(0, 1);
    let csv = report::engagements_csv(&records, &first_half_2026());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[0].contains(",\"Age not known\",\"0_4\",\"Disabled people\","),
        "{}",
        lines[0]
    );
    // A (1 April) before B (30 September), whatever order they came in; C and D left out.
    assert!(
        lines[1].contains(",\"2026-04-01\",") && lines[2].contains(",\"2026-09-30\","),
        "{csv}"
    );
    assert!(
        lines[2].contains(",\"hackathon\","),
        "an unknown method is shown as its code: {}",
        lines[2]
    );
    assert_eq!(
        lines.len(),
        4,
        "header, two rows and the empty remainder after the last CRLF"
    );
}

#[test]
fn the_coverage_file_has_a_line_per_row_of_each_breakdown() {
    let coverage = report::coverage(&four_around_the_half_year(), &first_half_2026());
    let csv = report::coverage_csv(&coverage);
    let start = "\"Breakdown\",\"Code\",\"Label\",\"Engagements\",\"Participants\"\r\n\
\"All\",\"\",\"All engagements\",2,20\r\n\
\"Area\",\"Adswood\",\"Adswood\",1,8\r\n";
    assert!(csv.starts_with(start), "{csv}");
    for line in [
        "\"Method\",\"hackathon\",\"hackathon\",1,8\r\n",
        "\"Strand\",\"primary\",\"Primary: building social capital\",2,20\r\n",
        "\"Theme\",\"housing\",\"Housing\",2,20\r\n",
        "\"Level\",\"inform\",\"Inform\",0,0\r\n",
    ] {
        assert!(csv.contains(line), "{line} missing from {csv}");
    }
    assert!(
        csv.ends_with("\"Month\",\"2026-09\",\"September 2026\",1,8\r\n"),
        "{csv}"
    );
    // A header, the all line and one line for each row of the six breakdowns.
    let rows = 2 + 12 + 1 + 3 + 13 + 5 + 6;
    assert_eq!(csv.matches("\r\n").count(), 2 + rows);
}

#[test]
fn the_reach_file_ends_with_the_engagements_that_counted_nobody_by_group() {
    let reach = report::reach(&four_around_the_half_year(), &first_half_2026());
    let csv = report::reach_csv(&reach);
    let start = "\"Breakdown\",\"Code\",\"Label\",\"Engagements reaching\",\"People\"\r\n\
\"All\",\"\",\"All engagements\",2,20\r\n\
\"Seldom-heard group\",\"disabled\",\"Disabled people\",1,2\r\n";
    assert!(csv.starts_with(start), "{csv}");
    assert!(
        csv.contains("\"Age band\",\"under_16\",\"Under 16\",1,3\r\n"),
        "{csv}"
    );
    assert!(
        csv.ends_with(
            "\"No breakdown\",\"\",\"Engagements with no age band or group counted\",1,8\r\n"
        ),
        "{csv}"
    );
}

#[test]
fn the_loop_file_leaves_a_median_blank_when_there_is_nothing_to_measure() {
    let mut e = loop_engagement();
    e.feedback.clear();
    let csv = report::follow_up_csv(&report::follow_up(&[e], &first_half_2026()));
    assert_eq!(
        csv,
        "\"Measure\",\"Value\"\r\n\
\"Priorities raised\",3\r\n\
\"Priorities with an action\",2\r\n\
\"Priorities with an action done\",1\r\n\
\"Priorities fed back\",0\r\n\
\"Median days from raised to first action\",5.5\r\n\
\"Median days from action agreed to done\",20\r\n\
\"Median days from raised to first feedback\",\"\"\r\n"
    );
}

#[test]
fn over_sample_records_every_breakdown_adds_up_to_the_whole() {
    let records: Vec<Engagement> = (0..2_000).map(sample::engagement).collect();
    let filter = Filter::new(Period::half_year(2025, Half::Second));
    let coverage = report::coverage(&records, &filter);
    assert!(
        coverage.all.engagements > 100,
        "the sample spreads over two years, so a half year holds many"
    );
    for rows in [
        &coverage.by_area,
        &coverage.by_method,
        &coverage.by_strand,
        &coverage.by_level,
        &coverage.by_month,
    ] {
        let sum = rows.iter().fold(Totals::default(), |sum, row| {
            totals(
                sum.engagements + row.engagements,
                sum.participants + row.participants,
            )
        });
        assert_eq!(sum, coverage.all);
    }
    // Each area on its own adds up to the whole as well.
    let by_area: u64 = coverage
        .by_area
        .iter()
        .map(|row| {
            report::coverage(&records, &filter.clone().in_area(row.code.clone()))
                .all
                .engagements
        })
        .sum();
    assert_eq!(by_area, coverage.all.engagements);
    let reach = report::reach(&records, &filter);
    assert_eq!(reach.all, coverage.all);
    assert_eq!(
        reach.without_breakdown,
        Totals::default(),
        "every sample record counts some groups"
    );
}

fn competencies(codes: &[&str]) -> Vec<Competency> {
    codes
        .iter()
        .map(|code| Competency {
            code: (*code).to_owned(),
            title: format!("Standard {code}"),
        })
        .collect()
}

/// A course of two key areas: A ("Listen, then act") with A1 and A2, and B with B1.
fn course() -> Framework {
    Framework {
        schema: framework::SCHEMA,
        id: "course-1".to_owned(),
        title: "A course".to_owned(),
        version: String::new(),
        source: String::new(),
        values: Vec::new(),
        key_areas: vec![
            KeyArea {
                code: "A".to_owned(),
                title: "Listen, then act".to_owned(),
                competencies: competencies(&["A1", "A2"]),
            },
            KeyArea {
                code: "B".to_owned(),
                title: "Area B".to_owned(),
                competencies: competencies(&["B1"]),
            },
        ],
    }
}

fn progress(n: u8, learner: &str, framework: &str, competency: &str, status: Status) -> Progress {
    let mut record = Progress::new(Id::from_random([n; 16]), learner, framework, competency);
    record.status = status;
    record
}

/// Ali: A1 and B1 signed off, A2 learning (a second A2 record, from another device, is behind).
/// Sam: A1 submitted, B1 not started. Jo: nothing yet. Kim is not in the cohort, and Ali's
/// record on another framework does not count.
fn cohort_records() -> Vec<Progress> {
    vec![
        progress(1, "ali", "course-1", "A1", Status::SignedOff),
        progress(2, "ali", "course-1", "A2", Status::Learning),
        progress(3, "ali", "course-1", "A2", Status::NotStarted),
        progress(4, "ali", "course-1", "B1", Status::SignedOff),
        progress(5, "sam", "course-1", "A1", Status::Submitted),
        progress(6, "sam", "course-1", "B1", Status::NotStarted),
        progress(7, "kim", "course-1", "A1", Status::SignedOff),
        progress(8, "ali", "other-course", "A1", Status::SignedOff),
    ]
}

#[test]
fn each_learner_in_the_cohort_is_listed_even_with_nothing_started() {
    let course = course();
    let training = report::training(&course, ["sam", "jo", "ali", "sam"], &cohort_records());
    let learners: Vec<(&str, usize, usize, usize)> = training
        .learners
        .iter()
        .map(|l| {
            (
                l.learner.as_str(),
                l.competencies,
                l.signed_off,
                l.in_progress,
            )
        })
        .collect();
    assert_eq!(
        learners,
        [("ali", 3, 2, 1), ("jo", 3, 0, 0), ("sam", 3, 0, 1)]
    );
    assert_eq!(training.learners[0].signed_off_share(), 2.0 / 3.0);
    assert_eq!(training.learners[2].in_progress_share(), 1.0 / 3.0);
}

#[test]
fn a_key_area_across_the_cohort_counts_every_learners_competencies() {
    let course = course();
    let training = report::training(&course, ["ali", "jo", "sam"], &cohort_records());
    // A: 3 learners by 2 competencies is 6; Ali's A1 signed off; Ali's A2 and Sam's A1 under way.
    // B: 3 by 1 is 3; Ali's B1 signed off.
    let areas: Vec<(&str, usize, usize, usize, usize)> = training
        .key_areas
        .iter()
        .map(|a| {
            (
                a.key_area.code.as_str(),
                a.learners,
                a.competencies,
                a.signed_off,
                a.in_progress,
            )
        })
        .collect();
    assert_eq!(areas, [("A", 3, 2, 1, 2), ("B", 3, 1, 1, 0)]);
    assert_eq!(training.key_areas[0].signed_off_share(), 1.0 / 6.0);
    assert_eq!(training.key_areas[1].signed_off_share(), 1.0 / 3.0);
}

#[test]
fn an_empty_cohort_has_no_share_rather_than_a_division_by_zero() {
    let course = course();
    let training = report::training(&course, [], &cohort_records());
    assert!(training.learners.is_empty());
    assert_eq!(training.key_areas[0].signed_off_share(), 0.0);
}

#[test]
fn without_a_cohort_list_the_learners_are_those_with_records() {
    let records = cohort_records();
    assert_eq!(
        report::learners_of(&course(), &records),
        ["ali", "kim", "sam"]
    );
    let course = course();
    let training = report::training(&course, report::learners_of(&course, &records), &records);
    let kim = &training.learners[1];
    assert_eq!((kim.learner.as_str(), kim.signed_off), ("kim", 1));
    // Nobody has a record against the built-in framework, so nobody is listed for it.
    assert!(report::learners_of(framework::nos_cd(), &records).is_empty());
}

#[test]
fn the_training_files_give_counts_and_percentages() {
    let course = course();
    let training = report::training(&course, ["ali", "jo", "sam"], &cohort_records());
    assert_eq!(
        report::training_learners_csv(&training),
        "\"Framework\",\"Learner\",\"Competencies\",\"Signed off\",\"In progress\",\
\"Not started\",\"% signed off\",\"% in progress\"\r\n\
\"course-1\",\"ali\",3,2,1,0,66.7,33.3\r\n\
\"course-1\",\"jo\",3,0,0,3,0.0,0.0\r\n\
\"course-1\",\"sam\",3,0,1,2,0.0,33.3\r\n"
    );
    assert_eq!(
        report::training_key_areas_csv(&training),
        "\"Framework\",\"Code\",\"Key area\",\"Learners\",\"Competencies\",\"Signed off\",\
\"In progress\",\"% signed off\",\"% in progress\"\r\n\
\"course-1\",\"A\",\"Listen, then act\",3,6,1,2,16.7,33.3\r\n\
\"course-1\",\"B\",\"Area B\",3,3,1,0,33.3,0.0\r\n"
    );
}

#[test]
fn a_period_built_backwards_covers_nothing() {
    // Period's fields are public, so this can be built without Period::new's check.
    let backwards = Filter::new(Period {
        from: day(2026, 9, 30),
        to: day(2026, 4, 1),
    });
    let coverage = report::coverage(&four_around_the_half_year(), &backwards);
    assert_eq!(
        (coverage.all, coverage.by_month.len()),
        (Totals::default(), 0)
    );
}

#[test]
fn contact_details_never_reach_a_file() {
    let mut a = loop_engagement();
    a.contact = Some(fieldbook_core::model::Contact {
        details: "07700 900123, jo@example.org".into(),
        consent_on: a.date,
        retain_until: day(2027, 4, 1),
    });
    let records = [a];
    let files = [
        report::engagements_csv(&records, &first_half_2026()),
        report::follow_up_csv(&report::follow_up(&records, &first_half_2026())),
    ];
    for file in files {
        assert!(
            !file.contains("07700") && !file.contains("jo@example"),
            "{file}"
        );
    }
}
