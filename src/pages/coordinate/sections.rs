//! The report's sections for a choice, drawn as figures: coverage, reach and the loop from the
//! server's answer when it has one, else from the phone's records; training always from the
//! phone, which keeps every progress record it may see. Shared by the dashboard and the
//! printable report.

use fieldbook_core::model::Engagement;
use fieldbook_core::report::{
    engagement_sections, learners_of, training, training_section, Section,
};
use leptos::prelude::*;

use super::choice::Choice;
use super::source::Source;
use crate::components::chart::FigureView;
use crate::pages::training::Scope;

/// Every section for `choice`: coverage, reach and the loop, then training.
pub fn sections(choice: Memo<Choice>, source: Source) -> Memo<Vec<Section>> {
    let scope = Scope::read();
    Memo::new(move |_| {
        let filter = choice.with(Choice::filter);
        let from_server = source.report().map(|report| report.sections);
        let mut sections = from_server.unwrap_or_else(|| {
            scope.data.docs::<Engagement, _>(|engagements| {
                let live: Vec<&Engagement> = engagements
                    .values()
                    .filter(|stored| !stored.deleted)
                    .map(|stored| &stored.doc)
                    .collect();
                engagement_sections(&live, &filter)
            })
        });
        sections.push(scope.framework.with(|framework| {
            scope.records.with(|records| {
                training_section(&training(
                    framework,
                    learners_of(framework, records),
                    records,
                ))
            })
        }));
        sections
    })
}

#[component]
pub fn Sections(sections: Memo<Vec<Section>>) -> impl IntoView {
    move || {
        sections
            .get()
            .into_iter()
            .map(|section| {
                let title_id = format!("section-{}", section.id);
                let labelled_by = title_id.clone();
                view! {
                    <section class="report-section" aria-labelledby=labelled_by>
                        <h2 id=title_id>{section.title}</h2>
                        <p class="report-lead">{section.lead}</p>
                        {section
                            .figures
                            .into_iter()
                            .map(|figure| view! { <FigureView figure /> })
                            .collect_view()}
                    </section>
                }
            })
            .collect_view()
    }
}
