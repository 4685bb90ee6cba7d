//! One submission in the review queue: the learner's evidence, and the assessor's two
//! answers: sign it off, or send it back with a comment the learner will read.

use fieldbook_core::progress::Progress;
use fieldbook_core::Id;
use leptos::prelude::*;

use super::evidence_list::EvidenceList;
use super::shared::{show, Scope};
use crate::components::{Outcome, SaveStatus};
use crate::{focus, local_time};

/// A submission as the queue shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionView {
    pub progress: Progress,
    pub framework: String,
    /// Empty when the framework is not on this phone.
    pub competency: String,
    /// Why this user may not review it, as a sentence.
    pub reviewable: Result<(), String>,
}

#[component]
pub fn Submission(
    scope: Scope,
    submission: SubmissionView,
    engagements: Memo<Vec<(Id, String)>>,
    #[prop(into)] on_done: Callback<String>,
) -> impl IntoView {
    let SubmissionView {
        progress,
        framework,
        competency,
        reviewable,
    } = submission;
    let slug = progress.id.to_string();
    let title = format!("{} {}", progress.competency, competency)
        .trim()
        .to_owned();
    let heading = format!("submission-{slug}");
    let comment_id = format!("comment-{slug}");
    let comment = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Outcome::None);
    let learner = progress.learner.clone();
    let evidence = progress.evidence.clone();
    let base = StoredValue::new(progress);

    let focus_comment = comment_id.clone();
    let review = move |send_back: bool| {
        let today = local_time::context().now.date();
        let text = comment.get_untracked();
        let result = base.with_value(|base| {
            scope.change(Some(base), &base.competency, |progress, user| {
                if send_back {
                    progress.send_back(user, today, &text)
                } else {
                    progress.sign_off(user, today)
                }
            })
        });
        if show(result, refusal, outcome) {
            let (what, learner, title) = base.with_value(|b| {
                (
                    if send_back { "Sent back" } else { "Signed off" },
                    b.learner.clone(),
                    b.competency.clone(),
                )
            });
            on_done.run(format!("{what} {title} for {learner}."));
        } else if send_back && refusal.with_untracked(Option::is_some) {
            focus::focus_soon(focus_comment.clone());
        }
    };
    let review_back = review.clone();

    view! {
        <li class="panel submission">
            <h2 id=heading>{title}</h2>
            <p class="muted">{format!("{learner}, {framework}")}</p>
            <h3>"Evidence"</h3>
            <EvidenceList evidence=Signal::derive(move || evidence.clone()) engagements />
            {match reviewable {
                Err(reason) => view! { <p class="notice">{reason}</p> }.into_any(),
                Ok(()) => {
                    view! {
                        <div class="form-actions">
                            <button type="button" on:click=move |_| review(false)>
                                "Sign off"
                            </button>
                        </div>
                        <div class="field">
                            <label for=comment_id.clone()>
                                {format!("What should {learner} do next? (to send it back)")}
                            </label>
                            <textarea
                                id=comment_id.clone()
                                rows="3"
                                prop:value=move || comment.get()
                                on:input:target=move |event| comment.set(event.target().value())
                            ></textarea>
                        </div>
                        <div class="form-actions">
                            <button type="button" class="secondary" on:click=move |_| review_back(true)>
                                "Send back"
                            </button>
                        </div>
                        <p class="error" aria-live="polite">{move || refusal.get()}</p>
                        <SaveStatus outcome />
                    }
                        .into_any()
                }
            }}
        </li>
    }
}
