//! Actions: what someone will do about a priority, who leads it, when it is due, and, once
//! done, what came of it.

use fieldbook_core::form::ActionForm;
use fieldbook_core::vocab;
use fieldbook_core::ElementId;
use leptos::prelude::*;

use super::editor::{field_id, Editor};
use super::priority_choices;
use crate::components::TextField;
use crate::{focus, local_time, random};

#[component]
pub fn Actions(editor: Editor) -> impl IntoView {
    let ids = move || {
        editor
            .form
            .with(|form| form.actions.iter().map(|a| a.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        let today = local_time::context().now.date();
        editor.edit(|form| {
            form.actions
                .push(ActionForm::new(random::element_id(), None, today))
        });
        let index = editor.form.with_untracked(|form| form.actions.len() - 1);
        focus::focus_soon(field_id(&format!("actions[{index}].text")));
    };
    view! {
        <ol class="items">
            <For each=ids key=|id| *id let:id>
                <ActionItem editor id />
            </For>
        </ol>
        <button type="button" class="secondary" on:click=add>
            "Add an action"
        </button>
    }
}

#[component]
fn ActionItem(editor: Editor, id: ElementId) -> impl IntoView {
    // A memo, so fields are rebuilt only when the action's place changes, not per keystroke.
    let index = Memo::new(move |_| {
        editor
            .form
            .with(|form| form.actions.iter().position(|a| a.id == id))
            .unwrap_or(0)
    });
    let find = move |form: &fieldbook_core::form::EngagementForm| {
        form.actions.iter().find(|a| a.id == id).cloned()
    };
    let closed = Memo::new(move |_| {
        editor
            .form
            .with(|form| find(form).is_some_and(|a| a.is_closed()))
    });
    let status = Memo::new(move |_| {
        editor
            .form
            .with(|form| find(form).map(|a| a.status).unwrap_or_default())
    });
    let linked = Memo::new(move |_| {
        editor
            .form
            .with(|form| find(form).and_then(|a| a.priority))
            .map(|p| p.to_string())
            .unwrap_or_default()
    });
    let choices = priority_choices(editor);
    let path = move |field: &str| format!("actions[{}].{field}", index.get());
    let text_field = move |field: &'static str,
                           label: &'static str,
                           get: fn(&ActionForm) -> &String,
                           set: fn(&mut ActionForm) -> &mut String,
                           kind: &'static str,
                           multiline: bool| {
        let (value, on_change) = editor.text(
            move |form| form.actions.iter().find(|a| a.id == id).map(get),
            move |form| form.actions.iter_mut().find(|a| a.id == id).map(set),
        );
        move || {
            let at = path(field);
            let error = {
                let at = at.clone();
                editor.error(move || at.clone())
            };
            view! { <TextField id=field_id(&at) label value on_change error kind multiline /> }
        }
    };
    let status_id = move || field_id(&path("status"));
    let priority_id = move || field_id(&path("priority"));
    let set_status = move |code: String| {
        let today = local_time::context().now.date();
        editor.edit(|form| {
            if let Some(action) = form.actions.iter_mut().find(|a| a.id == id) {
                action.set_status(&code, today);
            }
        });
    };
    let set_priority = move |value: String| {
        editor.edit(|form| {
            if let Some(action) = form.actions.iter_mut().find(|a| a.id == id) {
                action.priority = value.parse().ok();
            }
        });
    };
    view! {
        <li class="item">
            <p class="item-title">{move || format!("Action {}", index.get() + 1)}</p>
            {text_field("text", "What will be done", |a| &a.text, |a| &mut a.text, "text", false)}
            {text_field("lead", "Lead (agency or person)", |a| &a.lead, |a| &mut a.lead, "text", false)}
            <div class="field">
                <label for=priority_id>"Answers priority"</label>
                <select
                    id=priority_id
                    prop:value=move || linked.get()
                    on:change:target=move |event| set_priority(event.target().value())
                >
                    <option value="">"None"</option>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value>{label}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            {text_field("agreed_on", "Agreed on", |a| &a.agreed_on, |a| &mut a.agreed_on, "date", false)}
            {text_field("due", "Due (optional)", |a| &a.due, |a| &mut a.due, "date", false)}
            <div class="field">
                <label for=status_id>"Status"</label>
                <select
                    id=status_id
                    prop:value=move || status.get()
                    on:change:target=move |event| set_status(event.target().value())
                >
                    {vocab::action_statuses()
                        .terms
                        .iter()
                        .map(|term| view! { <option value=term.code.clone()>{term.label.clone()}</option> })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || closed.get()>
                {text_field("closed_on", "Closed on", |a| &a.closed_on, |a| &mut a.closed_on, "date", false)}
                {text_field("outcome", "Outcome: what came of it", |a| &a.outcome, |a| &mut a.outcome, "text", true)}
            </Show>
            <div class="row-actions">
                <button
                    type="button"
                    class="secondary danger"
                    on:click=move |_| editor.edit(|form| form.actions.retain(|a| a.id != id))
                >
                    "Remove action"
                </button>
            </div>
        </li>
    }
}
