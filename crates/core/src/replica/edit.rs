//! Between typed documents and replicas: recording an edit as stamped field writes, and reading
//! the current document back out.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{is_deleted, Fields, Register, Replica, DELETED};
use crate::document::Document;
use crate::id::ElementId;
use crate::stamp::Stamp;

/// Why a replica could not be read as a document of some type.
#[derive(Debug, thiserror::Error)]
pub enum MaterialiseError {
    #[error("this is a {found} document, not a {expected}")]
    WrongKind {
        expected: &'static str,
        found: String,
    },
    #[error(
        "this {kind} was written by a newer version of Fieldbook (schema {found}; this version \
         reads up to {supported}); it is kept as it is until the app is updated"
    )]
    NewerVersion {
        kind: &'static str,
        found: u32,
        supported: u32,
    },
    #[error("this {kind} does not fit its schema: {source}")]
    Shape {
        kind: &'static str,
        source: serde_json::Error,
    },
}

impl Replica {
    /// A new replica holding every field of `doc`, all written at `stamp`.
    pub fn create<D: Document>(doc: &D, stamp: Stamp) -> Replica {
        let mut replica = Replica {
            kind: D::KIND.to_owned(),
            version: D::VERSION,
            id: doc.id(),
            created: stamp,
            fields: Fields::new(),
            lists: Default::default(),
        };
        replica.update(doc, stamp);
        replica
    }

    /// Record `doc` as the document's new state: each field (and each list element's field)
    /// that differs from the current one is written at `stamp`; elements no longer in a list are
    /// deleted. Returns whether anything changed.
    pub fn update<D: Document>(&mut self, doc: &D, stamp: Stamp) -> bool {
        let before = self.clone();
        for (key, value) in as_object(doc) {
            if key == "id" {
                continue;
            }
            match value {
                Value::Array(items) if D::LISTS.contains(&key.as_str()) => {
                    self.update_list(key, items, stamp);
                }
                value => write(&mut self.fields, key, value, stamp),
            }
        }
        self.version = D::VERSION;
        *self != before
    }

    /// Record what changed between `base` (the document as the editor loaded it) and `edited`,
    /// on top of this replica's current state. Unlike [`Replica::update`], a field the editor did
    /// not touch keeps whatever this replica holds now, even if another tab or device changed it
    /// after the editor loaded `base`. `stamp` must be later than [`Replica::updated`].
    pub fn apply<D: Document>(&mut self, base: &D, edited: &D, stamp: Stamp) -> bool {
        let origin = Stamp {
            wall_ms: 0,
            counter: 0,
            device: stamp.device,
        };
        let mut scratch = Replica::create(base, origin);
        scratch.update(edited, stamp);
        let mut changes = scratch.since(origin);
        changes.created = self.created;
        let before = self.clone();
        self.merge(&changes);
        *self != before
    }

    fn update_list(&mut self, list: String, items: Vec<Value>, stamp: Stamp) {
        if items.is_empty() && !self.lists.contains_key(&list) {
            return;
        }
        let elements = self.lists.entry(list).or_default();
        let mut present = BTreeSet::new();
        for item in items {
            let Value::Object(mut fields) = item else {
                continue;
            };
            let Some(id) = fields
                .remove("i")
                .and_then(|id| serde_json::from_value::<ElementId>(id).ok())
            else {
                continue;
            };
            present.insert(id);
            let element = elements.entry(id).or_default();
            if element.contains_key(DELETED) && is_deleted(element) {
                write(element, DELETED.to_owned(), Value::Bool(false), stamp);
            }
            for (key, value) in fields {
                write(element, key, value, stamp);
            }
        }
        for (id, element) in elements.iter_mut() {
            if !present.contains(id) && !is_deleted(element) {
                bury(element, stamp);
            }
        }
    }

    /// Delete the document, leaving a tombstone that syncs like any other write.
    pub fn delete(&mut self, stamp: Stamp) {
        if !self.is_deleted() {
            bury(&mut self.fields, stamp);
        }
    }

    /// Undo a delete.
    pub fn restore(&mut self, stamp: Stamp) {
        write(
            &mut self.fields,
            DELETED.to_owned(),
            Value::Bool(false),
            stamp,
        );
    }

    /// The document as it now stands: deleted elements left out, older schemas migrated.
    pub fn to_doc<D: Document>(&self) -> Result<D, MaterialiseError> {
        if self.kind != D::KIND {
            return Err(MaterialiseError::WrongKind {
                expected: D::KIND,
                found: self.kind.clone(),
            });
        }
        if self.version > D::VERSION {
            return Err(MaterialiseError::NewerVersion {
                kind: D::KIND,
                found: self.version,
                supported: D::VERSION,
            });
        }
        let mut map = Map::new();
        map.insert("id".to_owned(), Value::String(self.id.to_string()));
        // A null field reads as absent, so its type's default applies: that is what a cleared
        // field holds (see `clear`), whatever its type.
        for (key, register) in &self.fields {
            if key != DELETED && !register.value.is_null() {
                map.insert(key.clone(), register.value.clone());
            }
        }
        for list in D::LISTS {
            let items = self
                .lists
                .get(*list)
                .into_iter()
                .flatten()
                .filter(|(_, fields)| !is_deleted(fields))
                .map(|(id, fields)| {
                    let mut item = Map::new();
                    item.insert("i".to_owned(), Value::String(id.to_string()));
                    for (key, register) in fields {
                        if key != DELETED && !register.value.is_null() {
                            item.insert(key.clone(), register.value.clone());
                        }
                    }
                    Value::Object(item)
                })
                .collect();
            map.insert((*list).to_owned(), Value::Array(items));
        }
        if self.version < D::VERSION {
            D::migrate(self.version, &mut map);
        }
        serde_json::from_value(Value::Object(map)).map_err(|source| MaterialiseError::Shape {
            kind: D::KIND,
            source,
        })
    }
}

/// Write the tombstone at `stamp`, even over one that already says deleted: a field written
/// after that one brought the document or element back, and only a later tombstone deletes it
/// again.
pub(super) fn bury(fields: &mut Fields, stamp: Stamp) {
    fields.insert(
        DELETED.to_owned(),
        Register {
            stamp,
            value: Value::Bool(true),
        },
    );
}

fn as_object<D: Document>(doc: &D) -> Map<String, Value> {
    match serde_json::to_value(doc) {
        Ok(Value::Object(map)) => map,
        // Document types are structs, whose serde form is always an object.
        other => panic!("a {} did not serialise to an object: {other:?}", D::KIND),
    }
}

/// Write `value` at `stamp` unless the field already holds it. A field never written reads as
/// empty, so writing an empty value to it changes nothing: it is not stored, which keeps records
/// small, and it cannot clear a value another device set that this one has not yet seen.
fn write(fields: &mut Fields, key: String, value: Value, stamp: Stamp) {
    let unchanged = match fields.get(&key) {
        Some(register) => register.value == value,
        None => is_empty(&value),
    };
    if unchanged {
        return;
    }
    fields.insert(key, Register { stamp, value });
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}
