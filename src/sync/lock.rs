//! One tab syncs at a time: the Web Locks API where the browser has it, and otherwise a lease
//! in localStorage that expires, so a closed tab never holds it for ever.

use std::future::Future;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

const NAME: &str = "fieldbook-sync";
const LEASE_KEY: &str = "fb1/sync-lease";
/// Longer than any sync should take; a tab that dies holding the lease frees it by then.
const LEASE_MS: f64 = 2.0 * 60.0 * 1000.0;

/// Run `work` if no other tab is syncing; false if another one is.
pub async fn with_sync_lock<F>(work: impl FnOnce() -> F + 'static) -> bool
where
    F: Future<Output = ()> + 'static,
{
    match web_locks() {
        Some((locks, request)) => {
            let options = Object::new();
            let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
            let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
                future_to_promise(async move {
                    if lock.is_null() {
                        return Ok(false.into());
                    }
                    work().await;
                    Ok(true.into())
                })
            });
            let request: js_sys::Function = request.unchecked_into();
            let promise = request.call3(&locks, &NAME.into(), &options, &callback);
            match promise {
                Ok(promise) => JsFuture::from(Promise::from(promise))
                    .await
                    .is_ok_and(|ran| ran.is_truthy()),
                Err(_) => false,
            }
        }
        None => with_lease(work).await,
    }
}

fn web_locks() -> Option<(JsValue, JsValue)> {
    let navigator = leptos::prelude::window().navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into()).ok()?;
    request.is_function().then_some((locks, request))
}

async fn with_lease<F>(work: impl FnOnce() -> F) -> bool
where
    F: Future<Output = ()>,
{
    let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() else {
        work().await;
        return true;
    };
    let now = js_sys::Date::now();
    let held_until = storage
        .get_item(LEASE_KEY)
        .ok()
        .flatten()
        .and_then(|until| until.parse::<f64>().ok());
    if held_until.is_some_and(|until| until > now) {
        return false;
    }
    let _ = storage.set_item(LEASE_KEY, &(now + LEASE_MS).to_string());
    work().await;
    let _ = storage.remove_item(LEASE_KEY);
    true
}
