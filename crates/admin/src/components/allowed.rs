//! A screen's content only for those whose role may use it; the nav hides it from the rest, but
//! an address can still be typed.

use leptos::prelude::*;

#[component]
pub fn Allowed(when: bool, title: &'static str, children: ChildrenFn) -> impl IntoView {
    move || {
        if when {
            children().into_any()
        } else {
            view! {
                <h1>{title}</h1>
                <p>"Your role cannot use this screen. The menu above lists what you can do here."</p>
            }
            .into_any()
        }
    }
}
