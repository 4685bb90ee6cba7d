//! A competency's evidence notes, oldest first, each with its date and the engagement it came
//! from.

use fieldbook_core::progress::Evidence;
use fieldbook_core::Id;
use leptos::prelude::*;

use super::shared::day;

#[component]
pub fn EvidenceList(
    #[prop(into)] evidence: Signal<Vec<Evidence>>,
    /// The user's engagements as (id, "date, venue"), to name a linked one.
    engagements: Memo<Vec<(Id, String)>>,
) -> impl IntoView {
    let from = move |id: Id| {
        engagements.with(|all| {
            all.iter()
                .find(|(e, _)| *e == id)
                .map(|(_, text)| format!("From the engagement record: {text}."))
                .unwrap_or_else(|| {
                    "From an engagement record that is not on this phone.".to_owned()
                })
        })
    };
    view! {
        <Show
            when=move || evidence.with(|e| !e.is_empty())
            fallback=|| view! { <p class="empty">"No evidence notes yet."</p> }
        >
            <ol class="evidence-list">
                {move || {
                    let mut notes = evidence.get();
                    fieldbook_core::sort::sort_by_key(&mut notes, |e| (e.date, e.id));
                    notes
                        .into_iter()
                        .map(|note| {
                            view! {
                                <li>
                                    <p class="evidence-date">{day(note.date)}</p>
                                    <p class="evidence-note">{note.note}</p>
                                    {note.engagement.map(|id| view! { <p class="muted">{from(id)}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </Show>
    }
}
