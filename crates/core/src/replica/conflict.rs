//! True conflicts: fields this device wrote that lost to a later write from elsewhere. Merging
//! already chose a winner; these let a person see what was lost and bring it back, field by
//! field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Register, Replica};
use crate::stamp::Stamp;

/// One field where this device's value lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LostField {
    /// `key` for a field, `list/element/key` for an element's.
    pub path: String,
    pub mine: Value,
    pub theirs: Value,
}

impl Replica {
    /// The fields of `mine` (this device's copy before merging) that `self` (the merged copy)
    /// holds a different, later value for. Fields `mine` never wrote are not conflicts.
    pub fn lost_fields(&self, mine: &Replica, device: crate::DeviceId) -> Vec<LostField> {
        let merged: std::collections::BTreeMap<String, &Register> = self.entries().collect();
        mine.entries()
            .filter(|(_, register)| register.stamp.device == device)
            .filter_map(|(path, register)| {
                let kept = merged.get(&path)?;
                (kept.stamp > register.stamp && kept.value != register.value).then(|| LostField {
                    path,
                    mine: register.value.clone(),
                    theirs: kept.value.clone(),
                })
            })
            .collect()
    }

    /// Write `value` at `path` with `stamp`, as resolving a conflict in favour of a lost value
    /// does. False if there is no such field.
    pub fn rewrite(&mut self, path: &str, value: Value, stamp: Stamp) -> bool {
        let register = match path.split('/').collect::<Vec<_>>()[..] {
            [key] => self.fields.get_mut(key),
            [list, element, key] => {
                let Ok(element) = element.parse() else {
                    return false;
                };
                self.lists
                    .get_mut(list)
                    .and_then(|elements| elements.get_mut(&element))
                    .and_then(|fields| fields.get_mut(key))
            }
            _ => None,
        };
        let Some(register) = register else {
            return false;
        };
        *register = Register { stamp, value };
        true
    }
}
