//! One engagement: everything recorded, what followed from each priority, and the ways to
//! change it, delete it, or mark an action done.

use fieldbook_core::model::{Action, Engagement};
use fieldbook_core::vocab::{self, Vocabulary};
use fieldbook_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::describe::told;
use super::mark_done::MarkDone;
use super::sync_badge::SyncBadge;
use crate::components::{Outcome, SaveStatus};
use crate::state::{now_ms, Data};

#[component]
pub fn EngagementDetail() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<Id>().ok())
    };
    let record = move || {
        id().and_then(|id| {
            data.read(|store| {
                store
                    .docs::<Engagement>()
                    .get(&id)
                    .filter(|stored| !stored.deleted)
                    .map(|stored| stored.doc.clone())
            })
        })
    };
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
        let Some(record) = record() else {
            return view! {
                <section class="page" aria-labelledby="detail-title">
                    <h1 id="detail-title">"No such engagement"</h1>
                    <p>"It is not on this phone, or it was deleted. " <A href="/record">"Back to the list"</A></p>
                </section>
            }
            .into_any();
        };
        let id = record.id;
        let delete = delete.clone();
        let mark = Signal::derive(move || data.read(|store| store.sync_mark::<Engagement>(id)));
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
            <section class="page detail" aria-labelledby="detail-title">
                <p class="back"><A href="/record">"All engagements"</A></p>
                <h1 id="detail-title">{record.venue.clone()}</h1>
                <div role="status">
                    {move || just_saved().then(|| view! { <p class="saved">"Saved"</p> })}
                </div>
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
                </dl>
                <h2>"You said, we did"</h2>
                <Loop record=record.clone() />
                {(!record.notes.is_empty())
                    .then(|| view! {
                        <h2>"Notes"</h2>
                        <p class="notes">{record.notes.clone()}</p>
                    })}
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

/// Each priority with its actions and feedback, then actions that answer no priority.
#[component]
fn Loop(record: Engagement) -> impl IntoView {
    if record.priorities.is_empty() && record.actions.is_empty() && record.feedback.is_empty() {
        return view! { <p>"No priorities, actions or feedback recorded. Change the record to add them."</p> }.into_any();
    }
    let priorities = record
        .priorities
        .iter()
        .map(|priority| {
            let actions: Vec<Action> = record
                .actions
                .iter()
                .filter(|action| action.priority == Some(priority.id))
                .cloned()
                .collect();
            let feedback = record
                .feedback
                .iter()
                .filter(|feedback| feedback.answers.contains(&priority.id))
                .map(told)
                .collect::<Vec<_>>();
            let theme = priority
                .theme
                .as_deref()
                .map(|code| format!(" ({})", vocab::themes().label(code)));
            view! {
                <li class="loop-item">
                    <p class="loop-priority"><strong>"You said: "</strong>{priority.text.clone()}{theme}</p>
                    <ActionList record=record.clone() actions />
                    {if feedback.is_empty() {
                        view! { <p class="loop-waiting">"Not yet fed back."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="loop-feedback">
                                {feedback.into_iter().map(|text| view! { <li><strong>"We told you: "</strong>{text}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let unlinked: Vec<Action> = record
        .actions
        .iter()
        .filter(|action| action.priority.is_none())
        .cloned()
        .collect();
    view! {
        <ol class="loop-list">{priorities}</ol>
        {(!unlinked.is_empty()).then(|| view! {
            <h3>"Other actions"</h3>
            <ActionList record=record.clone() actions=unlinked />
        })}
    }
    .into_any()
}

#[component]
fn ActionList(record: Engagement, actions: Vec<Action>) -> impl IntoView {
    view! {
        <ul class="loop-actions">
            {actions
                .into_iter()
                .map(|action| {
                    let status = vocab::action_statuses().label(&action.status).into_owned();
                    let lead = (!action.lead.is_empty()).then(|| format!("Lead: {}. ", action.lead));
                    let due = action.due.map(|due| format!("Due {}. ", due.format("%-d %b %Y")));
                    let outcome = (!action.outcome.is_empty()).then(|| format!("Outcome: {}", action.outcome));
                    let open = action.closed_on.is_none();
                    view! {
                        <li>
                            <p><strong>"We did: "</strong>{action.text.clone()}</p>
                            <p class="hint">{format!("{status}. ")}{lead}{due}{outcome}</p>
                            {open.then(|| view! { <MarkDone record=record.clone() action=action.id /> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
