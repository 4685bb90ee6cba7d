//! Backups in settings: export everything as one file, or merge such a file back in.

use fieldbook_core::backup::ImportReport;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::download::download;
use crate::local_time::context;
use crate::state::{now_ms, Data, Timing};
use crate::storage::Imported;

#[component]
pub fn BackupPanel() -> impl IntoView {
    let data = expect_context::<Data>();
    let (outcome, set_outcome) = signal(None::<Result<Imported, String>>);

    let export = move |_| export_backup(data);

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
        // Clear the picker, so choosing the same file again imports it again.
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    set_outcome.set(Some(Err("The file could not be read.".to_owned())));
                    return;
                }
            };
            let result = data.write_unjournaled(|store| store.import(&text, &context(), now_ms()));
            set_outcome.set(Some(
                result.map_err(|error| format!("Nothing was imported: {error}.")),
            ));
        });
    };

    view! {
        <section class="panel" aria-labelledby="backup-title" id="backup">
            <h2 id="backup-title">"Backup"</h2>
            <p>
                "A backup holds every record on this phone in one file. Keep it somewhere safe, "
                "or import it on another phone: records merge, so nothing is duplicated."
            </p>
            <div class="backup-actions">
                <button type="button" on:click=export>"Export a backup"</button>
                <label class="file-picker">
                    <span>"Import a backup"</span>
                    <input type="file" accept=".json,application/json" on:change=import />
                </label>
            </div>
            <div role="status" aria-live="polite" class="import-outcome">
                {move || outcome.get().map(|outcome| match outcome {
                    Ok(imported) => view! { <ImportSummary imported /> }.into_any(),
                    Err(message) => view! { <p class="error">{message}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}

#[component]
fn ImportSummary(imported: Imported) -> impl IntoView {
    let Imported { report, stopped } = imported;
    let ImportReport { rejected, .. } = &report;
    let rejected = rejected.clone();
    view! {
        <p>{report.summary()}</p>
        {stopped.map(|(left, error)| view! {
            <p class="error">{format!("{left} records were not written. {error}")}</p>
        })}
        <Show when={
            let any = !rejected.is_empty();
            move || any
        }>
            <h3>"Not imported"</h3>
            <ul class="rejections">
                {rejected
                    .iter()
                    .map(|rejection| view! {
                        <li><strong>{rejection.what.clone()}</strong>": "{rejection.reason.clone()}</li>
                    })
                    .collect_view()}
            </ul>
        </Show>
    }
}

/// Download everything on this phone as one backup file.
pub fn export_backup(data: Data) {
    let _timing = Timing::start("fieldbook:export");
    let file = data.peek(|store| store.export(now_ms()));
    let day = context().now.date();
    download(
        &format!("fieldbook-backup-{day}.json"),
        "application/json",
        &file,
    );
}
