//! Moving keyboard and screen-reader focus, for when a view changes under the user.

use wasm_bindgen::JsCast;

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    leptos::prelude::document()
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// Focus the element with `id`, if it is on the page; true if it was.
pub fn focus(id: &str) -> bool {
    element(id).is_some_and(|element| element.focus().is_ok())
}

/// Focus the element with `id` once the view has caught up: Leptos applies changes after the
/// event handler returns, and the element (or its error message) may not exist until then.
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || {
        focus(&id);
    });
}

/// Take the user to a section: its heading (`id`) at the top of the screen, below the sticky
/// header, and focused. Focus alone only scrolls it somewhere into view, often the bottom.
pub fn go_to_section(id: &str) -> bool {
    let Some(heading) = element(id) else {
        return false;
    };
    heading.scroll_into_view();
    heading.focus().is_ok()
}

/// Focus the first field marked invalid inside the element with `id`, once the view shows the
/// errors: the first problem in reading order, so fixing goes top to bottom.
pub fn first_invalid_soon(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let first = element(id)
            .and_then(|container| {
                container
                    .query_selector("[aria-invalid='true']")
                    .ok()
                    .flatten()
            })
            .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = first {
            let _ = field.focus();
        }
    });
}
