//! Views follow only what they show: another tab's save or a sync leaves a form being typed in
//! as it is, and a write to one engagement redraws only what shows that engagement.

use fieldbook::local_time;
use fieldbook::pages::{EngagementDetail, NewEngagement, Record};
use fieldbook::state::Data;
use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::Change;
use fieldbook_core::{sample, Id, Replica, Stamp};
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use serde_json::value::RawValue;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement, StorageEvent, StorageEventInit};

mod common;

use common::{element, local, settle, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: u64 = 1_790_000_000_000;

fn engagement(n: u8, venue: &str) -> Engagement {
    let mut record = sample::engagement(u64::from(n));
    record.id = Id::from_random([n; 16]);
    record.date = local_time::context().now.date();
    record.venue = venue.to_owned();
    record
}

/// A fresh localStorage holding `records`, for a user called sam.
fn seed(records: &[Engagement]) {
    local().clear().unwrap();
    local()
        .set_item("fb1/settings", r#"{"user":"sam"}"#)
        .unwrap();
    let mut store = fieldbook::storage::open(NOW, |bytes| bytes.fill(7));
    for record in records {
        store.save(None, record, NOW).unwrap();
    }
}

fn mount_at(path: &str) -> (HtmlElement, Data, impl Drop) {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    common::mount_with_data(|| {
        view! {
            <Routes fallback=|| "no route">
                <Route path=path!("/record") view=Record />
                <Route path=path!("/record/new") view=NewEngagement />
                <Route path=path!("/record/:id") view=EngagementDetail />
            </Routes>
        }
    })
}

/// Another tab saves `record` (edited from `base`): its store writes localStorage, and this
/// window hears of it through a `storage` event naming the entry, as the browser tells it.
fn saved_in_another_tab(base: Option<&Engagement>, record: &Engagement) {
    let mut other = fieldbook::storage::open(NOW + 5_000, |bytes| bytes.fill(3));
    other.save(base, record, NOW + 5_000).unwrap();
    let init = StorageEventInit::new();
    let key = fieldbook_local::keys::doc("engagement", record.id);
    init.set_key(Some(&key));
    let event = StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
}

/// A pulled page bringing `record` as another device wrote it, stored as sync stores it.
fn synced(data: Data, record: &Engagement) {
    let replica = Replica::create(
        record,
        Stamp {
            wall_ms: NOW + 10_000,
            counter: 0,
            device: Id::from_random([9; 16]),
        },
    );
    let change = Change {
        kind: "engagement".into(),
        id: record.id,
        replica: RawValue::from_string(replica.encode()).unwrap(),
    };
    data.write(|store| store.receive(vec![change], "epoch.1".into()))
        .unwrap();
}

fn same_node(a: &HtmlElement, b: &HtmlElement) -> bool {
    a.is_same_node(Some(b))
}

#[wasm_bindgen_test]
async fn what_came_of_it_survives_another_tabs_save_a_sync_and_a_change_to_the_same_record() {
    let mine = engagement(1, "Reddish Hall");
    let other = engagement(2, "Brinnington Library");
    seed(&[mine.clone(), other.clone()]);
    // The first open action is the first "Mark done" on the page.
    let action = mine
        .actions
        .iter()
        .find(|a| a.closed_on.is_none())
        .expect("the sample's second action is open")
        .id;
    let (host, data, _mounted) = mount_at(&format!("/record/{}", mine.id));
    settle().await;

    let buttons = host.query_selector_all(".loop-actions button").unwrap();
    let mark_done = (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().unwrap_or_default() == "Mark done")
        .expect("a Mark done button for the open action");
    mark_done.click();
    settle().await;
    let field = format!("done-{action}");
    type_into(&host, &field, "Six lights fixed");
    let typed_in = element(&host, &format!("#{field}"));
    let value = || {
        element(&host, &format!("#{field}"))
            .unchecked_into::<HtmlTextAreaElement>()
            .value()
    };

    // Another tab saves another record.
    let mut other_edited = other.clone();
    other_edited.notes = "Changed in another tab".into();
    saved_in_another_tab(Some(&other), &other_edited);
    settle().await;
    assert_eq!(value(), "Six lights fixed");
    assert!(same_node(&typed_in, &element(&host, &format!("#{field}"))));

    // A sync brings a third record.
    synced(data, &engagement(3, "Offerton Hub"));
    settle().await;
    assert_eq!(value(), "Six lights fixed");
    assert!(same_node(&typed_in, &element(&host, &format!("#{field}"))));

    // Another tab changes this very record: the page shows it, and the typing stays.
    let mut renamed = mine.clone();
    renamed.venue = "Reddish Community Hall".into();
    saved_in_another_tab(Some(&mine), &renamed);
    settle().await;
    assert_eq!(text(&host, "#detail-title"), "Reddish Community Hall");
    assert_eq!(value(), "Six lights fixed");
    assert!(same_node(&typed_in, &element(&host, &format!("#{field}"))));

    // Saving marks the action done and keeps the other tab's change.
    element(&host, "form.mark-done button[type='submit']").click();
    settle().await;
    let stored = fieldbook::storage::open(NOW, |_| ());
    let record = &stored.docs::<Engagement>()[&mine.id].doc;
    assert_eq!(record.venue, "Reddish Community Hall");
    let done = record.actions.iter().find(|a| a.id == action).unwrap();
    assert_eq!(
        (done.status.as_str(), done.outcome.as_str()),
        ("done", "Six lights fixed")
    );
    assert_eq!(text(&host, ".loop-actions .save-status"), "Saved");
    assert!(
        host.query_selector("form.mark-done").unwrap().is_none(),
        "the form closes once saved"
    );
}

#[wasm_bindgen_test]
async fn the_new_record_form_keeps_its_typing_through_another_tabs_save_and_a_sync() {
    let other = engagement(2, "Brinnington Library");
    seed(std::slice::from_ref(&other));
    let (host, data, _mounted) = mount_at("/record/new");
    settle().await;
    type_into(&host, "e-venue", "Reddish Hall");
    type_into(&host, "e-notes", "Talked about the lights");
    settle().await;
    let venue = element(&host, "#e-venue");
    let value = |id: &str| {
        let found = element(&host, &format!("#{id}"));
        match found.clone().dyn_into::<HtmlInputElement>() {
            Ok(input) => input.value(),
            Err(_) => found.unchecked_into::<HtmlTextAreaElement>().value(),
        }
    };

    let mut edited = other.clone();
    edited.notes = "Changed in another tab".into();
    saved_in_another_tab(Some(&other), &edited);
    settle().await;
    synced(data, &engagement(3, "Offerton Hub"));
    settle().await;

    assert_eq!(value("e-venue"), "Reddish Hall");
    assert_eq!(value("e-notes"), "Talked about the lights");
    assert!(
        same_node(&venue, &element(&host, "#e-venue")),
        "the form was not rebuilt"
    );
}

#[wasm_bindgen_test]
async fn a_write_to_one_engagement_redraws_only_its_row() {
    let records = [
        engagement(1, "Reddish Hall"),
        engagement(2, "Brinnington Library"),
        engagement(3, "Offerton Hub"),
    ];
    seed(&records);
    let (host, data, _mounted) = mount_at("/record");
    settle().await;
    let row = |id: Id| -> HtmlElement {
        element(&host, &format!("a[href='/record/{id}']"))
            .closest("li")
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    let before: Vec<HtmlElement> = records.iter().map(|r| row(r.id)).collect();

    let mut renamed = records[1].clone();
    renamed.venue = "Brinnington Park".into();
    data.save(Some(&records[1]), &renamed).unwrap();
    settle().await;

    assert!(
        same_node(&before[0], &row(records[0].id)),
        "another row stays as drawn"
    );
    assert!(
        same_node(&before[2], &row(records[2].id)),
        "another row stays as drawn"
    );
    assert!(
        row(records[1].id)
            .text_content()
            .unwrap()
            .contains("Brinnington Park"),
        "the changed row shows the change"
    );

    // A sync that brings an unrelated record leaves every existing row as drawn.
    let kept: Vec<HtmlElement> = records.iter().map(|r| row(r.id)).collect();
    synced(data, &engagement(4, "Offerton Hub"));
    settle().await;
    for (record, node) in records.iter().zip(&kept) {
        assert!(same_node(node, &row(record.id)));
    }
    assert!(text(&host, ".record-summary").starts_with("4 engagements"));
}
