//! Competency frameworks a coordinator imported, one entry each by framework id.

use fieldbook_core::framework::Framework;

use super::{keys, SaveError, Store};

impl Store {
    /// Store an imported framework. It must already have passed [`Framework::import`].
    pub fn save_framework(&mut self, framework: &Framework) -> Result<(), SaveError> {
        let json = serde_json::to_string(framework).expect("a framework always serialises");
        self.put(&keys::framework(&framework.id), &json)?;
        self.frameworks
            .insert(framework.id.clone(), framework.clone());
        Ok(())
    }

    /// Imported frameworks by id; the default NOS framework is not among them.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.values()
    }
}
