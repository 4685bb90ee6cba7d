//! Where a report's engagement figures come from, and the sentence that says so. Online and
//! signed in, the server computes them over every record the user may see; offline, signed
//! out, or until the server answers, the phone computes them from the records it holds.

use fieldbook_core::find;
use fieldbook_core::model::Engagement;
use fieldbook_core::permissions::keeps_records;
use fieldbook_core::protocol::Report;
use fieldbook_core::report::thousands;
use fieldbook_core::sort;
use leptos::prelude::*;

use super::choice::Choice;
use crate::local_time;
use crate::online::use_online;
use crate::state::{Data, Part};
use crate::sync::Client;

/// What the server said about the chosen period and area.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Offline,
    SignedOut,
    Asking,
    Given(Report),
    /// The server could not be reached or refused, in words.
    Failed(String),
}

/// A report's source, shared by the dashboard and the printable report.
#[derive(Clone, Copy)]
pub struct Source {
    pub answer: Memo<Answer>,
    /// Signed in to a server (with a session it has not ended).
    pub server: Memo<Option<(String, String)>>,
    /// Live engagements on this phone.
    pub on_phone: Memo<usize>,
    /// The first day of the team's engagements this phone holds, where it holds only some.
    pub team_since: Memo<Option<chrono::NaiveDate>>,
    /// Every area the phone's records or the server's name.
    pub areas: Memo<Vec<String>>,
}

impl Source {
    pub fn read(choice: Memo<Choice>) -> Source {
        let data = expect_context::<Data>();
        let online = use_online();
        let server = Memo::new(move |_| {
            data.follow(&[Part::Settings], |store| store.session().cloned())
                .filter(|session| !session.expired && keeps_records(&session.user))
                .map(|session| (session.server, session.token))
        });
        // Each answer keeps the choice it was for: while the next one loads, the last is stale.
        let asked = LocalResource::new(move || {
            let filter = choice.with(Choice::filter);
            let server = server.get().filter(|_| online.get());
            async move {
                let (base, token) = server?;
                let report = Client::new(&base, &token).report(&filter).await;
                Some((filter, report))
            }
        });
        let answer = Memo::new(move |_| {
            if !online.get() {
                return Answer::Offline;
            }
            let filter = choice.with(Choice::filter);
            match asked.get() {
                None => Answer::Asking,
                Some(None) => Answer::SignedOut,
                Some(Some((asked_for, _))) if asked_for != filter => Answer::Asking,
                Some(Some((_, Ok(report)))) => Answer::Given(report),
                Some(Some((_, Err(failure)))) => Answer::Failed(failure.to_string()),
            }
        });
        let on_phone = Memo::new(move |_| {
            data.docs::<Engagement, _>(|engagements| {
                engagements
                    .values()
                    .filter(|stored| !stored.deleted)
                    .count()
            })
        });
        let team_since = Memo::new(move |_| {
            let today = local_time::context().now.date();
            data.follow(&[Part::Settings], |store| store.team_cutoff(today))
        });
        let areas = Memo::new(move |_| {
            let mut areas = data.docs::<Engagement, _>(|engagements| {
                find::areas(
                    engagements
                        .values()
                        .filter(|stored| !stored.deleted)
                        .map(|stored| &stored.doc),
                )
            });
            answer.with(|answer| {
                if let Answer::Given(report) = answer {
                    areas.extend(report.areas.iter().cloned());
                }
            });
            sort::sort_by(&mut areas, Ord::cmp);
            areas.dedup();
            areas
        });
        Source {
            answer,
            server,
            on_phone,
            team_since,
            areas,
        }
    }

    /// The server's report, once it has answered.
    pub fn report(&self) -> Option<Report> {
        match self.answer.get() {
            Answer::Given(report) => Some(report),
            _ => None,
        }
    }
}

/// "From the server, all 14,210 records." or "From this phone, offline: 6,000 records (the
/// team's since 2 December 2025).", read out when it changes.
#[component]
pub fn SourceLine(source: Source) -> impl IntoView {
    let line = move || {
        let here = || {
            let since = source
                .team_since
                .get()
                .map(|day| format!(" (the team's since {})", day.format("%-d %B %Y")));
            format!(
                "{}{}",
                records(source.on_phone.get()),
                since.unwrap_or_default()
            )
        };
        source.answer.with(|answer| match answer {
            Answer::Given(report) => format!("From the server, all {}.", records(report.records)),
            Answer::Offline => format!("From this phone, offline: {}.", here()),
            Answer::SignedOut => format!(
                "From this phone: {}. Sign in to report on every record the server holds.",
                here()
            ),
            Answer::Asking => format!("From this phone: {}, until the server answers.", here()),
            Answer::Failed(why) => format!("From this phone: {}. {why}", here()),
        })
    };
    view! { <p class="report-source" role="status">{line}</p> }
}

/// "1 record", "14,210 records".
fn records(n: usize) -> String {
    let noun = if n == 1 { "record" } else { "records" };
    format!("{} {noun}", thousands(n as i64))
}
