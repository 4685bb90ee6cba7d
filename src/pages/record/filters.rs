//! The list's search box and filters: period, area, method and theme.

use fieldbook_core::find::{self, Query, Since};
use fieldbook_core::model::Engagement;
use fieldbook_core::vocab::{self, Vocabulary};
use leptos::prelude::*;

use crate::local_time;
use crate::state::Data;

/// What the user has asked for, as typed and picked.
#[derive(Clone, Copy)]
pub struct Filters {
    text: RwSignal<String>,
    since: RwSignal<String>,
    area: RwSignal<String>,
    method: RwSignal<String>,
    theme: RwSignal<String>,
}

impl Filters {
    pub fn new() -> Self {
        Self {
            text: RwSignal::new(String::new()),
            since: RwSignal::new(Since::AnyTime.code().to_owned()),
            area: RwSignal::new(String::new()),
            method: RwSignal::new(String::new()),
            theme: RwSignal::new(String::new()),
        }
    }

    pub fn query(&self) -> Query {
        let chosen =
            |signal: RwSignal<String>| Some(signal.get()).filter(|value| !value.is_empty());
        Query {
            text: self.text.get(),
            period: Since::from_code(&self.since.get()).period(local_time::context().now.date()),
            area: chosen(self.area),
            method: chosen(self.method),
            theme: chosen(self.theme),
        }
    }

    fn active(&self) -> usize {
        [self.area, self.method, self.theme]
            .iter()
            .filter(|signal| !signal.get().is_empty())
            .count()
            + usize::from(self.since.get() != Since::AnyTime.code())
    }

    fn clear(&self) {
        self.since.set(Since::AnyTime.code().to_owned());
        for signal in [self.area, self.method, self.theme] {
            signal.set(String::new());
        }
    }
}

#[component]
pub fn ListFilters(filters: Filters) -> impl IntoView {
    let data = expect_context::<Data>();
    // A memo, so a save that leaves the areas as they were does not redraw the select.
    let areas = Memo::new(move |_| {
        data.docs::<Engagement, _>(|engagements| {
            find::areas(
                engagements
                    .values()
                    .filter(|stored| !stored.deleted)
                    .map(|stored| &stored.doc),
            )
        })
    });
    let periods: Vec<(String, String)> = Since::ALL
        .into_iter()
        .map(|since| (since.code().to_owned(), since.label().to_owned()))
        .collect();
    view! {
        <div class="list-filters" role="search">
            <div class="field">
                <label for="record-search">"Search"</label>
                <input
                    id="record-search"
                    type="search"
                    prop:value=move || filters.text.get()
                    on:input:target=move |event| filters.text.set(event.target().value())
                />
            </div>
            <details class="section">
                <summary>
                    <span class="section-title">"Filters"</span>
                    <span class="section-count">
                        {move || match filters.active() {
                            0 => String::new(),
                            n => format!("({n} on)"),
                        }}
                    </span>
                </summary>
                <div class="section-body">
                    <Choice id="filter-period" label="Period" value=filters.since options=Signal::derive(move || periods.clone()) any=None />
                    <Choice
                        id="filter-area"
                        label="Area"
                        value=filters.area
                        options=Signal::derive(move || areas.get().into_iter().map(|a| (a.clone(), a)).collect())
                        any=Some("Every area")
                    />
                    <Choice id="filter-method" label="Method" value=filters.method options=terms(vocab::methods()) any=Some("Every method") />
                    <Choice id="filter-theme" label="Theme" value=filters.theme options=terms(vocab::themes()) any=Some("Every theme") />
                    <button type="button" class="secondary" on:click=move |_| filters.clear()>
                        "Clear filters"
                    </button>
                </div>
            </details>
        </div>
    }
}

fn terms(vocabulary: &'static Vocabulary) -> Signal<Vec<(String, String)>> {
    let options: Vec<(String, String)> = vocabulary
        .terms
        .iter()
        .map(|term| (term.code.clone(), term.label.clone()))
        .collect();
    Signal::derive(move || options.clone())
}

/// A labelled select; `any` names the empty choice that filters nothing out.
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    any: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                prop:value=move || value.get()
                on:change:target=move |event| value.set(event.target().value())
            >
                {any.map(|any| view! { <option value="">{any}</option> })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, label)| {
                            let selected = code == value.get_untracked();
                            view! { <option value=code selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
