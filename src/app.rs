//! The app shell: header, routed pages and bottom navigation.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{BottomNav, OnlineBadge, UpdateBanner};
use crate::pages::{Coordinate, NotFound, Record, Training};
use crate::service_worker;

#[component]
pub fn App() -> impl IntoView {
    let update = service_worker::register();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <span class="app-name">"Fieldbook"</span>
                <OnlineBadge />
            </header>
            <UpdateBanner update />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Record />
                    <Route path=path!("/record") view=Record />
                    <Route path=path!("/training") view=Training />
                    <Route path=path!("/coordinate") view=Coordinate />
                </Routes>
            </main>
            <BottomNav />
        </Router>
    }
}
