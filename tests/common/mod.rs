//! What the browser tests share: mounting a piece of the app as the app itself does, with its
//! data in context and a router around it, and driving it through the DOM as a person would.
//! Each test file uses the helpers it needs.
#![allow(dead_code)]

use fieldbook::state::Data;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

/// Mount `content` into a fresh element of its own; dropping the handle unmounts it.
pub fn mount_in_app<V: IntoView + 'static>(
    content: impl FnOnce() -> V + Send + 'static,
) -> (HtmlElement, impl Drop) {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        Data::provide();
        view! { <Router>{content()}</Router> }
    });
    (host, mounted)
}

/// As [`mount_in_app`], also handing back the app's data, so a test can write to the store as
/// sync does.
pub fn mount_with_data<V: IntoView + 'static>(
    content: impl FnOnce() -> V + Send + 'static,
) -> (HtmlElement, Data, impl Drop) {
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (host, mounted) = mount_in_app({
        let slot = slot.clone();
        move || {
            *slot.lock().unwrap() = Some(expect_context::<Data>());
            content()
        }
    });
    let data = slot
        .lock()
        .unwrap()
        .take()
        .expect("mounting runs the content");
    (host, data, mounted)
}

pub fn local() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

pub fn element(host: &HtmlElement, selector: &str) -> HtmlElement {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

pub fn text(host: &HtmlElement, selector: &str) -> String {
    element(host, selector).text_content().unwrap_or_default()
}

/// Type as a person would: the value changes, then an `input` event bubbles up.
pub fn type_into(host: &HtmlElement, id: &str, value: &str) {
    let input: HtmlInputElement = element(host, &format!("#{id}")).unchecked_into();
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Let the view catch up, including anything deferred to the next frame (such as focus).
pub async fn settle() {
    leptos::task::tick().await;
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    JsFuture::from(frame).await.unwrap();
}

pub fn focused_id() -> String {
    document()
        .active_element()
        .map(|element| element.id())
        .unwrap_or_default()
}
