//! The store's view of its backend: documents and the sync state packed on the way in and
//! unpacked on the way out, and what each entry costs against the quota.

use fieldbook_core::pack::{pack_units, unpack_measured};

use crate::backend::{Backend, WriteError};
use crate::keys;

/// Browsers give an origin about 5 MiB of localStorage, counted in UTF-16 code units; none says
/// exactly, so the gauge uses this estimate.
pub const ESTIMATED_QUOTA_BYTES: u64 = 5 * 1024 * 1024 * 2;

pub struct Entries(Box<dyn Backend>);

impl Entries {
    pub fn new(backend: Box<dyn Backend>) -> Entries {
        Entries(backend)
    }

    /// The backend itself, to hand on when the store is opened again.
    pub fn into_backend(self) -> Box<dyn Backend> {
        self.0
    }

    pub fn is_durable(&self) -> bool {
        self.0.is_durable()
    }

    /// The entry under `key`, unpacked (documents are stored packed; see `fieldbook_core::pack`).
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_with_cost(key).map(|(value, _)| value)
    }

    /// The entry under `key`, unpacked, and what it costs against the quota: one read for both.
    pub fn get_with_cost(&self, key: &str) -> Option<(String, u64)> {
        let raw = self.0.get(key)?;
        if is_packed(key) {
            let (value, units) = unpack_measured(&raw);
            return Some((value, units_cost(key, units)));
        }
        let cost = cost(key, &raw);
        Some((raw, cost))
    }

    /// Whether there is an entry under `key`.
    pub fn has(&self, key: &str) -> bool {
        self.0.get(key).is_some()
    }

    /// What the entry under `key` costs against the quota now; 0 when there is none.
    pub fn cost_of(&self, key: &str) -> u64 {
        self.0.get(key).map_or(0, |raw| cost(key, &raw))
    }

    /// One atomic write: afterwards the backend holds `value`, or nothing changed. Returns what
    /// the new entry costs against the quota.
    pub fn set(&mut self, key: &str, value: &str) -> Result<u64, WriteError> {
        if is_packed(key) {
            let units = pack_units(value);
            self.0.set_units(key, &units)?;
            return Ok(units_cost(key, units.len()));
        }
        self.0.set(key, value)?;
        Ok(cost(key, value))
    }

    pub fn remove(&mut self, key: &str) {
        self.0.remove(key);
    }

    /// Every key Fieldbook owns, in no particular order.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = self.0.keys();
        keys.retain(|key| key.starts_with(keys::PREFIX));
        keys
    }

    /// Everything stored for this origin, Fieldbook's or not, as counted against the quota.
    pub fn total_bytes(&self) -> u64 {
        self.0.keys().iter().map(|key| self.cost_of(key)).sum()
    }
}

/// Documents, and the sync state that grows with them, are the bulk of what is stored, so they
/// are packed to half the quota; settings and drafts stay plain, readable JSON.
fn is_packed(key: &str) -> bool {
    keys::parse_doc(key).is_some() || key == keys::SYNC
}

/// What an entry costs against the quota: browsers count keys and values in UTF-16 code units.
pub fn cost(key: &str, value: &str) -> u64 {
    units_cost(key, value.encode_utf16().count())
}

/// What an entry costs whose value is `units` UTF-16 code units long.
fn units_cost(key: &str, units: usize) -> u64 {
    ((key.encode_utf16().count() + units) * 2) as u64
}
