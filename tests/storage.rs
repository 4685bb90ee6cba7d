//! The store over the browser's real localStorage: only what needs the browser. The store's
//! logic is tested natively over a simulated storage, in crates/local/tests.

use fieldbook::storage::{SaveError, Session, Settings, Store};
use fieldbook_core::framework;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::pack::unpack;
use fieldbook_core::roles::{Role, User};
use fieldbook_core::window::TeamWindow;
use fieldbook_core::{sample, Id};
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
fn a_real_quota_exceeded_error_is_a_full_storage() {
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
    // Both ways an entry is written: packed as UTF-16 units, and JSON through gloo-storage.
    let settings = store.save_settings(&Settings {
        user: "x".repeat(4_000),
        ..Settings::default()
    });
    let again = reopen();
    for n in 0..n {
        local().remove_item(&format!("filler/{n}")).unwrap();
    }
    assert!(matches!(error, SaveError::Full { .. }), "{error}");
    assert!(
        matches!(settings, Err(SaveError::Full { .. })),
        "{settings:?}"
    );
    assert_eq!(
        again.docs::<Engagement>().len(),
        3,
        "a full storage still loads"
    );
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
fn entries_written_through_gloo_storage_are_plain_json_and_read_back() {
    let mut store = fresh();
    let settings = Settings {
        user: "asha.k".to_owned(),
        persisted: Some(true),
        active_framework: Some("org-own".to_owned()),
        welcomed: true,
        team_window: TeamWindow { months: 6 },
    };
    let session = Session {
        server: "https://fieldbook.example.org".into(),
        token: "t0ken".into(),
        expires_at_ms: NOW + 86_400_000,
        user: User {
            username: "asha.k".into(),
            role: Role::Outreach,
            teams: vec!["stockport".into()],
        },
        expired: false,
    };
    let mut custom = framework::nos_cd().clone();
    custom.id = "org-own".to_owned();
    store.save_settings(&settings).unwrap();
    store.save_session(&session).unwrap();
    store
        .save_draft("engagement/new", r#"{"venue":"St Mary's \"Hall\""}"#)
        .unwrap();
    store.save_framework(&custom).unwrap();

    // Stored as the JSON itself, not escaped into a JSON string, so they read in the browser's
    // tools as they are.
    for key in [
        "fb1/settings",
        "fb1/session",
        "fb1/draft/engagement/new",
        "fb1/framework/org-own",
    ] {
        let stored = local().get_item(key).unwrap().unwrap();
        assert!(stored.starts_with('{'), "{key}: {stored}");
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
        assert!(value.is_object(), "{key}");
    }
    assert_eq!(
        local()
            .get_item("fb1/draft/engagement/new")
            .unwrap()
            .unwrap(),
        r#"{"venue":"St Mary's \"Hall\""}"#
    );

    let again = reopen();
    assert_eq!(again.settings(), &settings);
    assert_eq!(again.session(), Some(&session));
    assert_eq!(
        again.draft("engagement/new").as_deref(),
        Some(r#"{"venue":"St Mary's \"Hall\""}"#)
    );
    assert_eq!(again.frameworks().next(), Some(&custom));
}

#[wasm_bindgen_test]
fn a_damaged_json_entry_in_local_storage_is_quarantined() {
    let mut store = fresh();
    store.save(None, &venue(1, "Hall"), NOW).unwrap();
    // Not JSON: gloo-storage cannot read it, so it reaches the store as it is.
    local().set_item("fb1/settings", "{\"user\": asha").unwrap();

    let again = reopen();
    assert_eq!(again.settings(), &Settings::default());
    assert_eq!(again.docs::<Venue>().len(), 1);
    let quarantined = again.quarantined();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].key, "fb1/settings");
    assert_eq!(quarantined[0].raw, "{\"user\": asha");
    assert!(local().get_item("fb1/settings").unwrap().is_none());
    let entry = local()
        .get_item("fb1/quarantine/fb1/settings")
        .unwrap()
        .unwrap();
    assert!(
        entry.starts_with('{'),
        "the quarantine entry is plain JSON too"
    );
    assert_eq!(reopen().quarantined().len(), 1);
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
