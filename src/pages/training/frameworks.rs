//! Frameworks: choose the one training is tracked against (progress is kept per framework, so
//! switching back finds it as it was), and import another.

use fieldbook_core::framework::nos_cd;
use leptos::prelude::*;
use leptos_router::components::A;

use super::framework_import::FrameworkImport;
use super::shared::{count, Scope};
use crate::components::{Outcome, SaveStatus};
use crate::state::Part;

#[component]
pub fn Frameworks() -> impl IntoView {
    let scope = Scope::read();
    let data = scope.data;
    let choices = Memo::new(move |_| {
        data.follow(&[Part::Frameworks], |store| {
            store
                .all_frameworks()
                .map(|f| (f.id.clone(), f.title.clone(), f.competency_count()))
                .collect::<Vec<_>>()
        })
    });
    let active = Memo::new(move |_| scope.framework.with(|f| f.id.clone()));
    let outcome = RwSignal::new(Outcome::None);
    let choose = move |id: String| {
        let mut settings = data.settings();
        settings.active_framework = (id != nos_cd().id).then_some(id);
        outcome.set(Some(data.write(|store| store.save_settings(&settings))));
    };

    view! {
        <div class="page frameworks">
            <A href="/training" {..} class="back-link">"Back to training"</A>
            <h1>"Frameworks"</h1>
            <section class="panel" aria-labelledby="active-title">
                <h2 id="active-title">"Active framework"</h2>
                <p>
                    "Your progress is kept for each framework, so switching back finds it as "
                    "you left it."
                </p>
                <fieldset class="choices">
                    <legend>"Track training against"</legend>
                    <For each=move || choices.get() key=|choice| choice.clone() let:choice>
                        {
                            let (id, title, competencies) = choice;
                            let input_id = format!("framework-{id}");
                            let checked_id = id.clone();
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="framework"
                                        id=input_id.clone()
                                        prop:checked=move || active.with(|a| *a == checked_id)
                                        on:change=move |_| choose(id.clone())
                                    />
                                    <label for=input_id>
                                        {title}
                                        <span class="muted">{format!(" ({})", count(competencies, "competency", "competencies"))}</span>
                                    </label>
                                </div>
                            }
                        }
                    </For>
                </fieldset>
                <SaveStatus outcome />
            </section>
            <FrameworkImport scope />
        </div>
    }
}
