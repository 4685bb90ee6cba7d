//! A new engagement: the form starts now, where the last record was, or with the draft left
//! unsaved last time.

use fieldbook_core::find;
use fieldbook_core::form::EngagementForm;
use fieldbook_core::model::{Engagement, Venue};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::edit::draft_or;
use crate::components::EngagementEditor;
use crate::state::Data;
use crate::{local_time, random};

const DRAFT: &str = "engagement/new";

#[component]
pub fn NewEngagement() -> impl IntoView {
    let data = expect_context::<Data>();
    let navigate = use_navigate();
    // Read once, untracked: what the form starts with; a later write never rebuilds it.
    let user = untrack(|| data.user().username);
    let last = data.peek(|store| {
        store
            .docs::<Engagement>()
            .values()
            .filter(|stored| !stored.deleted)
            .map(|stored| &stored.doc)
            .min_by(|a, b| find::newest_first(a, b))
            .cloned()
    });
    let venue = data.peek(|store| {
        store
            .docs::<Venue>()
            .values()
            .filter(|stored| !stored.deleted)
            .max_by_key(|stored| stored.updated)
            .map(|stored| stored.doc.clone())
    });
    let fresh = EngagementForm::new(
        local_time::context().now,
        &user,
        last.as_ref(),
        venue.as_ref(),
    );
    let (initial, unreadable) = draft_or(data, DRAFT, &fresh);
    view! {
        <section class="page" aria-labelledby="new-title">
            <h1 id="new-title">"New engagement"</h1>
            {unreadable}
            <EngagementEditor
                base=None
                id=random::id()
                draft=DRAFT.to_owned()
                initial
                fresh
                ask_name=user.trim().is_empty()
                on_saved=move |id| navigate(&format!("/record?saved={id}"), Default::default())
            />
        </section>
    }
}
