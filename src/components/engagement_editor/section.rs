//! A section of the form that expands, showing how many entries it holds while closed. It
//! opens by itself when something in it needs fixing.

use leptos::prelude::*;

use super::editor::Editor;

#[component]
pub fn Section(
    editor: Editor,
    id: &'static str,
    title: &'static str,
    /// Issue paths under these belong to this section.
    prefixes: &'static [&'static str],
    /// How many entries it holds, shown beside the title.
    #[prop(optional, into)]
    count: Option<Signal<usize>>,
    children: Children,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    let has_errors = move || {
        prefixes
            .iter()
            .any(|prefix| editor.has_errors_under(prefix))
    };
    view! {
        <details
            class="section"
            id=format!("section-{id}")
            prop:open=move || opened.get() || has_errors()
            on:toggle:target=move |event| opened.set(event.target().open())
        >
            <summary>
                <span class="section-title">{title}</span>
                {count
                    .map(|count| {
                        view! {
                            <span class="section-count">
                                {move || match count.get() {
                                    0 => String::new(),
                                    n => format!("({n})"),
                                }}
                            </span>
                        }
                    })}
            </summary>
            <div class="section-body">{children()}</div>
        </details>
    }
}
