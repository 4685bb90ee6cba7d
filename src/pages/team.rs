//! Team records: the engagements the team's phones synced, for a coordinator to review. "Has
//! issues" carries a comment, which the author sees after their next sync.

mod review;

use fieldbook_core::find;
use fieldbook_core::model::{Engagement, ReviewState};
use fieldbook_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::Data;
pub use review::ReviewRecord;

const PAGE: usize = 50;

/// The review filter's choices: every record, not yet reviewed, or one review state.
const FILTERS: [(&str, &str); 4] = [
    ("", "Every record"),
    ("none", "Not reviewed"),
    ("looks_right", "Looks right"),
    ("has_issues", "Has issues"),
];

#[component]
pub fn TeamRecords() -> impl IntoView {
    let data = expect_context::<Data>();
    let filter = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let me = move || data.user().username;
    let found = Memo::new(move |_| {
        let (me, wanted) = (me(), filter.get());
        data.docs::<Engagement, _>(|engagements| {
            let team = engagements
                .values()
                .filter(|stored| !stored.deleted && stored.doc.author != me)
                .filter(|stored| match wanted.as_str() {
                    "" => true,
                    "none" => stored.doc.review.is_none(),
                    code => stored
                        .doc
                        .review
                        .as_ref()
                        .is_some_and(|r| review_code(r.state) == code),
                })
                .map(|stored| (&stored.doc, "", stored.updated));
            find::find(team, &find::Query::default())
                .into_iter()
                .map(|record| (record.id, row(record)))
                .collect::<Vec<(Id, Row)>>()
        })
    });
    let visible =
        move || found.with(|rows| rows.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    view! {
        <section class="page" aria-labelledby="team-title">
            <p class="back"><A href="/coordinate">"Coordinate"</A></p>
            <h1 id="team-title">"Team records"</h1>
            <p>"Records your team's phones have synced. Review each: it looks right, or it has issues the author should put right."</p>
            <div class="field">
                <label for="team-filter">"Show"</label>
                <select id="team-filter" prop:value=move || filter.get() on:change:target=move |e| { filter.set(e.target().value()); shown.set(PAGE); }>
                    {FILTERS.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view()}
                </select>
            </div>
            <h2 class="list-title">{move || match found.with(Vec::len) { 0 => "No records".to_owned(), 1 => "1 record".to_owned(), n => format!("{n} records, newest first") }}</h2>
            <ol class="record-list">
                <For each=visible key=|(id, row)| (*id, row.review.clone()) let:item>
                    <li class="record-row">
                        <A href=format!("/coordinate/records/{}", item.0)>
                            <span class="row-venue">{item.1.venue.clone()}</span>
                            <span class="row-when">{item.1.when.clone()}</span>
                            <span class="row-how">{format!("By {}", item.1.author)}</span>
                        </A>
                        <span class=format!("review-badge review-{}", item.1.review_code)>{item.1.review.clone()}</span>
                    </li>
                </For>
            </ol>
            <Show when=move || { found.with(Vec::len) > shown.get() }>
                <button type="button" class="secondary" on:click=move |_| shown.update(|n| *n += PAGE)>{format!("Show {PAGE} more")}</button>
            </Show>
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct Row {
    venue: String,
    when: String,
    author: String,
    review: String,
    review_code: &'static str,
}

fn row(record: &Engagement) -> Row {
    let (review, review_code) = match &record.review {
        None => ("Not reviewed".to_owned(), "none"),
        Some(review) => (review.state.label().to_owned(), review_code(review.state)),
    };
    Row {
        venue: record.venue.clone(),
        when: record.date.format("%a %-d %b %Y").to_string(),
        author: record.author.clone(),
        review,
        review_code,
    }
}

pub fn review_code(state: ReviewState) -> &'static str {
    match state {
        ReviewState::LooksRight => "looks_right",
        ReviewState::HasIssues => "has_issues",
    }
}
