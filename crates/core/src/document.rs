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

impl Context {
    /// The context at `utc_ms` milliseconds since the Unix epoch, on a clock `offset_minutes`
    /// ahead of UTC. Browsers give exactly these two (`Date.now()` and `-getTimezoneOffset()`),
    /// not a local date. A time chrono cannot represent falls back to the epoch.
    pub fn at(utc_ms: i64, offset_minutes: i32) -> Context {
        let local_ms = utc_ms.saturating_add(i64::from(offset_minutes) * 60_000);
        let now = chrono::DateTime::from_timestamp_millis(local_ms)
            .unwrap_or_default()
            .naive_utc();
        Context { now }
    }
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
    /// The fields, of the document or of its list elements, that clearing a long-deleted one
    /// leaves as they are: those a typed read cannot do without (dates with no default) and the
    /// owner, which says whose tombstone it is. None of them may hold what people typed.
    const KEPT_WHEN_CLEARED: &'static [&'static str] = &[];

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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::Context;

    #[test]
    fn a_context_is_in_local_time() {
        // 2026-07-01 23:30 UTC is already 2 July in British Summer Time.
        let utc_ms = 1_782_948_600_000;
        let bst = Context::at(utc_ms, 60);
        let expected = NaiveDate::from_ymd_opt(2026, 7, 2)
            .unwrap()
            .and_hms_opt(0, 30, 0)
            .unwrap();
        assert_eq!(bst.now, expected);
        assert_eq!(
            Context::at(utc_ms, 0).now.date(),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
    }
}
