//! The training screens in the browser: mounted with their data and router over a seeded
//! localStorage, driven through the DOM.

use fieldbook::pages::{Competency, Review as ReviewQueue, Training};
use fieldbook::storage::{Session, Settings, Store};
use fieldbook_core::model::Engagement;
use fieldbook_core::progress::{Evidence, Progress, Review, Status};
use fieldbook_core::roles::{Role, User};
use fieldbook_core::{sample, ElementId, Id};
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlSelectElement};

mod common;

use common::{element, focused_id, local, settle, text};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: u64 = 1_790_000_000_000;

/// A fresh localStorage with "ali" using the phone, and the store to seed it through.
fn seeded() -> Store {
    local().clear().unwrap();
    let mut store = fieldbook::storage::open(NOW, |bytes| bytes.fill(7));
    store
        .save_settings(&Settings {
            user: "ali".to_owned(),
            ..Settings::default()
        })
        .unwrap();
    store
}

/// The app's training routes at `path`, in a fresh element of their own.
fn mount_at(path: &str) -> (HtmlElement, impl Drop) {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    common::mount_in_app(|| {
        view! {
            <Routes fallback=|| "no route">
                <Route path=path!("/training") view=Training />
                <Route path=path!("/training/competency/:code") view=Competency />
                <Route path=path!("/training/review") view=ReviewQueue />
            </Routes>
        }
    })
}

fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    let found = host.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn fire(target: &HtmlElement, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&Event::new_with_event_init_dict(name, &init).unwrap())
        .unwrap();
}

fn engagement(n: u64, author: &str, venue: &str) -> Engagement {
    let mut engagement = sample::engagement(n);
    engagement.id = Id::from_random([n as u8; 16]);
    engagement.author = author.to_owned();
    engagement.venue = venue.to_owned();
    engagement
}

#[wasm_bindgen_test]
async fn evidence_links_to_one_of_the_learners_own_engagements() {
    let mut store = seeded();
    let mine = engagement(1, "ali", "Lancashire Hill Library");
    let gone = engagement(2, "ali", "Removed Hall");
    let theirs = engagement(3, "sam", "Someone Else's Hall");
    for record in [&mine, &gone, &theirs] {
        store.save(None, record, NOW).unwrap();
    }
    store.delete::<Engagement>(gone.id, NOW).unwrap();
    let (host, _mounted) = mount_at("/training/competency/07");
    settle().await;

    let options = texts(&host, "#evidence-engagement option");
    assert_eq!(options.len(), 2, "{options:?}");
    assert_eq!(options[0], "None");
    assert!(
        options[1].ends_with(", Lancashire Hill Library"),
        "{options:?}"
    );

    let note: HtmlElement = element(&host, "#evidence-note");
    note.unchecked_ref::<web_sys::HtmlTextAreaElement>()
        .set_value("Ran the library drop-in.");
    fire(&note, "input");
    let select: HtmlSelectElement = element(&host, "#evidence-engagement").unchecked_into();
    select.set_value(&mine.id.to_string());
    fire(select.unchecked_ref(), "change");
    element(&host, ".evidence-form button[type='submit']").click();
    settle().await;

    let listed = texts(&host, ".evidence-list li");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].contains("From the engagement record:"),
        "{listed:?}"
    );
    assert!(listed[0].contains("Lancashire Hill Library"), "{listed:?}");
    let stored = fieldbook::storage::open(NOW, |_| {});
    let records: Vec<&Progress> = stored.docs::<Progress>().values().map(|s| &s.doc).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].learner.as_str(), records[0].competency.as_str()),
        ("ali", "07")
    );
    assert_eq!(records[0].evidence[0].engagement, Some(mine.id));
    assert_eq!(
        records[0].status,
        Status::NotStarted,
        "a note does not move the status"
    );
}

#[wasm_bindgen_test]
async fn an_empty_note_is_refused_beside_the_field_and_nothing_is_saved() {
    seeded();
    let (host, _mounted) = mount_at("/training/competency/07");
    settle().await;
    element(&host, ".evidence-form button[type='submit']").click();
    settle().await;

    assert_eq!(
        text(&host, "#evidence-note-error"),
        "The evidence note is empty; say what was done and where."
    );
    let note = element(&host, "#evidence-note");
    assert_eq!(note.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(focused_id(), "evidence-note");
    assert!(fieldbook::storage::open(NOW, |_| {})
        .docs::<Progress>()
        .is_empty());
}

#[wasm_bindgen_test]
async fn the_overview_counts_signed_off_and_in_progress_per_key_area_in_words() {
    let mut store = seeded();
    let mut signed = Progress::new(Id::from_random([9; 16]), "ali", "nos-cd-2023", "07");
    signed.status = Status::SignedOff;
    signed.evidence.push(Evidence {
        id: ElementId::new(NOW, [1; 4]),
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        note: "Walkabout.".to_owned(),
        engagement: None,
    });
    signed.review = Some(Review {
        by: "pat".to_owned(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap(),
        outcome: fieldbook_core::progress::Outcome::SignedOff,
        comment: String::new(),
    });
    let mut learning = Progress::new(Id::from_random([8; 16]), "ali", "nos-cd-2023", "01");
    learning.status = Status::Learning;
    // Someone else's record on the same phone does not count towards ali's.
    let mut other = Progress::new(Id::from_random([6; 16]), "sam", "nos-cd-2023", "08");
    other.status = Status::Learning;
    for record in [&signed, &learning, &other] {
        store.save(None, record, NOW).unwrap();
    }
    let (host, _mounted) = mount_at("/training");
    settle().await;

    let area = |code: &str| element(&host, &format!("section[data-key-area='{code}']"));
    assert_eq!(
        texts(&area("2"), ".bar span"),
        ["Signed off: 1 of 2", "In progress: 0 of 2"]
    );
    assert_eq!(
        texts(&area("1"), ".bar span"),
        ["Signed off: 0 of 6", "In progress: 1 of 6"]
    );
    let bar = element(&area("2"), ".bar-signed progress");
    assert_eq!(bar.get_attribute("value").as_deref(), Some("1"));
    assert_eq!(bar.get_attribute("max").as_deref(), Some("2"));
    let badges = texts(&area("2"), ".status-badge");
    assert_eq!(badges, ["Signed off", "Not started"]);
    assert!(area("2")
        .query_selector(".status-badge.status-signed_off")
        .unwrap()
        .is_some());
}

/// A submission of `learner`'s, waiting for an assessor.
fn submitted(learner: &str, seed: u8) -> Progress {
    let mut progress = Progress::new(Id::from_random([seed; 16]), learner, "nos-cd-2023", "07");
    progress.status = Status::Submitted;
    progress.evidence.push(Evidence {
        id: ElementId::new(NOW, [seed; 4]),
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        note: "Walkabout with the residents' reps.".to_owned(),
        engagement: None,
    });
    progress
}

fn signed_in_as(store: &mut Store, username: &str, role: Role) {
    store
        .save_session(&Session {
            server: "https://fieldbook.example.org".to_owned(),
            token: "secret".to_owned(),
            expires_at_ms: NOW + 86_400_000,
            user: User {
                username: username.to_owned(),
                role,
                teams: vec!["Brinnington".to_owned()],
            },
            expired: false,
        })
        .unwrap();
}

/// The review queue offers no "Sign off" button, and the competency page none either.
async fn offers_no_sign_off() {
    let (host, _mounted) = mount_at("/training/review");
    settle().await;
    assert!(host
        .query_selector("li.submission button")
        .unwrap()
        .is_none());
    assert!(text(&host, ".notice").contains("Only a coordinator signs off competencies"));
}

#[wasm_bindgen_test]
async fn a_learners_phone_offers_no_sign_off_whatever_is_typed_in_settings() {
    // Signed in as a learner, with a coordinator's name typed into Settings beforehand.
    let mut store = seeded();
    let mut settings = store.settings().clone();
    settings.user = "pat".to_owned();
    store.save_settings(&settings).unwrap();
    signed_in_as(&mut store, "ali", Role::Learner);
    store.save(None, &submitted("sam", 31), NOW).unwrap();
    offers_no_sign_off().await;

    // Never signed in, with any name typed: nobody assesses on a phone's word.
    let mut store = seeded();
    let mut settings = store.settings().clone();
    settings.user = "pat".to_owned();
    store.save_settings(&settings).unwrap();
    store.save(None, &submitted("sam", 32), NOW).unwrap();
    offers_no_sign_off().await;
}

#[wasm_bindgen_test]
async fn a_signed_in_coordinator_is_offered_sign_off_for_someone_elses_work() {
    let mut store = seeded();
    signed_in_as(&mut store, "pat", Role::Coordinator);
    store.save(None, &submitted("sam", 33), NOW).unwrap();
    let (host, _mounted) = mount_at("/training/review");
    settle().await;
    let buttons = texts(&host, "li.submission button");
    assert!(buttons.iter().any(|b| b == "Sign off"), "{buttons:?}");
}

#[wasm_bindgen_test]
async fn before_anyone_is_named_the_framework_is_there_to_read_with_the_way_to_start() {
    local().clear().unwrap();
    let (host, _mounted) = mount_at("/training");
    settle().await;

    let notice = element(&host, "#training-start");
    let ways: Vec<String> = texts(&notice, "a");
    assert_eq!(ways, ["sign in", "add your name in Settings"]);
    // The NOS's six key areas, each with its competencies, none started.
    let areas = host.query_selector_all("section.key-area").unwrap();
    assert_eq!(areas.length(), 6);
    let competencies = texts(&host, ".competency-list .competency-title");
    assert!(competencies.len() > 6, "{competencies:?}");
    assert!(texts(&host, ".status-badge")
        .iter()
        .all(|badge| badge == "Not started"));
}

#[wasm_bindgen_test]
async fn a_named_learner_is_not_told_how_to_start() {
    seeded();
    let (host, _mounted) = mount_at("/training");
    settle().await;
    assert!(host.query_selector("#training-start").unwrap().is_none());
    assert_eq!(
        host.query_selector_all("section.key-area")
            .unwrap()
            .length(),
        6
    );
}
