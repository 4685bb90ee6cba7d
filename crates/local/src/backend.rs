//! Where entries are kept: a small key-value interface, so the store runs over the browser's
//! localStorage in the app and over memory (with faults injected) in tests.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("storage is full")]
    Full,
    #[error("the browser refused to store it: {0}")]
    Refused(String),
}

/// A key-value store of text, as localStorage is: every write is whole and atomic.
pub trait Backend {
    /// The entry under `key`, exactly as stored.
    fn get(&self, key: &str) -> Option<String>;
    /// Afterwards the backend holds `value` under `key`, or nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError>;
    /// [`Backend::set`] with the value as UTF-16 code units, as browsers store it: for packed
    /// entries, which the browser's backend then passes on with no conversion through UTF-8.
    /// The units are always valid UTF-16.
    fn set_units(&mut self, key: &str, units: &[u16]) -> Result<(), WriteError> {
        self.set(key, &String::from_utf16_lossy(units))
    }
    fn remove(&mut self, key: &str);
    /// Every key, Fieldbook's or not (they share the quota), in no particular order.
    fn keys(&self) -> Vec<String>;
    /// False when nothing outlives the page (memory standing in for a missing localStorage).
    fn is_durable(&self) -> bool {
        true
    }
}

/// Entries in memory: what the app uses where the browser keeps nothing (some private modes),
/// and what tests run the store over.
#[derive(Debug, Clone, Default)]
pub struct Memory(pub BTreeMap<String, String>);

impl Backend for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        self.0.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }

    fn is_durable(&self) -> bool {
        false
    }
}
