//! Importing a framework file. Core checks it whole; a file that fails is listed problem by
//! problem, each with the field it is about, and nothing is stored or switched.

use fieldbook_core::framework::{nos_cd, Framework, FrameworkError};
use fieldbook_core::roles::can_import_framework;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::shared::{count, sentence, Scope};
use crate::components::SaveStatus;
use crate::storage::SaveError;

/// What became of the last file chosen.
#[derive(Debug, Clone, PartialEq)]
enum Imported {
    Stored {
        title: String,
        areas: usize,
        competencies: usize,
    },
    /// Problems as (field, sentence); the field is empty where the problem is the whole file.
    Refused(Vec<(String, String)>),
    NotSaved(SaveError),
}

#[component]
pub fn FrameworkImport(scope: Scope) -> impl IntoView {
    let data = scope.data;
    let outcome = RwSignal::new(None::<Imported>);
    let allowed = move || scope.user.with(can_import_framework);

    let import = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match JsFuture::from(file.text()).await {
                Ok(text) => check(&text.as_string().unwrap_or_default()),
                Err(_) => Err(vec![(
                    String::new(),
                    "The file could not be read.".to_owned(),
                )]),
            };
            outcome.set(Some(match result {
                Err(problems) => Imported::Refused(problems),
                Ok(framework) => match data.write(|store| store.save_framework(&framework)) {
                    Ok(()) => Imported::Stored {
                        title: framework.title.clone(),
                        areas: framework.key_areas.len(),
                        competencies: framework.competency_count(),
                    },
                    Err(error) => Imported::NotSaved(error),
                },
            }));
        });
    };

    view! {
        <section class="panel" aria-labelledby="import-title">
            <h2 id="import-title">"Import a framework"</h2>
            <Show
                when=allowed
                fallback=|| {
                    view! {
                        <p class="notice">
                            "Coordinators import frameworks. Ask yours for the file, or switch your "
                            "role in Settings if you are one."
                        </p>
                    }
                }
            >
                <p>
                    "A framework file is JSON, as described in the Fieldbook guide to frameworks. "
                    "Importing a file with the id of one already here replaces it; progress "
                    "against it is kept."
                </p>
                <label class="file-picker">
                    <span>"Choose a framework file"</span>
                    <input type="file" accept=".json,application/json" on:change=import />
                </label>
            </Show>
            <div class="import-outcome" role="status" aria-live="polite">
                {move || outcome.get().map(|outcome| match outcome {
                    Imported::Stored { title, areas, competencies } => view! {
                        <p class="saved">
                            {format!(
                                "Imported \u{201c}{title}\u{201d}: {}, {}. Choose it above to use it.",
                                count(areas, "key area", "key areas"),
                                count(competencies, "competency", "competencies"),
                            )}
                        </p>
                    }
                        .into_any(),
                    Imported::NotSaved(error) => {
                        view! { <SaveStatus outcome=Signal::stored(Some(Err(error))) /> }.into_any()
                    }
                    Imported::Refused(problems) => view! {
                        <div class="import-errors">
                            <h3>"The file was not imported"</h3>
                            <p>"Nothing was changed: the active framework is as it was. Fix these and try again:"</p>
                            <ul>
                                {problems
                                    .into_iter()
                                    .map(|(field, message)| view! {
                                        <li>
                                            {(!field.is_empty()).then(|| view! { <code>{field}</code>": " })}
                                            {message}
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                        .into_any(),
                })}
            </div>
        </section>
    }
}

/// The framework in `text`, or its problems by field.
fn check(text: &str) -> Result<Framework, Vec<(String, String)>> {
    let framework = Framework::import(text).map_err(|error| match error {
        FrameworkError::Invalid(issues) => issues
            .into_iter()
            .map(|issue| (issue.path, issue.message))
            .collect(),
        other => vec![(String::new(), sentence(other))],
    })?;
    if framework.id == nos_cd().id {
        return Err(vec![(
            "id".to_owned(),
            format!(
                "\u{201c}{}\u{201d} is the id of the built-in framework; give this one an id of \
                 its own.",
                framework.id
            ),
        )]);
    }
    Ok(framework)
}
