//! Who this phone is signed in as, on which server: the session sync uses, in one entry.

use fieldbook_core::roles::User;
use serde::{Deserialize, Serialize};

use crate::{keys, Memory, SaveError, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The server's origin, such as `https://fieldbook.example.org`.
    pub server: String,
    pub token: String,
    pub expires_at_ms: u64,
    pub user: User,
    /// The server said the token no longer works: sign in again. The outbox is kept.
    #[serde(default)]
    pub expired: bool,
}

impl Store {
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn save_session(&mut self, session: &Session) -> Result<(), SaveError> {
        let json = serde_json::to_string(session).expect("a session serialises");
        self.put(keys::SESSION, &json)?;
        self.session = Some(session.clone());
        Ok(())
    }

    /// Sign out, removing everything Fieldbook keeps on this phone. The caller has made sure
    /// nothing unsynced is lost, or the user has said to go ahead. The device id goes too: the
    /// server leaves a device's own writes out of its pulls, and this phone no longer holds them.
    pub fn sign_out_and_clear(&mut self, now_ms: u64, random: impl FnMut(&mut [u8])) {
        for key in self.backend.keys() {
            self.remove_entry(&key);
        }
        let changed = std::mem::take(&mut self.changed);
        let emptied = std::mem::replace(self, Store::open(Box::new(Memory::default()), 0, |_| ()));
        *self = Store::open(emptied.backend.into_backend(), now_ms, random);
        self.changed = changed;
    }
}
