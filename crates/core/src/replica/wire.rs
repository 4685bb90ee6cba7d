//! The compact JSON form of a replica, used in storage and on the wire.
//!
//! It is laid out so that the common read, "give me the record", is one typed parse:
//! `f` holds the document exactly as its Rust type reads it (lists as arrays of their live
//! elements, in id order), and the merge machinery sits beside it. Stamps are the bulk of a naive
//! encoding and most fields share a few of them, so stamps go in a table `t` as
//! `[wall_ms, counter, device]` with devices listed once in `d`; only the fields whose stamp is not
//! the creation stamp `t[0]` are named in `s`, by path (`n`, or `p/<element>/x`). `ls` names the
//! keys of `f` that are element lists; `x` keeps deleted elements, so their values still merge; and
//! `del` says the document is deleted, so a typed read need not work it out from stamps.
//!
//! ```json
//! {"k":"venue","v":1,"d":["…"],"t":[[1790000200000,0,0],[1790000300000,0,0]],"s":{"_del":1},
//!  "del":true,"f":{"id":"…","_del":true,"ar":"Brinnington","nm":"St Mary's Church Hall"}}
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Fields, Register, Replica};
use crate::document::Document;
use crate::id::{ElementId, Id};
use crate::stamp::{DeviceId, Stamp};

type Elements = BTreeMap<String, BTreeMap<ElementId, Map<String, Value>>>;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    k: String,
    v: u32,
    d: Vec<DeviceId>,
    t: Vec<(u64, u32, usize)>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    s: BTreeMap<String, usize>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    del: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ls: Vec<String>,
    f: Map<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    x: Elements,
}

/// Just what a typed read needs; serde skips the rest without building it.
#[derive(Deserialize)]
struct TypedWire<D> {
    k: String,
    v: u32,
    d: Vec<DeviceId>,
    t: Vec<(u64, u32, usize)>,
    #[serde(default)]
    del: bool,
    f: D,
}

impl<D> TypedWire<D> {
    /// The latest stamp in the table: when the document last changed.
    fn updated(&self) -> Option<Stamp> {
        let mut latest = None;
        for &(wall_ms, counter, device) in &self.t {
            let device = *self.d.get(device)?;
            latest = latest.max(Some(Stamp {
                wall_ms,
                counter,
                device,
            }));
        }
        latest
    }
}

/// A document read straight from its stored form.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<D> {
    pub doc: D,
    pub deleted: bool,
    /// When it last changed: compared with what the server has acknowledged, this says whether
    /// it still needs to sync.
    pub updated: Stamp,
}

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("this is not a Fieldbook document: {0}")]
    Json(#[from] serde_json::Error),
    #[error("this document is damaged: {0}")]
    Damaged(String),
    #[error(transparent)]
    Materialise(#[from] super::MaterialiseError),
}

/// Builds the stamp and device tables while encoding.
struct Tables {
    devices: Vec<DeviceId>,
    stamps: Vec<Stamp>,
    wire: Vec<(u64, u32, usize)>,
}

impl Tables {
    fn index(&mut self, stamp: Stamp) -> usize {
        if let Some(index) = self.stamps.iter().position(|known| *known == stamp) {
            return index;
        }
        let device = match self.devices.iter().position(|known| *known == stamp.device) {
            Some(index) => index,
            None => {
                self.devices.push(stamp.device);
                self.devices.len() - 1
            }
        };
        self.stamps.push(stamp);
        self.wire.push((stamp.wall_ms, stamp.counter, device));
        self.stamps.len() - 1
    }
}

impl Replica {
    pub fn encode(&self) -> String {
        let mut tables = Tables {
            devices: Vec::new(),
            stamps: Vec::new(),
            wire: Vec::new(),
        };
        tables.index(self.created);
        let mut paths = BTreeMap::new();
        let mut values = |fields: &Fields, prefix: &str, tables: &mut Tables| {
            let mut out = Map::new();
            for (key, register) in fields {
                let index = tables.index(register.stamp);
                if index != 0 {
                    paths.insert(format!("{prefix}{key}"), index);
                }
                out.insert(key.clone(), register.value.clone());
            }
            out
        };
        let mut f = values(&self.fields, "", &mut tables);
        f.insert("id".to_owned(), Value::String(self.id.to_string()));
        let mut lists = Vec::new();
        let mut deleted = Elements::new();
        for (list, elements) in &self.lists {
            let mut live = Vec::new();
            for (id, fields) in elements {
                let mut element = values(fields, &format!("{list}/{id}/"), &mut tables);
                if super::is_deleted(fields) {
                    deleted
                        .entry(list.clone())
                        .or_default()
                        .insert(*id, element);
                } else {
                    element.insert("i".to_owned(), Value::String(id.to_string()));
                    live.push(Value::Object(element));
                }
            }
            if !live.is_empty() {
                f.insert(list.clone(), Value::Array(live));
                lists.push(list.clone());
            }
        }
        let wire = Wire {
            k: self.kind.clone(),
            v: self.version,
            d: tables.devices,
            t: tables.wire,
            s: paths,
            del: self.is_deleted(),
            ls: lists,
            f,
            x: deleted,
        };
        serde_json::to_string(&wire).expect("a replica always serialises")
    }

    /// Read a stored document straight into its type: the fast path for lists and reports.
    /// Falls back to a full decode where the quick read cannot be trusted (another schema
    /// version, or a shape it does not fit), so errors are the same as [`Replica::to_doc`]'s.
    pub fn decode_doc<D: Document>(json: &str) -> Result<Stored<D>, DecodeError> {
        if let Ok(typed) = serde_json::from_str::<TypedWire<D>>(json) {
            if let Some(updated) = typed
                .updated()
                .filter(|_| typed.k == D::KIND && typed.v == D::VERSION)
            {
                return Ok(Stored {
                    doc: typed.f,
                    deleted: typed.del,
                    updated,
                });
            }
        }
        let replica = Replica::decode(json)?;
        Ok(replica.stored()?)
    }

    /// The typed document with its state, from a replica already decoded.
    pub fn stored<D: Document>(&self) -> Result<Stored<D>, super::MaterialiseError> {
        Ok(Stored {
            doc: self.to_doc()?,
            deleted: self.is_deleted(),
            updated: self.updated(),
        })
    }

    pub fn decode(json: &str) -> Result<Replica, DecodeError> {
        let mut wire: Wire = serde_json::from_str(json)?;
        let stamps = wire
            .t
            .iter()
            .map(|&(wall_ms, counter, device)| {
                let device = *wire.d.get(device).ok_or_else(|| {
                    DecodeError::Damaged(format!(
                        "a stamp names device {device}, which is not listed"
                    ))
                })?;
                Ok(Stamp {
                    wall_ms,
                    counter,
                    device,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let created = *stamps
            .first()
            .ok_or_else(|| DecodeError::Damaged("it has no stamps".to_owned()))?;
        let id: Id = match wire.f.remove("id") {
            Some(Value::String(id)) => id
                .parse()
                .map_err(|e| DecodeError::Damaged(format!("{e}")))?,
            _ => return Err(DecodeError::Damaged("it has no id".to_owned())),
        };
        let mut elements = std::mem::take(&mut wire.x);
        for list in std::mem::take(&mut wire.ls) {
            let Some(Value::Array(items)) = wire.f.remove(&list) else {
                return Err(DecodeError::Damaged(format!("the list {list} is missing")));
            };
            let live = elements.entry(list.clone()).or_default();
            for item in items {
                let Value::Object(mut element) = item else {
                    return Err(DecodeError::Damaged(format!(
                        "an entry in {list} is not an object"
                    )));
                };
                let id = match element.remove("i") {
                    Some(Value::String(id)) => id
                        .parse()
                        .map_err(|e| DecodeError::Damaged(format!("{e}")))?,
                    _ => {
                        return Err(DecodeError::Damaged(format!(
                            "an entry in {list} has no id"
                        )))
                    }
                };
                live.insert(id, element);
            }
        }
        let mut registers =
            |values: Map<String, Value>, prefix: &str| -> Result<Fields, DecodeError> {
                values
                    .into_iter()
                    .map(|(key, value)| {
                        // Most records carry no stamp overrides, so skip building the path.
                        let index = if wire.s.is_empty() {
                            0
                        } else {
                            wire.s.remove(&format!("{prefix}{key}")).unwrap_or(0)
                        };
                        let stamp = *stamps.get(index).ok_or_else(|| {
                            DecodeError::Damaged(format!(
                                "{prefix}{key} names stamp {index}, which is not listed"
                            ))
                        })?;
                        Ok((key, Register { stamp, value }))
                    })
                    .collect()
            };
        let fields = registers(std::mem::take(&mut wire.f), "")?;
        let mut lists = BTreeMap::new();
        for (list, items) in elements {
            let mut decoded = BTreeMap::new();
            for (id, values) in items {
                decoded.insert(id, registers(values, &format!("{list}/{id}/"))?);
            }
            lists.insert(list, decoded);
        }
        if let Some(path) = wire.s.keys().next() {
            return Err(DecodeError::Damaged(format!(
                "a stamp is given for {path}, which has no value"
            )));
        }
        Ok(Replica {
            kind: wire.k,
            version: wire.v,
            id,
            created,
            fields,
            lists,
        })
    }
}
