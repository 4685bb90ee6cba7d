//! Changing an engagement, with its own draft so an edit survives a closed tab too.

use fieldbook_core::form::EngagementForm;
use fieldbook_core::model::Engagement;
use fieldbook_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::EngagementEditor;
use crate::state::Data;

#[component]
pub fn EditEngagement() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = params
        .with_untracked(|params| params.get("id"))
        .and_then(|id| id.parse::<Id>().ok());
    // Read once, untracked: the form is never rebuilt under the user. What it saves is their
    // changes from this base, merged field by field into whatever is stored by then.
    let base = id.and_then(|id| {
        data.peek(|store| {
            store
                .docs::<Engagement>()
                .get(&id)
                .filter(|stored| !stored.deleted)
                .map(|stored| stored.doc.clone())
        })
    });
    let Some(base) = base else {
        return view! {
            <section class="page" aria-labelledby="edit-title">
                <h1 id="edit-title">"No such engagement"</h1>
                <p>"It is not on this phone. " <A href="/record">"Back to the list"</A></p>
            </section>
        }
        .into_any();
    };
    let id = base.id;
    let draft = format!("engagement/{id}");
    let fresh = EngagementForm::from_engagement(&base);
    let (initial, unreadable) = draft_or(data, &draft, &fresh);
    view! {
        <section class="page" aria-labelledby="edit-title">
            <h1 id="edit-title">"Change engagement"</h1>
            {unreadable}
            <EngagementEditor
                base=Some(base)
                id
                draft
                initial
                fresh
                ask_name=false
                on_saved=move |id| navigate(&format!("/record/{id}?saved=1"), Default::default())
            />
        </section>
    }
    .into_any()
}

/// The draft kept under `name`, or `fresh` when there is none. A draft that cannot be read is
/// said so rather than silently dropped.
pub fn draft_or(
    data: Data,
    name: &str,
    fresh: &EngagementForm,
) -> (EngagementForm, Option<impl IntoView>) {
    let Some(json) = data.peek(|store| store.draft(name)) else {
        return (fresh.clone(), None);
    };
    match serde_json::from_str(&json) {
        Ok(form) => (form, None),
        Err(_) => (
            fresh.clone(),
            Some(view! {
                <p class="notice" role="status">
                    "The draft left here last time could not be read, so the form starts afresh."
                </p>
            }),
        ),
    }
}
