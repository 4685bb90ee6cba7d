//! One sync: push the outbox in batches within the server's limits, then pull until there is no
//! more. Each batch and page is stored as soon as it arrives, so a sync cut off halfway loses
//! nothing and the next one carries on.

use std::collections::HashMap;

use fieldbook_core::protocol::{self, PushRequest};
use fieldbook_core::{Id, Stamp};

use super::client::{Client, Failure};
use crate::state::{now_ms, Data};
use crate::storage::{Exchanged, SaveError};

/// A pull page: big enough to be quick, small enough to store without a long pause (500 gave
/// tasks over 200 ms on a fast machine).
const PAGE: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("Not signed in: records stay on this phone until you sign in.")]
    NotSignedIn,
    #[error("Sign in again to sync: {0}")]
    SignIn(String),
    #[error("{0}")]
    Failure(#[from] Failure),
    #[error("{0}")]
    Storage(#[from] SaveError),
}

/// What a sync did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub pushed: usize,
    pub pulled: usize,
    pub rejected: usize,
    pub conflicts: usize,
    /// Pulled changes this phone could not store; they wait in Sync problems.
    pub held: usize,
}

impl Report {
    fn add_pulled(&mut self, done: Exchanged) {
        self.pulled += done.stored;
        self.conflicts += done.conflicts;
        self.held += done.held;
    }
}

pub async fn sync_once(data: Data) -> Result<Report, SyncError> {
    let session = data
        .peek(|store| store.session())
        .ok_or(SyncError::NotSignedIn)?;
    if session.expired {
        return Err(SyncError::SignIn("the last session ended.".into()));
    }
    let client = Client::new(&session.server, &session.token);
    let outcome = exchange(data, &client).await;
    if let Err(SyncError::Failure(Failure::SignIn(message))) = &outcome {
        // Keep the outbox; only the session is over.
        let _ = data.write(|store| {
            let mut session = session.clone();
            session.expired = true;
            store.save_session(&session)
        });
        return Err(SyncError::SignIn(message.clone()));
    }
    outcome
}

async fn exchange(data: Data, client: &Client) -> Result<Report, SyncError> {
    let info = client.info().await?;
    let mut report = Report::default();
    push(data, client, &info, &mut report).await?;
    if pull(data, client, &mut report).await? {
        // The server's data was replaced: everything here is offered to it again.
        push(data, client, &info, &mut report).await?;
    }
    // The team's frameworks, so learners can track against them.
    let frameworks = client.frameworks().await?;
    data.write(|store| store.keep_frameworks(&frameworks))?;
    data.write(|store| store.finished_sync(now_ms()))?;
    Ok(report)
}

async fn push(
    data: Data,
    client: &Client,
    info: &fieldbook_core::protocol::Info,
    report: &mut Report,
) -> Result<(), SyncError> {
    let device = data.peek(|store| store.device());
    // Records saved while the phone's clock was ahead go again once it is right.
    data.write(|store| store.restamp_ahead(now_ms()))?;
    let outbox = data.peek(|store| store.outbox());
    // Read and send a server's batch at a time, so no one step holds the page for long.
    for chunk in outbox.chunks(info.max_changes.max(1)) {
        let sent: Vec<_> = data.peek(|store| {
            chunk
                .iter()
                .filter_map(|(kind, id)| store.change_for(kind, *id))
                .collect()
        });
        let stamps: HashMap<Id, Stamp> = sent
            .iter()
            .map(|(change, stamp)| (change.id, *stamp))
            .collect();
        let changes = sent.into_iter().map(|(change, _)| change).collect();
        for batch in protocol::batches(changes, info.max_changes, info.max_body_bytes) {
            let request = PushRequest {
                device_id: device,
                batch_id: crate::random::id().to_string(),
                changes: batch,
            };
            let response = client.push(&request).await?;
            let sent: Vec<_> = request
                .changes
                .into_iter()
                .map(|change| {
                    let stamp = stamps[&change.id];
                    (change, stamp)
                })
                .collect();
            let done = data.write(|store| store.acknowledge(&sent, &response.results))?;
            report.pushed += done.stored;
            report.rejected += done.rejected;
            report.conflicts += done.conflicts;
            yield_to_the_page().await;
        }
    }
    Ok(())
}

/// Pull until there is no more. True if the server's data was replaced and the pull restarted.
async fn pull(data: Data, client: &Client, report: &mut Report) -> Result<bool, SyncError> {
    let mut restarted = false;
    let device = data.peek(|store| store.device()).to_string();
    report.add_pulled(data.write(|store| store.retry_held())?);
    loop {
        let cursor = data.peek(|store| store.cursor().map(str::to_owned));
        let page = match client.pull(cursor.as_deref(), PAGE, &device).await {
            Err(Failure::PullAgain) if !restarted => {
                data.write(|store| store.restart_sync())?;
                restarted = true;
                continue;
            }
            other => other?,
        };
        let more = page.has_more;
        let done = data.write(|store| store.receive(page.changes, page.next_cursor))?;
        report.add_pulled(done);
        yield_to_the_page().await;
        if !more {
            return Ok(restarted);
        }
    }
}

/// Let the page draw and answer taps between batches, so sync never freezes it.
async fn yield_to_the_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
