//! One key area on the overview: how much is signed off and in progress, as bars with the
//! counts in words, and its competencies with their status.

use fieldbook_core::progress::{CompetencyStatus, KeyAreaSummary, Status};
use leptos::prelude::*;
use leptos_router::components::A;

use super::shared::competency_href;
use super::status_badge::StatusBadge;

/// A key area's summary and the status of each of its competencies, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AreaView {
    pub code: String,
    pub title: String,
    pub total: usize,
    pub signed_off: usize,
    pub in_progress: usize,
    /// Code, title and status of each competency, in order.
    pub competencies: Vec<(String, String, Status)>,
}

impl AreaView {
    pub fn new(summary: &KeyAreaSummary, statuses: &[CompetencyStatus]) -> AreaView {
        AreaView {
            code: summary.key_area.code.clone(),
            title: summary.key_area.title.clone(),
            total: summary.total,
            signed_off: summary.signed_off,
            in_progress: summary.in_progress,
            competencies: statuses
                .iter()
                .filter(|s| s.key_area.code == summary.key_area.code)
                .map(|s| {
                    (
                        s.competency.code.clone(),
                        s.competency.title.clone(),
                        s.status,
                    )
                })
                .collect(),
        }
    }
}

#[component]
pub fn KeyAreaProgress(area: AreaView) -> impl IntoView {
    let AreaView {
        code,
        title,
        total,
        signed_off,
        in_progress,
        competencies,
    } = area;
    // Key area codes are short, but come from a file: keep only what an id may hold.
    let slug: String = code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let heading = format!("area-{slug}-title");
    view! {
        <section class="panel key-area" aria-labelledby=heading.clone() data-key-area=code.clone()>
            <h2 id=heading.clone()>{format!("{code}. {title}")}</h2>
            <Bar id=format!("area-{slug}-signed") label="Signed off" part=signed_off total kind="signed" />
            <Bar id=format!("area-{slug}-doing") label="In progress" part=in_progress total kind="doing" />
            <ul class="competency-list">
                {competencies
                    .into_iter()
                    .map(|(code, title, status)| {
                        view! {
                            <li>
                                <A href=competency_href(&code)>
                                    <span class="competency-code">{code}</span>
                                    <span class="competency-title">{title}</span>
                                    <StatusBadge status />
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A labelled bar: the words carry the numbers, so the colour is never alone.
#[component]
fn Bar(
    id: String,
    label: &'static str,
    part: usize,
    total: usize,
    kind: &'static str,
) -> impl IntoView {
    let label_id = format!("{id}-label");
    view! {
        <div class=format!("bar bar-{kind}")>
            <span id=label_id.clone()>{format!("{label}: {part} of {total}")}</span>
            <progress id=id max=total value=part aria-labelledby=label_id></progress>
        </div>
    }
}
