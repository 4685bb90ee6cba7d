//! A last-writer-wins register: one field's value and the stamp of the write that set it.

use serde_json::Value;

use crate::stamp::Stamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub stamp: Stamp,
    pub value: Value,
}

impl Register {
    /// Keep whichever write is later. Equal stamps come from one write, so their values agree;
    /// should they not (a buggy peer), the larger value wins so every replica picks the same.
    pub fn merge(&mut self, other: &Register) {
        let later = match other.stamp.cmp(&self.stamp) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => {
                let (theirs, mine) = (other.value.to_string(), self.value.to_string());
                theirs > mine
            }
        };
        if later {
            self.clone_from(other);
        }
    }
}
