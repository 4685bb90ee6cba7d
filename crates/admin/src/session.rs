//! The session the phone app saved on this origin when its user signed in: the admin app has no
//! sign-in of its own, so it reads the same entry and calls the API with the same token.

use fieldbook_core::roles::{can_import_framework, can_manage_users, can_protect_data, User};
use fieldbook_local::{keys, Session};

/// The phone app's session, if there is one that still works. Never panics: localStorage can
/// be missing or refuse to be read (a disabled setting, a sandboxed frame).
pub fn saved() -> Option<Session> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let json = storage.get_item(keys::SESSION).ok()??;
    serde_json::from_str::<Session>(&json)
        .ok()
        .filter(|session| !session.expired && session.expires_at_ms > js_sys::Date::now() as u64)
}

/// What this person may do here; the server checks each call again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub people: bool,
    pub protection: bool,
    pub frameworks: bool,
}

impl Offer {
    pub fn for_user(user: &User) -> Self {
        Offer {
            people: can_manage_users(user),
            protection: can_protect_data(user),
            frameworks: can_import_framework(user),
        }
    }

    pub fn anything(self) -> bool {
        self.people || self.protection || self.frameworks
    }
}
