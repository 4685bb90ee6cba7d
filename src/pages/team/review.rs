//! Reviewing one team record: what it says, and the coordinator's verdict with a comment.

use fieldbook_core::model::{Engagement, RecordReview, ReviewState};
use fieldbook_core::roles::can_review_engagement;
use fieldbook_core::{vocab, Document, Id, Issue};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::{Outcome, SaveStatus, TextField};
use crate::local_time;
use crate::state::Data;

#[component]
pub fn ReviewRecord() -> impl IntoView {
    let data = expect_context::<Data>();
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<Id>().ok());
    let record = id.and_then(|id| {
        data.peek(|store| {
            store
                .docs::<Engagement>()
                .get(&id)
                .filter(|s| !s.deleted)
                .map(|s| s.doc.clone())
        })
    });
    let Some(record) = record else {
        return view! {
            <section class="page" aria-labelledby="review-title">
                <h1 id="review-title">"No such record"</h1>
                <p><A href="/coordinate/records">"Back to team records"</A></p>
            </section>
        }
        .into_any();
    };
    let state = RwSignal::new(record.review.as_ref().map(|r| r.state));
    let comment = RwSignal::new(
        record
            .review
            .as_ref()
            .map(|r| r.comment.clone())
            .unwrap_or_default(),
    );
    let issues = RwSignal::new(Vec::<Issue>::new());
    let outcome = RwSignal::new(Outcome::None);
    let error = Signal::derive(move || {
        issues.with(|issues| {
            issues
                .iter()
                .find(|i| i.path == "review.comment")
                .map(|i| i.message.clone())
        })
    });
    let base = record.clone();
    // The phone holds a coordinator only their teams' records, so holding it stands for sharing a team.
    let allowed = can_review_engagement(&data.user(), &record.author, true);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(chosen) = state.get_untracked() else {
            issues.set(vec![Issue {
                code: "required".into(),
                path: "review.state".into(),
                message: "Choose whether it looks right or has issues.".into(),
            }]);
            return;
        };
        let context = local_time::context();
        let mut edited = base.clone();
        edited.review = Some(RecordReview {
            state: chosen,
            comment: comment.get_untracked().trim().to_owned(),
            by: data.user().username,
            on: context.now.date(),
        });
        match edited.validate(&context) {
            Err(found) => {
                issues.set(found);
                crate::focus::focus_soon("review-comment");
            }
            Ok(()) => {
                issues.set(Vec::new());
                outcome.set(Some(data.save(Some(&base), &edited)));
            }
        }
    };
    let state_error = Signal::derive(move || {
        issues.with(|i| {
            i.iter()
                .find(|i| i.path == "review.state")
                .map(|i| i.message.clone())
        })
    });
    let choice = move |value: ReviewState, label: &'static str| {
        view! {
            <label class="chip">
                <input type="radio" name="review-state" prop:checked=move || state.get() == Some(value) on:change=move |_| state.set(Some(value)) />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <section class="page detail" aria-labelledby="review-title">
            <p class="back"><A href="/coordinate/records">"Team records"</A></p>
            <h1 id="review-title">{record.venue.clone()}</h1>
            <p class="detail-when">{format!("{} · by {} · {} people", record.date.format("%A %-d %B %Y"), record.author, record.reach.total)}</p>
            <dl class="facts">
                <dt>"Method"</dt><dd>{vocab::methods().label(&record.method).into_owned()}</dd>
                <dt>"Level"</dt><dd>{vocab::levels().label(&record.level).into_owned()}</dd>
                <dt>"Priorities"</dt><dd>{record.priorities.len()}</dd>
                <dt>"Notes"</dt><dd>{if record.notes.is_empty() { "None".to_owned() } else { record.notes.clone() }}</dd>
            </dl>
            {if allowed {
                view! {
                    <form class="review-form" novalidate on:submit=submit on:input=move |_| outcome.set(None)>
                        <fieldset class="chips">
                            <legend>"Review"</legend>
                            <p class="field-error" aria-live="polite">{move || state_error.get()}</p>
                            <div class="chip-list">
                                {choice(ReviewState::LooksRight, "Looks right")}
                                {choice(ReviewState::HasIssues, "Has issues")}
                            </div>
                        </fieldset>
                        <TextField id="review-comment" label="Comment for the author" value=comment on_change=move |t| comment.set(t) error multiline=true hint="Required when it has issues: say what to put right." />
                        <div class="form-actions"><button type="submit">"Save review"</button></div>
                        <SaveStatus outcome />
                    </form>
                }
                    .into_any()
            } else {
                view! {
                    <p class="notice">
                        "Records are reviewed by a coordinator in the author's team, signed in "
                        "with their own account, and never by the author. "
                        <A href="/sign-in">"Sign in"</A>
                        " to review on this phone."
                    </p>
                }
                    .into_any()
            }}
        </section>
    }
    .into_any()
}
