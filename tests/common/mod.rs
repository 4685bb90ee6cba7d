//! What the browser tests share: mounting a piece of the app as the app itself does, with its
//! data in context and a router around it.

use fieldbook::state::Data;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

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
