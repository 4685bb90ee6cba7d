//! The engine's view of the app: the shared store, the time, batch ids and a pause between
//! steps. What sync stores is shown a few times a second rather than after every slice: with
//! thousands of records, redrawing a list costs more than storing the slice that changed it.

use std::cell::{Cell, RefCell};

use fieldbook_core::Id;
use fieldbook_local::sync::Host;
use leptos::prelude::window;
use wasm_bindgen::JsCast;

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
        fieldbook_core::sort::sort_by(&mut unshown, Ord::cmp);
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

    /// The phone's own date, so a coordinator's window turns at midnight where they are.
    fn today(&self) -> chrono::NaiveDate {
        crate::local_time::context().now.date()
    }

    fn batch_id(&self) -> Id {
        crate::random::id()
    }

    async fn breathe(&self) {
        if js_sys::Date::now() - self.shown_at.get() >= SHOW_EVERY_MS {
            self.show();
        }
        let _ = wasm_bindgen_futures::JsFuture::from(yielded()).await;
    }
}

/// A promise that settles once the page has had its turn. `scheduler.yield()` lets it draw and
/// answer taps, then carries on ahead of other tasks; a chain of `setTimeout(0)` is clamped to
/// 4 ms a step, which over a sync's hundred steps is most of a second doing nothing. Browsers
/// without it get the timeout.
fn yielded() -> js_sys::Promise {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into()).ok();
    let yield_now = scheduler.as_ref().and_then(|scheduler| {
        js_sys::Reflect::get(scheduler, &"yield".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    if let (Some(scheduler), Some(yield_now)) = (scheduler, yield_now) {
        if let Ok(promise) = yield_now.call0(&scheduler) {
            return promise.into();
        }
    }
    js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    })
}
