//! Priorities raised: what people said matters, each with an optional theme, and a way to
//! start an action on it.

use fieldbook_core::form::{ActionForm, PriorityForm};
use fieldbook_core::vocab;
use fieldbook_core::ElementId;
use leptos::prelude::*;

use super::editor::{field_id, Editor};
use crate::components::TextField;
use crate::{focus, local_time, random};

#[component]
pub fn Priorities(editor: Editor) -> impl IntoView {
    let ids = move || {
        editor
            .form
            .with(|form| form.priorities.iter().map(|p| p.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        let id = random::element_id();
        editor
            .form
            .update(|form| form.priorities.push(PriorityForm::new(id)));
        let index = editor.form.with_untracked(|form| form.priorities.len() - 1);
        focus::focus_soon(field_id(&format!("priorities[{index}].text")));
    };
    view! {
        <ol class="items">
            <For each=ids key=|id| *id let:id>
                <PriorityItem editor id />
            </For>
        </ol>
        <button type="button" class="secondary" on:click=add>
            "Add a priority"
        </button>
    }
}

#[component]
fn PriorityItem(editor: Editor, id: ElementId) -> impl IntoView {
    // A memo, so the field is rebuilt only when its place in the list changes, not on every
    // keystroke (which would take focus from it).
    let index = Memo::new(move |_| {
        editor
            .form
            .with(|form| form.priorities.iter().position(|p| p.id == id))
            .unwrap_or(0)
    });
    let (text, set_text) = editor.text(
        move |form| form.priorities.iter().find(|p| p.id == id).map(|p| &p.text),
        move |form| {
            form.priorities
                .iter_mut()
                .find(|p| p.id == id)
                .map(|p| &mut p.text)
        },
    );
    let (theme, set_theme) = editor.text(
        move |form| {
            form.priorities
                .iter()
                .find(|p| p.id == id)
                .map(|p| &p.theme)
        },
        move |form| {
            form.priorities
                .iter_mut()
                .find(|p| p.id == id)
                .map(|p| &mut p.theme)
        },
    );
    let text_path = move || format!("priorities[{}].text", index.get());
    let theme_id = move || field_id(&format!("priorities[{}].theme", index.get()));
    let add_action = move |_| {
        let today = local_time::context().now.date();
        editor.edit(|form| {
            form.actions
                .push(ActionForm::new(random::element_id(), Some(id), today))
        });
        let last = editor.form.with_untracked(|form| form.actions.len() - 1);
        focus::focus_soon(field_id(&format!("actions[{last}].text")));
    };
    view! {
        <li class="item">
            {move || {
                let path = text_path();
                view! {
                    <TextField
                        id=field_id(&path)
                        label=format!("Priority {}", index.get() + 1)
                        value=text
                        on_change=set_text
                        error=editor.error(move || path.clone())
                    />
                }
            }}
            <div class="field">
                <label for=theme_id>"Theme (optional)"</label>
                <select
                    id=theme_id
                    prop:value=move || theme.get()
                    on:change:target=move |event| set_theme.run(event.target().value())
                >
                    <option value="">"No theme"</option>
                    {vocab::themes()
                        .terms
                        .iter()
                        .map(|term| view! { <option value=term.code.clone()>{term.label.clone()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="row-actions">
                <button type="button" class="secondary" on:click=add_action>
                    "Add an action"
                </button>
                <button
                    type="button"
                    class="secondary danger"
                    on:click=move |_| editor.edit(|form| form.remove_priority(id))
                >
                    "Remove priority"
                </button>
            </div>
        </li>
    }
}
