//! The shell: the session check, the API in context, the header, the nav and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::api::Api;
use crate::pages::{Audit, Frameworks, NotFound, Organisation, People, Person, SignInFirst, Teams};
use crate::session::{self, Offer};

#[component]
pub fn App() -> impl IntoView {
    let Some(session) = session::saved() else {
        return view! { <SignInFirst ended=false /> }.into_any();
    };
    let offer = Offer::for_user(&session.user);
    if !offer.anything() {
        return view! { <SignInFirst ended=false /> }.into_any();
    }
    let api = Api::new(&session.server, &session.token, session.user);
    let ended = api.ended;
    // Stored, so that every closure can hold a copy of the handle.
    provide_context(StoredValue::new(api));
    provide_context(offer);

    view! {
        <Show when=move || !ended.get() fallback=|| view! { <SignInFirst ended=true /> }>
            <Router base="/admin">
                <a class="skip-link" href="#main">"Skip to content"</a>
                <header class="app-header">
                    <span class="app-name">"Fieldbook administration"</span>
                    // A full page load: the phone app is another app, not one of these routes.
                    <a class="header-link" href="/settings" rel="external">"Back to Fieldbook"</a>
                </header>
                <nav class="admin-nav" aria-label="Administration">
                    <Show when=move || offer.people>
                        <A href="/admin/people">"People"</A>
                        <A href="/admin/teams">"Teams"</A>
                    </Show>
                    <Show when=move || offer.protection>
                        <A href="/admin/audit">"Audit log"</A>
                        <A href="/admin/organisation">"Contact details"</A>
                    </Show>
                    <Show when=move || offer.frameworks>
                        <A href="/admin/frameworks">"Frameworks"</A>
                    </Show>
                </nav>
                <main id="main" class="page" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/people") view=People />
                        <Route path=path!("/people/:username") view=Person />
                        <Route path=path!("/teams") view=Teams />
                        <Route path=path!("/audit") view=Audit />
                        <Route path=path!("/organisation") view=Organisation />
                        <Route path=path!("/frameworks") view=Frameworks />
                    </Routes>
                </main>
            </Router>
        </Show>
    }
    .into_any()
}

/// The first screen this person may use: an administrator's people, a coordinator's frameworks.
#[component]
fn Home() -> impl IntoView {
    if expect_context::<Offer>().people {
        view! { <People /> }.into_any()
    } else {
        view! { <Frameworks /> }.into_any()
    }
}
