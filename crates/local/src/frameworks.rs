//! Competency frameworks a coordinator imported, one entry each by framework id.

use fieldbook_core::framework::{nos_cd, Framework};

use crate::{keys, SaveError, Store};

impl Store {
    /// Store an imported framework. It must already have passed [`Framework::import`].
    pub fn save_framework(&mut self, framework: &Framework) -> Result<(), SaveError> {
        let json = serde_json::to_string(framework).expect("a framework always serialises");
        self.put(&keys::framework(&framework.id), &json)?;
        self.frameworks
            .insert(framework.id.clone(), framework.clone());
        Ok(())
    }

    /// Keep frameworks published to the team, writing only those that are new or changed.
    pub fn keep_frameworks(&mut self, frameworks: &[Framework]) -> Result<(), SaveError> {
        for framework in frameworks {
            if self.frameworks.get(&framework.id) != Some(framework) {
                self.save_framework(framework)?;
            }
        }
        Ok(())
    }

    /// Imported frameworks by id; the default NOS framework is not among them.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.values()
    }

    /// Every framework on this phone: the built-in NOS first, then the imported ones by id.
    pub fn all_frameworks(&self) -> impl Iterator<Item = &Framework> {
        std::iter::once(nos_cd()).chain(self.frameworks.values())
    }

    /// The framework with `id`, or the built-in NOS when `id` is None or names one this phone
    /// no longer has (a damaged entry set aside), so training always has a framework.
    pub fn framework(&self, id: Option<&str>) -> &Framework {
        id.and_then(|id| self.all_frameworks().find(|framework| framework.id == id))
            .unwrap_or(nos_cd())
    }
}
