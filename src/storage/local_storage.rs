//! The store's backend in the browser: localStorage through gloo-storage, checked once through
//! web-sys (gloo's `raw()` panics where storage is missing), or memory when the browser keeps
//! nothing.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde_json::value::RawValue;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use fieldbook_local::{keys, Backend, Memory, WriteError};

// Packed entries are UTF-16 code units that would take three bytes each as UTF-8, the way a
// Rust string crosses into JavaScript: a first pull writes thousands. They cross as the units
// instead, a view on wasm's memory that the browser's own decoder reads.
#[wasm_bindgen(inline_js = r#"
const utf16 = new TextDecoder("utf-16le");
export function set_item_units(key, units) {
    localStorage.setItem(key, utf16.decode(units));
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn set_item_units(key: &str, units: &[u16]) -> Result<(), JsValue>;
}

/// localStorage, known to be there.
pub struct Browser(web_sys::Storage);

/// localStorage if it exists and takes a write, otherwise memory: the app still runs, but
/// nothing outlives the page. Never panics: reaching localStorage can throw (a disabled
/// setting, a sandboxed frame).
pub fn open() -> Box<dyn Backend> {
    let usable = web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some_and(|storage| {
            // A full storage refuses the probe too, yet holds everything saved so far; only a
            // storage that refuses a write while holding nothing is unusable.
            let works = storage.set_item(keys::PROBE, "1").is_ok();
            let _ = storage.remove_item(keys::PROBE);
            works || storage.length().unwrap_or(0) > 0
        });
    if usable {
        Box::new(Browser(LocalStorage::raw()))
    } else {
        Box::new(Memory::default())
    }
}

/// Entries that are JSON written by the store go through gloo's typed API as raw JSON values,
/// so they are stored as they are, not escaped into a string. Documents and the sync state are
/// packed text (see `fieldbook_core::pack`), so they go through the raw `Storage`.
fn is_json(key: &str) -> bool {
    key == keys::SETTINGS
        || key == keys::SESSION
        || keys::parse_draft(key).is_some()
        || keys::parse_framework(key).is_some()
        || keys::parse_quarantine(key).is_some()
}

impl Backend for Browser {
    fn get(&self, key: &str) -> Option<String> {
        if is_json(key) {
            if let Ok(value) = LocalStorage::get::<Box<RawValue>>(key) {
                return Some(value.get().to_owned());
            }
            // Not JSON: damaged, and read as it is so that the store can quarantine it.
        }
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        let json = is_json(key)
            .then(|| serde_json::from_str::<&RawValue>(value).ok())
            .flatten();
        match json {
            Some(json) => LocalStorage::set(key, json).map_err(write_error),
            None => self.0.set_item(key, value).map_err(thrown),
        }
    }

    fn set_units(&mut self, key: &str, units: &[u16]) -> Result<(), WriteError> {
        set_item_units(key, units).map_err(thrown)
    }

    fn remove(&mut self, key: &str) {
        LocalStorage::delete(key);
    }

    fn keys(&self) -> Vec<String> {
        (0..LocalStorage::length())
            .filter_map(|index| self.0.key(index).ok().flatten())
            .collect()
    }
}

/// What a write to localStorage threw.
fn thrown(error: JsValue) -> WriteError {
    match error.dyn_into::<js_sys::Error>() {
        Ok(error) => write_error(StorageError::JsError(error.into())),
        Err(other) => WriteError::Refused(format!("{other:?}")),
    }
}

fn write_error(error: StorageError) -> WriteError {
    match error {
        // Firefox once called it NS_ERROR_DOM_QUOTA_REACHED.
        StorageError::JsError(error)
            if error.name == "QuotaExceededError" || error.name == "NS_ERROR_DOM_QUOTA_REACHED" =>
        {
            WriteError::Full
        }
        StorageError::JsError(error) => WriteError::Refused(error.message),
        other => WriteError::Refused(other.to_string()),
    }
}
