//! Registers `sw.js` and tracks whether a new release is installed and waiting.
//!
//! A new service worker never takes over a running page by itself: it waits until the user
//! presses "Reload", so that code is never swapped under someone halfway through a record.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether an installed update is waiting, and the way to apply it.
#[derive(Clone, Copy)]
pub struct UpdateState(RwSignal<bool>);

impl UpdateState {
    pub fn is_waiting(&self) -> bool {
        self.0.get()
    }

    /// Ask the waiting worker to take over, and reload once it controls the page.
    pub fn apply(&self) {
        let Some(container) = container() else { return };
        let reload = Closure::<dyn Fn()>::new(|| {
            let _ = window().location().reload();
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        // The page reloads when this fires, so the closure may live until then.
        reload.forget();
        leptos::task::spawn_local(async move {
            if let Ok(registration) = JsFuture::from(container.get_registration()).await {
                let registration: ServiceWorkerRegistration = registration.unchecked_into();
                if let Some(waiting) = registration.waiting() {
                    let _ = waiting.post_message(&JsValue::from_str("SKIP_WAITING"));
                }
            }
        });
    }
}

/// Register the service worker, where the browser has them, and start watching for updates.
pub fn register() -> UpdateState {
    let state = UpdateState(RwSignal::new(false));
    if let Some(container) = container() {
        leptos::task::spawn_local(async move {
            match JsFuture::from(container.register("/sw.js")).await {
                Ok(registration) => watch(&container, registration.unchecked_into(), state),
                Err(error) => leptos::logging::warn!("service worker not registered: {error:?}"),
            }
        });
    }
    state
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"));
    supported
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn watch(
    container: &ServiceWorkerContainer,
    registration: ServiceWorkerRegistration,
    state: UpdateState,
) {
    // With no controller this is the first install, not an update: nothing to announce.
    let has_controller = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && has_controller() {
        state.0.set(true);
    }
    let on_update_found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let worker = installing.clone();
            let has_controller = has_controller.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && has_controller() {
                    state.0.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            // Lives as long as that worker, which outlives any Rust owner we could give it.
            on_state_change.forget();
        })
    };
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    // The registration lasts for the page's whole life, and so must its handler.
    on_update_found.forget();
}
