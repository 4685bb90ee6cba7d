//! Adding a dated evidence note to a competency, optionally linked to one of the learner's own
//! engagement records. Core checks it; errors appear beside the field they are about.

use chrono::NaiveDate;
use fieldbook_core::progress::{Evidence, Progress, ProgressError};
use fieldbook_core::Id;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::shared::{sentence, NotChanged, Scope};
use crate::components::{Outcome, SaveStatus};
use crate::{focus, local_time};

const DATE: &str = "evidence-date";
const NOTE: &str = "evidence-note";
const ENGAGEMENT: &str = "evidence-engagement";

/// An error beside each field, and one for the form as a whole.
#[derive(Clone, Default)]
struct Errors {
    date: Option<String>,
    note: Option<String>,
    form: Option<String>,
}

#[component]
pub fn EvidenceForm(
    scope: Scope,
    record: Memo<Option<Progress>>,
    code: Memo<String>,
    engagements: Memo<Vec<(Id, String)>>,
) -> impl IntoView {
    let date = RwSignal::new(local_time::context().now.date().to_string());
    let note = RwSignal::new(String::new());
    let engagement = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let outcome = RwSignal::new(Outcome::None);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Ok(on) = date.get_untracked().parse::<NaiveDate>() else {
            errors.set(Errors {
                date: Some("Enter the date it was done, as day, month and year.".to_owned()),
                ..Errors::default()
            });
            focus::focus_soon(DATE);
            return;
        };
        let evidence = Evidence {
            id: crate::random::element_id(),
            date: on,
            note: note.get_untracked().trim().to_owned(),
            engagement: engagement.get_untracked().parse::<Id>().ok(),
        };
        let result = record.with_untracked(|base| {
            scope.change(base.as_ref(), &code.get_untracked(), |progress, user| {
                progress.add_evidence(user, evidence)
            })
        });
        let (found, saved) = match result {
            Ok(()) => (Errors::default(), Some(Ok(()))),
            Err(NotChanged::NotSaved(error)) => (Errors::default(), Some(Err(error))),
            Err(NotChanged::Refused(
                error @ (ProgressError::EmptyNote | ProgressError::TooLong { .. }),
            )) => (
                Errors {
                    note: Some(sentence(error)),
                    ..Errors::default()
                },
                None,
            ),
            Err(NotChanged::Refused(error)) => (
                Errors {
                    form: Some(sentence(error)),
                    ..Errors::default()
                },
                None,
            ),
            Err(NotChanged::Invalid(issues)) => {
                let (dates, others): (Vec<_>, Vec<_>) =
                    issues.into_iter().partition(|i| i.path.ends_with(".date"));
                let join = |issues: Vec<fieldbook_core::Issue>| {
                    (!issues.is_empty()).then(|| {
                        issues
                            .into_iter()
                            .map(|i| i.message)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                };
                (
                    Errors {
                        date: join(dates),
                        form: join(others),
                        ..Errors::default()
                    },
                    None,
                )
            }
        };
        let first = if found.date.is_some() {
            Some(DATE)
        } else if found.note.is_some() {
            Some(NOTE)
        } else {
            None
        };
        let stored = matches!(saved, Some(Ok(())));
        errors.set(found);
        outcome.set(saved);
        if stored {
            note.set(String::new());
            engagement.set(String::new());
            focus::focus_soon(NOTE);
        } else if let Some(field) = first {
            focus::focus_soon(field);
        }
    };

    let error = move |pick: fn(&Errors) -> Option<String>| move || errors.with(pick);
    let described = |id: &'static str, pick: fn(&Errors) -> Option<String>| {
        move || errors.with(pick).map(|_| format!("{id}-error"))
    };

    view! {
        <form
            class="evidence-form"
            novalidate
            aria-labelledby="evidence-form-title"
            on:submit=submit
            on:input=move |_| outcome.set(None)
        >
            <h3 id="evidence-form-title">"Add an evidence note"</h3>
            <div class="field" class:invalid=move || errors.with(|e| e.date.is_some())>
                <label for=DATE>"Date"</label>
                <p class="field-error" id="evidence-date-error" aria-live="polite">
                    {error(|e| e.date.clone())}
                </p>
                <input
                    id=DATE
                    type="date"
                    prop:value=move || date.get()
                    on:input:target=move |event| date.set(event.target().value())
                    aria-invalid=move || errors.with(|e| e.date.as_ref().map(|_| "true"))
                    aria-describedby=described(DATE, |e| e.date.clone())
                />
            </div>
            <div class="field" class:invalid=move || errors.with(|e| e.note.is_some())>
                <label for=NOTE>"What you did, and where"</label>
                <p class="hint" id="evidence-note-hint">
                    "For example: ran a drop-in at the library with six residents."
                </p>
                <p class="field-error" id="evidence-note-error" aria-live="polite">
                    {error(|e| e.note.clone())}
                </p>
                <textarea
                    id=NOTE
                    rows="4"
                    prop:value=move || note.get()
                    on:input:target=move |event| note.set(event.target().value())
                    aria-invalid=move || errors.with(|e| e.note.as_ref().map(|_| "true"))
                    aria-describedby=move || {
                        let mut ids = vec!["evidence-note-hint".to_owned()];
                        ids.extend(errors.with(|e| e.note.as_ref().map(|_| "evidence-note-error".to_owned())));
                        ids.join(" ")
                    }
                ></textarea>
            </div>
            <Show
                when=move || engagements.with(|e| !e.is_empty())
                fallback=|| {
                    view! {
                        <p class="hint">
                            "Engagements you record on this phone can be linked to a note here."
                        </p>
                    }
                }
            >
                <div class="field">
                    <label for=ENGAGEMENT>"From one of your engagement records (optional)"</label>
                    <select
                        id=ENGAGEMENT
                        prop:value=move || engagement.get()
                        on:change:target=move |event| engagement.set(event.target().value())
                    >
                        <option value="">"None"</option>
                        <For each=move || engagements.get() key=|(id, _)| *id let:item>
                            <option value=item.0.to_string()>{item.1}</option>
                        </For>
                    </select>
                </div>
            </Show>
            <p class="error" aria-live="polite">{error(|e| e.form.clone())}</p>
            <div class="form-actions">
                <button type="submit">"Add evidence note"</button>
            </div>
        </form>
        <SaveStatus outcome />
    }
}
