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

#[wasm_bindgen_test]
fn a_moment_reads_as_the_browser_writes_it_in_the_uk_every_time() {
    // 3 March 2026, 14:05 UTC, and a moment in British Summer Time.
    for ms in [1_772_546_700_000_u64, 1_782_914_400_000] {
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
        }
        let date = js_sys::Date::new(&(ms as f64).into());
        let expected: String = date.to_locale_string("en-GB", &options).into();
        assert!(expected.contains("2026"), "{expected}");
        // Asked twice: the formatter made once gives the same text again.
        assert_eq!(fieldbook::local_time::describe(ms), expected);
        assert_eq!(fieldbook::local_time::describe(ms), expected);
    }
}
