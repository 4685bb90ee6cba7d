//! The app's data in context: the store, and a version that changes whenever it does, so views
//! that read it re-render. `expect_context::<Data>()` reaches it from any component.

use leptos::ev;
use leptos::prelude::*;

use fieldbook_core::roles::User;

use crate::storage::{SaveError, Settings, Store};

#[derive(Clone, Copy)]
pub struct Data {
    store: StoredValue<Store, LocalStorage>,
    version: RwSignal<u64>,
}

/// The time now, as core wants it: callers pass it in rather than core reading a clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

impl Data {
    /// Open storage and put it in context; follows other tabs' writes until the app unmounts.
    pub fn provide() -> Data {
        let store = {
            let _timing = Timing::start("fieldbook:open");
            Store::open(now_ms(), crate::random::fill)
        };
        let data = Data {
            store: StoredValue::new_local(store),
            version: RwSignal::new(0),
        };
        provide_context(data);
        let listener = window_event_listener(ev::storage, move |event| {
            if event.key().is_some_and(|key| !key.starts_with("fb1/")) {
                return;
            }
            let Some(key) = event.key() else {
                // The whole storage was cleared in another tab: read everything again.
                data.store
                    .set_value(Store::open(now_ms(), crate::random::fill));
                data.changed();
                return;
            };
            data.store
                .update_value(|store| store.reload(&key, now_ms()));
            data.changed();
        });
        on_cleanup(move || listener.remove());
        data
    }

    /// Read the store, re-running when it changes.
    pub fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        self.version.track();
        self.store.with_value(f)
    }

    /// Read the store without following it: for work that is not drawing, such as sync.
    pub fn peek<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        self.store.with_value(f)
    }

    /// Change the store, and tell every reader.
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let result = self
            .store
            .try_update_value(f)
            .expect("the store lives as long as the app");
        self.changed();
        result
    }

    /// Save a document, then, after the very first save on this device, ask the browser to keep
    /// the site's data (`navigator.storage.persist()`), recording its answer in the settings.
    pub fn save<D: crate::storage::Kind>(
        &self,
        base: Option<&D>,
        edited: &D,
    ) -> Result<(), SaveError> {
        let _timing = Timing::start("fieldbook:save");
        self.write(|store| store.save(base, edited, now_ms()))?;
        self.request_persistence();
        Ok(())
    }

    /// Save a form's draft. Readers are not told: nothing on screen shows drafts, and
    /// re-rendering the page on every keystroke would be waste.
    pub fn save_draft(&self, name: &str, json: &str) -> Result<(), SaveError> {
        self.store
            .try_update_value(|store| store.save_draft(name, json))
            .expect("the store lives as long as the app")
    }

    /// Remove a form's draft, once saved or discarded; quietly, as [`Data::save_draft`].
    pub fn discard_draft(&self, name: &str) {
        self.store.update_value(|store| store.discard_draft(name));
    }

    pub fn settings(&self) -> Settings {
        self.version.track();
        self.store
            .try_update_value(|store| store.settings(now_ms()))
            .unwrap_or_default()
    }

    /// Who is using the phone: see [`Store::user`].
    pub fn user(&self) -> User {
        self.version.track();
        self.store
            .try_update_value(|store| store.user(now_ms()))
            .expect("the store lives as long as the app")
    }

    fn changed(&self) {
        self.version.update(|version| *version += 1);
    }

    fn request_persistence(&self) {
        let data = *self;
        if data.settings().persisted.is_some() {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = crate::persistence::persist().await;
            let mut settings = data.settings();
            settings.persisted = Some(answer);
            // Only the record of the answer is lost if this fails; it is asked again next time.
            let _ = data.write(|store| store.save_settings(&settings));
        });
    }
}

/// A `performance.measure` entry around a piece of work, so its cost shows in the browser's
/// performance tools and in the storage benchmark.
pub struct Timing(&'static str);

impl Timing {
    pub fn start(name: &'static str) -> Timing {
        if let Some(performance) = window().performance() {
            let _ = performance.mark(name);
        }
        Timing(name)
    }
}

impl Drop for Timing {
    fn drop(&mut self) {
        if let Some(performance) = window().performance() {
            let _ = performance.measure_with_start_mark(self.0, self.0);
            performance.clear_marks_with_mark_name(self.0);
        }
    }
}
