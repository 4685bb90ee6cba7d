//! Backups: an export imported elsewhere reproduces the data, bad entries are reported and
//! skipped, a file that is not a backup is a clear error.

mod fixtures;
mod support;

use chrono::NaiveDate;
use fieldbook_core::framework;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::{sample, Id, Replica};

use fixtures::{context, venue, NOW};
use support::Disk;

#[test]
fn importing_an_export_reproduces_the_data() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let records: Vec<Engagement> = (0..20).map(sample::engagement).collect();
    for record in &records {
        store.save(None, record, NOW).unwrap();
    }
    let place = venue(9, "Reddish Vale Tenants' Hall");
    store.save(None, &place, NOW).unwrap();
    store.delete::<Venue>(place.id, NOW + 1).unwrap();
    let mut custom = framework::nos_cd().clone();
    custom.id = "org-own".to_owned();
    store.save_framework(&custom).unwrap();
    let file = store.export(NOW + 2);

    let other = Disk::new();
    let mut empty = other.open(NOW);
    let imported = empty.import(&file, &context(), NOW + 3).unwrap();
    assert_eq!(
        imported.report.summary(),
        "Added 21, updated 0, unchanged 0, rejected 0."
    );
    assert_eq!(imported.stopped, None);

    let again = other.open(NOW);
    for record in &records {
        assert_eq!(&again.docs::<Engagement>()[&record.id].doc, record);
    }
    assert!(
        again.docs::<Venue>()[&place.id].deleted,
        "the tombstone came too"
    );
    assert_eq!(again.frameworks().next(), Some(&custom));

    // The same file again changes nothing.
    let mut same = other.open(NOW);
    let twice = same.import(&file, &context(), NOW + 4).unwrap();
    assert_eq!(
        twice.report.summary(),
        "Added 0, updated 0, unchanged 21, rejected 0."
    );
}

#[test]
fn importing_a_file_with_bad_entries_reports_each_and_imports_the_rest() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    for n in 0..3 {
        store.save(None, &sample::engagement(n), NOW).unwrap();
    }
    let mut file: serde_json::Value = serde_json::from_str(&store.export(NOW)).unwrap();
    let mut future = sample::engagement(50);
    future.date = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let invalid = Replica::create(
        &future,
        fieldbook_core::Clock::new(Id::from_random([4; 16])).tick(NOW),
    );
    let documents = file["documents"].as_array_mut().unwrap();
    documents.push(serde_json::json!({ "k": "engagement", "v": 1 }));
    documents.push(serde_json::from_str(&invalid.encode()).unwrap());
    file["frameworks"] = serde_json::json!([{ "schema": 1, "id": "broken" }]);

    let other = Disk::new();
    let mut empty = other.open(NOW);
    let imported = empty.import(&file.to_string(), &context(), NOW).unwrap();
    let report = imported.report;
    assert_eq!((report.added, report.rejected.len()), (3, 3), "{report:?}");
    let reasons: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.reason.as_str()))
        .collect();
    assert_eq!(reasons[0].0, 3);
    assert!(
        reasons[0].1.contains("not a Fieldbook document"),
        "{reasons:?}"
    );
    assert_eq!(reasons[1].0, 4);
    assert!(reasons[1].1.contains("is in the future"), "{reasons:?}");
    assert_eq!(reasons[2].0, 0);
    assert_eq!(other.open(NOW).docs::<Engagement>().len(), 3);
}

#[test]
fn a_file_that_is_not_a_backup_is_a_clear_error() {
    let disk = Disk::new();
    let mut store = disk.open(NOW);
    let error = store
        .import("{\"format\":\"something-else\"}", &context(), NOW)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .to_lowercase()
            .contains("not a fieldbook backup"),
        "{error}"
    );
    let error = store.import("{ not json", &context(), NOW).unwrap_err();
    assert!(error.to_string().contains("line 1"), "{error}");
}
