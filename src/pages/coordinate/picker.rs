//! The period and area a report covers, as two selects that change the page's address.

use fieldbook_core::report::{describe, Span};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::choice::Choice;
use crate::local_time;

/// `path` is the page to stay on: the dashboard or the report; `areas` those to choose from.
#[component]
pub fn Picker(choice: Memo<Choice>, path: &'static str, areas: Memo<Vec<String>>) -> impl IntoView {
    let navigate = use_navigate();
    let go = move |next: Choice| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&next.href(path), options);
    };
    let today = local_time::context().now.date();
    let spans: Vec<(Span, String)> = Span::ALL
        .into_iter()
        .map(|span| {
            (
                span,
                format!("{} ({})", span.label(), describe(&span.period(today))),
            )
        })
        .collect();
    let go_span = go.clone();
    view! {
        <div class="report-picker no-print">
            <div class="field">
                <label for="report-period">"Period"</label>
                <select
                    id="report-period"
                    prop:value=move || choice.with(|c| c.span.code())
                    on:change:target=move |event| {
                        let mut next = choice.get_untracked();
                        next.span = Span::from_code(&event.target().value());
                        go_span(next);
                    }
                >
                    {spans
                        .into_iter()
                        .map(|(span, label)| {
                            let selected = move || choice.with(|c| c.span == span);
                            view! { <option value=span.code() selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="report-area">"Area"</label>
                <select
                    id="report-area"
                    prop:value=move || choice.with(|c| c.area.clone().unwrap_or_default())
                    on:change:target=move |event| {
                        let mut next = choice.get_untracked();
                        next.area = Some(event.target().value()).filter(|area| !area.is_empty());
                        go(next);
                    }
                >
                    <option value="">"Every area"</option>
                    {move || {
                        areas.get()
                            .into_iter()
                            .map(|area| {
                                let selected = choice.with_untracked(|c| c.area.as_ref() == Some(&area));
                                view! { <option value=area.clone() selected=selected>{area.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </div>
    }
}
