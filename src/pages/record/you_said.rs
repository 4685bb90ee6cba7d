//! "You said, we did": every priority people raised, with what was done and what they were
//! told. Those still waiting come first, oldest first.

use fieldbook_core::model::Engagement;
use fieldbook_core::report::{you_said_we_did, Stage};
use fieldbook_core::vocab;
use leptos::prelude::*;
use leptos_router::components::A;

use super::describe::told;
use crate::state::Data;

/// How many priorities to draw at a time.
const PAGE: usize = 30;

/// One priority as the page shows it.
#[derive(Clone, PartialEq)]
struct Entry {
    key: String,
    record: String,
    stage: Stage,
    said: String,
    raised: String,
    did: Vec<String>,
    told: Vec<String>,
}

#[component]
pub fn YouSaid() -> impl IntoView {
    let data = expect_context::<Data>();
    let shown = RwSignal::new(PAGE);
    let entries = Memo::new(move |_| {
        data.docs::<Engagement, _>(|engagements| {
            let live = engagements
                .values()
                .filter(|stored| !stored.deleted)
                .map(|stored| &stored.doc);
            you_said_we_did(live)
                .into_iter()
                .map(|entry| Entry {
                    key: format!("{}/{}", entry.record.id, entry.priority.id),
                    record: entry.record.id.to_string(),
                    stage: entry.stage,
                    said: entry.priority.text.clone(),
                    raised: format!(
                        "{}, {}",
                        entry.record.date.format("%-d %b %Y"),
                        entry.record.venue
                    ),
                    did: entry
                        .actions
                        .iter()
                        .map(|action| {
                            let status = vocab::action_statuses().label(&action.status);
                            let lead = if action.lead.is_empty() {
                                String::new()
                            } else {
                                format!(", led by {}", action.lead)
                            };
                            let outcome = if action.outcome.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", action.outcome)
                            };
                            format!("{} ({status}{lead}){outcome}", action.text)
                        })
                        .collect(),
                    told: entry.feedback.iter().copied().map(told).collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let waiting =
        move || entries.with(|entries| entries.iter().filter(|e| e.stage.is_waiting()).count());
    let visible = move || {
        entries.with(|entries| {
            entries
                .iter()
                .take(shown.get())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="page" aria-labelledby="loop-title">
            <p class="back"><A href="/record">"All engagements"</A></p>
            <h1 id="loop-title">"You said, we did"</h1>
            <p>
                {move || {
                    let total = entries.with(Vec::len);
                    format!("{total} priorities raised; {} still waiting for feedback to the community.", waiting())
                }}
            </p>
            <Show when=move || entries.with(Vec::is_empty)>
                <p>"No priorities recorded yet. Add them to an engagement under \"Priorities raised\"."</p>
            </Show>
            <ol class="loop-list">
                <For each=visible key=|entry| entry.key.clone() let:entry>
                    <li class="loop-item">
                        <p class=format!("stage stage-{}", entry.stage.code())>{entry.stage.label()}</p>
                        <p class="loop-priority"><strong>"You said: "</strong>{entry.said.clone()}</p>
                        <p class="hint">
                            "Raised " <A href=format!("/record/{}", entry.record)>{entry.raised.clone()}</A>
                        </p>
                        {if entry.did.is_empty() {
                            view! { <p class="loop-waiting">"No action yet."</p> }.into_any()
                        } else {
                            entry.did.iter().map(|did| view! { <p><strong>"We did: "</strong>{did.clone()}</p> }).collect_view().into_any()
                        }}
                        {entry.told.iter().map(|told| view! { <p><strong>"We told you: "</strong>{told.clone()}</p> }).collect_view()}
                    </li>
                </For>
            </ol>
            <Show when=move || { entries.with(Vec::len) > shown.get() }>
                <button type="button" class="secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {format!("Show {PAGE} more")}
                </button>
            </Show>
        </section>
    }
}
