//! The raw key-value store: the browser's localStorage, or memory when the browser has none.

use std::collections::BTreeMap;

use wasm_bindgen::JsCast;
use web_sys::DomException;

use fieldbook_core::pack::{pack, unpack};

use super::keys;

/// Browsers give an origin about 5 MiB of localStorage, counted in UTF-16 code units; none says
/// exactly, so the gauge uses this estimate.
pub const ESTIMATED_QUOTA_BYTES: u64 = 5 * 1024 * 1024 * 2;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("storage is full")]
    Full,
    #[error("the browser refused to store it: {0}")]
    Refused(String),
}

/// Where entries live. `Memory` is the fallback when localStorage is missing or refuses every
/// write (some private modes): the app still runs, but nothing outlives the page.
pub enum Backend {
    Local(web_sys::Storage),
    Memory(BTreeMap<String, String>),
}

impl Backend {
    /// localStorage if it exists and takes a write, otherwise memory. Never panics: reaching
    /// localStorage can throw (a disabled setting, a sandboxed frame).
    pub fn open() -> Backend {
        let storage = web_sys::window()
            .and_then(|window| window.local_storage().ok().flatten())
            .filter(|storage| {
                // A full storage refuses the probe too, yet holds everything saved so far;
                // only a storage that refuses a write while holding nothing is unusable.
                let works = storage.set_item(keys::PROBE, "1").is_ok();
                let _ = storage.remove_item(keys::PROBE);
                works || storage.length().unwrap_or(0) > 0
            });
        match storage {
            Some(storage) => Backend::Local(storage),
            None => Backend::Memory(BTreeMap::new()),
        }
    }

    pub fn is_durable(&self) -> bool {
        matches!(self, Backend::Local(_))
    }

    /// The entry under `key`, unpacked (documents are stored packed; see `fieldbook_core::pack`).
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_with_cost(key).map(|(value, _)| value)
    }

    /// The entry under `key`, unpacked, and what it costs against the quota: one read for both.
    pub fn get_with_cost(&self, key: &str) -> Option<(String, u64)> {
        let raw = self.raw(key)?;
        let cost = cost(key, &raw);
        Some((if is_packed(key) { unpack(&raw) } else { raw }, cost))
    }

    /// The entry as the browser holds it.
    fn raw(&self, key: &str) -> Option<String> {
        match self {
            Backend::Local(storage) => storage.get_item(key).ok().flatten(),
            Backend::Memory(map) => map.get(key).cloned(),
        }
    }

    /// What the entry under `key` costs against the quota now; 0 when there is none.
    pub fn cost_of(&self, key: &str) -> u64 {
        self.raw(key).map_or(0, |raw| cost(key, &raw))
    }

    /// One atomic write: afterwards the browser holds `value`, or nothing changed. Returns what
    /// the new entry costs against the quota.
    pub fn set(&mut self, key: &str, value: &str) -> Result<u64, WriteError> {
        let packed;
        let stored = if is_packed(key) {
            packed = pack(value);
            packed.as_str()
        } else {
            value
        };
        match self {
            Backend::Local(storage) => storage.set_item(key, stored).map_err(write_error)?,
            Backend::Memory(map) => {
                map.insert(key.to_owned(), stored.to_owned());
            }
        }
        Ok(cost(key, stored))
    }

    pub fn remove(&mut self, key: &str) {
        match self {
            Backend::Local(storage) => {
                let _ = storage.remove_item(key);
            }
            Backend::Memory(map) => {
                map.remove(key);
            }
        }
    }

    /// Every key Fieldbook owns, in no particular order.
    pub fn keys(&self) -> Vec<String> {
        match self {
            Backend::Local(storage) => {
                let length = storage.length().unwrap_or(0);
                (0..length)
                    .filter_map(|index| storage.key(index).ok().flatten())
                    .filter(|key| key.starts_with(keys::PREFIX))
                    .collect()
            }
            Backend::Memory(map) => map.keys().cloned().collect(),
        }
    }
}

impl Backend {
    /// Everything stored for this origin, Fieldbook's or not, as counted against the quota.
    pub fn total_bytes(&self) -> u64 {
        match self {
            Backend::Local(storage) => (0..storage.length().unwrap_or(0))
                .filter_map(|index| storage.key(index).ok().flatten())
                .filter_map(|key| {
                    storage
                        .get_item(&key)
                        .ok()
                        .flatten()
                        .map(|value| cost(&key, &value))
                })
                .sum(),
            Backend::Memory(map) => map.iter().map(|(key, value)| cost(key, value)).sum(),
        }
    }
}

/// Documents are the bulk of what is stored, so they are packed to half the quota; settings and
/// drafts stay plain, readable JSON.
/// Documents, and the sync state that grows with them, are stored packed.
fn is_packed(key: &str) -> bool {
    keys::parse_doc(key).is_some() || key == keys::SYNC
}

/// What an entry costs against the quota: browsers count keys and values in UTF-16 code units.
pub fn cost(key: &str, value: &str) -> u64 {
    ((key.encode_utf16().count() + value.encode_utf16().count()) * 2) as u64
}

fn write_error(error: wasm_bindgen::JsValue) -> WriteError {
    match error.dyn_ref::<DomException>() {
        // Firefox once called it NS_ERROR_DOM_QUOTA_REACHED.
        Some(e) if e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" => {
            WriteError::Full
        }
        Some(e) => WriteError::Refused(e.message()),
        None => WriteError::Refused(format!("{error:?}")),
    }
}
