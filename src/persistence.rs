//! Asking the browser to keep the site's data (`navigator.storage.persist()`), where it can.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage"))
        .unwrap_or(false)
        .then(|| navigator.storage())
}

/// Ask for persistent storage; false when refused or not supported.
pub async fn persist() -> bool {
    let Some(promise) = manager().and_then(|manager| manager.persist().ok()) else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|answer| answer.as_bool())
        .unwrap_or(false)
}

/// Whether the data is already persistent, without asking; None when the browser cannot say.
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
