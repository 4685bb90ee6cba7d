//! The store: every document in its own localStorage entry, loaded at start-up and saved one
//! entry at a time. A save returns only once the browser holds the new entry.

use std::collections::BTreeMap;

use fieldbook_core::framework::Framework;
use fieldbook_core::replica::{DecodeError, MaterialiseError, Stored};
use fieldbook_core::{Clock, DeviceId, Id, Replica, Stamp};

use crate::backend::{Backend, WriteError};
use crate::entries::{Entries, ESTIMATED_QUOTA_BYTES};
use crate::keys;
use crate::kinds::{Collections, Kind};
use crate::quarantine::{self, Quarantined};
use crate::session::Session;
use crate::settings::Settings;
use crate::sync_state::SyncState;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error(
        "Not saved: this phone's storage for Fieldbook is full ({used} of about {quota} used). \
         Sync now, export a backup, or remove synced records to make room."
    )]
    Full { used: String, quota: String },
    #[error("Not saved: the browser refused to store it ({0}).")]
    Refused(String),
    #[error(
        "Not saved: this record was last changed by a newer version of Fieldbook. \
         Update the app to edit it; it is kept as it is."
    )]
    Newer,
    #[error("Not saved: the record could not be read ({0}).")]
    Unreadable(String),
    #[error("There is no such record on this phone.")]
    Missing,
}

/// Space used against the estimated quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used_bytes: u64,
    pub quota_bytes: u64,
}

/// An entry kept exactly as it is because a newer version of Fieldbook wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub key: String,
    pub reason: String,
}

pub struct Store {
    pub(crate) backend: Entries,
    pub(crate) clock: Clock,
    pub(crate) docs: Collections,
    pub(crate) sync: SyncState,
    pub(crate) quarantined: Vec<Quarantined>,
    pub(crate) kept: Vec<Kept>,
    pub(crate) frameworks: BTreeMap<String, Framework>,
    pub(crate) used_bytes: u64,
    /// The last entry this page wrote under each key, to repair a write another tab made at the
    /// same instant from an older copy (see [`Store::reload`]).
    written: BTreeMap<String, String>,
    repaired: usize,
    /// Read once, and again only when written or changed in another tab.
    pub(crate) settings: Settings,
    pub(crate) session: Option<Session>,
    /// Keys written or removed since [`Store::take_changed`] last asked, so the app redraws
    /// only what changed.
    pub(crate) changed: Vec<String>,
}

impl Store {
    /// Open the store and load everything in it. Never fails: without localStorage it keeps
    /// data in memory, and entries that cannot be read are quarantined, not fatal.
    pub fn open(backend: Box<dyn Backend>, now_ms: u64, random: impl FnMut(&mut [u8])) -> Store {
        let mut backend = Entries::new(backend);
        let device = device(&mut backend, random);
        let mut store = Store {
            backend,
            clock: Clock::new(device),
            docs: Collections::default(),
            sync: SyncState::default(),
            quarantined: Vec::new(),
            kept: Vec::new(),
            frameworks: BTreeMap::new(),
            used_bytes: 0,
            written: BTreeMap::new(),
            repaired: 0,
            settings: Settings::default(),
            session: None,
            changed: Vec::new(),
        };
        store.load_all(now_ms);
        store
    }

    fn load_all(&mut self, now_ms: u64) {
        for key in self.backend.keys() {
            let Some((value, cost)) = self.backend.get_with_cost(&key) else {
                continue;
            };
            self.used_bytes += cost;
            if let Some((kind, _)) = keys::parse_doc(&key) {
                let kind = kind.to_owned();
                self.load_doc(&key, &kind, value, now_ms);
            } else if keys::parse_quarantine(&key).is_some() {
                self.quarantined.push(quarantine::read(&key, value));
            } else if let Some(id) = keys::parse_framework(&key) {
                let id = id.to_owned();
                self.load_framework(&key, &id, value, now_ms);
            } else {
                self.load_entry(&key, value, now_ms);
            }
        }
        if let Some(latest) = self.docs.stamps().map(|(_, _, stamp)| stamp).max() {
            self.clock.observe(latest);
        }
        self.repaired = self.prune_acknowledgements();
        // A pulled page kept just before the app closed: store it now. If storage is full it
        // stays kept, and the next sync tries again.
        if !self.sync.inbox.is_empty() {
            let _ = self.apply_inbox();
        }
    }

    /// Read one of the single entries (sync state, settings, session) into memory; a damaged
    /// one is quarantined and its defaults used.
    fn load_entry(&mut self, key: &str, value: String, now_ms: u64) {
        let read = match key {
            keys::SYNC => serde_json::from_str(&value).map(|sync| self.sync = sync),
            keys::SETTINGS => serde_json::from_str(&value).map(|settings| self.settings = settings),
            keys::SESSION => {
                serde_json::from_str(&value).map(|session| self.session = Some(session))
            }
            _ => return,
        };
        if let Err(error) = read {
            let what = match key {
                keys::SYNC => "the sync state",
                keys::SETTINGS => "the settings",
                _ => "the session",
            };
            self.isolate(
                key,
                value,
                format!("{what} could not be read: {error}"),
                now_ms,
            );
        }
    }

    /// Forget what memory holds of a single entry that is no longer stored.
    fn unload_entry(&mut self, key: &str) {
        match key {
            keys::SYNC => self.sync = SyncState::default(),
            keys::SETTINGS => self.settings = Settings::default(),
            keys::SESSION => self.session = None,
            _ => {}
        }
    }

    pub(crate) fn load_doc(&mut self, key: &str, kind: &str, value: String, now_ms: u64) {
        // Read again (another tab, an import): whatever was said of it before no longer holds.
        self.kept.retain(|kept| kept.key != key);
        match self.docs.load(kind, &value) {
            Ok(true) => {}
            Ok(false) => self.kept.push(Kept {
                key: key.to_owned(),
                reason: format!("a kind of record ({kind}) from a newer version of Fieldbook"),
            }),
            Err(DecodeError::Materialise(error @ MaterialiseError::NewerVersion { .. })) => {
                self.kept.push(Kept {
                    key: key.to_owned(),
                    reason: error.to_string(),
                })
            }
            Err(error) => self.isolate(key, value, error.to_string(), now_ms),
        }
    }

    fn load_framework(&mut self, key: &str, id: &str, value: String, now_ms: u64) {
        match Framework::import(&value) {
            Ok(framework) if framework.id == id => {
                self.frameworks.insert(framework.id.clone(), framework);
            }
            Ok(framework) => self.isolate(
                key,
                value,
                format!("it holds the framework {}, not {id}", framework.id),
                now_ms,
            ),
            Err(error) => self.isolate(key, value, error.to_string(), now_ms),
        }
    }

    pub(crate) fn isolate(&mut self, key: &str, raw: String, reason: String, now_ms: u64) {
        let entry = quarantine::isolate(&mut self.backend, key, raw, reason, now_ms);
        self.quarantined.push(entry);
        self.changed.push(key.to_owned());
        self.changed.push(keys::quarantine(key));
    }

    /// Save a document. `base` is the document as the editor loaded it (None for a new one):
    /// only the fields that differ from it are written, on top of whatever is stored now, so an
    /// edit made meanwhile in another tab is kept.
    pub fn save<D: Kind>(
        &mut self,
        base: Option<&D>,
        edited: &D,
        now_ms: u64,
    ) -> Result<(), SaveError> {
        let key = keys::doc(D::KIND, edited.id());
        let mut replica = match self.current::<D>(&key, now_ms)? {
            Some(mut replica) => {
                let stamp = self.tick_after(&replica, now_ms);
                match base {
                    Some(base) => replica.apply(base, edited, stamp),
                    None => replica.update(edited, stamp),
                };
                replica
            }
            None => Replica::create(edited, self.clock.tick(now_ms)),
        };
        self.write::<D>(&key, &mut replica)
    }

    /// Delete a document, leaving a tombstone that can be undone with [`Store::restore`].
    pub fn delete<D: Kind>(&mut self, id: Id, now_ms: u64) -> Result<(), SaveError> {
        self.set_deleted::<D>(id, true, now_ms)
    }

    pub fn restore<D: Kind>(&mut self, id: Id, now_ms: u64) -> Result<(), SaveError> {
        self.set_deleted::<D>(id, false, now_ms)
    }

    fn set_deleted<D: Kind>(
        &mut self,
        id: Id,
        deleted: bool,
        now_ms: u64,
    ) -> Result<(), SaveError> {
        let key = keys::doc(D::KIND, id);
        let mut replica = self.current::<D>(&key, now_ms)?.ok_or(SaveError::Missing)?;
        let stamp = self.tick_after(&replica, now_ms);
        if deleted {
            replica.delete(stamp);
        } else {
            replica.restore(stamp);
        }
        self.write::<D>(&key, &mut replica)
    }

    /// The stored replica under `key`, read fresh (another tab may have written it). A damaged
    /// entry is quarantined first, so the save that follows cannot destroy it; one from a newer
    /// version is refused, so it is never overwritten.
    fn current<D: Kind>(&mut self, key: &str, now_ms: u64) -> Result<Option<Replica>, SaveError> {
        let Some(json) = self.backend.get(key) else {
            return Ok(None);
        };
        match Replica::decode(&json) {
            Ok(replica) if replica.version() > D::VERSION => Err(SaveError::Newer),
            Ok(replica) => Ok(Some(replica)),
            Err(error) => {
                self.isolate(key, json, error.to_string(), now_ms);
                Ok(None)
            }
        }
    }

    /// Keep this device's clock ahead of a stamp that arrived from elsewhere (an import, a
    /// sync), so a later local edit orders after it.
    pub(crate) fn observe(&mut self, stamp: Stamp) {
        self.clock.observe(stamp);
    }

    pub(crate) fn tick_after(&mut self, replica: &Replica, now_ms: u64) -> Stamp {
        self.clock.observe(replica.updated());
        self.clock.tick(now_ms)
    }

    pub(crate) fn write<D: Kind>(
        &mut self,
        key: &str,
        replica: &mut Replica,
    ) -> Result<(), SaveError> {
        let stored = match replica.stored::<D>() {
            Ok(stored) => stored,
            Err(MaterialiseError::NewerVersion { .. }) => return Err(SaveError::Newer),
            Err(error) => return Err(SaveError::Unreadable(error.to_string())),
        };
        let json = replica.encode();
        self.put(key, &json)?;
        D::collection_mut(&mut self.docs).insert(stored.doc.id(), stored);
        self.written.insert(key.to_owned(), json);
        Ok(())
    }

    /// Write document `id` as it came from the server: read straight into its type, it costs
    /// no second encode (most of storing a pulled page).
    pub(crate) fn write_verbatim<D: Kind>(
        &mut self,
        key: &str,
        id: Id,
        json: &str,
    ) -> Result<(), SaveError> {
        let stored = decode_sent::<D>(id, json)?;
        self.write_decoded(key, json, stored)
    }

    /// [`Store::write_verbatim`] for a copy already read into its type.
    pub(crate) fn write_decoded<D: Kind>(
        &mut self,
        key: &str,
        json: &str,
        stored: Stored<D>,
    ) -> Result<(), SaveError> {
        let id = stored.doc.id();
        self.put(key, json)?;
        D::collection_mut(&mut self.docs).insert(id, stored);
        self.written.insert(key.to_owned(), json.to_owned());
        Ok(())
    }

    fn save_error(&self, error: WriteError) -> SaveError {
        match error {
            // Other sites' code on this origin may share the quota, so count everything.
            WriteError::Full => SaveError::Full {
                used: megabytes(self.backend.total_bytes()),
                quota: megabytes(ESTIMATED_QUOTA_BYTES),
            },
            WriteError::Refused(reason) => SaveError::Refused(reason),
        }
    }

    /// Another tab changed `key`: read it again. If this page wrote that document from an older
    /// copy at the same moment, the two writes are merged and written back, so neither is lost.
    pub fn reload(&mut self, key: &str, now_ms: u64) {
        self.changed.push(key.to_owned());
        let value = self.backend.get(key);
        if let Some((kind, id)) = keys::parse_doc(key) {
            let (kind, id) = (kind.to_owned(), id.parse::<Id>());
            match value {
                None => {
                    if let Ok(id) = id {
                        self.docs.forget(&kind, id);
                    }
                }
                Some(json) => {
                    let healed = self.heal(key, &json);
                    self.load_doc(key, &kind, healed.unwrap_or(json), now_ms);
                }
            }
        } else if let Some(id) = keys::parse_framework(key) {
            let id = id.to_owned();
            match value {
                None => drop(self.frameworks.remove(&id)),
                Some(json) => self.load_framework(key, &id, json, now_ms),
            }
        } else {
            match value {
                None => self.unload_entry(key),
                Some(json) => self.load_entry(key, json, now_ms),
            }
        }
    }

    /// Put back an entry from the app's journal of saves, for when the browser lost a write it
    /// had accepted (it commits localStorage to disk a few seconds later). A document is merged
    /// with what is stored, so replaying an entry the store already holds changes nothing.
    /// Returns whether anything changed.
    pub fn replay(
        &mut self,
        key: &str,
        value: Option<&str>,
        now_ms: u64,
    ) -> Result<bool, SaveError> {
        let stored = self.backend.get(key);
        if stored.as_deref() == value {
            return Ok(false);
        }
        match (keys::parse_doc(key), value) {
            (Some((kind, _)), Some(journaled)) => {
                let kind = kind.to_owned();
                let mut merged = Replica::decode(journaled)
                    .map_err(|error| SaveError::Unreadable(error.to_string()))?;
                if let Some(stored) = stored.and_then(|json| Replica::decode(&json).ok()) {
                    merged.merge(&stored);
                    // The stored entry already holds every journaled edit (it is newer).
                    if merged == stored {
                        return Ok(false);
                    }
                }
                self.observe(merged.updated());
                self.write_kind(&kind, key, &mut merged)?;
            }
            (_, Some(journaled)) => {
                self.put(key, journaled)?;
                self.reload(key, now_ms);
            }
            (_, None) => {
                self.take(key);
                self.reload(key, now_ms);
            }
        }
        Ok(true)
    }

    /// The keys written or removed since the last call, each once, for redrawing what changed.
    pub fn take_changed(&mut self) -> Vec<String> {
        let mut changed = std::mem::take(&mut self.changed);
        fieldbook_core::sort::sort_by(&mut changed, Ord::cmp);
        changed.dedup();
        changed
    }

    /// [`Store::take_changed`], with each entry as it now stands (None: removed), for the app's
    /// journal of saves.
    pub fn take_written(&mut self) -> Vec<(String, Option<String>)> {
        self.take_changed()
            .into_iter()
            .map(|key| {
                let value = self.backend.get(&key);
                (key, value)
            })
            .collect()
    }

    /// The entry under `key` as stored, unpacked.
    pub fn entry(&self, key: &str) -> Option<String> {
        self.backend.get(key)
    }

    fn heal(&mut self, key: &str, theirs: &str) -> Option<String> {
        let mine = Replica::decode(self.written.get(key)?).ok()?;
        let mut merged = Replica::decode(theirs).ok()?;
        let before = merged.clone();
        merged.merge(&mine);
        if merged == before {
            return None;
        }
        let json = merged.encode();
        self.backend.set(key, &json).ok()?;
        self.written.insert(key.to_owned(), json.clone());
        self.changed.push(key.to_owned());
        Some(json)
    }

    pub fn docs<D: Kind>(&self) -> &crate::kinds::Collection<D> {
        D::collection(&self.docs)
    }

    pub fn device(&self) -> DeviceId {
        self.clock.device()
    }

    pub fn is_durable(&self) -> bool {
        self.backend.is_durable()
    }

    pub fn usage(&self) -> Usage {
        Usage {
            used_bytes: self.used_bytes,
            quota_bytes: ESTIMATED_QUOTA_BYTES,
        }
    }

    pub fn quarantined(&self) -> &[Quarantined] {
        &self.quarantined
    }

    pub fn kept(&self) -> &[Kept] {
        &self.kept
    }

    /// How many leftovers of an interrupted clean-up start-up tidied away.
    pub fn repaired(&self) -> usize {
        self.repaired
    }

    pub(crate) fn recount(&mut self) {
        self.used_bytes = self
            .backend
            .keys()
            .iter()
            .map(|key| self.backend.cost_of(key))
            .sum();
    }

    /// Move a quarantined entry out for good (after exporting it).
    pub fn discard_quarantined(&mut self, key: &str) {
        if let Some(index) = self.quarantined.iter().position(|entry| entry.key == key) {
            let entry = self.quarantined.remove(index);
            quarantine::discard(&mut self.backend, &entry);
            self.changed.push(keys::quarantine(key));
            self.recount();
        }
    }

    /// Write one entry that is not a document (a draft, settings, a framework), keeping the
    /// usage figure true. Fails without changing anything.
    pub(crate) fn put(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        let old_cost = self.backend.cost_of(key);
        let new_cost = self
            .backend
            .set(key, value)
            .map_err(|error| self.save_error(error))?;
        // Another tab's writes are not in the count, so it may briefly be off.
        self.used_bytes = self.used_bytes.saturating_sub(old_cost) + new_cost;
        self.changed.push(key.to_owned());
        Ok(())
    }

    pub(crate) fn take(&mut self, key: &str) {
        self.used_bytes = self.used_bytes.saturating_sub(self.backend.cost_of(key));
        self.backend.remove(key);
        self.changed.push(key.to_owned());
    }

    /// Remove an entry without counting (the caller recounts after many).
    pub(crate) fn remove_entry(&mut self, key: &str) {
        self.backend.remove(key);
        self.changed.push(key.to_owned());
    }
}

/// A copy as the server sent it for document `id`, read into its type.
pub(crate) fn decode_sent<D: Kind>(id: Id, json: &str) -> Result<Stored<D>, SaveError> {
    match Replica::decode_doc::<D>(json) {
        Ok(stored) if stored.doc.id() == id => Ok(stored),
        Ok(stored) => Err(SaveError::Unreadable(format!(
            "it was sent as {id} but holds {}",
            stored.doc.id()
        ))),
        Err(DecodeError::Materialise(MaterialiseError::NewerVersion { .. })) => {
            Err(SaveError::Newer)
        }
        Err(error) => Err(SaveError::Unreadable(error.to_string())),
    }
}

/// This device's id: read, or made and stored on first start.
fn device(backend: &mut Entries, mut random: impl FnMut(&mut [u8])) -> DeviceId {
    if let Some(id) = backend.get(keys::DEVICE).and_then(|text| text.parse().ok()) {
        return id;
    }
    let mut bytes = [0u8; 16];
    random(&mut bytes);
    let id = Id::from_random(bytes);
    // If this fails the next start makes another id, which only costs a little compression.
    let _ = backend.set(keys::DEVICE, &id.to_string());
    id
}

pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
