//! One engagement: everything recorded, what followed from each priority, and the ways to
//! change it, delete it, or mark an action done.

use fieldbook_core::model::Engagement;
use fieldbook_core::vocab::{self, Vocabulary};
use fieldbook_core::{ElementId, Id};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::describe::told;
use super::mark_done::MarkDone;
use super::sync_badge::SyncBadge;
use crate::components::{JustSaved, Outcome, SaveStatus};
use crate::state::{now_ms, Data, Part};
use crate::storage::SyncMark;

#[component]
pub fn EngagementDetail() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let id = Memo::new(move |_| {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<Id>().ok())
    });
    // Only this document's writes run these again; a sync or a save elsewhere leaves the page,
    // and any "Mark done" being typed in, alone.
    let stored = Memo::new(move |_| {
        id.get()
            .and_then(|id| data.doc::<Engagement>(id))
            .filter(|stored| !stored.deleted)
    });
    let record = Memo::new(move |_| stored.with(|stored| stored.as_ref().map(|s| s.doc.clone())));
    // The page is built again only when it shows another record, or none.
    let shown = Memo::new(move |_| record.with(|record| record.as_ref().map(|r| r.id)));
    let mark = Memo::new(move |_| {
        stored.track();
        id.get().map_or(SyncMark::OnlyHere, |id| {
            data.follow(&[Part::Sync], |store| store.sync_mark::<Engagement>(id))
        })
    });
    let deleted = RwSignal::new(Outcome::None);
    let delete = move |id: Id| {
        let result = data.write(|store| store.delete::<Engagement>(id, now_ms()));
        match result {
            Ok(()) => navigate(&format!("/record?deleted={id}"), Default::default()),
            Err(error) => deleted.set(Some(Err(error))),
        }
    };
    let just_saved = move || query.with(|query| query.get("saved").is_some());

    move || {
        let Some(id) = shown.get() else {
            return view! {
                <section class="page" aria-labelledby="detail-title">
                    <h1 id="detail-title">"No such engagement"</h1>
                    <p>"It is not on this phone, or it was deleted. " <A href="/record">"Back to the list"</A></p>
                </section>
            }
            .into_any();
        };
        let delete = delete.clone();
        let venue = move || record.with(|r| r.as_ref().map(|r| r.venue.clone()));
        let notes = move || {
            record
                .with(|r| r.as_ref().map(|r| r.notes.clone()))
                .unwrap_or_default()
        };
        view! {
            <section class="page detail" aria-labelledby="detail-title">
                <p class="back"><A href="/record">"All engagements"</A></p>
                <h1 id="detail-title">{venue}</h1>
                <div role="status">
                    {move || just_saved().then(|| view! { <JustSaved /> })}
                </div>
                {move || record.get().map(|record| facts(record, mark))}
                <h2>"You said, we did"</h2>
                <Loop record />
                {move || {
                    let notes = notes();
                    (!notes.is_empty())
                        .then(|| view! {
                            <h2>"Notes"</h2>
                            <p class="notes">{notes}</p>
                        })
                }}
                <div class="form-actions">
                    <A href=format!("/record/{id}/edit") {..} class="button">"Change"</A>
                    <button type="button" class="secondary danger" on:click=move |_| delete(id)>
                        "Delete"
                    </button>
                </div>
                <SaveStatus outcome=deleted />
            </section>
        }
        .into_any()
    }
}

/// When, the review, the sync badge and the plain facts: text only, so drawn again whole when
/// the record changes.
fn facts(record: Engagement, mark: Memo<SyncMark>) -> impl IntoView {
    let when = [
        Some(record.date.format("%A %-d %B %Y").to_string()),
        record
            .start_time
            .map(|time| time.format("%H:%M").to_string()),
        record
            .duration_minutes
            .map(|minutes| format!("{minutes} minutes")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let label = |vocabulary: &Vocabulary, code: &str| vocabulary.label(code).into_owned();
    let themes = record
        .themes
        .iter()
        .map(|code| label(vocab::themes(), code))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <p class="detail-when">{when}</p>
        {record.review.clone().map(|review| {
            let warn = review.state == fieldbook_core::model::ReviewState::HasIssues;
            view! {
                <div class="review-note" class:warning=warn>
                    <p>
                        <strong>{review.state.label()}</strong>
                        {format!(": reviewed by {} on {}.", review.by, review.on.format("%-d %b %Y"))}
                    </p>
                    {(!review.comment.is_empty()).then(|| view! { <p>{review.comment.clone()}</p> })}
                </div>
            }
        })}
        <SyncBadge mark />
        <dl class="facts">
            <dt>"Area"</dt>
            <dd>{if record.area.is_empty() { "Not given".to_owned() } else { record.area.clone() }}</dd>
            <dt>"Method"</dt>
            <dd>{label(vocab::methods(), &record.method)}</dd>
            <dt>"Strand"</dt>
            <dd>{label(vocab::strands(), &record.strand)}</dd>
            <dt>"Level of participation"</dt>
            <dd>{label(vocab::levels(), &record.level)}</dd>
            <dt>"Themes"</dt>
            <dd>{if themes.is_empty() { "None".to_owned() } else { themes }}</dd>
            <dt>"Participants"</dt>
            <dd>{record.reach.total}</dd>
            {counts("By age band", vocab::age_bands(), &record.reach.age_bands)}
            {counts("Seldom-heard groups", vocab::seldom_heard(), &record.reach.groups)}
            <dt>"Recorded by"</dt>
            <dd>{record.author.clone()}</dd>
            {record.contact.map(|contact| {
                view! {
                    <dt>"Contact details"</dt>
                    <dd>
                        {contact.details}
                        <br />
                        {format!(
                            "Consent given on {}; kept until {}.",
                            contact.consent_on.format("%-d %b %Y"),
                            contact.retain_until.format("%-d %b %Y"),
                        )}
                    </dd>
                }
            })}
        </dl>
    }
}

/// Counts by code as "label: n" lines, if any were counted.
fn counts(
    title: &'static str,
    vocabulary: &'static Vocabulary,
    counts: &std::collections::BTreeMap<String, i64>,
) -> Option<impl IntoView> {
    (!counts.is_empty()).then(|| {
        let text = counts
            .iter()
            .map(|(code, n)| format!("{}: {n}", vocabulary.label(code)))
            .collect::<Vec<_>>()
            .join("; ");
        view! {
            <dt>{title}</dt>
            <dd>{text}</dd>
        }
    })
}

/// Each priority with its actions and feedback, then actions that answer no priority. Keyed by
/// priority and action, so a change to the record keeps each open "Mark done" as typed.
#[component]
fn Loop(record: Memo<Option<Engagement>>) -> impl IntoView {
    let priorities = Memo::new(move |_| {
        record.with(|record| {
            record.as_ref().map_or_else(Vec::new, |record| {
                record.priorities.iter().map(|p| p.id).collect::<Vec<_>>()
            })
        })
    });
    let unlinked = Memo::new(move |_| actions_of(record, None));
    let empty = Memo::new(move |_| {
        record.with(|record| {
            record.as_ref().is_none_or(|record| {
                record.priorities.is_empty()
                    && record.actions.is_empty()
                    && record.feedback.is_empty()
            })
        })
    });
    view! {
        <Show
            when=move || !empty.get()
            fallback=|| view! { <p>"No priorities, actions or feedback recorded. Change the record to add them."</p> }
        >
            <ol class="loop-list">
                <For each=move || priorities.get() key=|id| *id let:priority>
                    <LoopItem record priority />
                </For>
            </ol>
            <Show when=move || unlinked.with(|actions| !actions.is_empty())>
                <h3>"Other actions"</h3>
                <ActionList record actions=unlinked />
            </Show>
        </Show>
    }
}

/// The actions answering `priority`, or no priority, in the record's order.
fn actions_of(record: Memo<Option<Engagement>>, priority: Option<ElementId>) -> Vec<ElementId> {
    record.with(|record| {
        record.as_ref().map_or_else(Vec::new, |record| {
            record
                .actions
                .iter()
                .filter(|action| action.priority == priority)
                .map(|action| action.id)
                .collect()
        })
    })
}

#[component]
fn LoopItem(record: Memo<Option<Engagement>>, priority: ElementId) -> impl IntoView {
    let said = move || {
        record.with(|record| {
            let priority = record
                .as_ref()?
                .priorities
                .iter()
                .find(|p| p.id == priority)?;
            let theme = priority
                .theme
                .as_deref()
                .map(|code| format!(" ({})", vocab::themes().label(code)));
            Some((priority.text.clone(), theme))
        })
    };
    let actions = Memo::new(move |_| actions_of(record, Some(priority)));
    let feedback = Memo::new(move |_| {
        record.with(|record| {
            record.as_ref().map_or_else(Vec::new, |record| {
                record
                    .feedback
                    .iter()
                    .filter(|feedback| feedback.answers.contains(&priority))
                    .map(told)
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <li class="loop-item">
            <p class="loop-priority">
                <strong>"You said: "</strong>
                {move || said().map(|(text, theme)| view! { {text}{theme} })}
            </p>
            <ActionList record actions />
            {move || {
                let feedback = feedback.get();
                if feedback.is_empty() {
                    view! { <p class="loop-waiting">"Not yet fed back."</p> }.into_any()
                } else {
                    view! {
                        <ul class="loop-feedback">
                            {feedback.into_iter().map(|text| view! { <li><strong>"We told you: "</strong>{text}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </li>
    }
}

#[component]
fn ActionList(record: Memo<Option<Engagement>>, actions: Memo<Vec<ElementId>>) -> impl IntoView {
    view! {
        <ul class="loop-actions">
            <For each=move || actions.get() key=|id| *id let:action>
                <ActionItem record action />
            </For>
        </ul>
    }
}

#[component]
fn ActionItem(record: Memo<Option<Engagement>>, action: ElementId) -> impl IntoView {
    let item = Memo::new(move |_| {
        record.with(|record| {
            record
                .as_ref()?
                .actions
                .iter()
                .find(|a| a.id == action)
                .cloned()
        })
    });
    let open = Signal::derive(move || {
        item.with(|item| item.as_ref().is_some_and(|a| a.closed_on.is_none()))
    });
    view! {
        <li>
            {move || {
                item.get().map(|action| {
                    let status = vocab::action_statuses().label(&action.status).into_owned();
                    let lead = (!action.lead.is_empty()).then(|| format!("Lead: {}. ", action.lead));
                    let due = action.due.map(|due| format!("Due {}. ", due.format("%-d %b %Y")));
                    let outcome = (!action.outcome.is_empty()).then(|| format!("Outcome: {}", action.outcome));
                    view! {
                        <p><strong>"We did: "</strong>{action.text.clone()}</p>
                        <p class="hint">{format!("{status}. ")}{lead}{due}{outcome}</p>
                    }
                })
            }}
            <MarkDone record action open />
        </li>
    }
}
