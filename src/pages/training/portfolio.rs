//! The learner's portfolio: a printable page (A4, see the print styles) with every competency
//! of the active framework, its status, evidence notes and sign-off, by key area.

use fieldbook_core::progress::{portfolio, Outcome, PortfolioEntry};
use leptos::prelude::*;
use leptos_router::components::A;

use super::shared::{day, Scope};
use super::status_badge::StatusBadge;

/// One competency as printed: everything as text, ready to draw.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    title: String,
    status: fieldbook_core::progress::Status,
    evidence: Vec<(String, String)>,
    review: Option<String>,
}

impl Entry {
    fn new(entry: &PortfolioEntry) -> Entry {
        Entry {
            title: format!("{} {}", entry.competency.code, entry.competency.title),
            status: entry.status,
            evidence: entry
                .evidence
                .iter()
                .map(|e| (day(e.date), e.note.clone()))
                .collect(),
            review: entry.review.map(|r| match r.outcome {
                Outcome::SignedOff => format!("Signed off by {} on {}.", r.by, day(r.date)),
                Outcome::SentBack => {
                    format!("Sent back by {} on {}: {}", r.by, day(r.date), r.comment)
                }
            }),
        }
    }
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let scope = Scope::read();
    let book = Memo::new(move |_| {
        let learner = scope.user.with(|u| u.username.clone());
        scope.framework.with(|framework| {
            scope.records.with(|records| {
                let book = portfolio(framework, &learner, records);
                let title = match framework.version.as_str() {
                    "" => framework.title.clone(),
                    version => format!("{} ({version})", framework.title),
                };
                let areas: Vec<(String, Vec<Entry>)> = book
                    .key_areas
                    .iter()
                    .map(|area| {
                        (
                            format!("{}. {}", area.key_area.code, area.key_area.title),
                            area.entries.iter().map(Entry::new).collect(),
                        )
                    })
                    .collect();
                (learner, title, areas)
            })
        })
    });
    let print = |_| {
        let _ = window().print();
    };

    view! {
        <div class="page portfolio">
            <div class="no-print">
                <A href="/training" {..} class="back-link">"Back to training"</A>
            </div>
            <h1>"Training portfolio"</h1>
            <dl class="portfolio-meta">
                <div>
                    <dt>"Learner"</dt>
                    <dd>{move || book.with(|b| b.0.clone())}</dd>
                </div>
                <div>
                    <dt>"Framework"</dt>
                    <dd>{move || book.with(|b| b.1.clone())}</dd>
                </div>
                <div>
                    <dt>"Printed"</dt>
                    <dd>{day(crate::local_time::context().now.date())}</dd>
                </div>
            </dl>
            <div class="form-actions no-print">
                <button type="button" on:click=print>"Print or save as PDF"</button>
            </div>
            {move || {
                book.get()
                    .2
                    .into_iter()
                    .map(|(area, entries)| {
                        view! {
                            <section class="portfolio-area">
                                <h2>{area}</h2>
                                {entries.into_iter().map(|entry| view! { <PortfolioItem entry /> }).collect_view()}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

#[component]
fn PortfolioItem(entry: Entry) -> impl IntoView {
    let Entry {
        title,
        status,
        evidence,
        review,
    } = entry;
    view! {
        <article class="portfolio-entry">
            <h3>{title}</h3>
            <p>"Status: " <StatusBadge status=Signal::stored(status) /></p>
            {review.map(|review| view! { <p class="portfolio-review">{review}</p> })}
            {if evidence.is_empty() {
                view! { <p class="muted">"No evidence notes."</p> }.into_any()
            } else {
                view! {
                    <ul class="portfolio-evidence">
                        {evidence
                            .into_iter()
                            .map(|(date, note)| view! { <li><strong>{date}": "</strong>{note}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </article>
    }
}
