//! The purge: contact details past their retention date go, and deleted records and list items
//! past the undo period lose their content on every phone, and stay deleted.

use fieldbook_core::model::{Contact, Engagement};
use fieldbook_core::Replica;
use fieldbook_server::store::AuditQuery;

use crate::phones::*;
use crate::support::*;

#[test]
fn purge_removes_contact_details_past_their_retention_date() {
    let server = server();
    let sam = login(&server, "sam");
    let contact = |days: u64, record: &Engagement| Contact {
        details: format!("phone {days}"),
        consent_on: record.date,
        retain_until: record.date + chrono::Days::new(days),
    };
    // Dated from the clock the purge reads, so the one stays expired and the other current.
    let (mut expired, _) = engagement(1, "sam", device(1), 1_000);
    expired.date = today() - chrono::Days::new(20);
    expired.contact = Some(contact(10, &expired));
    let (mut current, _) = engagement(2, "sam", device(1), 1_000);
    current.date = today();
    current.contact = Some(contact(365 * 5, &current));
    let changes =
        [&expired, &current].map(|record| change(&Replica::create(record, at(1_000, device(1)))));
    push(&server, &sam, device(1), "b1", changes.to_vec());

    let output = purge(&server);
    assert!(
        output.contains("removed contact details from 1 records"),
        "{output}"
    );
    let all = server.store().export_user("sam").unwrap();
    let text = serde_json::to_string(&all).unwrap();
    assert!(!text.contains("phone 10") && text.contains(&format!("phone {}", 365 * 5)));
    let kept = all.iter().find(|change| change.id == expired.id).unwrap();
    let kept = Replica::decode(kept.replica.get()).unwrap();
    assert!(!kept.is_deleted(), "the record stays, for the reports");
    assert_eq!(kept.to_doc::<Engagement>().unwrap().contact, None);
    let log = server.store().audit_log(&AuditQuery::default()).unwrap();
    assert!(log.iter().any(|entry| entry.action == "purge"), "{log:?}");
}

#[test]
fn purge_clears_a_record_deleted_past_the_undo_period_on_every_phone_and_no_old_copy_restores_it() {
    let server = server();
    let sam = login(&server, "sam");
    let cath = login(&server, "cath");
    let record = personal_record(1, "sam");
    let mut on_sams_phone = Replica::create(&record, at(now() - 45 * DAY_MS, device(1)));
    push(&server, &sam, device(1), "b1", vec![change(&on_sams_phone)]);
    let (pulled, caths_cursor) = pull_as(&server, &cath, device(5), "");
    let old_copy = pulled[0].clone();
    assert!(holds_personal_content(&old_copy.encode()));
    on_sams_phone.delete(at(now() - 40 * DAY_MS, device(1)));
    push(&server, &sam, device(1), "b2", vec![change(&on_sams_phone)]);
    let (_, sams_cursor) = pull_as(&server, &sam, device(1), "");

    let output = purge(&server);
    assert!(output.contains("cleared 1 records"), "{output}");
    // The phone that deleted it wrote it last, and still gets the clearing.
    let (pulled, _) = pull_as(&server, &sam, device(1), &sams_cursor);
    assert_eq!(
        pulled.len(),
        1,
        "the clearing reaches the phone that deleted it"
    );
    on_sams_phone.merge(&pulled[0]);
    let (pulled, _) = pull_as(&server, &cath, device(5), &caths_cursor);
    let mut on_caths_phone = old_copy.clone();
    on_caths_phone.merge(&pulled[0]);
    for phone in [&on_sams_phone, &on_caths_phone] {
        assert!(phone.is_deleted(), "clearing does not bring it back");
        assert!(
            !holds_personal_content(&phone.encode()),
            "{}",
            phone.encode()
        );
    }

    // A phone that missed the delete pushes its old copy back.
    push(&server, &cath, device(5), "b1", vec![change(&old_copy)]);
    let on_server = stored(&server, "sam", record.id);
    assert!(on_server.is_deleted());
    assert!(!holds_personal_content(&on_server.encode()));
    let kept: Vec<String> = texts_in_database(&server.db)
        .into_iter()
        .filter(|text| holds_personal_content(text))
        .collect();
    assert_eq!(kept, Vec::<String>::new(), "no table keeps the content");
    let newest = server.store().audit_log(&AuditQuery::default()).unwrap();
    let entry = &newest[0];
    assert_eq!(entry.action, "purge");
    assert!(
        entry.detail.contains("content cleared from 1 records"),
        "{}",
        entry.detail
    );
    assert!(!holds_personal_content(&entry.detail));
}

#[test]
fn purge_keeps_a_recent_delete_whole_so_undo_still_works() {
    let server = server();
    let sam = login(&server, "sam");
    let record = personal_record(1, "sam");
    let mut replica = Replica::create(&record, at(now() - 3 * DAY_MS, device(1)));
    replica.delete(at(now() - DAY_MS, device(1)));
    push(&server, &sam, device(1), "b1", vec![change(&replica)]);
    assert!(purge(&server).contains("cleared 0 records"));
    replica.restore(at(now(), device(1)));
    push(&server, &sam, device(1), "b2", vec![change(&replica)]);
    let on_server = stored(&server, "sam", record.id);
    assert!(!on_server.is_deleted());
    assert_eq!(on_server.to_doc::<Engagement>().unwrap(), record);
}

#[test]
fn purge_clears_list_items_deleted_past_the_undo_period_and_they_stay_deleted() {
    let server = server();
    let sam = login(&server, "sam");
    let cath = login(&server, "cath");
    let record = personal_record(1, "sam");
    let mut replica = Replica::create(&record, at(now() - 45 * DAY_MS, device(1)));
    let old_copy = replica.clone();
    let mut without_actions = record.clone();
    without_actions.actions.clear();
    replica.update(&without_actions, at(now() - 40 * DAY_MS, device(1)));
    push(&server, &sam, device(1), "b1", vec![change(&replica)]);

    let output = purge(&server);
    assert!(output.contains("and 2 list items"), "{output}");
    let (pulled, _) = pull_as(&server, &cath, device(5), "");
    let mut on_phone = old_copy;
    on_phone.merge(&pulled[0]);
    let doc: Engagement = on_phone.to_doc().unwrap();
    assert!(doc.actions.is_empty(), "the cleared actions stay deleted");
    assert_eq!(doc.notes, record.notes, "the live record keeps the rest");
    assert!(!on_phone.encode().contains("Raise it with the council"));
}
