//! Contact details, as the organisation allows them: an administrator turns them on and sets
//! how long they may be kept; every phone reads that from `/api/v1/info`; and the server refuses
//! new or changed details the setting does not allow, while keeping those already stored.

mod support;

use fieldbook_core::model::{Contact, Engagement};
use fieldbook_core::protocol::admin::AuditQuery;
use fieldbook_core::{Replica, Stamp};
use serde_json::{json, Value};
use support::*;

fn set(server: &Server, token: Option<&str>, body: &Value) -> Answer {
    send(
        "PUT",
        &format!("{}/api/v1/admin/organisation", server.url),
        token,
        Some(&body.to_string()),
    )
}

fn with_contact(n: u64, months: u32) -> Engagement {
    let (mut record, _) = engagement(n, "sam", device(1), 1_000);
    record.contact = Some(Contact {
        details: "07700 900123".into(),
        consent_on: record.date,
        retain_until: record
            .date
            .checked_add_months(chrono::Months::new(months))
            .unwrap(),
    });
    record
}

fn at(wall_ms: u64) -> Stamp {
    Stamp {
        wall_ms,
        counter: 0,
        device: device(1),
    }
}

/// Each change's status, and the first issue's code where it was rejected.
fn outcomes(answer: &Answer) -> Vec<(String, String)> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let issue = result["reason"]["issues"][0]["code"].as_str();
            (
                result["status"].as_str().unwrap().to_owned(),
                issue.unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_administrator_sets_the_policy_and_every_phone_reads_it() {
    let server = server();
    let ada = login(&server, "ada");
    let off = json!({ "contact_details": false, "retention_months": 6 });
    let answer = set(&server, Some(&ada), &off);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let info = send("GET", &format!("{}/api/v1/info", server.url), None, None);
    assert_eq!(info.body["organisation"], off);
    let shown = send(
        "GET",
        &format!("{}/api/v1/admin/organisation", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(shown.body, off);
    // Newest first; the server's own purge at start may be among them.
    let log = server.store().audit_log(&AuditQuery::default()).unwrap();
    let last = log
        .iter()
        .find(|entry| entry.action == "change_organisation")
        .unwrap();
    assert_eq!(
        (
            last.actor.as_str(),
            last.action.as_str(),
            last.detail.as_str()
        ),
        ("ada", "change_organisation", "contact details off")
    );
}

#[test]
fn only_an_administrator_changes_it_and_nonsense_is_refused() {
    let server = server();
    let on = json!({ "contact_details": true, "retention_months": 12 });
    assert_eq!(set(&server, None, &on).status, 401);
    for name in ["sam", "lee", "cath"] {
        let token = login(&server, name);
        assert_eq!(set(&server, Some(&token), &on).status, 403, "{name}");
    }
    let ada = login(&server, "ada");
    for (body, code) in [
        (
            json!({ "contact_details": true, "retention_months": 0 }),
            "invalid_setting",
        ),
        (
            json!({ "contact_details": true, "retention_months": 85 }),
            "invalid_setting",
        ),
        (
            json!({ "contact_details": true, "retention_months": 12, "extra": 1 }),
            "invalid_body",
        ),
        (json!({ "contact_details": "yes" }), "invalid_body"),
    ] {
        let answer = set(&server, Some(&ada), &body);
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(answer.body["code"], code, "{body}");
    }
    let info = send("GET", &format!("{}/api/v1/info", server.url), None, None);
    assert_eq!(info.body["organisation"]["retention_months"], 84);
}

#[test]
fn contact_details_are_refused_when_off_but_stored_ones_stay_through_edits() {
    let server = server();
    let sam = login(&server, "sam");
    let ada = login(&server, "ada");
    let kept = with_contact(1, 12);
    let kept_replica = Replica::create(&kept, at(1_000));
    push(&server, &sam, device(1), "b1", vec![change(&kept_replica)]);

    let off = json!({ "contact_details": false, "retention_months": 12 });
    assert_eq!(set(&server, Some(&ada), &off).status, 200);
    let new = Replica::create(&with_contact(2, 12), at(2_000));
    let mut renamed = kept.clone();
    renamed.notes = "Follow up next week".into();
    let mut changed = kept.clone();
    changed.contact.as_mut().unwrap().details = "07700 900999".into();
    let batch = [
        change(&new),
        edited(&kept_replica, &renamed, 3_000),
        edited(&kept_replica, &changed, 4_000),
    ];
    let answer = push(&server, &sam, device(1), "b2", batch.to_vec());
    assert_eq!(
        outcomes(&answer),
        [
            ("rejected".into(), "contact_details_off".into()),
            ("applied".into(), String::new()),
            ("rejected".into(), "contact_details_off".into()),
        ]
    );
}

#[test]
fn contact_details_may_not_outlast_the_retention_period() {
    let server = server();
    let sam = login(&server, "sam");
    let ada = login(&server, "ada");
    let on = json!({ "contact_details": true, "retention_months": 6 });
    assert_eq!(set(&server, Some(&ada), &on).status, 200);
    let within = Replica::create(&with_contact(1, 6), at(1_000));
    let beyond = Replica::create(&with_contact(2, 7), at(1_000));
    let answer = push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![change(&within), change(&beyond)],
    );
    assert_eq!(
        outcomes(&answer),
        [
            ("applied".into(), String::new()),
            ("rejected".into(), "too_long".into()),
        ]
    );
}

fn edited(
    replica: &Replica,
    record: &Engagement,
    wall_ms: u64,
) -> fieldbook_core::protocol::Change {
    let mut replica = replica.clone();
    replica.update(record, at(wall_ms));
    change(&replica)
}
