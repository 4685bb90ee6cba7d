//! The storage layer against the browser's real localStorage.

use chrono::NaiveDate;
use fieldbook::storage::{SaveError, Settings, Store};
use fieldbook_core::framework::{self, Framework};
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::pack::{pack, unpack};
use fieldbook_core::progress::Progress;
use fieldbook_core::{sample, ElementId, Id, Replica};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: u64 = 1_790_000_000_000;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A store over an empty localStorage, with repeatable randomness.
fn fresh() -> Store {
    local().clear().unwrap();
    reopen()
}

fn reopen() -> Store {
    let mut n = 0u8;
    fieldbook::storage::open(NOW, |bytes| {
        for byte in bytes {
            n = n.wrapping_add(1);
            *byte = n;
        }
    })
}

fn venue(n: u8, name: &str) -> Venue {
    Venue {
        id: Id::from_random([n; 16]),
        name: name.to_owned(),
        area: "Brinnington".to_owned(),
    }
}

#[wasm_bindgen_test]
fn every_document_type_survives_a_round_trip() {
    let mut store = fresh();
    let record = sample::engagement(1);
    let place = venue(1, "St Mary's Church Hall");
    let mut progress = Progress::new(Id::from_random([3; 16]), "ali.khan", "nos-cd-2023", "07");
    progress.evidence.push(fieldbook_core::progress::Evidence {
        id: ElementId::new(NOW, [1; 4]),
        date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        note: "Mapped where people meet.".to_owned(),
        engagement: Some(record.id),
    });
    let mut custom: Framework = framework::nos_cd().clone();
    custom.id = "ocn-unit-3".to_owned();
    store.save(None, &record, NOW).unwrap();
    store.save(None, &place, NOW).unwrap();
    store.save(None, &progress, NOW).unwrap();
    store.save_framework(&custom).unwrap();
    store
        .save_draft("engagement/new", r#"{"venue":"Hall"}"#)
        .unwrap();
    let settings = Settings {
        user: "asha.k".to_owned(),
        persisted: Some(true),
        active_framework: Some("ocn-unit-3".to_owned()),
    };
    store.save_settings(&settings).unwrap();

    let again = reopen();
    assert_eq!(again.docs::<Engagement>()[&record.id].doc, record);
    assert_eq!(again.docs::<Venue>()[&place.id].doc, place);
    assert_eq!(again.docs::<Progress>()[&progress.id].doc, progress);
    assert_eq!(again.frameworks().next(), Some(&custom));
    assert_eq!(
        again.draft("engagement/new").as_deref(),
        Some(r#"{"venue":"Hall"}"#)
    );
    assert_eq!(again.settings().clone(), settings);
    assert_eq!(again.device(), store.device(), "the device id is kept");
    assert!(again.usage().used_bytes > 0);
}

#[wasm_bindgen_test]
fn a_full_quota_fails_the_save_and_damages_nothing() {
    let mut store = fresh();
    let saved: Vec<Engagement> = (0..3).map(sample::engagement).collect();
    for record in &saved {
        store.save(None, record, NOW).unwrap();
    }
    // Fill what is left with something else, in shrinking pieces.
    let mut piece = "x".repeat(1 << 20);
    let mut n = 0;
    while !piece.is_empty() {
        if local().set_item(&format!("filler/{n}"), &piece).is_ok() {
            n += 1;
        } else {
            piece.truncate(piece.len() / 2);
        }
    }

    let error = store.save(None, &sample::engagement(99), NOW).unwrap_err();
    assert!(matches!(error, SaveError::Full { .. }));
    assert!(
        error
            .to_string()
            .starts_with("Not saved: this phone's storage for Fieldbook is full ("),
        "{error}"
    );
    assert!(!store
        .docs::<Engagement>()
        .contains_key(&sample::engagement(99).id));

    // An edit to an existing record fails as well, and leaves it as it was.
    let mut edited = saved[0].clone();
    edited.notes = "y".repeat(9_000);
    assert!(store.save(Some(&saved[0]), &edited, NOW + 1).is_err());

    let again = reopen();
    for n in 0..n {
        local().remove_item(&format!("filler/{n}")).unwrap();
    }
    assert_eq!(again.docs::<Engagement>().len(), 3);
    for record in &saved {
        assert_eq!(&again.docs::<Engagement>()[&record.id].doc, record);
    }
}

#[wasm_bindgen_test]
fn documents_are_stored_packed_to_half_the_quota() {
    let mut store = fresh();
    let record = sample::engagement(1);
    store.save(None, &record, NOW).unwrap();
    let key = format!("fb1/doc/engagement/{}", record.id);
    let stored = local().get_item(&key).unwrap().unwrap();
    let json = unpack(&stored);
    assert!(json.starts_with(r#"{"k":"engagement""#));
    assert_eq!(stored.encode_utf16().count(), json.len().div_ceil(2));
}

#[wasm_bindgen_test]
fn a_garbled_entry_is_quarantined_and_the_rest_load() {
    let mut store = fresh();
    for n in 0..3 {
        store.save(None, &sample::engagement(n), NOW).unwrap();
    }
    let bad_key = format!("fb1/doc/engagement/{}", Id::from_random([7; 16]));
    local()
        .set_item(&bad_key, "{\"k\":\"engagement\",\"v\":1,\"d\":[")
        .unwrap();

    let again = reopen();
    assert_eq!(again.docs::<Engagement>().len(), 3);
    let quarantined = again.quarantined();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].key, bad_key);
    assert_eq!(quarantined[0].raw, "{\"k\":\"engagement\",\"v\":1,\"d\":[");
    assert!(quarantined[0]
        .reason
        .starts_with("this is not a Fieldbook document"));
    assert!(
        local().get_item(&bad_key).unwrap().is_none(),
        "moved out of the way"
    );
    // It stays listed on the next start, from its quarantine entry.
    assert_eq!(reopen().quarantined().len(), 1);
}

#[wasm_bindgen_test]
fn an_interrupted_clean_up_is_tidied_at_start_up() {
    let mut store = fresh();
    let kept = sample::engagement(1);
    store.save(None, &kept, NOW).unwrap();
    let stamp = store.docs::<Engagement>()[&kept.id].updated;
    // Clean-up removed two synced records, then the page died before it rewrote the sync state.
    let gone = |n: u8| format!("engagement/{}", Id::from_random([n; 16]));
    let short_key = format!("engagement/{}", kept.id);
    let at = (stamp.wall_ms, stamp.counter, 0);
    let sync = serde_json::json!({ "acked": {
        "d": [stamp.device],
        "a": { short_key.clone(): at, gone(1): at, gone(2): at },
    } });
    local().set_item("fb1/sync", &sync.to_string()).unwrap();

    let again = reopen();
    assert_eq!(again.repaired(), 2);
    assert_eq!(
        again.unsynced().0,
        0,
        "the record that is still here is still synced"
    );
    // The sync state is stored packed, like the documents.
    let packed = local().get_item("fb1/sync").unwrap().unwrap();
    let stored: serde_json::Value = serde_json::from_str(&unpack(&packed)).unwrap();
    assert_eq!(
        stored["acked"]["a"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [&short_key]
    );
}

#[wasm_bindgen_test]
fn an_entry_from_a_newer_version_is_kept_and_never_overwritten() {
    let mut store = fresh();
    let record = sample::engagement(4);
    store.save(None, &record, NOW).unwrap();
    let key = format!("fb1/doc/engagement/{}", record.id);
    let stored = unpack(&local().get_item(&key).unwrap().unwrap());
    let newer = pack(&stored.replacen(r#""v":1"#, r#""v":2"#, 1));
    local().set_item(&key, &newer).unwrap();

    let mut again = reopen();
    assert!(again.quarantined().is_empty());
    assert_eq!(again.kept().len(), 1);
    assert_eq!(again.save(None, &record, NOW + 1), Err(SaveError::Newer));
    assert_eq!(local().get_item(&key).unwrap().unwrap(), newer);
}

#[wasm_bindgen_test]
fn two_copies_editing_one_record_keep_both_edits() {
    let mut first = fresh();
    let original = venue(5, "Adswood Library");
    first.save(None, &original, NOW).unwrap();
    // A second tab loads the same record.
    let mut second = reopen();

    let mut renamed = original.clone();
    renamed.name = "Adswood Community Library".to_owned();
    first.save(Some(&original), &renamed, NOW + 10).unwrap();

    // The second tab has not heard of the rename yet, and changes the area.
    let mut moved = original.clone();
    moved.area = "Adswood".to_owned();
    second.save(Some(&original), &moved, NOW + 20).unwrap();

    let merged = reopen().docs::<Venue>()[&original.id].doc.clone();
    assert_eq!(merged.name, "Adswood Community Library");
    assert_eq!(merged.area, "Adswood");
}

#[wasm_bindgen_test]
fn delete_is_a_tombstone_that_can_be_undone() {
    let mut store = fresh();
    let place = venue(6, "Reddish Library");
    store.save(None, &place, NOW).unwrap();
    store.delete::<Venue>(place.id, NOW + 1).unwrap();
    assert!(reopen().docs::<Venue>()[&place.id].deleted);
    store.restore::<Venue>(place.id, NOW + 2).unwrap();
    assert!(!reopen().docs::<Venue>()[&place.id].deleted);
}

/// Run JavaScript in the page, for the few browser states Rust cannot set up.
fn script(source: &str) {
    js_sys::Function::new_no_args(source)
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
fn without_local_storage_the_store_still_works_in_memory() {
    // As in a browser with storage disabled: reaching localStorage throws.
    script(
        "window.realLocalStorage = Object.getOwnPropertyDescriptor(window, 'localStorage') \
           || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
           get() { throw new DOMException('denied', 'SecurityError'); } });",
    );
    let mut store = reopen();
    let saved = store.save(None, &venue(8, "Hall"), NOW);
    let durable = store.is_durable();
    script("Object.defineProperty(window, 'localStorage', window.realLocalStorage);");
    assert!(!durable);
    assert_eq!(saved, Ok(()));
    assert_eq!(
        store.docs::<Venue>().len(),
        1,
        "kept for this page at least"
    );
}

fn context() -> fieldbook_core::Context {
    fieldbook_core::Context {
        now: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    }
}

#[wasm_bindgen_test]
fn importing_an_export_reproduces_the_data() {
    let mut store = fresh();
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

    let mut empty = fresh();
    let imported = empty.import(&file, &context(), NOW + 3).unwrap();
    assert_eq!(
        imported.report.summary(),
        "Added 21, updated 0, unchanged 0, rejected 0."
    );
    assert_eq!(imported.stopped, None);

    let again = reopen();
    for record in &records {
        assert_eq!(&again.docs::<Engagement>()[&record.id].doc, record);
    }
    assert!(
        again.docs::<Venue>()[&place.id].deleted,
        "the tombstone came too"
    );
    assert_eq!(again.frameworks().next(), Some(&custom));

    // The same file again changes nothing.
    let mut same = reopen();
    let twice = same.import(&file, &context(), NOW + 4).unwrap();
    assert_eq!(
        twice.report.summary(),
        "Added 0, updated 0, unchanged 21, rejected 0."
    );
}

#[wasm_bindgen_test]
fn importing_a_file_with_bad_entries_reports_each_and_imports_the_rest() {
    let mut store = fresh();
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

    let mut empty = fresh();
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
    assert_eq!(reopen().docs::<Engagement>().len(), 3);
}

#[wasm_bindgen_test]
fn a_file_that_is_not_a_backup_is_a_clear_error() {
    let mut store = fresh();
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

#[wasm_bindgen_test]
fn a_write_lost_to_another_tab_at_the_same_instant_is_merged_back() {
    let mut mine = fresh();
    let original = venue(10, "Brinnington Library");
    mine.save(None, &original, NOW).unwrap();
    let key = format!("fb1/doc/venue/{}", original.id);
    let before_my_edit = local().get_item(&key).unwrap().unwrap();

    let mut renamed = original.clone();
    renamed.name = "Brinnington Community Library".to_owned();
    mine.save(Some(&original), &renamed, NOW + 10).unwrap();

    // Another tab read the entry before that save and wrote its own edit over it.
    let mut theirs = Replica::decode(&unpack(&before_my_edit)).unwrap();
    let mut other_area = original.clone();
    other_area.area = "Brinnington East".to_owned();
    theirs.update(
        &other_area,
        fieldbook_core::Clock::new(Id::from_random([11; 16])).tick(NOW + 20),
    );
    local().set_item(&key, &pack(&theirs.encode())).unwrap();

    // The storage event reaches this tab, which puts its rename back.
    mine.reload(&key, NOW + 30);
    let merged = reopen().docs::<Venue>()[&original.id].doc.clone();
    assert_eq!(merged.name, "Brinnington Community Library");
    assert_eq!(merged.area, "Brinnington East");
    assert_eq!(mine.docs::<Venue>()[&original.id].doc, merged);
}
