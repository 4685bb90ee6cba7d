//! What every stored or synced document type has in common: a kind, a schema version, an id,
//! the names of its element lists, a validation, and migrations from older versions.

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::id::Id;
use crate::validate::Issue;

/// What validation needs from outside the document: core never reads the clock itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The current local date and time, passed in by the caller.
    pub now: NaiveDateTime,
}

/// A document type. Its serde form is an object whose keys are its fields; the keys named in
/// [`Document::LISTS`] hold arrays of objects, each with an element id under `"i"`, which merge
/// element by element.
pub trait Document: Serialize + DeserializeOwned + Clone + PartialEq + std::fmt::Debug {
    /// A short, stable name for the type, stored with every document.
    const KIND: &'static str;
    /// The schema version this build writes.
    const VERSION: u32;
    /// The keys of the fields that are lists of elements.
    const LISTS: &'static [&'static str] = &[];

    fn id(&self) -> Id;

    /// Every problem with the document, or `Ok(())`.
    fn validate(&self, context: &Context) -> Result<(), Vec<Issue>>;

    /// Rewrite the fields of a document stored at schema version `from` (older than
    /// [`Document::VERSION`]) into the current shape. Version 1 is the first, so by default
    /// there is nothing to do.
    fn migrate(from: u32, fields: &mut serde_json::Map<String, serde_json::Value>) {
        let _ = (from, fields);
    }
}
