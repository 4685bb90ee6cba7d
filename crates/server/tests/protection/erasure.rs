//! Erasure: the pseudonym replaces the person everywhere, and reaches every phone.

use fieldbook_core::model::{Action, Engagement, RecordReview, ReviewState, Venue};
use fieldbook_core::{ElementId, Id, Replica};
use fieldbook_server::protection::names;
use fieldbook_server::store::AuditQuery;

use crate::phones::*;
use crate::support::*;

#[test]
fn an_admin_exports_and_erases_a_person_and_the_audit_log_names_only_the_pseudonym() {
    let server = server();
    let sam = login(&server, "sam");
    let ada = login(&server, "ada");
    let record = personal_record(1, "sam");
    let replica = Replica::create(&record, at(1_000, device(1)));
    push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![change(&replica), engagement(2, "sam", device(1), 1_000).1],
    );

    let export = send(
        "GET",
        &format!("{}/api/v1/admin/users/sam/export", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(export.status, 200);
    assert_eq!(export.body["documents"].as_array().unwrap().len(), 2);
    assert!(export.body.to_string().contains("07700 900123"));

    let erased = send(
        "POST",
        &format!("{}/api/v1/admin/users/sam/erase", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(erased.status, 200, "{}", erased.body);
    assert_eq!(erased.body["records_changed"], 2);
    let pseudonym = erased.body["pseudonym"].as_str().unwrap().to_owned();
    let store = server.store();
    assert!(store.export_user("sam").unwrap().is_empty());
    let kept = store.export_user(&pseudonym).unwrap();
    assert_eq!(kept.len(), 2);
    let doc: Engagement = Replica::decode(kept[0].replica.get())
        .unwrap()
        .to_doc()
        .unwrap();
    assert_eq!(
        (doc.author.as_str(), doc.contact),
        (pseudonym.as_str(), None)
    );
    assert!(!serde_json::to_string(&kept).unwrap().contains("07700"));
    let log = store.audit_log(&AuditQuery::default()).unwrap();
    let entry = &log[0];
    assert_eq!(
        (
            entry.actor.as_str(),
            entry.action.as_str(),
            entry.subject.as_str()
        ),
        ("ada", "erase_user", pseudonym.as_str())
    );
    assert!(
        entry.detail.contains("2 records changed"),
        "{}",
        entry.detail
    );
    assert_eq!(
        pull(&server, &sam, "", 10).status,
        401,
        "the account is disabled"
    );
    let missing = send(
        "POST",
        &format!("{}/api/v1/admin/users/nobody/erase", server.url),
        Some(&ada),
        None,
    );
    assert_eq!(
        (missing.status, missing.body["code"].as_str()),
        (404, Some("no_such_user"))
    );
}

#[test]
fn erasure_reaches_a_coordinators_phone_that_already_pulled_the_record() {
    let server = server();
    let sam = login(&server, "sam");
    let cath = login(&server, "cath");
    let ada = login(&server, "ada");
    let record = personal_record(1, "sam");
    let written = Replica::create(&record, at(1_000, device(1)));
    push(&server, &sam, device(1), "b1", vec![change(&written)]);

    let (pulled, cursor) = pull_as(&server, &cath, device(5), "");
    assert_eq!(pulled.len(), 1);
    let mut on_caths_phone = pulled[0].clone();
    let before: Engagement = on_caths_phone.to_doc().unwrap();
    assert_eq!(before.author, "sam");
    assert!(before.contact.is_some());

    let pseudonym = erase(&server, &ada, "sam");
    let (pulled, _) = pull_as(&server, &cath, device(5), &cursor);
    assert_eq!(pulled.len(), 1, "the erasing edit reaches the coordinator");
    on_caths_phone.merge(&pulled[0]);
    let after: Engagement = on_caths_phone.to_doc().unwrap();
    assert_eq!(
        (after.author.as_str(), after.contact),
        (pseudonym.as_str(), None)
    );
    assert!(!on_caths_phone.encode().contains("07700"));
    assert!(names(&on_caths_phone.encode(), "sam", "x").is_none());
}

#[test]
fn erasure_renames_a_coordinator_as_reviewer_action_lead_and_venue_for_every_phone() {
    let server = server();
    let sal = login(&server, "sal");
    let cath = login(&server, "cath");
    let ada = login(&server, "ada");
    let (mut record, _) = engagement(1, "sal", device(2), 1_000);
    let lead_id = ElementId::new(5_000, [9; 4]);
    record.actions.push(Action {
        id: lead_id,
        lead: "Cath (council)".into(),
        ..record.actions[0].clone()
    });
    let mut written = Replica::create(&record, at(1_000, device(2)));
    let venue = Venue {
        id: Id::from_random([7; 16]),
        name: "Cath's office".into(),
        area: "Brinnington".into(),
    };
    let answer = push(
        &server,
        &sal,
        device(2),
        "b1",
        vec![
            change(&written),
            change(&Replica::create(&venue, at(1_000, device(2)))),
        ],
    );
    assert_eq!(statuses(&answer), ["applied", "applied"]);
    let (_, sals_cursor) = pull_as(&server, &sal, device(2), "");
    let mut reviewed = record.clone();
    reviewed.review = Some(RecordReview {
        state: ReviewState::LooksRight,
        comment: String::new(),
        by: "cath".into(),
        on: record.date,
    });
    written.update(&reviewed, at(2_000, device(5)));
    let answer = push(&server, &cath, device(5), "b1", vec![change(&written)]);
    assert_eq!(statuses(&answer), ["applied"], "{}", answer.body);

    let pseudonym = erase(&server, &ada, "cath");
    let (pulled, _) = pull_as(&server, &sal, device(2), &sals_cursor);
    let engagement = pulled
        .iter()
        .find(|replica| replica.id() == record.id)
        .expect("the author pulls the erasure");
    let doc: Engagement = engagement.to_doc().unwrap();
    assert_eq!(doc.review.unwrap().by, pseudonym);
    let led = doc
        .actions
        .iter()
        .find(|action| action.id == lead_id)
        .unwrap();
    assert_eq!(led.lead, format!("{pseudonym} (council)"));
    let place = pulled
        .iter()
        .find(|replica| replica.id() == venue.id)
        .expect("the venue's owner pulls the erasure");
    assert_eq!(
        place.to_doc::<Venue>().unwrap().name,
        format!("{pseudonym}'s office")
    );
    for replica in &pulled {
        assert!(names(&replica.encode(), "cath", "x").is_none());
    }
}

/// Every text in the database that names `username` as a word.
fn mentions(db: &str, username: &str) -> Vec<String> {
    texts_in_database(db)
        .into_iter()
        .filter(|text| names(text, username, "x").is_some())
        .collect()
}

#[test]
fn erasure_leaves_the_name_in_no_table_of_the_database() {
    let server = server();
    let sam = login(&server, "sam");
    let ada = login(&server, "ada");
    let record = personal_record(1, "sam");
    push(
        &server,
        &sam,
        device(1),
        "b1",
        vec![change(&Replica::create(&record, at(1_000, device(1))))],
    );
    assert!(!mentions(&server.db, "sam").is_empty());
    erase(&server, &ada, "sam");
    // The admin who erased sam is named in the audit log as its actor; erase them too.
    let erased_admin = server.store().erase_user("console", "ada", now()).unwrap();
    assert_eq!(mentions(&server.db, "sam"), Vec::<String>::new());
    assert_eq!(mentions(&server.db, "ada"), Vec::<String>::new());
    let accounts = server.store().accounts().unwrap();
    let renamed = accounts
        .iter()
        .find(|account| account.user.username == erased_admin.pseudonym)
        .unwrap();
    assert!(renamed.disabled);
    let log = server.store().audit_log(&AuditQuery::default()).unwrap();
    assert!(
        log.iter()
            .any(|entry| entry.action == "erase_user" && entry.actor == erased_admin.pseudonym),
        "the entry is kept: {log:?}"
    );
}

#[test]
fn pseudonyms_are_keyed_per_server_so_hashing_a_guessed_name_does_not_find_them() {
    let one = server();
    let other = server();
    let here = erase(&one, &login(&one, "ada"), "sam");
    let there = erase(&other, &login(&other, "ada"), "sam");
    assert_ne!(here, there, "another server's key gives another pseudonym");
    let unkeyed: String = {
        use sha2::Digest;
        sha2::Sha256::digest(b"sam")[..5]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    };
    assert!(!here.contains(&unkeyed), "not the old unkeyed hash");

    // Stable on one server: a later account of the same name, erased by another process, gets
    // the same pseudonym and joins the first.
    let store = one.store();
    let user = fieldbook_core::roles::User {
        username: "sam".into(),
        role: fieldbook_core::roles::Role::Outreach,
        teams: vec!["Reddish".into()],
    };
    store
        .add_user(&user, &fieldbook_server::hash_password(PASSWORD))
        .unwrap();
    let again = store.erase_user("console", "sam", now()).unwrap();
    assert_eq!(again.pseudonym, here);
    let account = store.account(&here).unwrap().unwrap().0;
    assert_eq!(account.user.teams, ["Brinnington", "Reddish"]);
    assert!(store.account("sam").unwrap().is_none());
}
