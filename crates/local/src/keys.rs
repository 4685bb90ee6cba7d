//! The localStorage key layout (see docs/storage.md). Every key starts with `fb1/`, the layout's
//! version, so a future layout can live beside this one while it migrates.

/// Every key Fieldbook owns starts with this.
pub const PREFIX: &str = "fb1/";
/// This device's id, made on first start.
pub const DEVICE: &str = "fb1/device";
/// Preferences: who is using the app, the active framework, and so on.
pub const SETTINGS: &str = "fb1/settings";
/// What the server has acknowledged, and the sync cursor.
pub const SYNC: &str = "fb1/sync";
/// The signed-in session: server, token and user.
pub const SESSION: &str = "fb1/session";
/// Written and removed to learn whether storage works at all.
pub const PROBE: &str = "fb1/probe";

const DOC: &str = "fb1/doc/";
const DRAFT: &str = "fb1/draft/";
const FRAMEWORK: &str = "fb1/framework/";
const QUARANTINE: &str = "fb1/quarantine/";

/// One document: `fb1/doc/<kind>/<id>`, holding its replica in the stored form.
pub fn doc(kind: &str, id: impl std::fmt::Display) -> String {
    format!("{DOC}{kind}/{id}")
}

/// The kind and id of a document key.
pub fn parse_doc(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix(DOC)?.split_once('/')
}

pub fn draft(name: &str) -> String {
    format!("{DRAFT}{name}")
}

pub fn parse_draft(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT)
}

pub fn framework(id: &str) -> String {
    format!("{FRAMEWORK}{id}")
}

pub fn parse_framework(key: &str) -> Option<&str> {
    key.strip_prefix(FRAMEWORK)
}

/// Where an entry that failed to decode is moved: `fb1/quarantine/<its old key>`.
pub fn quarantine(original: &str) -> String {
    format!("{QUARANTINE}{original}")
}

pub fn parse_quarantine(key: &str) -> Option<&str> {
    key.strip_prefix(QUARANTINE)
}
