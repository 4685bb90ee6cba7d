//! This device's preferences, in one small entry.

use fieldbook_core::roles::{Role, User};
use fieldbook_core::window::TeamWindow;
use serde::{Deserialize, Serialize};

use crate::{keys, SaveError, Store};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The name records are made under on a phone that is not signed in. Once signed in, the
    /// account's username is used instead (see [`Store::user`]).
    pub user: String,
    /// What the browser answered when asked to keep this site's data: None until asked.
    pub persisted: Option<bool>,
    /// The id of the framework training is tracked against; None for the built-in NOS.
    pub active_framework: Option<String>,
    /// The welcome for a new phone has been read or skipped.
    pub welcomed: bool,
    /// How many months of the team's engagements a coordinator's phone holds (their own are
    /// always held). Change it with [`Store::set_team_window`], which removes what falls out.
    pub team_window: TeamWindow,
}

impl Store {
    /// Who is using the phone, as core's permission rules see them. Signed in, it is the
    /// account: its name, role and teams come from the server, never from Settings. Never
    /// signed in, it is the name typed in Settings with the least a person may do: record, and
    /// keep their own training. Nobody can assess or review without an account the server
    /// vouches for, so no role is taken from a phone's word.
    pub fn user(&self) -> User {
        match &self.session {
            Some(session) => session.user.clone(),
            None => User {
                username: self.settings.user.trim().to_owned(),
                role: Role::Outreach,
                teams: Vec::new(),
            },
        }
    }

    /// Whether to welcome the person holding this phone: it is new to Fieldbook (nothing
    /// recorded, never signed in) and nobody has read or skipped the welcome yet. A phone that
    /// already holds work was in use before the welcome existed, so it is not greeted.
    pub fn needs_welcome(&self) -> bool {
        !self.settings.welcomed && self.session.is_none() && self.docs.stamps().next().is_none()
    }

    /// The settings, as read at start-up (damaged ones are quarantined and the defaults used)
    /// and kept since.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<(), SaveError> {
        let json = serde_json::to_string(settings).expect("settings always serialise");
        self.put(keys::SETTINGS, &json)?;
        self.settings = settings.clone();
        Ok(())
    }
}
