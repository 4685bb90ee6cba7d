//! The app shell: header, routed pages and bottom navigation.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::components::{BottomNav, OnlineBadge, StorageBanners, SyncBar, UpdateBanner};
use crate::journaling::Recovered;
use crate::pages::{
    Competency, Coordinate, Dashboard, EditEngagement, EngagementDetail, Frameworks,
    HalfYearReport, NewEngagement, NotFound, Portfolio, Record, Review, ReviewRecord, Settings,
    SignIn, SyncProblems, TeamRecords, Training, YouSaid,
};
use crate::service_worker;
use crate::state::Data;
use crate::sync::SyncService;

#[component]
pub fn App() -> impl IntoView {
    // The journal is read before anything is drawn, so what localStorage lost is back before
    // any page (or draft) reads the store. It takes a few milliseconds.
    let recovered = LocalResource::new(Recovered::open);
    move || {
        recovered
            .get()
            .map(|recovered| view! { <Shell recovered /> })
    }
}

#[component]
fn Shell(recovered: Recovered) -> impl IntoView {
    let data = Data::provide();
    data.start_journal(recovered);
    SyncService::provide(data);
    let update = service_worker::register();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <span class="app-name">"Fieldbook"</span>
                <div class="header-end">
                    <OnlineBadge />
                    <A href="/settings" {..} class="header-icon" aria-label="Settings">
                        <svg viewBox="0 0 24 24" aria-hidden="true">
                            <circle cx="12" cy="12" r="3" />
                            <circle cx="12" cy="12" r="6.5" />
                            <path d="M12 2v3.5 M12 18.5V22 M2 12h3.5 M18.5 12H22 M4.9 4.9l2.5 2.5 M16.6 16.6l2.5 2.5 M4.9 19.1l2.5-2.5 M16.6 7.4l2.5-2.5" />
                        </svg>
                    </A>
                </div>
            </header>
            <UpdateBanner update />
            <SyncBar />
            <StorageBanners />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Record />
                    <Route path=path!("/record") view=Record />
                    <Route path=path!("/record/new") view=NewEngagement />
                    <Route path=path!("/record/loop") view=YouSaid />
                    <Route path=path!("/record/:id") view=EngagementDetail />
                    <Route path=path!("/record/:id/edit") view=EditEngagement />
                    <Route path=path!("/training") view=Training />
                    <Route path=path!("/training/competency/:code") view=Competency />
                    <Route path=path!("/training/review") view=Review />
                    <Route path=path!("/training/portfolio") view=Portfolio />
                    <Route path=path!("/training/frameworks") view=Frameworks />
                    <Route path=path!("/coordinate") view=Coordinate />
                    <Route path=path!("/coordinate/dashboard") view=Dashboard />
                    <Route path=path!("/coordinate/report") view=HalfYearReport />
                    <Route path=path!("/coordinate/records") view=TeamRecords />
                    <Route path=path!("/coordinate/records/:id") view=ReviewRecord />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/sync") view=SyncProblems />
                    <Route path=path!("/settings") view=Settings />
                </Routes>
            </main>
            <BottomNav />
        </Router>
    }
}
