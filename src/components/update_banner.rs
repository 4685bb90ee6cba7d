//! "Update available": a new release is installed and waits until the user chooses to reload.

use leptos::prelude::*;

use crate::service_worker::UpdateState;

#[component]
pub fn UpdateBanner(update: UpdateState) -> impl IntoView {
    view! {
        <Show when=move || update.is_waiting()>
            <div class="update-banner" role="status">
                <span>"Update available."</span>
                <button type="button" on:click=move |_| update.apply()>
                    "Reload"
                </button>
            </div>
        </Show>
    }
}
