//! This device's preferences, in one small entry.

use serde::{Deserialize, Serialize};

use super::{keys, SaveError, Store};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The username records are made under.
    pub user: String,
    /// What the browser answered when asked to keep this site's data: None until asked.
    pub persisted: Option<bool>,
}

impl Store {
    /// The settings; damaged settings are quarantined and the defaults used.
    pub fn settings(&mut self, now_ms: u64) -> Settings {
        let Some(json) = self.backend.get(keys::SETTINGS) else {
            return Settings::default();
        };
        serde_json::from_str(&json).unwrap_or_else(|error| {
            self.isolate(
                keys::SETTINGS,
                json,
                format!("the settings could not be read: {error}"),
                now_ms,
            );
            Settings::default()
        })
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<(), SaveError> {
        let json = serde_json::to_string(settings).expect("settings always serialise");
        self.put(keys::SETTINGS, &json)
    }
}
