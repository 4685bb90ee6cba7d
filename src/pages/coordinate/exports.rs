//! The dashboard's downloads: the records and each report as CSV files, for the period and
//! area chosen.

use fieldbook_core::model::Engagement;
use fieldbook_core::report::{
    coverage, coverage_csv, dated_file_name, engagements_csv, file_name, follow_up, follow_up_csv,
    learners_of, reach, reach_csv, training, training_key_areas_csv, training_learners_csv, Filter,
};
use leptos::prelude::*;

use super::choice::Choice;
use crate::download::download;
use crate::local_time;
use crate::pages::training::Scope;

/// Which file, and how it is made from the records in a filter.
#[derive(Clone, Copy)]
enum Export {
    Records,
    Coverage,
    Reach,
    Loop,
    Learners,
    KeyAreas,
}

impl Export {
    const ALL: [Export; 6] = [
        Export::Records,
        Export::Coverage,
        Export::Reach,
        Export::Loop,
        Export::Learners,
        Export::KeyAreas,
    ];

    fn label(self) -> &'static str {
        match self {
            Export::Records => "Engagement records",
            Export::Coverage => "Coverage",
            Export::Reach => "Reach",
            Export::Loop => "You said, we did",
            Export::Learners => "Training by learner",
            Export::KeyAreas => "Training by key area",
        }
    }

    fn stem(self) -> &'static str {
        match self {
            Export::Records => "engagements",
            Export::Coverage => "coverage",
            Export::Reach => "reach",
            Export::Loop => "you-said-we-did",
            Export::Learners => "training-learners",
            Export::KeyAreas => "training-key-areas",
        }
    }

    /// Training is as it stands today, so its files are named for the day, not the period.
    fn file_name(self, filter: &Filter) -> String {
        match self {
            Export::Learners | Export::KeyAreas => {
                dated_file_name(self.stem(), local_time::context().now.date())
            }
            _ => file_name(self.stem(), filter),
        }
    }

    fn make(self, scope: &Scope, filter: &Filter) -> String {
        let framework = scope.framework.get_untracked();
        let progress = scope.records.get_untracked();
        let cohort = || training(&framework, learners_of(&framework, &progress), &progress);
        // Made when asked for, not drawn: nothing to follow.
        scope.data.peek(|store| {
            let live = || {
                store
                    .docs::<Engagement>()
                    .values()
                    .filter(|stored| !stored.deleted)
                    .map(|stored| &stored.doc)
            };
            match self {
                Export::Records => engagements_csv(live(), filter),
                Export::Coverage => coverage_csv(&coverage(live(), filter)),
                Export::Reach => reach_csv(&reach(live(), filter)),
                Export::Loop => follow_up_csv(&follow_up(live(), filter)),
                Export::Learners => training_learners_csv(&cohort()),
                Export::KeyAreas => training_key_areas_csv(&cohort()),
            }
        })
    }
}

/// A UTF-8 byte order mark, so that spreadsheets which guess the encoding (older Excel) read
/// names such as "Tenants’" right.
const BOM: &str = "\u{feff}";

#[component]
pub fn Exports(choice: Memo<Choice>) -> impl IntoView {
    let scope = Scope::read();
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
                        let save = move |_| {
                            let filter = choice.with_untracked(Choice::filter);
                            let csv = export.make(&scope, &filter);
                            download(&export.file_name(&filter), "text/csv;charset=utf-8", &format!("{BOM}{csv}"));
                        };
                        view! {
                            <li>
                                <button type="button" class="secondary" on:click=save>
                                    {export.label()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
