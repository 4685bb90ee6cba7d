//! This device's preferences, in one small entry.

use fieldbook_core::roles::{Role, User};
use serde::{Deserialize, Serialize};

use super::{keys, SaveError, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The username records are made under.
    pub user: String,
    /// What the browser answered when asked to keep this site's data: None until asked.
    pub persisted: Option<bool>,
    /// What the person using this phone does. A coordinator sharing the phone switches name
    /// and role here to assess, until sync brings the team view.
    pub role: Role,
    /// The id of the framework training is tracked against; None for the built-in NOS.
    pub active_framework: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            user: String::new(),
            persisted: None,
            // Most people on a phone in the field are outreach staff; they train too.
            role: Role::Outreach,
            active_framework: None,
        }
    }
}

impl Settings {
    /// The person using the phone, as the core's permission rules see them. Teams arrive
    /// with sync; until then nobody shares records through a team.
    pub fn core_user(&self) -> User {
        User {
            username: self.user.trim().to_owned(),
            role: self.role,
            teams: Vec::new(),
        }
    }
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
