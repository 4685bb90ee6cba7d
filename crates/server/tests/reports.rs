//! Reports on the server: the dashboard's sections and the CSV files over every engagement the
//! signed-in user may see, equal to core's functions over the same records, and a clear
//! refusal for each bad request.

mod support;

use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::{Change, Report};
use fieldbook_core::report::{engagement_sections, EngagementFile, Filter, Period};
use fieldbook_core::{find, Replica, Stamp};
use support::*;

const HALF_YEAR: &str = "from=2026-04-01&to=2026-09-30";

fn first_half() -> Filter {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    Filter::new(Period::new(day(4, 1), day(9, 30)).unwrap())
}

/// Push `records` engagements numbered from `first` as `author`, as many a batch as allowed.
fn record(server: &Server, author: &str, first: u64, records: u64) -> Vec<Engagement> {
    let token = login(server, author);
    let (kept, changes): (Vec<Engagement>, Vec<Change>) = (first..first + records)
        .map(|n| engagement(n, author, device(first as u8), 1_000 + n))
        .unzip();
    for (n, batch) in changes.chunks(fieldbook_server::MAX_CHANGES).enumerate() {
        let answer = push(
            server,
            &token,
            device(first as u8),
            &format!("b{n}"),
            batch.to_vec(),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    kept
}

fn ask(server: &Server, token: &str, query: &str) -> Answer {
    send(
        "GET",
        &format!("{}/api/v1/reports?{query}", server.url),
        Some(token),
        None,
    )
}

fn read_report(answer: Answer) -> Report {
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_value(answer.body).unwrap()
}

#[test]
fn the_report_is_cores_over_every_record_the_user_may_see() {
    let server = server();
    let sams = record(&server, "sam", 0, 240);
    let cath_own = record(&server, "cath", 1_000, 40);
    let olus = record(&server, "olu", 2_000, 60);
    let team: Vec<&Engagement> = sams.iter().chain(&cath_own).collect();

    let cath = login(&server, "cath");
    let report = read_report(ask(&server, &cath, HALF_YEAR));
    assert_eq!(report.records, 280, "her own and her team's, not Reddish's");
    assert_eq!(report.sections, engagement_sections(&team, &first_half()));
    assert_eq!(report.areas, find::areas(team.iter().copied()));
    assert!(report.sections[0].lead.ends_with("participants."));

    let area = &team[0].area;
    let in_area = read_report(ask(
        &server,
        &cath,
        &format!("{HALF_YEAR}&area={}", area.replace(' ', "%20")),
    ));
    let filter = first_half().in_area(area.clone());
    assert_eq!(in_area.sections, engagement_sections(&team, &filter));

    // Outreach staff see their own records only.
    let olu = login(&server, "olu");
    let theirs: Vec<&Engagement> = olus.iter().collect();
    let report = read_report(ask(&server, &olu, HALF_YEAR));
    assert_eq!(report.records, 60);
    assert_eq!(report.sections, engagement_sections(&theirs, &first_half()));
}

#[test]
fn a_deleted_record_leaves_the_report() {
    let server = server();
    let sams = record(&server, "sam", 0, 10);
    let sam = login(&server, "sam");
    let stored = pull(&server, &sam, "", 100);
    let first = &stored.body["changes"][0];
    let mut replica = Replica::decode(&first["replica"].to_string()).unwrap();
    let stamp = Stamp {
        wall_ms: 10_000,
        counter: 0,
        device: device(0),
    };
    replica.delete(stamp);
    let answer = push(&server, &sam, device(0), "delete", vec![change(&replica)]);
    assert_eq!(statuses(&answer), ["applied"]);
    let report = read_report(ask(&server, &sam, HALF_YEAR));
    assert_eq!(report.records, 9);
    let deleted = replica.id();
    let live: Vec<&Engagement> = sams.iter().filter(|e| e.id != deleted).collect();
    assert_eq!(report.sections, engagement_sections(&live, &first_half()));
}

#[test]
fn each_csv_file_is_cores_with_its_name() {
    let server = server();
    let sams = record(&server, "sam", 0, 50);
    let cath = login(&server, "cath");
    for file in EngagementFile::ALL {
        let url = format!(
            "{}/api/v1/reports/{}.csv?{HALF_YEAR}&area=",
            server.url,
            file.stem()
        );
        let response = agent()
            .get(&url)
            .set("Authorization", &format!("Bearer {cath}"))
            .call()
            .unwrap();
        assert_eq!(
            response.header("content-type"),
            Some("text/csv; charset=utf-8")
        );
        let disposition = response.header("content-disposition").unwrap().to_owned();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{}\"", file.file_name(&first_half()))
        );
        let text = response.into_string().unwrap();
        assert_eq!(text, format!("\u{feff}{}", file.make(&sams, &first_half())));
        assert!(text.lines().count() > 1, "{} has rows", file.stem());
    }
}

#[test]
fn each_bad_request_is_refused_with_a_reason() {
    let server = server();
    let cath = login(&server, "cath");
    let refused = |token: Option<&str>, path: &str| {
        send("GET", &format!("{}/api/v1/{path}", server.url), token, None)
    };
    let no_token = refused(None, &format!("reports?{HALF_YEAR}"));
    assert_eq!(no_token.status, 401);
    let wrong_token = refused(Some("not-a-token"), &format!("reports?{HALF_YEAR}"));
    assert_eq!(wrong_token.status, 401);

    let admin = login(&server, "ada");
    let answer = refused(Some(&admin), &format!("reports?{HALF_YEAR}"));
    assert_eq!(answer.status, 403);
    assert!(answer.body["message"]
        .as_str()
        .unwrap()
        .contains("Administrators"));
    let answer = refused(Some(&admin), &format!("reports/coverage.csv?{HALF_YEAR}"));
    assert_eq!(answer.status, 403);

    for (query, code, words) in [
        ("from=2026-04-01", "invalid_query", "to"),
        (
            "from=1%20April&to=2026-09-30",
            "invalid_period",
            "YYYY-MM-DD",
        ),
        (
            "from=2026-02-30&to=2026-09-30",
            "invalid_period",
            "YYYY-MM-DD",
        ),
        (
            "from=2026-09-30&to=2026-04-01",
            "invalid_period",
            "before it starts",
        ),
        (
            "from=1990-01-01&to=2026-09-30",
            "invalid_period",
            "at most 120",
        ),
        (
            "from=2026-04-01&to=2026-09-30&owner=sam",
            "invalid_query",
            "owner",
        ),
    ] {
        let answer = refused(Some(&cath), &format!("reports?{query}"));
        assert_eq!(answer.status, 400, "{query}: {}", answer.body);
        assert_eq!(answer.body["code"], code, "{query}");
        let message = answer.body["message"].as_str().unwrap();
        assert!(message.contains(words), "{query}: {message}");
    }

    // The far ends of the calendar are days like any other.
    let answer = refused(Some(&cath), "reports?from=9999-01-01&to=9999-12-31");
    assert_eq!(answer.status, 200, "{}", answer.body);

    let answer = refused(Some(&cath), &format!("reports/passwords.csv?{HALF_YEAR}"));
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["code"], "unknown_report");
    assert!(answer.body["message"]
        .as_str()
        .unwrap()
        .contains("coverage.csv"));
    let answer = refused(Some(&cath), &format!("reports/coverage?{HALF_YEAR}"));
    assert_eq!(answer.body["code"], "unknown_report");
}

/// The scale: a coordinator whose team holds 20,000 records gets core's half-year
/// report over all of them. Prints how long the server took.
#[test]
fn a_report_over_twenty_thousand_team_records() {
    let server = server();
    let mut team = Vec::new();
    for (n, author) in ["sam", "sal", "lee", "cath"].into_iter().enumerate() {
        team.extend(record(&server, author, n as u64 * 5_000, 5_000));
    }
    let team: Vec<&Engagement> = team.iter().collect();
    let cath = login(&server, "cath");
    let started = std::time::Instant::now();
    let report = read_report(ask(&server, &cath, HALF_YEAR));
    let took = started.elapsed();
    assert_eq!(report.records, 20_000);
    assert_eq!(report.sections, engagement_sections(&team, &first_half()));
    let started = std::time::Instant::now();
    let file = agent()
        .get(&format!(
            "{}/api/v1/reports/engagements.csv?{HALF_YEAR}",
            server.url
        ))
        .set("Authorization", &format!("Bearer {cath}"))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    let file_took = started.elapsed();
    assert_eq!(
        file,
        format!(
            "\u{feff}{}",
            EngagementFile::Records.make(team.iter().copied(), &first_half())
        )
    );
    println!(
        "report over 20,000 records: sections {} ms, engagements.csv {} ms ({} KB)",
        took.as_millis(),
        file_took.as_millis(),
        file.len() / 1000
    );
}
