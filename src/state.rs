//! The app's data in context: the store, and what views follow of it. Every write says which
//! entries changed (`Store::take_changed`), and only views following those parts of the store,
//! or those documents, run again, so a sync or another tab's save never rebuilds a form someone
//! is typing in. `expect_context::<Data>()` reaches it from any component.

use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;

use fieldbook_core::roles::User;
use fieldbook_core::{Document, Id};
use fieldbook_local::keys;
use fieldbook_local::sync::Host;

use crate::storage::{Kind, SaveError, Settings, Store};

/// The parts of the store a view can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// One collection of documents: any document of that kind saved, removed or pulled.
    Docs(&'static str),
    /// Sync's memory: acknowledgements (so every sync badge), refusals, conflicts, held changes.
    Sync,
    /// Preferences, and the session (so who is using the phone).
    Settings,
    Frameworks,
    /// Damaged and kept entries, and how much space is used.
    Storage,
}

impl Part {
    /// Every collection of documents: what the outbox, sync marks and titles are made from.
    pub const DOCS: [Part; 3] = [
        Part::Docs(fieldbook_core::model::Engagement::KIND),
        Part::Docs(fieldbook_core::model::Venue::KIND),
        Part::Docs(fieldbook_core::progress::Progress::KIND),
    ];

    const ALL: [Part; 7] = [
        Part::Docs(fieldbook_core::model::Engagement::KIND),
        Part::Docs(fieldbook_core::model::Venue::KIND),
        Part::Docs(fieldbook_core::progress::Progress::KIND),
        Part::Sync,
        Part::Settings,
        Part::Frameworks,
        Part::Storage,
    ];

    /// The part an entry belongs to; drafts belong to none (nothing on screen shows them).
    fn of(key: &str) -> Option<Part> {
        if let Some((kind, _)) = keys::parse_doc(key) {
            Part::ALL.into_iter().find(|part| match part {
                Part::Docs(known) => *known == kind,
                _ => false,
            })
        } else if key == keys::SYNC {
            Some(Part::Sync)
        } else if key == keys::SETTINGS || key == keys::SESSION {
            Some(Part::Settings)
        } else if keys::parse_framework(key).is_some() {
            Some(Part::Frameworks)
        } else if keys::parse_quarantine(key).is_some() {
            Some(Part::Storage)
        } else {
            None
        }
    }
}

#[derive(Clone, Copy)]
pub struct Data {
    store: StoredValue<Store, LocalStorage>,
    parts: StoredValue<HashMap<Part, ArcTrigger>, LocalStorage>,
    /// By document key, made when a view first follows that document.
    docs: StoredValue<HashMap<String, ArcTrigger>, LocalStorage>,
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
            crate::storage::open(now_ms(), crate::random::fill)
        };
        let data = Data::new(store);
        provide_context(data);
        let listener = window_event_listener(ev::storage, move |event| {
            match event.key() {
                Some(key) if !key.starts_with(keys::PREFIX) => {}
                Some(key) => data.write(|store| store.reload(&key, now_ms())),
                // The whole storage was cleared in another tab: read everything again.
                None => data.reopen(),
            }
        });
        on_cleanup(move || listener.remove());
        data
    }

    /// Data over an opened store, outside any context (the app uses [`Data::provide`]).
    pub fn new(store: Store) -> Data {
        Data {
            store: StoredValue::new_local(store),
            parts: StoredValue::new_local(
                Part::ALL
                    .into_iter()
                    .map(|part| (part, ArcTrigger::new()))
                    .collect(),
            ),
            docs: StoredValue::new_local(HashMap::new()),
        }
    }

    /// Read the store, running again when any of `parts` changes.
    pub fn follow<R>(&self, parts: &[Part], f: impl FnOnce(&Store) -> R) -> R {
        for part in parts {
            self.track(*part);
        }
        self.store.with_value(f)
    }

    /// Read the documents of one kind, running again when any of them changes.
    pub fn docs<D: Kind, R>(&self, f: impl FnOnce(&crate::storage::Collection<D>) -> R) -> R {
        self.track(Part::Docs(D::KIND));
        self.store.with_value(|store| f(store.docs::<D>()))
    }

    /// One document as stored now, running again only when that document changes.
    pub fn doc<D: Kind>(&self, id: Id) -> Option<fieldbook_core::replica::Stored<D>> {
        let key = keys::doc(D::KIND, id);
        let trigger = self
            .docs
            .try_update_value(|docs| docs.entry(key).or_default().clone());
        if let Some(trigger) = trigger {
            trigger.track();
        }
        self.store
            .with_value(|store| store.docs::<D>().get(&id).cloned())
    }

    /// Read the store without following it: for work that is not drawing, such as sync.
    pub fn peek<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        self.store.with_value(f)
    }

    /// Change the store, and tell the views following what changed.
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let (result, changed) = self
            .store
            .try_update_value(|store| {
                let result = f(store);
                (result, store.take_changed())
            })
            .expect("the store lives as long as the app");
        self.notify(&changed);
        result
    }

    /// Read everything again, and redraw everything: the storage was cleared elsewhere.
    fn reopen(&self) {
        self.store
            .set_value(crate::storage::open(now_ms(), crate::random::fill));
        self.notify_all();
    }

    fn track(&self, part: Part) {
        self.parts.with_value(|parts| {
            if let Some(trigger) = parts.get(&part) {
                trigger.track();
            }
        });
    }

    fn notify(&self, changed: &[String]) {
        if changed.is_empty() {
            return;
        }
        let mut parts: Vec<Part> = changed.iter().filter_map(|key| Part::of(key)).collect();
        // Any write moves the space used.
        parts.push(Part::Storage);
        parts.sort_by_key(|part| Part::ALL.iter().position(|p| p == part));
        parts.dedup();
        self.parts.with_value(|triggers| {
            for part in parts {
                if let Some(trigger) = triggers.get(&part) {
                    trigger.notify();
                }
            }
        });
        self.docs.with_value(|docs| {
            for key in changed {
                if let Some(trigger) = docs.get(key) {
                    trigger.notify();
                }
            }
        });
    }

    fn notify_all(&self) {
        self.parts
            .with_value(|parts| parts.values().for_each(ArcTrigger::notify));
        self.docs
            .with_value(|docs| docs.values().for_each(ArcTrigger::notify));
    }

    /// Save a document, then, after the very first save on this device, ask the browser to keep
    /// the site's data (`navigator.storage.persist()`), recording its answer in the settings.
    pub fn save<D: Kind>(&self, base: Option<&D>, edited: &D) -> Result<(), SaveError> {
        let _timing = Timing::start("fieldbook:save");
        self.write(|store| store.save(base, edited, now_ms()))?;
        self.request_persistence();
        Ok(())
    }

    /// Save a form's draft. No view follows drafts, so nothing redraws.
    pub fn save_draft(&self, name: &str, json: &str) -> Result<(), SaveError> {
        self.write(|store| store.save_draft(name, json))
    }

    /// Remove a form's draft, once saved or discarded.
    pub fn discard_draft(&self, name: &str) {
        self.write(|store| store.discard_draft(name));
    }

    pub fn settings(&self) -> Settings {
        self.follow(&[Part::Settings], |store| store.settings().clone())
    }

    /// Who is using the phone: see [`Store::user`].
    pub fn user(&self) -> User {
        self.follow(&[Part::Settings], Store::user)
    }

    fn request_persistence(&self) {
        let data = *self;
        if data.peek(|store| store.settings().persisted.is_some()) {
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = crate::persistence::persist().await;
            let mut settings = data.peek(|store| store.settings().clone());
            settings.persisted = Some(answer);
            // Only the record of the answer is lost if this fails; it is asked again next time.
            let _ = data.write(|store| store.save_settings(&settings));
        });
    }
}

/// Sync works on the app's store: its writes redraw what they change, and it pauses between
/// batches so the page can draw and answer taps.
impl Host for Data {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        self.peek(f)
    }

    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        Data::write(self, f)
    }

    fn now_ms(&self) -> u64 {
        now_ms()
    }

    fn batch_id(&self) -> Id {
        crate::random::id()
    }

    async fn breathe(&self) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
