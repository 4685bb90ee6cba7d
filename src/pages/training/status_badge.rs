//! A competency's status in words, with a colour and a mark that repeat it for a glance.

use fieldbook_core::progress::Status;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Status>) -> impl IntoView {
    view! {
        <span class=move || format!("status-badge status-{}", status.get().code())>
            {move || status.get().label()}
        </span>
    }
}
