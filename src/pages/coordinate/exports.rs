//! The dashboard's downloads: the records and each report as CSV files, for the period and
//! area chosen. Engagement files come from the server when it answered the dashboard (every
//! record the user may see), else from the phone; training files always from the phone.

use fieldbook_core::model::Engagement;
use fieldbook_core::report::{
    dated_file_name, learners_of, training, training_key_areas_csv, training_learners_csv,
    EngagementFile, Filter,
};
use leptos::prelude::*;

use super::choice::Choice;
use super::source::{Answer, Source};
use crate::download::download;
use crate::local_time;
use crate::pages::training::Scope;
use crate::sync::Client;

/// Which file, and how it is made.
#[derive(Clone, Copy)]
enum Export {
    Engagements(EngagementFile),
    Learners,
    KeyAreas,
}

impl Export {
    const ALL: [Export; 6] = [
        Export::Engagements(EngagementFile::Records),
        Export::Engagements(EngagementFile::Coverage),
        Export::Engagements(EngagementFile::Reach),
        Export::Engagements(EngagementFile::Loop),
        Export::Learners,
        Export::KeyAreas,
    ];

    fn label(self) -> &'static str {
        match self {
            Export::Engagements(EngagementFile::Records) => "Engagement records",
            Export::Engagements(EngagementFile::Coverage) => "Coverage",
            Export::Engagements(EngagementFile::Reach) => "Reach",
            Export::Engagements(EngagementFile::Loop) => "You said, we did",
            Export::Learners => "Training by learner",
            Export::KeyAreas => "Training by key area",
        }
    }

    /// Training is as it stands today, so its files are named for the day, not the period.
    fn file_name(self, filter: &Filter) -> String {
        let today = || local_time::context().now.date();
        match self {
            Export::Engagements(file) => file.file_name(filter),
            Export::Learners => dated_file_name("training-learners", today()),
            Export::KeyAreas => dated_file_name("training-key-areas", today()),
        }
    }

    /// The file from the phone's records.
    fn make(self, scope: &Scope, filter: &Filter) -> String {
        let framework = scope.framework.get_untracked();
        let progress = scope.records.get_untracked();
        let cohort = || training(&framework, learners_of(&framework, &progress), &progress);
        match self {
            // Made when asked for, not drawn: nothing to follow.
            Export::Engagements(file) => scope.data.peek(|store| {
                let live = store
                    .docs::<Engagement>()
                    .values()
                    .filter(|stored| !stored.deleted)
                    .map(|stored| &stored.doc);
                file.make(live, filter)
            }),
            Export::Learners => training_learners_csv(&cohort()),
            Export::KeyAreas => training_key_areas_csv(&cohort()),
        }
    }
}

/// Saved with a UTF-8 byte order mark in front, so that spreadsheets which guess the encoding
/// (older Excel) read names such as "Tenants’" right. The server's files start with one too,
/// but reading a response as text drops it.
fn save(name: &str, csv: &str) {
    download(name, "text/csv;charset=utf-8", &format!("\u{feff}{csv}"));
}

#[component]
pub fn Exports(choice: Memo<Choice>, source: Source) -> impl IntoView {
    let scope = Scope::read();
    // What became of the last download that could not come from the server.
    let fallback = RwSignal::new(None::<String>);
    // Read when a button is pressed, not followed; and without copying the report.
    let from_server = move || {
        source
            .answer
            .with_untracked(|a| matches!(a, Answer::Given(_)))
    };
    view! {
        <section class="report-section exports no-print" aria-labelledby="exports-title">
            <h2 id="exports-title">"Download as CSV"</h2>
            <p class="hint">
                "For the period and area chosen above; training is as it stands today. "
                "Contact details and authors are never included."
            </p>
            <ul class="export-list">
                {Export::ALL
                    .into_iter()
                    .map(|export| {
                        let save_it = move |_| {
                            fallback.set(None);
                            let filter = choice.with_untracked(Choice::filter);
                            let name = export.file_name(&filter);
                            let server = source.server.get_untracked();
                            match (export, server.filter(|_| from_server())) {
                                (Export::Engagements(file), Some((base, token))) => {
                                    leptos::task::spawn_local(async move {
                                        match Client::new(&base, &token).report_file(file, &filter).await {
                                            Ok(csv) => save(&name, &csv),
                                            Err(failure) => {
                                                let csv = export.make(&scope, &filter);
                                                save(&name, &csv);
                                                fallback.set(Some(format!(
                                                    "{name} was made from this phone's records: {failure}"
                                                )));
                                            }
                                        }
                                    });
                                }
                                _ => {
                                    let csv = export.make(&scope, &filter);
                                    save(&name, &csv);
                                }
                            }
                        };
                        view! {
                            <li>
                                <button type="button" class="secondary" on:click=save_it>
                                    {export.label()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="hint" role="status">{move || fallback.get()}</p>
        </section>
    }
}
