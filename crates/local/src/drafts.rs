//! Drafts: a form's state, saved on every change so that closing the tab loses nothing.

use crate::{keys, SaveError, Store};

impl Store {
    /// Save a draft under `name` (such as `engagement/new`), replacing the last one.
    pub fn save_draft(&mut self, name: &str, json: &str) -> Result<(), SaveError> {
        self.put(&keys::draft(name), json)
    }

    pub fn draft(&self, name: &str) -> Option<String> {
        self.backend.get(&keys::draft(name))
    }

    pub fn discard_draft(&mut self, name: &str) {
        self.take(&keys::draft(name));
    }
}
