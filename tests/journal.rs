//! The save journal against the browser's real IndexedDB. Tests share one database, so each
//! uses keys of its own and reads back only those.

use fieldbook::storage::{Entry, Journal};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn journal() -> Journal {
    Journal::open().await.expect("Chromium has IndexedDB")
}

/// The entries whose keys start with `prefix`, by key.
async fn entries(journal: &Journal, prefix: &str) -> Vec<Entry> {
    let mut found: Vec<Entry> = journal
        .entries()
        .await
        .into_iter()
        .filter(|entry| entry.key.starts_with(prefix))
        .collect();
    found.sort_by(|a, b| a.key.cmp(&b.key));
    found
}

fn write(key: &str, value: Option<&str>) -> (String, Option<String>) {
    (key.to_owned(), value.map(str::to_owned))
}

/// Resolves after `ms`, so that entries written either side get different times.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn what_is_recorded_reads_back_with_its_time() {
    let journal = journal().await;
    let before = js_sys::Date::now();
    journal
        .record(&[
            write("round/a", Some("{\"n\":1}")),
            write("round/b", Some("ünïcode ✓")),
        ])
        .await
        .unwrap();
    let after = js_sys::Date::now();
    let found = entries(&journal, "round/").await;
    let keys: Vec<_> = found
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_deref()))
        .collect();
    assert_eq!(
        keys,
        [
            ("round/a", Some("{\"n\":1}")),
            ("round/b", Some("ünïcode ✓"))
        ]
    );
    assert!(found
        .iter()
        .all(|entry| (before..=after).contains(&entry.at_ms)));
}

#[wasm_bindgen_test]
async fn a_reopened_journal_holds_what_was_recorded() {
    journal()
        .await
        .record(&[write("reopen/a", Some("kept"))])
        .await
        .unwrap();
    let found = entries(&journal().await, "reopen/").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.as_deref(), Some("kept"));
}

#[wasm_bindgen_test]
async fn the_latest_write_per_key_wins() {
    let journal = journal().await;
    journal
        .record(&[write("latest/a", Some("first"))])
        .await
        .unwrap();
    journal
        .record(&[
            write("latest/a", Some("second")),
            write("latest/b", Some("other")),
        ])
        .await
        .unwrap();
    let found = entries(&journal, "latest/").await;
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].value.as_deref(), Some("second"));
}

#[wasm_bindgen_test]
async fn a_removal_is_recorded_as_no_value() {
    let journal = journal().await;
    journal
        .record(&[write("removal/a", Some("there"))])
        .await
        .unwrap();
    journal.record(&[write("removal/a", None)]).await.unwrap();
    let found = entries(&journal, "removal/").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key, "removal/a");
    assert_eq!(found[0].value, None);
}

#[wasm_bindgen_test]
async fn recording_nothing_succeeds() {
    journal().await.record(&[]).await.unwrap();
}

#[wasm_bindgen_test]
async fn trim_deletes_older_entries_and_keeps_rewrites() {
    let journal = journal().await;
    journal
        .record(&[
            write("trim/old", Some("1")),
            write("trim/rewritten", Some("1")),
        ])
        .await
        .unwrap();
    sleep(5).await;
    let cut = js_sys::Date::now();
    sleep(5).await;
    journal
        .record(&[write("trim/rewritten", Some("2")), write("trim/new", None)])
        .await
        .unwrap();
    journal.trim(cut).await;
    let found = entries(&journal, "trim/").await;
    let kept: Vec<_> = found
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_deref()))
        .collect();
    assert_eq!(kept, [("trim/new", None), ("trim/rewritten", Some("2"))]);

    // Trimming past everything empties it.
    journal.trim(js_sys::Date::now() + 1.0).await;
    assert!(entries(&journal, "trim/").await.is_empty());
}

#[wasm_bindgen_test]
async fn recording_while_a_trim_runs_keeps_the_new_entry() {
    let journal = journal().await;
    journal
        .record(&[write("race/a", Some("old"))])
        .await
        .unwrap();
    sleep(5).await;
    let cut = js_sys::Date::now();
    sleep(5).await;
    // Started together: IndexedDB runs the two transactions one after the other, and the trim
    // compares times inside its own, so whichever goes first the new entry stays.
    let rewrite = [write("race/a", Some("new"))];
    let (recorded, ()) = futures::join!(journal.record(&rewrite), journal.trim(cut));
    recorded.unwrap();
    let found = entries(&journal, "race/").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.as_deref(), Some("new"));
}
