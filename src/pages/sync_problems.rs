//! Sync problems: fields this phone wrote that lost to a later edit elsewhere, each settled
//! field by field; changes the server refused, with its reasons and what to do; and pulled
//! changes this phone could not store.

use fieldbook_core::protocol::advice;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{Outcome, SaveStatus};
use crate::state::{now_ms, Data, Part};

#[component]
pub fn SyncProblems() -> impl IntoView {
    let data = expect_context::<Data>();
    let outcome = RwSignal::new(Outcome::None);
    // Titles name documents, so the lists follow them as well as sync's memory.
    let parts = || [Part::DOCS.as_slice(), &[Part::Sync]].concat();
    let conflicts =
        Memo::new(move |_| data.follow(&[Part::Sync], |store| store.conflicts().to_vec()));
    let refused = Memo::new(move |_| {
        data.follow(&parts(), |store| {
            store
                .rejected()
                .map(|(kind, id, rejected)| {
                    (store.title_of(kind, Some(id)), rejected.reason.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let held = Memo::new(move |_| {
        data.follow(&parts(), |store| {
            store
                .held()
                .iter()
                .map(|held| {
                    let title = store.title_of(&held.change.kind, Some(held.change.id));
                    (title, held.reason.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let resolve = move |index: usize, use_mine: bool| {
        outcome.set(Some(
            data.write(|store| store.resolve(index, use_mine, now_ms())),
        ));
    };
    view! {
        <section class="page" aria-labelledby="sync-title">
            <h1 id="sync-title">"Sync problems"</h1>
            <h2>"Edits that clashed"</h2>
            {move || {
                let conflicts = conflicts.get();
                if conflicts.is_empty() {
                    return view! { <p>"None: every edit made here reached the server as it was."</p> }.into_any();
                }
                view! {
                    <p>"Someone else changed these fields later than this phone did, so their value was kept. Keep it, or use yours instead."</p>
                    <ol class="loop-list">
                        {conflicts
                            .into_iter()
                            .enumerate()
                            .map(|(index, conflict)| {
                                let link = (conflict.kind == "engagement").then(|| format!("/record/{}", conflict.id));
                                view! {
                                    <li class="loop-item conflict">
                                        <p>
                                            <strong>{format!("{} field {}", conflict.kind, field_name(&conflict.field.path))}</strong>
                                            " " {link.map(|href| view! { <A href=href>"Open the record"</A> })}
                                        </p>
                                        <p>"Kept: " <span class="value">{show(&conflict.field.theirs)}</span></p>
                                        <p>"Yours: " <span class="value">{show(&conflict.field.mine)}</span></p>
                                        <div class="row-actions">
                                            <button type="button" class="secondary" on:click=move |_| resolve(index, false)>"Keep it"</button>
                                            <button type="button" on:click=move |_| resolve(index, true)>"Use yours"</button>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <SaveStatus outcome />
            <h2>"Refused by the server"</h2>
            {move || {
                let refused = refused.get();
                if refused.is_empty() {
                    return view! { <p>"None."</p> }.into_any();
                }
                view! {
                    <p>"These stay on this phone and are not sent again until they change. Fix them, and the next sync sends them."</p>
                    <ul class="loop-list">
                        {refused
                            .into_iter()
                            .map(|(title, reason)| view! {
                                <li class="loop-item">
                                    <p><strong>{title}</strong></p>
                                    <p>{reason.message.clone()}</p>
                                    {advice(&reason.code).map(|next| view! { <p class="advice">{next}</p> })}
                                    <ul>{reason.issues.iter().map(|issue| view! { <li>{issue.message.clone()}</li> }).collect_view()}</ul>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <h2>"From the server, not stored here"</h2>
            {move || {
                let held = held.get();
                if held.is_empty() {
                    return view! { <p>"None."</p> }.into_any();
                }
                view! {
                    <p>"This phone could not store these. They are kept as they came and tried again at every sync, so an update of the app brings them in."</p>
                    <ul class="loop-list">
                        {held
                            .into_iter()
                            .map(|(title, reason)| view! {
                                <li class="loop-item">
                                    <p><strong>{title}</strong></p>
                                    <p>{reason}</p>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// A field path as a person reads it: `p/<element>/x` is an element's field.
fn field_name(path: &str) -> String {
    match path.split('/').collect::<Vec<_>>()[..] {
        [list, _, key] => format!("{key} in {list}"),
        _ => path.to_owned(),
    }
}

fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => "(empty)".to_owned(),
        other => other.to_string(),
    }
}
