//! Whether a replica holds only what its document type knows: registers at paths that are fields
//! of the type, and lists of a bounded length.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{Fields, Replica, DELETED};
use crate::document::Document;

impl Replica {
    /// The paths of registers that are not fields of `D` (`key`, or `list/element/key`), deleted
    /// elements included, so nothing the type would drop can ride along in a stored record.
    /// Errors when the replica does not fit `D` at all.
    pub fn unknown_paths<D: Document>(&self) -> Result<Vec<String>, super::MaterialiseError> {
        let mut unknown = Vec::new();
        let mut map = Map::new();
        map.insert("id".to_owned(), Value::String(self.id.to_string()));
        for (key, register) in &self.fields {
            if D::LISTS.contains(&key.as_str()) {
                // A list travels in `lists`; a plain register under its name is never read.
                unknown.push(key.clone());
            } else if key != DELETED {
                map.insert(key.clone(), register.value.clone());
            }
        }
        for (list, elements) in &self.lists {
            if !D::LISTS.contains(&list.as_str()) {
                unknown.extend(self.paths_in(list));
                continue;
            }
            // Deleted elements too: their values still merge and travel.
            let items = elements
                .iter()
                .map(|(id, fields)| {
                    let mut item = values(fields);
                    item.insert("i".to_owned(), Value::String(id.to_string()));
                    Value::Object(item)
                })
                .collect();
            map.insert(list.clone(), Value::Array(items));
        }
        if self.version < D::VERSION {
            D::migrate(self.version, &mut map);
        }
        // Read from a borrow: the map is compared with what the type keeps below.
        let map = Value::Object(map);
        let doc = D::deserialize(&map).map_err(|source| super::MaterialiseError::Shape {
            kind: D::KIND,
            source,
        })?;
        let known = match serde_json::to_value(&doc) {
            Ok(Value::Object(known)) => known,
            _ => Map::new(),
        };
        for (key, value) in map.as_object().into_iter().flatten() {
            if !known.contains_key(key) {
                unknown.push(key.clone());
                continue;
            }
            let (Value::Array(items), Some(Value::Array(known_items))) = (value, known.get(key))
            else {
                continue;
            };
            let element_keys: BTreeSet<&String> = known_items
                .iter()
                .filter_map(Value::as_object)
                .flat_map(Map::keys)
                .collect();
            for item in items.iter().filter_map(Value::as_object) {
                let id = item.get("i").and_then(Value::as_str).unwrap_or_default();
                for field in item.keys() {
                    if !element_keys.contains(field) {
                        unknown.push(format!("{key}/{id}/{field}"));
                    }
                }
            }
        }
        Ok(unknown)
    }

    /// The longest element list, deleted elements included, and its length.
    pub fn longest_list(&self) -> Option<(&str, usize)> {
        self.lists
            .iter()
            .map(|(list, elements)| (list.as_str(), elements.len()))
            .max_by_key(|(_, length)| *length)
    }

    fn paths_in(&self, list: &str) -> Vec<String> {
        self.entries()
            .map(|(path, _)| path)
            .filter(|path| path.starts_with(&format!("{list}/")))
            .collect()
    }
}

/// An element's values, leaving out its tombstone, which every element may have.
fn values(fields: &Fields) -> Map<String, Value> {
    fields
        .iter()
        .filter(|(key, _)| key.as_str() != DELETED)
        .map(|(key, register)| (key.clone(), register.value.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::Engagement;
    use crate::{sample, Id, Replica, Stamp};

    fn stamp() -> Stamp {
        Stamp {
            wall_ms: 1_000,
            counter: 0,
            device: Id::from_random([1; 16]),
        }
    }

    fn with_extra(extra: impl FnOnce(&mut serde_json::Value)) -> Replica {
        let record = sample::engagement(3);
        let mut wire: serde_json::Value =
            serde_json::from_str(&Replica::create(&record, stamp()).encode()).unwrap();
        extra(&mut wire);
        Replica::decode(&wire.to_string()).unwrap()
    }

    #[test]
    fn a_record_as_written_has_no_unknown_paths() {
        let mut record = sample::engagement(3);
        let mut replica = Replica::create(&record, stamp());
        record.priorities.clear();
        replica.update(
            &record,
            Stamp {
                wall_ms: 2_000,
                ..stamp()
            },
        );
        assert!(replica
            .to_doc::<Engagement>()
            .unwrap()
            .priorities
            .is_empty());
        assert_eq!(
            replica.unknown_paths::<Engagement>().unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unknown_fields_anywhere_are_named() {
        let replica = with_extra(|wire| {
            wire["f"]["zz"] = "x".repeat(10).into();
            let element = wire["f"]["p"][0].as_object_mut().unwrap();
            element.insert("hidden".into(), 1.into());
        });
        let paths = replica.unknown_paths::<Engagement>().unwrap();
        assert_eq!(paths.len(), 2, "{paths:?}");
        assert!(paths[0].starts_with("p/") && paths[0].ends_with("/hidden"));
        assert_eq!(paths[1], "zz");
    }

    #[test]
    fn a_list_the_type_does_not_have_is_unknown() {
        let replica = with_extra(|wire| {
            wire["ls"].as_array_mut().unwrap().push("junk".into());
            let id = crate::ElementId::new(1_000, [1; 4]).to_string();
            wire["f"]["junk"] = serde_json::json!([{ "i": id, "x": 1 }]);
        });
        let paths = replica.unknown_paths::<Engagement>().unwrap();
        assert_eq!(paths.len(), 1, "{paths:?}");
        assert!(paths[0].starts_with("junk/"));
    }
}
