//! One engagement in the list: when, where, how and how many, and whether it is synced.

use fieldbook_core::model::Engagement;
use fieldbook_core::{vocab, Id};
use leptos::prelude::*;
use leptos_router::components::A;

use super::sync_badge::SyncBadge;
use crate::state::Data;

#[component]
pub fn RecordRow(id: Id) -> impl IntoView {
    let data = expect_context::<Data>();
    let record =
        move || data.read(|store| store.docs::<Engagement>().get(&id).map(|s| s.doc.clone()));
    let mark = Signal::derive(move || data.read(|store| store.sync_mark::<Engagement>(id)));
    move || {
        record().map(|record| {
            let when = match record.start_time {
                Some(time) => format!(
                    "{} {}",
                    record.date.format("%a %-d %b %Y"),
                    time.format("%H:%M")
                ),
                None => record.date.format("%a %-d %b %Y").to_string(),
            };
            let people = match record.reach.total {
                1 => "1 person".to_owned(),
                n => format!("{n} people"),
            };
            let how = vocab::methods().label(&record.method).into_owned();
            view! {
                <li class="record-row">
                    <A href=format!("/record/{id}")>
                        <span class="row-venue">{record.venue.clone()}</span>
                        <span class="row-when">{when}</span>
                        <span class="row-how">{format!("{how} · {people}")}</span>
                    </A>
                    <SyncBadge mark />
                </li>
            }
        })
    }
}
