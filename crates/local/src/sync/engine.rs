//! One sync: push the outbox in batches within the server's limits, then pull until there is no
//! more. Each batch and page is stored as soon as it arrives, so a sync cut off halfway loses
//! nothing and the next one carries on.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use fieldbook_core::protocol::{self, Info, PushRequest};
use fieldbook_core::{Id, Stamp};

use super::transport::{Failure, Transport};
use crate::{Exchanged, SaveError, Store};

/// A pull page: big enough that round trips are few.
const PAGE: usize = 300;
/// How many records are read or stored in one step before the page may draw again: a step
/// stays well under 50 ms on a mid-range phone.
const SLICE: usize = 100;

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

/// Where sync runs: the store it works on, shared with whatever else is running (the page), the
/// time, fresh batch ids, and a pause between batches.
#[allow(async_fn_in_trait)] // Run on one thread: in the page, or in a test's executor.
pub trait Host {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R;
    /// Change the store; the host tells whoever shows it.
    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R;
    fn now_ms(&self) -> u64;
    /// Today's date where the phone is, for the window on the team's records; by default the
    /// date in UTC at [`Host::now_ms`].
    fn today(&self) -> NaiveDate {
        i64::try_from(self.now_ms())
            .ok()
            .and_then(DateTime::from_timestamp_millis)
            .map_or(NaiveDate::MIN, |now| now.date_naive())
    }
    /// A new id for a pushed batch, so the server can tell a batch sent twice.
    fn batch_id(&self) -> Id;
    /// Let the page draw and answer taps between batches, so sync never freezes it.
    async fn breathe(&self);
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
    /// Pulled team records outside this phone's window, not stored.
    pub left_out: usize,
    /// Team records that fell out of the window once synced, removed from this phone.
    pub removed: usize,
}

impl Report {
    fn add_pulled(&mut self, done: Exchanged) {
        self.pulled += done.stored;
        self.conflicts += done.conflicts;
        self.held += done.held;
        self.left_out += done.left_out;
    }
}

/// Push everything waiting, then pull until there is no more, then keep the team's
/// frameworks. If the server says the session is over, the session is marked so (the outbox is
/// kept) and the person is asked to sign in again.
pub async fn sync_once(host: &impl Host, transport: &impl Transport) -> Result<Report, SyncError> {
    let session = host
        .read(|store| store.session().cloned())
        .ok_or(SyncError::NotSignedIn)?;
    if session.expired {
        return Err(SyncError::SignIn("the last session ended.".into()));
    }
    let outcome = exchange(host, transport).await;
    if let Err(SyncError::Failure(Failure::SignIn(message))) = &outcome {
        // Keep the outbox; only the session is over.
        let _ = host.write(|store| {
            let mut session = session.clone();
            session.expired = true;
            store.save_session(&session)
        });
        return Err(SyncError::SignIn(message.clone()));
    }
    outcome
}

async fn exchange(host: &impl Host, transport: &impl Transport) -> Result<Report, SyncError> {
    let info = transport.info().await?;
    // Before pushing: acknowledgements from data since replaced must not keep records back.
    host.write(|store| store.note_epoch(&info.server_epoch))?;
    host.write(|store| store.note_organisation(info.organisation))?;
    let mut report = Report::default();
    // The window as of today, before the pull: what it leaves out is not stored.
    let today = host.today();
    report.removed += host.write(|store| store.keep_window(today))?;
    push(host, transport, &info, &mut report).await?;
    if pull(host, transport, &mut report).await? {
        // The server's data was replaced: everything here is offered to it again.
        push(host, transport, &info, &mut report).await?;
    }
    // The team's frameworks, so learners can track against them.
    let frameworks = transport.frameworks().await?;
    host.write(|store| store.keep_frameworks(&frameworks))?;
    let now = host.now_ms();
    host.write(|store| store.finished_sync(now))?;
    // What this sync pushed is synced now: the team's records outside the window can go.
    report.removed += host.write(|store| store.keep_window(today))?;
    Ok(report)
}

async fn push(
    host: &impl Host,
    transport: &impl Transport,
    info: &Info,
    report: &mut Report,
) -> Result<(), SyncError> {
    let device = host.read(|store| store.device());
    // Records saved while the phone's clock was ahead go again once it is right.
    let now = host.now_ms();
    host.write(|store| store.restamp_ahead(now))?;
    let outbox = host.read(|store| store.outbox());
    // Read and send a server's batch at a time, so no one step holds the page for long.
    for chunk in outbox.chunks(info.max_changes.max(1)) {
        let mut sent = Vec::with_capacity(chunk.len());
        for slice in chunk.chunks(SLICE) {
            host.read(|store| {
                sent.extend(
                    slice
                        .iter()
                        .filter_map(|(kind, id)| store.change_for(kind, *id)),
                )
            });
            host.breathe().await;
        }
        let stamps: HashMap<Id, Stamp> = sent
            .iter()
            .map(|(change, stamp)| (change.id, *stamp))
            .collect();
        let changes = sent.into_iter().map(|(change, _)| change).collect();
        for batch in protocol::batches(changes, info.max_changes, info.max_body_bytes) {
            let request = PushRequest {
                device_id: device,
                batch_id: host.batch_id().to_string(),
                changes: batch,
            };
            let response = transport.push(&request).await?;
            let sent: Vec<_> = request
                .changes
                .into_iter()
                .map(|change| {
                    let stamp = stamps[&change.id];
                    (change, stamp)
                })
                .collect();
            let done = host.write(|store| store.acknowledge(&sent, &response.results))?;
            report.pushed += done.stored;
            report.rejected += done.rejected;
            report.conflicts += done.conflicts;
            host.breathe().await;
        }
    }
    Ok(())
}

/// Pull until there is no more. True if the server's data was replaced and the pull restarted.
async fn pull(
    host: &impl Host,
    transport: &impl Transport,
    report: &mut Report,
) -> Result<bool, SyncError> {
    let mut restarted = false;
    let own = host.read(|store| store.device()).to_string();
    report.add_pulled(host.write(|store| store.retry_held())?);
    loop {
        let cursor = host.read(|store| store.cursor().map(str::to_owned));
        // Bringing back what a narrower window removed: as a device that wrote nothing, so
        // what this phone wrote last comes back too.
        let device = if host.read(|store| store.refilling()) {
            host.batch_id().to_string()
        } else {
            own.clone()
        };
        let page = match transport.pull(cursor.as_deref(), PAGE, &device).await {
            Err(Failure::PullAgain) if !restarted => {
                host.write(|store| store.restart_sync())?;
                restarted = true;
                continue;
            }
            other => other?,
        };
        let more = page.has_more;
        // A slice at a time, so no one step holds the page for long; the cursor moves once
        // the whole page is stored.
        let mut changes = page.changes;
        while changes.len() > SLICE {
            let rest = changes.split_off(SLICE);
            let slice = std::mem::replace(&mut changes, rest);
            report.add_pulled(host.write(|store| store.store_pulled(slice))?);
            host.breathe().await;
        }
        let done = host.write(|store| store.receive(changes, page.next_cursor))?;
        report.add_pulled(done);
        host.breathe().await;
        if !more {
            host.write(|store| store.pulled_to_end())?;
            return Ok(restarted);
        }
    }
}
