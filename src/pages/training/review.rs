//! The assessor's queue: every competency submitted for sign-off on this phone. A coordinator
//! signs each off or sends it back with a comment; their own submissions stay listed with the
//! reason they cannot review them.

use fieldbook_core::model::Engagement;
use fieldbook_core::progress::{review_queue, Progress};
use fieldbook_core::roles::is_assessor;
use fieldbook_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

use super::shared::{day, sentence, Scope};
use super::submission::{Submission, SubmissionView};
use crate::focus;
use crate::state::Part;

const QUEUE_TITLE: &str = "queue-title";

#[component]
pub fn Review() -> impl IntoView {
    let scope = Scope::read();
    let data = scope.data;
    let queue = Memo::new(move |_| {
        let user = scope.user.get();
        let records = scope.records.get();
        data.follow(&[Part::Frameworks], |store| {
            review_queue(&user, &records)
                .into_iter()
                .map(|submission| {
                    let progress: &Progress = submission.progress;
                    let framework = store.all_frameworks().find(|f| f.id == progress.framework);
                    SubmissionView {
                        progress: progress.clone(),
                        framework: framework
                            .map_or_else(|| progress.framework.clone(), |f| f.title.clone()),
                        competency: framework
                            .and_then(|f| f.competency(&progress.competency))
                            .map_or_else(String::new, |c| c.title.clone()),
                        reviewable: submission.reviewable.map_err(sentence),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // Every engagement on the phone, to name the one a note links to: the assessor reviews
    // someone else's evidence.
    let engagements = Memo::new(move |_| {
        data.docs::<Engagement, _>(|engagements| {
            engagements
                .values()
                .filter(|stored| !stored.deleted)
                .map(|stored| {
                    (
                        stored.doc.id,
                        format!("{}, {}", day(stored.doc.date), stored.doc.venue),
                    )
                })
                .collect::<Vec<(Id, String)>>()
        })
    });
    let done = RwSignal::new(None::<String>);
    let on_done = move |message: String| {
        done.set(Some(message));
        focus::focus_soon(QUEUE_TITLE);
    };
    let is_assessor = move || scope.user.with(is_assessor);

    view! {
        <div class="page review-queue">
            <A href="/training" {..} class="back-link">"Back to training"</A>
            <h1 id=QUEUE_TITLE tabindex="-1">"Review queue"</h1>
            <div role="status" class="review-done">
                {move || done.get().map(|message| view! { <p class="saved">{message}</p> })}
            </div>
            <Show
                when=is_assessor
                fallback=|| {
                    view! {
                        <p class="notice">
                            "Only a coordinator signs off competencies, signed in with their own "
                            "account. "
                            <A href="/sign-in">"Sign in"</A>
                            " to assess on this phone."
                        </p>
                    }
                }
            >
                <Show
                    when=move || queue.with(|q| !q.is_empty())
                    fallback=|| view! { <p class="empty">"Nothing is waiting for sign-off."</p> }
                >
                    <ul class="queue">
                        <For
                            each=move || queue.get()
                            key=|s| (s.progress.id, s.progress.evidence.len(), s.reviewable.is_ok())
                            let:submission
                        >
                            <Submission scope submission engagements on_done />
                        </For>
                    </ul>
                </Show>
            </Show>
        </div>
    }
}
