//! For whoever has no session here, or one that ended, or a role that may do nothing here: where
//! to sign in, and the way back.

use leptos::prelude::*;

#[component]
pub fn SignInFirst(
    /// The server said the session no longer works, rather than there never being one.
    ended: bool,
) -> impl IntoView {
    view! {
        <main id="main" class="page sign-in-first">
            <h1>{if ended { "Your session has ended" } else { "Fieldbook administration" }}</h1>
            <p>"Sign in as an administrator in Fieldbook's Settings first."</p>
            <p>"Coordinators can sign in to publish frameworks to their teams."</p>
            // Full page loads: Settings belongs to the phone app, not to this one.
            <p><a class="button" href="/settings">"Open Fieldbook's Settings"</a></p>
            <p>"Then come back here:"</p>
            <p><a class="button secondary" href="/admin/">"Administration"</a></p>
        </main>
    }
}
