//! Feedback to the community: what was said back, when and how, and which priorities it
//! answers. This closes the "you said, we did" loop.

use fieldbook_core::form::{EngagementForm, FeedbackForm};
use fieldbook_core::vocab;
use fieldbook_core::ElementId;
use leptos::prelude::*;

use super::editor::{field_id, Editor};
use super::priority_choices;
use crate::components::TextField;
use crate::{focus, local_time, random};

#[component]
pub fn FeedbackList(editor: Editor) -> impl IntoView {
    let ids = move || {
        editor
            .form
            .with(|form| form.feedback.iter().map(|f| f.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        let today = local_time::context().now.date();
        editor.edit(|form| {
            // Feedback usually answers everything raised, so it starts linked to all of it.
            let answers = form.priorities.iter().map(|p| p.id).collect();
            form.feedback
                .push(FeedbackForm::new(random::element_id(), answers, today))
        });
        let index = editor.form.with_untracked(|form| form.feedback.len() - 1);
        focus::focus_soon(field_id(&format!("feedback[{index}].text")));
    };
    view! {
        <ol class="items">
            <For each=ids key=|id| *id let:id>
                <FeedbackItem editor id />
            </For>
        </ol>
        <button type="button" class="secondary" on:click=add>
            "Add feedback"
        </button>
    }
}

#[component]
fn FeedbackItem(editor: Editor, id: ElementId) -> impl IntoView {
    let index = Memo::new(move |_| {
        editor
            .form
            .with(|form| form.feedback.iter().position(|f| f.id == id))
            .unwrap_or(0)
    });
    let find = move |form: &EngagementForm| form.feedback.iter().find(|f| f.id == id).cloned();
    let channel = Memo::new(move |_| {
        editor
            .form
            .with(|form| find(form).map(|f| f.channel).unwrap_or_default())
    });
    let answers = Memo::new(move |_| {
        editor
            .form
            .with(|form| find(form).map(|f| f.answers).unwrap_or_default())
    });
    let choices = priority_choices(editor);
    let path = move |field: &str| format!("feedback[{}].{field}", index.get());
    let (text, set_text) = editor.text(
        move |form| form.feedback.iter().find(|f| f.id == id).map(|f| &f.text),
        move |form| {
            form.feedback
                .iter_mut()
                .find(|f| f.id == id)
                .map(|f| &mut f.text)
        },
    );
    let (given_on, set_given_on) = editor.text(
        move |form| {
            form.feedback
                .iter()
                .find(|f| f.id == id)
                .map(|f| &f.given_on)
        },
        move |form| {
            form.feedback
                .iter_mut()
                .find(|f| f.id == id)
                .map(|f| &mut f.given_on)
        },
    );
    let channel_id = move || field_id(&path("channel"));
    let channel_error = editor.error(move || path("channel"));
    let set_channel = move |code: String| {
        editor.edit(|form| {
            if let Some(feedback) = form.feedback.iter_mut().find(|f| f.id == id) {
                feedback.channel = code;
            }
        })
    };
    let toggle = move |priority: ElementId| {
        editor.edit(|form| {
            if let Some(feedback) = form.feedback.iter_mut().find(|f| f.id == id) {
                feedback.toggle_answer(priority);
            }
        })
    };
    view! {
        <li class="item">
            <p class="item-title">{move || format!("Feedback {}", index.get() + 1)}</p>
            {move || {
                let at = path("text");
                view! {
                    <TextField
                        id=field_id(&at)
                        label="What you told people"
                        value=text
                        on_change=set_text
                        error=editor.error(move || at.clone())
                        multiline=true
                    />
                }
            }}
            {move || {
                let at = path("given_on");
                view! {
                    <TextField
                        id=field_id(&at)
                        label="When"
                        value=given_on
                        on_change=set_given_on
                        error=editor.error(move || at.clone())
                        kind="date"
                    />
                }
            }}
            <div class="field" class:invalid=move || channel_error.get().is_some()>
                <label for=channel_id>"How"</label>
                <p class="field-error" aria-live="polite">{move || channel_error.get()}</p>
                <select
                    id=channel_id
                    prop:value=move || channel.get()
                    on:change:target=move |event| set_channel(event.target().value())
                    aria-invalid=move || channel_error.get().map(|_| "true")
                >
                    <option value="">"Choose how"</option>
                    {vocab::feedback_channels()
                        .terms
                        .iter()
                        .map(|term| view! { <option value=term.code.clone()>{term.label.clone()}</option> })
                        .collect_view()}
                </select>
            </div>
            <fieldset class="answers">
                <legend>"Answers these priorities"</legend>
                {move || {
                    let choices = choices.get();
                    if choices.is_empty() {
                        return view! { <p class="hint">"No priorities recorded yet."</p> }.into_any();
                    }
                    choices
                        .into_iter()
                        .map(|(value, label)| {
                            let priority: Option<ElementId> = value.parse().ok();
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || priority.is_some_and(|p| answers.get().contains(&p))
                                        on:change=move |_| {
                                            if let Some(priority) = priority {
                                                toggle(priority);
                                            }
                                        }
                                    />
                                    <span>{label}</span>
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
            <div class="row-actions">
                <button
                    type="button"
                    class="secondary danger"
                    on:click=move |_| editor.edit(|form| form.feedback.retain(|f| f.id != id))
                >
                    "Remove feedback"
                </button>
            </div>
        </li>
    }
}
