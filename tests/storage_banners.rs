//! The storage banners under the header, over real localStorage.

use fieldbook::components::StorageBanners;
use fieldbook_core::keeping::DAY_MS;
use fieldbook_core::model::Venue;
use fieldbook_core::Id;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

/// localStorage holding one venue, last changed `days_ago`, that the server has never seen.
fn one_unsynced_venue(days_ago: u64) {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    let then = js_sys::Date::now() as u64 - days_ago * DAY_MS;
    let mut store = fieldbook::storage::open(then, |bytes| bytes.fill(7));
    let venue = Venue {
        id: Id::from_random([1; 16]),
        name: "Brinnington Community Centre".to_owned(),
        area: String::new(),
    };
    store.save(None, &venue, then).unwrap();
}

fn mount() -> (HtmlElement, impl Drop) {
    common::mount_in_app(|| view! { <StorageBanners /> })
}

#[wasm_bindgen_test]
async fn unsynced_work_older_than_five_days_is_flagged_with_a_way_to_settings() {
    one_unsynced_venue(6);
    let (host, _mounted) = mount();
    leptos::task::tick().await;

    let banner = host.query_selector(".banner").unwrap().expect("a banner");
    let text = banner.text_content().unwrap();
    assert!(
        text.starts_with("1 record on this phone has not been synced for 6 days."),
        "{text}"
    );
    assert!(text.contains("export a backup"), "{text}");
    let link = banner.query_selector("a").unwrap().expect("a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/settings"));
    let region = host.query_selector(".storage-banners").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
}

#[wasm_bindgen_test]
async fn recent_unsynced_work_raises_no_banner() {
    one_unsynced_venue(2);
    let (host, _mounted) = mount();
    leptos::task::tick().await;
    // Chromium on Linux is neither iOS nor without storage, so nothing at all shows.
    assert!(host.query_selector(".banner").unwrap().is_none());
}
