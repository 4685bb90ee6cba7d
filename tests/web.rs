//! Browser tests: components mounted in headless Chromium, driven by real DOM events.

use fieldbook::components::OnlineBadge;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page body for one test to mount into.
fn host() -> HtmlElement {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn dispatch(name: &str) {
    window().dispatch_event(&Event::new(name).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn online_badge_follows_online_and_offline_events() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), OnlineBadge);
    let badge = || host.text_content().unwrap();

    dispatch("offline");
    leptos::task::tick().await;
    assert_eq!(badge(), "Offline");
    assert!(host
        .query_selector(".online-badge.offline")
        .unwrap()
        .is_some());

    dispatch("online");
    leptos::task::tick().await;
    assert_eq!(badge(), "Online");
    assert!(host
        .query_selector(".online-badge.offline")
        .unwrap()
        .is_none());
}
