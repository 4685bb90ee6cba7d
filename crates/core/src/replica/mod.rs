//! Mergeable documents: a document as a set of fields, each stamped with when it was written.
//!
//! Every field is a last-writer-wins register. List fields (priorities, actions, evidence) are
//! maps from element id to an element, whose fields are registers too, so two devices that edit
//! different elements, or different fields of one element, both keep their edits. Deletes are
//! registers as well (a tombstone with a stamp), so a delete can be undone, and an edit made after
//! a delete brings the document or element back. Merging is taking the later register field by
//! field; that is commutative, associative and idempotent, so replicas that have seen the same
//! writes hold the same state whatever order the writes arrived in.

mod clear;
mod conflict;
mod edit;
mod register;
mod restamp;
mod schema;
mod wire;

use std::collections::BTreeMap;

use serde_json::Value;

pub use clear::Cleared;
pub use conflict::LostField;
pub use edit::MaterialiseError;
pub use register::Register;
pub use restamp::MAX_AHEAD_MS;
pub use wire::{DecodeError, Stored};

use crate::id::{ElementId, Id};
use crate::stamp::Stamp;

/// The key of the tombstone register, in a document's fields and in each element's.
pub(crate) const DELETED: &str = "_del";

pub(crate) type Fields = BTreeMap<String, Register>;

/// What [`Replica::absorb`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absorbed {
    pub changed: bool,
    pub lost: bool,
}

/// One document as every device holds it, with the stamps that let copies merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replica {
    kind: String,
    version: u32,
    id: Id,
    created: Stamp,
    fields: Fields,
    lists: BTreeMap<String, BTreeMap<ElementId, Fields>>,
}

impl Replica {
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The schema version of the document's fields.
    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn id(&self) -> Id {
        self.id
    }

    /// The stamp of the write that created the document.
    pub fn created(&self) -> Stamp {
        self.created
    }

    /// The latest stamp of any write: when the document last changed.
    pub fn updated(&self) -> Stamp {
        self.registers()
            .map(|register| register.stamp)
            .fold(self.created, Stamp::max)
    }

    /// A deleted document stays as a tombstone, so that the delete reaches every device.
    pub fn is_deleted(&self) -> bool {
        is_deleted(&self.fields)
    }

    /// Merge another copy of the same document into this one.
    ///
    /// # Panics
    /// If the other copy is of another document: callers merge by id.
    pub fn merge(&mut self, other: &Replica) {
        assert_eq!(self.id, other.id, "only copies of one document merge");
        self.created = self.created.min(other.created);
        self.version = self.version.max(other.version);
        if self.kind < other.kind {
            // Two kinds under one id cannot happen honestly; pick one deterministically.
            self.kind.clone_from(&other.kind);
        }
        merge_fields(&mut self.fields, &other.fields);
        for (list, elements) in other
            .lists
            .iter()
            .filter(|(_, elements)| !elements.is_empty())
        {
            let mine = self.lists.entry(list.clone()).or_default();
            for (element, fields) in elements {
                merge_fields(mine.entry(*element).or_default(), fields);
            }
        }
    }

    /// Merge `incoming` in, saying what that did: whether this copy changed, and whether any of
    /// `incoming`'s fields lost to a later write already here (a conflict the sender should hear
    /// about, with this copy, so that it merges it too).
    pub fn absorb(&mut self, incoming: &Replica) -> Absorbed {
        let before = self.clone();
        self.merge(incoming);
        let merged: BTreeMap<String, &Register> = self.entries().collect();
        let lost = incoming.entries().any(|(path, register)| {
            merged
                .get(&path)
                .is_some_and(|kept| kept.stamp > register.stamp)
        });
        Absorbed {
            changed: *self != before,
            lost,
        }
    }

    /// Only the writes later than `stamp`: what a device that has seen everything up to then
    /// still needs. Merging the result into such a copy gives the same as merging all of this.
    pub fn since(&self, stamp: Stamp) -> Replica {
        let newer = |fields: &Fields| -> Fields {
            fields
                .iter()
                .filter(|(_, register)| register.stamp > stamp)
                .map(|(key, register)| (key.clone(), register.clone()))
                .collect()
        };
        let lists = self
            .lists
            .iter()
            .map(|(list, elements)| {
                let elements: BTreeMap<_, _> = elements
                    .iter()
                    .map(|(id, fields)| (*id, newer(fields)))
                    .filter(|(_, fields)| !fields.is_empty())
                    .collect();
                (list.clone(), elements)
            })
            .filter(|(_, elements)| !elements.is_empty())
            .collect();
        Replica {
            fields: newer(&self.fields),
            lists,
            kind: self.kind.clone(),
            ..*self
        }
    }

    /// Every register with its path: `key` for a field, `list/element/key` for an element's.
    pub fn entries(&self) -> impl Iterator<Item = (String, &Register)> {
        let fields = self
            .fields
            .iter()
            .map(|(key, register)| (key.clone(), register));
        let elements = self.lists.iter().flat_map(|(list, elements)| {
            elements.iter().flat_map(move |(id, fields)| {
                fields
                    .iter()
                    .map(move |(key, register)| (format!("{list}/{id}/{key}"), register))
            })
        });
        fields.chain(elements)
    }

    fn registers(&self) -> impl Iterator<Item = &Register> {
        self.fields.values().chain(
            self.lists
                .values()
                .flat_map(|elements| elements.values().flat_map(|fields| fields.values())),
        )
    }
}

fn merge_fields(mine: &mut Fields, theirs: &Fields) {
    for (key, register) in theirs {
        match mine.get_mut(key) {
            Some(existing) => existing.merge(register),
            None => {
                mine.insert(key.clone(), register.clone());
            }
        }
    }
}

/// Deleted when the tombstone says so and no field was written after it: an edit made after a
/// delete (on a device that had not yet seen it) brings the document back rather than being lost.
fn is_deleted(fields: &Fields) -> bool {
    let Some(tombstone) = fields.get(DELETED) else {
        return false;
    };
    tombstone.value == Value::Bool(true)
        && fields
            .iter()
            .filter(|(key, _)| key.as_str() != DELETED)
            .all(|(_, register)| register.stamp < tombstone.stamp)
}
