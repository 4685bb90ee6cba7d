//! Training: the learner's progress through the active framework, key area by key area, with
//! the ways on to a competency, the portfolio, the frameworks and the assessor's queue. Before
//! anyone is named, the framework is there to read, with the way to start tracking. Each
//! screen is a file in `training/`.

mod competency;
mod evidence_form;
mod evidence_list;
mod framework_import;
mod frameworks;
mod key_area_progress;
mod portfolio;
mod review;
mod shared;
mod status_badge;
mod status_moves;
mod submission;

use fieldbook_core::progress::{review_queue, statuses, summarise};
use fieldbook_core::roles::is_assessor;
use leptos::prelude::*;
use leptos_router::components::A;

pub use competency::Competency;
pub use frameworks::Frameworks;
pub use portfolio::Portfolio;
pub use review::Review;

use key_area_progress::{AreaView, KeyAreaProgress};
pub(super) use shared::Scope;

#[component]
pub fn Training() -> impl IntoView {
    let scope = Scope::read();
    let areas = Memo::new(move |_| {
        let learner = scope.user.with(|u| u.username.clone());
        scope.framework.with(|framework| {
            scope.records.with(|records| {
                let all = statuses(framework, &learner, records);
                summarise(framework, &learner, records)
                    .iter()
                    .map(|summary| AreaView::new(summary, &all))
                    .collect::<Vec<_>>()
            })
        })
    });
    let waiting = Memo::new(move |_| {
        scope.user.with(|user| {
            scope.records.with(|records| {
                review_queue(user, records)
                    .iter()
                    .filter(|s| s.reviewable.is_ok())
                    .count()
            })
        })
    });
    let is_assessor = move || scope.user.with(is_assessor);
    let named = move || scope.user.with(|u| !u.username.is_empty());

    view! {
        <div class="page training">
            <h1>"Training"</h1>
            <p class="framework-line">
                "Framework: " <strong>{move || scope.framework.with(|f| f.title.clone())}</strong>
            </p>
            <Show when=move || !named()>
                <p class="notice" id="training-start">
                    "Look through the framework below. Progress is kept under your name: "
                    <A href="/sign-in">"sign in"</A>
                    " or "
                    <A href="/settings#you-title">"add your name in Settings"</A>
                    " to start tracking it."
                </p>
            </Show>
            <nav class="training-links" aria-label="Training">
                <A href="/training/portfolio">"Portfolio"</A>
                <A href="/training/frameworks">"Frameworks"</A>
                <Show when=is_assessor>
                    <A href="/training/review">
                        {move || format!("Review queue ({})", waiting.get())}
                    </A>
                </Show>
            </nav>
            <For each=move || areas.get() key=|area| area.clone() let:area>
                <KeyAreaProgress area />
            </For>
        </div>
    }
}
