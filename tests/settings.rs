//! The settings page in the browser: mounted with its data and router, driven through the DOM.

use fieldbook::pages::Settings;
use fieldbook_core::model::Venue;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod common;

use common::{element, focused_id, local, settle, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

/// The settings page over an empty localStorage, in a fresh element of its own.
fn mount() -> (HtmlElement, impl Drop) {
    local().clear().unwrap();
    common::mount_in_app(|| view! { <Settings /> })
}

const ADD: &str = "form[aria-labelledby='venue-new-title'] button[type='submit']";
const ADD_STATUS: &str = "form[aria-labelledby='venue-new-title'] + .save-status";

#[wasm_bindgen_test]
async fn the_venue_form_refuses_an_empty_name_then_saves_a_valid_venue() {
    let (host, _mounted) = mount();
    type_into(&host, "venue-new-area", "Brinnington");
    element(&host, ADD).click();
    settle().await;

    assert_eq!(
        text(&host, "#venue-new-name-error"),
        "The venue's name is required."
    );
    let name = element(&host, "#venue-new-name");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("venue-new-name-error")
    );
    assert_eq!(
        focused_id(),
        "venue-new-name",
        "focus moves to the first error"
    );
    let area: HtmlInputElement = element(&host, "#venue-new-area").unchecked_into();
    assert_eq!(area.value(), "Brinnington", "nothing typed is lost");
    assert_eq!(text(&host, ADD_STATUS), "", "nothing was saved");
    assert!(host.query_selector(".venue").unwrap().is_none());

    type_into(&host, "venue-new-name", "St Mary's Church Hall");
    element(&host, ADD).click();
    settle().await;

    assert_eq!(text(&host, "#venue-new-name-error"), "");
    assert!(element(&host, "#venue-new-name")
        .get_attribute("aria-invalid")
        .is_none());
    assert_eq!(text(&host, ADD_STATUS), "Saved");
    assert_eq!(text(&host, ".venue .venue-name"), "St Mary's Church Hall");
    assert_eq!(text(&host, ".venue .venue-area"), "Brinnington");
    let area: HtmlInputElement = element(&host, "#venue-new-area").unchecked_into();
    assert_eq!(area.value(), "", "the form is ready for the next venue");

    // It is in localStorage, not only on screen.
    let stored = fieldbook::storage::open(0, |_| {});
    let venues: Vec<&Venue> = stored
        .docs::<Venue>()
        .values()
        .map(|stored| &stored.doc)
        .collect();
    assert_eq!(venues.len(), 1);
    assert_eq!(venues[0].name, "St Mary's Church Hall");
    assert_eq!(venues[0].area, "Brinnington");
    assert!(text(&host, "#storage-used").ends_with("used"));
}

#[wasm_bindgen_test]
async fn a_full_storage_says_so_and_offers_the_ways_out() {
    let (host, _mounted) = mount();
    // Fill what localStorage has left, in shrinking pieces.
    let mut piece = "x".repeat(1 << 20);
    let mut fillers = 0;
    while !piece.is_empty() {
        if local()
            .set_item(&format!("filler/{fillers}"), &piece)
            .is_ok()
        {
            fillers += 1;
        } else {
            piece.truncate(piece.len() / 2);
        }
    }

    type_into(&host, "venue-new-name", "Reddish Vale Scout Hut");
    element(&host, ADD).click();
    settle().await;
    for n in 0..fillers {
        local().remove_item(&format!("filler/{n}")).unwrap();
    }

    let status = text(&host, ADD_STATUS);
    assert!(
        status.starts_with("Not saved: this phone's storage for Fieldbook is full ("),
        "{status}"
    );
    assert!(status.contains("export a backup"), "{status}");
    assert!(
        host.query_selector(".venue").unwrap().is_none(),
        "nothing was listed"
    );
    let name: HtmlInputElement = element(&host, "#venue-new-name").unchecked_into();
    assert_eq!(
        name.value(),
        "Reddish Vale Scout Hut",
        "nothing typed is lost"
    );

    element(&host, &format!("{ADD_STATUS} button")).click();
    settle().await;
    assert_eq!(
        focused_id(),
        "make-room-title",
        "Make room takes the user to that section"
    );
}

#[wasm_bindgen_test]
async fn make_room_says_how_many_went_and_refuses_a_nonsense_age() {
    let (host, _mounted) = mount();
    const FORM: &str = "form:has(#make-room-days) button[type='submit']";
    type_into(&host, "make-room-days", "soon");
    element(&host, FORM).click();
    settle().await;
    assert_eq!(
        text(&host, "#make-room-days-error"),
        "Enter a whole number of days, 1 or more, such as 90."
    );
    assert_eq!(focused_id(), "make-room-days");

    type_into(&host, "make-room-days", "30");
    element(&host, FORM).click();
    settle().await;
    assert_eq!(text(&host, "#make-room-days-error"), "");
    assert_eq!(
        text(&host, ".make-room-result"),
        "Nothing to remove: no synced records are older than 30 days. \
         Records not yet synced are never removed."
    );
}

#[wasm_bindgen_test]
async fn a_phone_not_signed_in_saves_its_name_and_says_so() {
    let (host, _mounted) = mount();
    type_into(&host, "you-name", "Ali Khan");
    element(
        &host,
        "form[aria-labelledby='you-title'] button[type='submit']",
    )
    .click();
    settle().await;
    // The save changes the store; the form must not be rebuilt, or "Saved" would vanish.
    assert_eq!(
        text(&host, "section[aria-labelledby='you-title'] .save-status"),
        "Saved"
    );
    assert!(
        host.query_selector("#you-role").unwrap().is_none(),
        "no role to choose"
    );
    assert_eq!(
        fieldbook::storage::open(0, |_| {}).settings().user,
        "Ali Khan",
        "kept under that name"
    );
}
