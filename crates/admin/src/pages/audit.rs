//! The audit log: who did what to whom, newest first, filtered by person, action and dates.

use fieldbook_core::protocol::admin::{
    audit_action, AuditEntry, AuditQuery, AUDIT_ACTIONS, AUDIT_PAGE,
};
use leptos::prelude::*;

use super::failed;
use crate::api::Api;
use crate::components::Allowed;
use crate::session::Offer;
use crate::when;

#[component]
pub fn Audit() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.protection title="Audit log">
            <AuditScreen />
        </Allowed>
    }
}

#[component]
fn AuditScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let (person, action, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // The filters as last applied; the list follows these, not every keystroke.
    let query = RwSignal::new(AuditQuery::default());
    let entries = LocalResource::new(move || {
        let (api, query) = (api.get_value(), query.get());
        async move { api.audit(&query).await }
    });
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = |field: RwSignal<String>| {
            Some(field.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
        };
        query.set(AuditQuery {
            person: typed(person),
            action: typed(action),
            from_ms: when::day_start_ms(&from.get_untracked(), 0),
            // The "to" day is included: up to the start of the day after it.
            to_ms: when::day_start_ms(&to.get_untracked(), 1),
            limit: None,
        });
    };

    view! {
        <h1>"Audit log"</h1>
        <form class="panel filters" aria-labelledby="audit-filters-title" on:submit=apply>
            <h2 id="audit-filters-title">"Filters"</h2>
            <div class="field">
                <label for="audit-person">"Person"</label>
                <input id="audit-person" type="text" autocomplete="off" autocapitalize="none" bind:value=person />
            </div>
            <div class="field">
                <label for="audit-action">"Action"</label>
                <select id="audit-action" bind:value=action>
                    <option value="">"Any action"</option>
                    {AUDIT_ACTIONS
                        .iter()
                        .map(|(code, words)| view! { <option value=*code>{*words}</option> })
                        .collect_view()}
                </select>
            </div>
            // Stacked: two date inputs side by side do not fit a 360 px screen.
            <div class="field">
                <label for="audit-from">"From"</label>
                <input id="audit-from" type="date" bind:value=from />
            </div>
            <div class="field">
                <label for="audit-to">"To"</label>
                <input id="audit-to" type="date" bind:value=to />
            </div>
            <button type="submit">"Show entries"</button>
        </form>
        <section class="panel" aria-labelledby="audit-entries-title" aria-live="polite">
            <h2 id="audit-entries-title">"Entries, newest first"</h2>
            <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                {move || entries.get().map(|answer| answer.map_or_else(failed, listed))}
            </Transition>
        </section>
    }
}

fn listed(entries: Vec<AuditEntry>) -> AnyView {
    let count = match entries.len() {
        0 => "No entries match.".to_owned(),
        AUDIT_PAGE => format!(
            "Showing the newest {AUDIT_PAGE}, the most one page holds: narrow the filters or the \
             dates to see older ones."
        ),
        1 => "1 entry.".to_owned(),
        n => format!("{n} entries."),
    };
    view! {
        <p class="count">{count}</p>
        <ul class="admin-list audit-list">
            {entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <li>
                            <p class="item-title">{audit_action(&entry.action).to_owned()}</p>
                            <p>{format!("By {}, about {}.", entry.actor, entry.subject)}</p>
                            <p>
                                {when::describe(entry.at_ms)}
                                {(!entry.detail.is_empty()).then(|| format!(". {}", entry.detail))}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
