//! The app's data in context: the store, and what views follow of it. Every write says which
//! entries changed (`Store::take_changed`), and only views following those parts of the store,
//! or those documents, run again, so a sync or another tab's save never rebuilds a form someone
//! is typing in. `expect_context::<Data>()` reaches it from any component.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use leptos::ev;
use leptos::prelude::*;

use fieldbook_core::roles::User;
use fieldbook_core::{Document, Id};
use fieldbook_local::keys;

use crate::journaling::{Durability, Journaling, Recovered};
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
    journaling: Journaling,
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
                // The other tab journals its own writes.
                Some(key) => data.write_unjournaled(|store| store.reload(&key, now_ms())),
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
            journaling: Journaling::new(),
        }
    }

    /// Journal every write a person makes from now on, after putting back the journal's
    /// entries that localStorage lost (it had accepted them, then died before committing).
    /// Call before anything reads the store. Where localStorage keeps nothing, neither does
    /// the journal: it would be trimmed away anyway.
    pub fn start_journal(&self, recovered: Recovered) {
        let Some(journal) = recovered.journal else {
            return;
        };
        if !self.peek(Store::is_durable) {
            return;
        }
        self.journaling.attach(journal);
        let mut entries = recovered.entries;
        fieldbook_core::sort::sort_by(&mut entries, |a, b| a.at_ms.total_cmp(&b.at_ms));
        // Journaled again as they are put back, so they are kept until localStorage has them.
        let lost = self.write(|store| {
            entries
                .iter()
                .filter_map(|entry| {
                    let replayed = store.replay(&entry.key, entry.value.as_deref(), now_ms());
                    replayed.err().map(|error| (entry.key.as_str(), error))
                })
                .inspect(|(key, error)| {
                    web_sys::console::warn_1(
                        &format!("Fieldbook could not put back {key}: {error}").into(),
                    );
                })
                .count()
        });
        // What could not be put back (a full storage) lives only in the journal: keep it all.
        if lost == 0 {
            self.journaling.trim_while_running();
        }
    }

    /// The number of the last write journaled, for [`Data::durability`].
    pub fn last_write(&self) -> u64 {
        self.journaling.last()
    }

    /// Where write `number` stands: being journaled, on disk, or at risk.
    pub fn durability(&self, number: u64) -> Durability {
        self.journaling.durability(number)
    }

    /// Resolves once every write so far is on disk (or the journal failed), with where the last
    /// one stands.
    pub async fn on_disk(&self) -> Durability {
        self.journaling.settled().await
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

    /// Change the store as a person asked, tell the views following what changed, and journal
    /// it (see [`Data::on_disk`]).
    pub fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        if !self.journaling.is_on() {
            return self.write_unjournaled(f);
        }
        let (result, written) = self
            .store
            .try_update_value(|store| {
                let result = f(store);
                (result, store.take_written())
            })
            .expect("the store lives as long as the app");
        let changed: Vec<String> = written.iter().map(|(key, _)| key.clone()).collect();
        self.notify(&changed);
        self.journaling.record(written);
        result
    }

    /// Change the store without journaling: for what can be had again if lost, a page sync
    /// pulled, another tab's write, or an import (the file is still there). An import of
    /// thousands of records would otherwise fill the journal, and start-up would read it all.
    pub fn write_unjournaled<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let (result, changed) = self.write_unshown(f);
        self.notify(&changed);
        result
    }

    /// Change the store without journaling or telling anyone; returns the keys it changed,
    /// for [`Data::notify`] later.
    pub fn write_unshown<R>(&self, f: impl FnOnce(&mut Store) -> R) -> (R, Vec<String>) {
        self.store
            .try_update_value(|store| {
                let result = f(store);
                (result, store.take_changed())
            })
            .expect("the store lives as long as the app")
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

    /// Redraw what follows any of the `changed` keys.
    pub fn notify(&self, changed: &[String]) {
        if changed.is_empty() {
            return;
        }
        let mut parts: Vec<Part> = changed.iter().filter_map(|key| Part::of(key)).collect();
        // Any write moves the space used.
        parts.push(Part::Storage);
        fieldbook_core::sort::sort_by_key(&mut parts, |part| {
            Part::ALL.iter().position(|p| p == part)
        });
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
        let since = Timing::overlapping("fieldbook:saved");
        let saved = {
            let _timing = Timing::start("fieldbook:save");
            self.write(|store| store.save(base, edited, now_ms()))
        };
        if let Err(error) = saved {
            since.cancel();
            return Err(error);
        }
        // From the tap to "Saved": the store's write and the journal's.
        let data = *self;
        leptos::task::spawn_local(async move {
            data.on_disk().await;
            drop(since);
        });
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

/// A `performance.measure` entry around a piece of work, so its cost shows in the browser's
/// performance tools and in the storage benchmark.
pub struct Timing {
    name: &'static str,
    mark: String,
}

impl Timing {
    pub fn start(name: &'static str) -> Timing {
        Timing::marked(name, name.to_owned())
    }

    /// For work that may overlap another of the same name: each gets a start mark of its own.
    pub fn overlapping(name: &'static str) -> Timing {
        static STARTED: AtomicU64 = AtomicU64::new(0);
        let n = STARTED.fetch_add(1, Ordering::Relaxed);
        Timing::marked(name, format!("{name}#{n}"))
    }

    /// Stop without measuring: the work did not happen.
    pub fn cancel(mut self) {
        if let Some(performance) = window().performance() {
            performance.clear_marks_with_mark_name(&self.mark);
        }
        self.mark.clear();
    }

    fn marked(name: &'static str, mark: String) -> Timing {
        if let Some(performance) = window().performance() {
            let _ = performance.mark(&mark);
        }
        Timing { name, mark }
    }
}

impl Drop for Timing {
    fn drop(&mut self) {
        if self.mark.is_empty() {
            return;
        }
        if let Some(performance) = window().performance() {
            let _ = performance.measure_with_start_mark(self.name, &self.mark);
            performance.clear_marks_with_mark_name(&self.mark);
        }
    }
}
