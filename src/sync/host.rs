//! The engine's view of the app: the shared store, the time, batch ids and a pause between
//! steps. What sync stores is shown a few times a second rather than after every slice: with
//! thousands of records, redrawing a list costs more than storing the slice that changed it.

use std::cell::{Cell, RefCell};

use fieldbook_core::Id;
use fieldbook_local::sync::Host;
use leptos::prelude::window;

use crate::state::{now_ms, Data};
use crate::storage::Store;

/// How often sync's writes are shown while it runs.
const SHOW_EVERY_MS: f64 = 250.0;

/// One sync's host. Whatever it has not shown yet is shown when it is dropped, so a sync that
/// ends, fails or is cut off leaves nothing on screen out of date.
pub struct Syncing {
    data: Data,
    unshown: RefCell<Vec<String>>,
    shown_at: Cell<f64>,
}

impl Syncing {
    pub fn new(data: Data) -> Syncing {
        Syncing {
            data,
            unshown: RefCell::new(Vec::new()),
            shown_at: Cell::new(js_sys::Date::now()),
        }
    }

    fn show(&self) {
        let mut unshown = self.unshown.take();
        unshown.sort_unstable();
        unshown.dedup();
        self.data.notify(&unshown);
        self.shown_at.set(js_sys::Date::now());
    }
}

impl Drop for Syncing {
    fn drop(&mut self) {
        self.show();
    }
}

impl Host for Syncing {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        self.data.peek(f)
    }

    /// Not journaled: a pulled page lost before localStorage commits it is pulled again.
    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let (result, changed) = self.data.write_unshown(f);
        self.unshown.borrow_mut().extend(changed);
        result
    }

    fn now_ms(&self) -> u64 {
        now_ms()
    }

    fn batch_id(&self) -> Id {
        crate::random::id()
    }

    async fn breathe(&self) {
        if js_sys::Date::now() - self.shown_at.get() >= SHOW_EVERY_MS {
            self.show();
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
