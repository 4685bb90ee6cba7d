//! The coordinator's dashboard in the browser: mounted with its data and router over a seeded
//! localStorage, its tables read and its picker driven through the DOM.

use fieldbook::local_time;
use fieldbook::pages::Dashboard;
use fieldbook_core::model::Engagement;
use fieldbook_core::{sample, Id};
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlSelectElement};

mod common;

use common::{element, local, settle, text};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: u64 = 1_790_000_000_000;

/// A record held today in `area`, reaching `people`.
fn engagement(n: u8, area: &str, people: i64) -> Engagement {
    let mut record = sample::engagement(u64::from(n));
    record.id = Id::from_random([n; 16]);
    record.date = local_time::context().now.date();
    record.area = area.to_owned();
    record.reach.total = people;
    record
}

fn seed(records: &[Engagement]) {
    local().clear().unwrap();
    let mut store = fieldbook::storage::open(NOW, |bytes| bytes.fill(7));
    for record in records {
        store.save(None, record, NOW).unwrap();
    }
}

fn mount_at(path: &str) -> (HtmlElement, impl Drop) {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    common::mount_in_app(|| {
        view! {
            <Routes fallback=|| "no route">
                <Route path=path!("/coordinate/dashboard") view=Dashboard />
            </Routes>
        }
    })
}

/// The body rows of a figure's table, as cells.
fn rows(host: &HtmlElement, figure: &str) -> Vec<Vec<String>> {
    let found = host
        .query_selector_all(&format!("figure#{figure} tbody tr"))
        .unwrap();
    (0..found.length())
        .map(|i| {
            let row: HtmlElement = found.item(i).unwrap().unchecked_into();
            let cells = row.query_selector_all("th, td").unwrap();
            (0..cells.length())
                .map(|j| cells.item(j).unwrap().text_content().unwrap_or_default())
                .collect()
        })
        .collect()
}

fn choose(host: &HtmlElement, id: &str, value: &str) {
    let select: HtmlSelectElement = element(host, &format!("#{id}")).unchecked_into();
    select.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn totals_follow_the_area_chosen_and_the_address_keeps_it() {
    seed(&[
        engagement(1, "Reddish", 12),
        engagement(2, "Reddish", 30),
        engagement(3, "Adswood", 5),
    ]);
    let (host, _mounted) = mount_at("/coordinate/dashboard?period=last_12_months");
    settle().await;

    assert_eq!(
        text(&host, "#section-coverage + .report-lead"),
        "3 engagements with 47 participants."
    );
    assert_eq!(
        rows(&host, "by-area"),
        [["Adswood", "1", "5"], ["Reddish", "2", "42"]]
    );
    assert_eq!(rows(&host, "by-month").len(), 12);
    let chart = element(&host, "figure#by-area svg.bar-chart");
    assert_eq!(
        chart.get_attribute("aria-label").unwrap(),
        "Bar chart, engagements by area: Adswood 1; Reddish 2."
    );
    assert_eq!(chart.query_selector_all("rect.bar").unwrap().length(), 2);

    choose(&host, "report-area", "Reddish");
    settle().await;
    assert_eq!(
        window().location().search().unwrap(),
        "?period=last_12_months&area=Reddish"
    );
    assert_eq!(
        text(&host, "#section-coverage + .report-lead"),
        "2 engagements with 42 participants."
    );
    assert!(host.query_selector("figure#by-area").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_empty_period_says_so_in_words() {
    seed(&[]);
    let (host, _mounted) = mount_at("/coordinate/dashboard");
    settle().await;
    assert_eq!(
        text(&host, "#section-coverage + .report-lead"),
        "No engagements in this period."
    );
    assert!(text(&host, "#section-training + .report-lead")
        .starts_with("No training progress recorded against "));
    assert!(host.query_selector("svg").unwrap().is_none());
}
