//! One competency, for its learner: where it stands, the latest review, the status moves, the
//! evidence notes and a form to add one.

use fieldbook_core::model::Engagement;
use fieldbook_core::progress::{record_for, Outcome, Status};
use fieldbook_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::evidence_form::EvidenceForm;
use super::evidence_list::EvidenceList;
use super::shared::{day, Scope};
use super::status_badge::StatusBadge;
use super::status_moves::{StatusMoves, STATUS_LINE};

#[component]
pub fn Competency() -> impl IntoView {
    let scope = Scope::read();
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let found = Memo::new(move |_| {
        let code = code.get();
        scope.framework.with(|framework| {
            let competency = framework.competency(&code)?;
            let area = framework.key_area_of(&code)?;
            Some((
                format!("{code} {}", competency.title),
                format!("Key area {}: {}", area.code, area.title),
            ))
        })
    });
    let record = Memo::new(move |_| {
        let (learner, framework) = (
            scope.user.with(|u| u.username.clone()),
            scope.framework.with(|f| f.id.clone()),
        );
        scope
            .records
            .with(|records| record_for(records, &learner, &framework, &code.get()).cloned())
    });
    let status =
        Signal::derive(move || record.with(|r| r.as_ref().map(|r| r.status).unwrap_or_default()));
    let data = scope.data;
    // The user's own engagement records, newest first, to link evidence to.
    let engagements = Memo::new(move |_| {
        let me = scope.user.with(|u| u.username.clone());
        data.docs::<Engagement, _>(|engagements| {
            let mut mine: Vec<(Id, String, chrono::NaiveDate)> = engagements
                .values()
                .filter(|stored| !stored.deleted && stored.doc.author == me)
                .map(|stored| {
                    let e = &stored.doc;
                    let venue = if e.venue.is_empty() {
                        "no venue given"
                    } else {
                        e.venue.as_str()
                    };
                    (e.id, format!("{}, {venue}", day(e.date)), e.date)
                })
                .collect();
            fieldbook_core::sort::sort_by_key(&mut mine, |e| std::cmp::Reverse(e.2));
            mine.into_iter()
                .map(|(id, text, _)| (id, text))
                .collect::<Vec<_>>()
        })
    });

    view! {
        <div class="page competency">
            <A href="/training" {..} class="back-link">"Back to training"</A>
            <Show when=move || scope.user.with(|u| u.username.is_empty())>
                <p class="notice">
                    "Progress is kept under your name. "
                    <A href="/settings#you-title">"Add your name in Settings"</A>
                    " before you record any."
                </p>
            </Show>
            <Show
                when=move || found.with(Option::is_some)
                fallback=move || {
                    view! {
                        <h1>"Competency not found"</h1>
                        <p>
                            {move || {
                                format!(
                                    "The active framework has no competency \u{201c}{}\u{201d}.",
                                    code.get(),
                                )
                            }}
                        </p>
                    }
                }
            >
                <h1>{move || found.get().map(|f| f.0)}</h1>
                <p class="muted">{move || found.get().map(|f| f.1)}</p>
                <p class="status-line" id=STATUS_LINE tabindex="-1">
                    "Status: " <StatusBadge status />
                </p>
                {move || {
                    record
                        .get()
                        .and_then(|r| r.review)
                        .map(|review| {
                            let when = day(review.date);
                            match review.outcome {
                                Outcome::SignedOff => {
                                    view! {
                                        <p class="review signed-off">
                                            {format!("Signed off by {} on {when}.", review.by)}
                                        </p>
                                    }
                                        .into_any()
                                }
                                Outcome::SentBack => {
                                    view! {
                                        <div class="review sent-back">
                                            <p>
                                                <strong>
                                                    {format!("Sent back by {} on {when}:", review.by)}
                                                </strong>
                                            </p>
                                            <blockquote>{review.comment}</blockquote>
                                        </div>
                                    }
                                        .into_any()
                                }
                            }
                        })
                }}
                <section class="panel" aria-labelledby="moves-title">
                    <h2 id="moves-title">"Move it on"</h2>
                    <StatusMoves scope record code />
                </section>
                <section class="panel" aria-labelledby="evidence-title">
                    <h2 id="evidence-title">"Evidence"</h2>
                    <EvidenceList
                        evidence=Signal::derive(move || {
                            record.with(|r| r.as_ref().map(|r| r.evidence.clone()).unwrap_or_default())
                        })
                        engagements
                    />
                    {move || match status.get() {
                        Status::Submitted => {
                            view! {
                                <p class="muted">
                                    "It is with an assessor, so the evidence is fixed. Withdraw it "
                                    "from sign-off to add more."
                                </p>
                            }
                                .into_any()
                        }
                        Status::SignedOff => {
                            view! { <p class="muted">"Signed off: the evidence is closed."</p> }
                                .into_any()
                        }
                        _ => view! { <EvidenceForm scope record code engagements /> }.into_any(),
                    }}
                </section>
            </Show>
        </div>
    }
}
