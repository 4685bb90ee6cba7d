//! Clearing what a long-deleted document or list element held, keeping only its tombstone.
//!
//! A delete is undoable, so a deleted document keeps its content for a while. Once "Undo
//! delete" is past, clearing overwrites each field with null (which reads as the field's
//! default) by a write later than any other, so no older copy can bring the content back when it
//! merges in. A field written after a tombstone brings the document back, so the tombstone is
//! then written again, later still: the clearing leaves the document deleted.

use serde_json::Value;

use super::edit::bury;
use super::{is_deleted, Fields, Register, Replica, DELETED};
use crate::document::Document;
use crate::stamp::{Clock, Stamp};

/// What [`Replica::clear_deleted`] cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleared {
    /// Whether the document itself was deleted long enough ago to be cleared.
    pub document: bool,
    /// List elements cleared on their own: deleted long enough ago inside a document that is
    /// not.
    pub elements: usize,
}

impl Cleared {
    pub fn any(self) -> bool {
        self.document || self.elements > 0
    }
}

impl Replica {
    /// Clear the document if it was deleted before `deleted_before_ms`, and each list element
    /// deleted before then, leaving the fields `D` keeps ([`Document::KEPT_WHEN_CLEARED`]).
    /// `clock` stamps the writes, after everything this replica holds. Content already cleared
    /// is not written again, so clearing twice changes nothing. A replica of another kind, or of
    /// a newer schema whose fields this build does not know, is left alone.
    pub fn clear_deleted<D: Document>(
        &mut self,
        deleted_before_ms: u64,
        clock: &mut Clock,
        now_ms: u64,
    ) -> Cleared {
        if self.kind != D::KIND || self.version > D::VERSION {
            return Cleared::default();
        }
        let long_deleted = |fields: &Fields| {
            deleted_at(fields).is_some_and(|stamp| stamp.wall_ms < deleted_before_ms)
        };
        clock.observe(self.updated());
        let content = clock.tick(now_ms);
        let tombstone = clock.tick(now_ms);
        let keep = D::KEPT_WHEN_CLEARED;
        let mut cleared = Cleared::default();

        if long_deleted(&self.fields) {
            let mut changed = self.null_unwritten::<D>(content);
            changed |= clear(&mut self.fields, keep, content);
            for element in self
                .lists
                .values_mut()
                .flat_map(|elements| elements.values_mut())
            {
                changed |= clear(element, keep, content);
            }
            if changed {
                bury(&mut self.fields, tombstone);
                cleared.document = true;
            }
            return cleared;
        }

        for element in self
            .lists
            .values_mut()
            .flat_map(|elements| elements.values_mut())
        {
            if long_deleted(element) && clear(element, keep, content) {
                bury(element, tombstone);
                cleared.elements += 1;
            }
        }
        cleared
    }

    /// Write null to every field `D` has that this copy never held, so that an older copy
    /// cannot fill one in. True if there were any.
    fn null_unwritten<D: Document>(&mut self, stamp: Stamp) -> bool {
        let doc = self.to_doc::<D>().ok();
        let Some(Value::Object(map)) = doc.and_then(|doc| serde_json::to_value(doc).ok()) else {
            return false;
        };
        let mut changed = false;
        for (key, _) in map {
            let skip = key == "id"
                || D::LISTS.contains(&key.as_str())
                || D::KEPT_WHEN_CLEARED.contains(&key.as_str())
                || self.fields.contains_key(&key);
            if !skip {
                let value = Value::Null;
                self.fields.insert(key, Register { stamp, value });
                changed = true;
            }
        }
        changed
    }
}

fn deleted_at(fields: &Fields) -> Option<Stamp> {
    is_deleted(fields)
        .then(|| fields.get(DELETED).map(|register| register.stamp))
        .flatten()
}

/// Null every field but the tombstone and those kept; true if any held something.
fn clear(fields: &mut Fields, keep: &[&str], stamp: Stamp) -> bool {
    let mut changed = false;
    for (key, register) in fields.iter_mut() {
        if key == DELETED || keep.contains(&key.as_str()) || register.value.is_null() {
            continue;
        }
        *register = Register {
            stamp,
            value: Value::Null,
        };
        changed = true;
    }
    changed
}
