//! Marking an action done from the record, with what came of it.

use fieldbook_core::form::EngagementForm;
use fieldbook_core::model::{Engagement, ACTION_DONE};
use fieldbook_core::{ElementId, Issue};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{Outcome, SaveStatus, TextField};
use crate::state::Data;
use crate::{focus, local_time};

/// `record` is the record as stored now; the form keeps what is typed while it changes, and
/// saving changes only this action's status and outcome, so an edit made meanwhile elsewhere
/// stays. `open` says whether the action is still open; a form already open stays open.
#[component]
pub fn MarkDone(
    record: Memo<Option<Engagement>>,
    action: ElementId,
    #[prop(into)] open: Signal<bool>,
) -> impl IntoView {
    let data = expect_context::<Data>();
    let editing = RwSignal::new(false);
    let outcome_text = RwSignal::new(String::new());
    let issues = RwSignal::new(Vec::<Issue>::new());
    let saved = RwSignal::new(Outcome::None);
    let field = format!("done-{action}");
    let error = Signal::derive(move || {
        issues.with(|issues| {
            let messages: Vec<&str> = issues.iter().map(|issue| issue.message.as_str()).collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        })
    });
    let submit = {
        let field = field.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let Some(record) = record.get_untracked() else {
                return;
            };
            let context = local_time::context();
            let mut form = EngagementForm::from_engagement(&record);
            if let Some(entry) = form.actions.iter_mut().find(|a| a.id == action) {
                entry.set_status(ACTION_DONE, context.now.date());
                entry.outcome = outcome_text.get_untracked();
            }
            match form.to_engagement(record.id, &context) {
                Err(found) => {
                    issues.set(found);
                    focus::focus_soon(field.clone());
                }
                Ok(edited) => {
                    issues.set(Vec::new());
                    let result = data.save(Some(&record), &edited);
                    if result.is_ok() {
                        editing.set(false);
                    }
                    saved.set(Some(result));
                }
            }
        }
    };
    let start = {
        let field = field.clone();
        move |_| {
            saved.set(None);
            editing.set(true);
            focus::focus_soon(field.clone());
        }
    };
    view! {
        <Show
            when=move || editing.get()
            fallback=move || {
                let start = start.clone();
                open.get().then(|| view! { <button type="button" class="secondary" on:click=start>"Mark done"</button> })
            }
        >
            <form class="mark-done" novalidate on:submit=submit.clone()>
                <TextField
                    id=field.clone()
                    label="What came of it"
                    value=outcome_text
                    on_change=move |text| outcome_text.set(text)
                    error
                    multiline=true
                />
                <div class="row-actions">
                    <button type="submit">"Save as done"</button>
                    <button type="button" class="secondary" on:click=move |_| editing.set(false)>"Cancel"</button>
                </div>
            </form>
        </Show>
        <SaveStatus outcome=saved />
    }
}
