//! The engagement form in the browser: mounted with its data and router, driven through the DOM.

use fieldbook::pages::{NewEngagement, Record};
use fieldbook_core::form::EngagementForm;
use fieldbook_core::model::Engagement;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod common;

use common::{element, focused_id, local, settle, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

const DRAFT: &str = "fb1/draft/engagement/new";

/// The new engagement form over an empty localStorage, for a user called sam.
fn mount() -> (HtmlElement, impl Drop) {
    local().clear().unwrap();
    local()
        .set_item("fb1/settings", r#"{"user":"sam"}"#)
        .unwrap();
    common::mount_in_app(|| view! { <NewEngagement /> })
}

fn value(host: &HtmlElement, id: &str) -> String {
    element(host, &format!("#{id}"))
        .unchecked_into::<HtmlInputElement>()
        .value()
}

fn draft() -> Option<EngagementForm> {
    local()
        .get_item(DRAFT)
        .unwrap()
        .map(|json| serde_json::from_str(&json).unwrap())
}

#[wasm_bindgen_test]
async fn every_change_is_kept_as_a_draft_and_the_stepper_counts() {
    let (host, _mounted) = mount();
    settle().await;
    assert_eq!(draft(), None, "an untouched form leaves no draft");

    type_into(&host, "e-venue", "Reddish Hall");
    element(&host, "button[aria-label='Total participants: one more']").click();
    element(&host, "button[aria-label='Total participants: one more']").click();
    settle().await;
    assert_eq!(value(&host, "e-reach-total"), "2");
    let kept = draft().expect("a draft after the first change");
    assert_eq!(
        (kept.venue.as_str(), kept.total.as_str()),
        ("Reddish Hall", "2")
    );
}

#[wasm_bindgen_test]
async fn a_save_with_problems_marks_each_field_focuses_the_first_and_keeps_the_typing() {
    let (host, _mounted) = mount();
    type_into(&host, "e-reach-total", "lots");
    element(&host, "#engagement-form button[type='submit']").click();
    settle().await;

    assert_eq!(text(&host, "#e-venue-error"), "The venue is required.");
    assert_eq!(text(&host, "#e-method-error"), "The method is required.");
    assert_eq!(
        text(&host, "#e-reach-total-error"),
        "Total participants should be a whole number, such as 12; it is \"lots\"."
    );
    assert_eq!(focused_id(), "e-venue", "focus goes to the first problem");
    assert_eq!(value(&host, "e-reach-total"), "lots");
    assert!(text(&host, ".form-problems").starts_with("Not saved: 5 things need fixing."));
    let stored = fieldbook::storage::open(0, |_| ());
    assert!(stored.docs::<Engagement>().is_empty(), "nothing was saved");
}

#[wasm_bindgen_test]
async fn a_valid_record_is_stored_its_venue_remembered_and_its_draft_removed() {
    let (host, _mounted) = mount();
    type_into(&host, "e-venue", "Reddish Hall");
    for id in ["e-method", "e-strand", "e-level"] {
        element(&host, &format!("#{id}")).click();
    }
    element(&host, "button[aria-label='Total participants: one more']").click();
    settle().await;
    assert!(draft().is_some());
    element(&host, "#engagement-form button[type='submit']").click();
    settle().await;

    let stored = fieldbook::storage::open(0, |_| ());
    let records: Vec<&Engagement> = stored
        .docs::<Engagement>()
        .values()
        .map(|stored| &stored.doc)
        .collect();
    assert_eq!(records.len(), 1);
    let record = records[0];
    assert_eq!(
        (
            record.venue.as_str(),
            record.method.as_str(),
            record.author.as_str()
        ),
        ("Reddish Hall", "survey", "sam")
    );
    assert_eq!(record.reach.total, 1);
    assert_eq!(draft(), None);
    let venues: Vec<String> = stored
        .docs::<fieldbook_core::model::Venue>()
        .values()
        .map(|venue| venue.doc.name.clone())
        .collect();
    assert_eq!(venues, ["Reddish Hall"]);
}

#[wasm_bindgen_test]
async fn a_new_phone_is_welcomed_once_and_got_it_keeps_it_away() {
    local().clear().unwrap();
    let (host, mounted) = common::mount_in_app(|| view! { <Record /> });
    settle().await;
    let titles = |host: &HtmlElement| {
        let found = host.query_selector_all(".welcome dt").unwrap();
        (0..found.length())
            .map(|i| found.item(i).unwrap().text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&host), ["Record", "Training", "Coordinate"]);
    element(&host, ".welcome button").click();
    settle().await;
    assert!(host.query_selector(".welcome").unwrap().is_none());
    assert_eq!(
        focused_id(),
        "record-new",
        "put away, the way in to a record has focus"
    );
    drop(mounted);

    // Not again on this phone.
    let (host, _mounted) = common::mount_in_app(|| view! { <Record /> });
    settle().await;
    assert!(host.query_selector(".welcome").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_phone_already_in_use_is_not_welcomed() {
    // Named but never welcomed, as phones were before the welcome, with a record on it.
    let (_, mounted) = mount();
    drop(mounted);
    let mut store = fieldbook::storage::open(1_790_000_000_000, |bytes| bytes.fill(7));
    store
        .save(
            None,
            &fieldbook_core::sample::engagement(1),
            1_790_000_000_000,
        )
        .unwrap();
    let (host, _mounted) = common::mount_in_app(|| view! { <Record /> });
    settle().await;
    assert!(host.query_selector(".welcome").unwrap().is_none());
}

/// The new engagement form where the organisation keeps contact details for six months.
fn mount_keeping_contacts() -> (HtmlElement, impl Drop) {
    local().clear().unwrap();
    local()
        .set_item("fb1/settings", r#"{"user":"sam"}"#)
        .unwrap();
    local()
        .set_item(
            "fb1/sync",
            r#"{"organisation":{"contact_details":true,"retention_months":6}}"#,
        )
        .unwrap();
    common::mount_in_app(|| view! { <NewEngagement /> })
}

#[wasm_bindgen_test]
async fn contact_details_are_offered_only_where_the_organisation_keeps_them() {
    let (host, _mounted) = mount();
    settle().await;
    assert!(
        host.query_selector("#section-contact").unwrap().is_none(),
        "no contact details unless the organisation keeps them"
    );
}

#[wasm_bindgen_test]
async fn contact_details_default_to_the_retention_period_and_may_not_outlast_it() {
    let (host, _mounted) = mount_keeping_contacts();
    settle().await;
    element(&host, "#section-contact summary").click();
    settle().await;
    let add = element(&host, "#section-contact button.secondary");
    assert_eq!(add.text_content().unwrap(), "Add contact details");
    add.click();
    settle().await;
    assert_eq!(focused_id(), "e-contact-details");
    let today = fieldbook::local_time::context().now.date();
    let six_months = today.checked_add_months(chrono::Months::new(6)).unwrap();
    let day = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();
    assert_eq!(value(&host, "e-contact-consent_on"), day(today));
    assert_eq!(value(&host, "e-contact-retain_until"), day(six_months));

    type_into(&host, "e-contact-details", "07700 900123");
    type_into(&host, "e-venue", "Reddish Hall");
    for id in ["e-method", "e-strand", "e-level"] {
        element(&host, &format!("#{id}")).click();
    }
    let too_late = six_months + chrono::Days::new(1);
    type_into(&host, "e-contact-retain_until", &day(too_late));
    element(&host, "#engagement-form button[type='submit']").click();
    settle().await;
    assert!(
        text(&host, "#e-contact-retain_until-error").contains("at most 6 months after consent"),
        "{}",
        text(&host, "#e-contact-retain_until-error")
    );
    let stored = fieldbook::storage::open(0, |_| ());
    assert!(stored.docs::<Engagement>().is_empty(), "nothing was saved");

    type_into(&host, "e-contact-retain_until", &day(six_months));
    element(&host, "#engagement-form button[type='submit']").click();
    settle().await;
    let stored = fieldbook::storage::open(0, |_| ());
    let contacts: Vec<_> = stored
        .docs::<Engagement>()
        .values()
        .map(|stored| stored.doc.contact.clone().unwrap())
        .collect();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].details, "07700 900123");
    assert_eq!(
        (contacts[0].consent_on, contacts[0].retain_until),
        (today, six_months)
    );
}
