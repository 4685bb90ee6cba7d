//! One engagement in the list: when, where, how and how many, and whether it is synced.

use fieldbook_core::model::Engagement;
use fieldbook_core::{vocab, Id};
use leptos::prelude::*;
use leptos_router::components::A;

use super::sync_badge::SyncBadge;
use crate::state::{Data, Part};

#[component]
pub fn RecordRow(id: Id) -> impl IntoView {
    let data = expect_context::<Data>();
    // Only this record's writes run the row again, and only a changed record redraws it.
    let stored = Memo::new(move |_| data.doc::<Engagement>(id));
    let record = Memo::new(move |_| stored.with(|stored| stored.as_ref().map(|s| s.doc.clone())));
    // Synced or not is the record's stamp against sync's acknowledgements.
    let mark = Memo::new(move |_| {
        stored.track();
        data.follow(&[Part::Sync], |store| store.sync_mark::<Engagement>(id))
    });
    move || {
        record.get().map(|record| {
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
