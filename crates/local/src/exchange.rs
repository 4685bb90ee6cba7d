//! The store's side of sync: what to push, what the server said about it, and pulled changes
//! merged in. Merging is core's; this module reads and writes the entries around it.

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::organisation::Organisation;
use fieldbook_core::progress::Progress;
use fieldbook_core::protocol::{Change, ChangeResult, Cursor, Status};
use fieldbook_core::replica::MAX_AHEAD_MS;
use fieldbook_core::{Clock, Document, Id, Replica, Stamp};
use serde_json::value::RawValue;

use crate::keys;
use crate::pulled::Absorbed;
use crate::sync_state::{Conflict, Held, Rejected};
use crate::{SaveError, Store};

/// What a pushed batch or a pulled page did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Exchanged {
    pub stored: usize,
    pub rejected: usize,
    pub conflicts: usize,
    /// Pulled changes this phone could not store, kept aside (see [`Store::held`]).
    pub held: usize,
    /// Pulled team records outside this phone's window, not stored (see [`Store::keep_window`]).
    pub left_out: usize,
}

impl std::ops::AddAssign for Exchanged {
    fn add_assign(&mut self, other: Exchanged) {
        self.stored += other.stored;
        self.rejected += other.rejected;
        self.conflicts += other.conflicts;
        self.held += other.held;
        self.left_out += other.left_out;
    }
}

impl Store {
    /// Documents to push, oldest change first: unacknowledged, and not refused as they are.
    pub fn outbox(&self) -> Vec<(&'static str, Id)> {
        let mut waiting: Vec<(Stamp, &'static str, Id)> = self
            .to_send()
            .map(|(kind, id, stamp)| (stamp, kind, id))
            .collect();
        fieldbook_core::sort::sort_by(&mut waiting, Ord::cmp);
        waiting
            .into_iter()
            .map(|(_, kind, id)| (kind, id))
            .collect()
    }

    /// How many documents the outbox holds, without reading or ordering them: the sync bar
    /// asks at every save.
    pub fn waiting(&self) -> usize {
        self.to_send().count()
    }

    fn to_send(&self) -> impl Iterator<Item = (&'static str, Id, Stamp)> + '_ {
        self.behind()
            .filter(|(kind, id, stamp)| !self.sync.is_refused(kind, *id, *stamp))
    }

    /// The change to send for a document, as stored, and the stamp it is at.
    pub fn change_for(&self, kind: &'static str, id: Id) -> Option<(Change, Stamp)> {
        let json = self.backend.get(&keys::doc(kind, id))?;
        let stamp = self.docs.stamp(kind, id)?;
        let replica = RawValue::from_string(json).ok()?;
        Some((
            Change {
                kind: kind.to_owned(),
                id,
                replica,
            },
            stamp,
        ))
    }

    /// Record the server's answer to a push: acknowledged, refused with its reason, or merged
    /// with the server's copy where an edit lost.
    pub fn acknowledge(
        &mut self,
        sent: &[(Change, Stamp)],
        results: &[ChangeResult],
    ) -> Result<Exchanged, SaveError> {
        let mut done = Exchanged::default();
        for ((change, stamp), result) in sent.iter().zip(results) {
            let (kind, id) = (change.kind.as_str(), change.id);
            match result.status {
                Status::Applied | Status::Duplicate => {
                    self.sync.acked.insert(kind, id, *stamp);
                    self.sync.rejected.remove(kind, id);
                    done.stored += 1;
                }
                Status::Conflict => {
                    self.sync.rejected.remove(kind, id);
                    if let Some(server) = &result.server {
                        done.conflicts += self.absorb(kind, id, server.get())?.conflicts();
                    }
                    done.stored += 1;
                }
                Status::Rejected => {
                    let reason =
                        result
                            .reason
                            .clone()
                            .unwrap_or_else(|| fieldbook_core::protocol::Reason {
                                code: "rejected".into(),
                                message: "The server refused this change without saying why."
                                    .into(),
                                issues: Vec::new(),
                            });
                    self.sync.rejected.insert(
                        kind,
                        id,
                        Rejected {
                            stamp: *stamp,
                            reason,
                        },
                    );
                    done.rejected += 1;
                }
            }
        }
        self.write_sync()?;
        Ok(done)
    }

    /// Store a pulled page, then move the cursor past it, keeping the sync state once. Each
    /// change is stored on its own: one that cannot be stored here is held aside with its
    /// reason, and the rest still arrive. If storage itself fails (full), what was stored stays,
    /// and the cursor does not move, so the next pull asks for the same page again; merging a
    /// change twice changes nothing. A crash part-way does the same.
    pub fn receive(
        &mut self,
        changes: Vec<Change>,
        cursor: String,
    ) -> Result<Exchanged, SaveError> {
        let mut done = self.apply_inbox()?;
        done += self.store_pulled(changes)?;
        let before = self.sync.cursor.replace(cursor);
        if let Err(error) = self.write_sync() {
            self.sync.cursor = before;
            return Err(error);
        }
        Ok(done)
    }

    /// Store part of a pulled page without moving the cursor: [`Store::receive`] stores the
    /// rest and moves it. What this part acknowledges is written with the cursor, or now, if
    /// there is room, when storage fails.
    pub fn store_pulled(&mut self, changes: Vec<Change>) -> Result<Exchanged, SaveError> {
        let mut done = Exchanged::default();
        if let Err((error, _)) = self.store_each(changes, &mut done) {
            let _ = self.write_sync();
            return Err(error);
        }
        Ok(done)
    }

    /// Merge each change into the documents, holding aside those that cannot be stored here.
    /// Stops at the first failure of storage itself, returning it with the changes not yet
    /// stored.
    fn store_each(
        &mut self,
        changes: Vec<Change>,
        done: &mut Exchanged,
    ) -> Result<(), (SaveError, Vec<Change>)> {
        let mut waiting = changes.into_iter();
        while let Some(change) = waiting.next() {
            match self.absorb(&change.kind, change.id, change.replica.get()) {
                Ok(Absorbed::Stored { conflicts }) => {
                    done.conflicts += conflicts;
                    done.stored += 1;
                }
                Ok(Absorbed::LeftOut) => done.left_out += 1,
                Err(SaveError::Unreadable(reason)) => {
                    self.hold(change, reason);
                    done.held += 1;
                }
                Err(SaveError::Newer) => {
                    self.hold(change, SaveError::Newer.to_string());
                    done.held += 1;
                }
                Err(storage) => {
                    return Err((storage, std::iter::once(change).chain(waiting).collect()))
                }
            }
        }
        Ok(())
    }

    /// Try the held changes again, as a page of their own: after an update of the app they may
    /// now be readable.
    pub fn retry_held(&mut self) -> Result<Exchanged, SaveError> {
        let mut done = Exchanged::default();
        if self.sync.held.is_empty() {
            return Ok(done);
        }
        let held: Vec<Change> = std::mem::take(&mut self.sync.held)
            .into_iter()
            .map(|held| held.change)
            .collect();
        // Those still unreadable are held again by `store_each`.
        if let Err((error, left)) = self.store_each(held, &mut done) {
            for change in left {
                self.hold(change, error.to_string());
            }
            let _ = self.write_sync();
            return Err(error);
        }
        self.write_sync()?;
        Ok(done)
    }

    /// Stamp again the documents saved while this phone's clock was more than a day ahead, now
    /// that it is right: the server refuses such stamps (they would win every later edit), and
    /// without this the phone's clock, which never goes back, would keep making them. Returns
    /// how many documents were stamped again; none while the clock is still ahead.
    pub fn restamp_ahead(&mut self, now_ms: u64) -> Result<usize, SaveError> {
        let limit = now_ms + MAX_AHEAD_MS;
        // Run before every push: nearly always nothing is ahead, so look before collecting.
        if !self
            .docs
            .stamps()
            .any(|(_, _, stamp)| stamp.wall_ms > limit)
        {
            return Ok(0);
        }
        let (ahead, on_time): (Vec<_>, Vec<_>) = self
            .docs
            .stamps()
            .partition(|(_, _, stamp)| stamp.wall_ms > limit);
        self.clock = Clock::new(self.device());
        if let Some(latest) = on_time.into_iter().map(|(_, _, stamp)| stamp).max() {
            self.clock.observe(latest);
        }
        for (kind, id, _) in &ahead {
            let key = keys::doc(kind, *id);
            let json = self.backend.get(&key).ok_or(SaveError::Missing)?;
            let mut replica =
                Replica::decode(&json).map_err(|e| SaveError::Unreadable(e.to_string()))?;
            replica.restamp_after(limit, self.clock.tick(now_ms));
            self.write_kind(kind, &key, &mut replica)?;
        }
        Ok(ahead.len())
    }

    /// The record stored under `key` as a person knows it, such as "The engagement at St Mary's
    /// Church Hall on 3 March 2026", for the lists of what sync could not do.
    pub fn title(&self, key: &str) -> String {
        match keys::parse_doc(key) {
            Some((kind, id)) => self.title_of(kind, id.parse().ok()),
            None => key.to_owned(),
        }
    }

    /// [`Store::title`] for a document named by kind and id.
    pub fn title_of(&self, kind: &str, id: Option<Id>) -> String {
        let found = |kind: &str| format!("A {kind} record this phone does not hold");
        match kind {
            Engagement::KIND => id
                .and_then(|id| self.docs.engagements.get(&id))
                .map(|stored| {
                    let on = stored.doc.date.format("%-d %B %Y");
                    format!("The engagement at {} on {on}", stored.doc.venue)
                })
                .unwrap_or_else(|| found("engagement")),
            Progress::KIND => id
                .and_then(|id| self.docs.progress.get(&id))
                .map(|stored| {
                    let doc = &stored.doc;
                    format!(
                        "{}'s training on competency {}",
                        doc.learner, doc.competency
                    )
                })
                .unwrap_or_else(|| found("training")),
            Venue::KIND => id
                .and_then(|id| self.docs.venues.get(&id))
                .map(|stored| format!("The venue {}", stored.doc.name))
                .unwrap_or_else(|| found("venue")),
            other => found(other),
        }
    }

    /// Pulled changes that could not be stored here, with why.
    pub fn held(&self) -> &[Held] {
        &self.sync.held
    }

    /// Start pulling from zero and offer everything again: the server's data was replaced.
    pub fn restart_sync(&mut self) -> Result<(), SaveError> {
        self.sync.cursor = None;
        self.sync.acked.clear();
        self.sync.rejected.clear();
        self.write_sync()
    }

    /// The server says its data is at `epoch`. If what it acknowledged here was given under
    /// another, its data was replaced (restored from a backup, say) and may have lost those
    /// records: start again, as a 409 on a pull does. That 409 needs a cursor, and a phone
    /// whose pushes were answered but whose pull never finished has none. Returns whether
    /// sync starts again.
    pub fn note_epoch(&mut self, epoch: &str) -> Result<bool, SaveError> {
        // Stores from before the epoch was kept: the cursor names the epoch it came from.
        let known = self.sync.epoch.clone().or_else(|| {
            let cursor = self.sync.cursor.as_deref()?;
            cursor.parse::<Cursor>().ok().map(|cursor| cursor.epoch)
        });
        if known.as_deref() == Some(epoch) && self.sync.epoch.is_some() {
            return Ok(false);
        }
        let replaced = known.is_some_and(|known| known != epoch);
        if replaced {
            self.sync.cursor = None;
            self.sync.acked.clear();
            self.sync.rejected.clear();
        }
        self.sync.epoch = Some(epoch.to_owned());
        self.write_sync()?;
        Ok(replaced)
    }

    /// Keep the organisation's settings as the server gave them, writing only a change.
    pub fn note_organisation(&mut self, organisation: Organisation) -> Result<(), SaveError> {
        if self.sync.organisation == organisation {
            return Ok(());
        }
        self.sync.organisation = organisation;
        self.write_sync()
    }

    /// Whether records may hold contact details, and for how long; off until a sync says.
    pub fn organisation(&self) -> &Organisation {
        &self.sync.organisation
    }

    pub fn cursor(&self) -> Option<&str> {
        self.sync.cursor.as_deref()
    }

    pub fn finished_sync(&mut self, now_ms: u64) -> Result<(), SaveError> {
        self.sync.last_synced_ms = Some(now_ms);
        self.write_sync()
    }

    pub fn last_synced_ms(&self) -> Option<u64> {
        self.sync.last_synced_ms
    }

    /// Changes the server refused, by kind and id, with its reasons.
    pub fn rejected(&self) -> impl Iterator<Item = (&str, Id, &Rejected)> {
        self.sync.rejected.iter()
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.sync.conflicts
    }

    /// Settle a conflict: keep what the merge kept, or bring back this device's value with a
    /// new stamp so that it wins everywhere.
    pub fn resolve(&mut self, index: usize, use_mine: bool, now_ms: u64) -> Result<(), SaveError> {
        let Some(conflict) = self.sync.conflicts.get(index).cloned() else {
            return Err(SaveError::Missing);
        };
        if use_mine {
            let key = keys::doc(&conflict.kind, conflict.id);
            let json = self.backend.get(&key).ok_or(SaveError::Missing)?;
            let mut replica =
                Replica::decode(&json).map_err(|e| SaveError::Unreadable(e.to_string()))?;
            let stamp = self.tick_after(&replica, now_ms);
            if !replica.rewrite(&conflict.field.path, conflict.field.mine.clone(), stamp) {
                return Err(SaveError::Missing);
            }
            self.write_kind(&conflict.kind, &key, &mut replica)?;
        }
        self.sync.conflicts.remove(index);
        self.write_sync()
    }

    /// [`Store::write_verbatim`] for a document named by its kind.
    pub(crate) fn write_first(
        &mut self,
        kind: &str,
        key: &str,
        id: Id,
        json: &str,
    ) -> Result<(), SaveError> {
        match kind {
            Engagement::KIND => self.write_verbatim::<Engagement>(key, id, json),
            Venue::KIND => self.write_verbatim::<Venue>(key, id, json),
            Progress::KIND => self.write_verbatim::<Progress>(key, id, json),
            // A kind from a newer version: kept as it came, never read here.
            _ => self.put(key, json),
        }
    }

    pub(crate) fn write_kind(
        &mut self,
        kind: &str,
        key: &str,
        replica: &mut Replica,
    ) -> Result<(), SaveError> {
        match kind {
            Engagement::KIND => self.write::<Engagement>(key, replica),
            Venue::KIND => self.write::<Venue>(key, replica),
            Progress::KIND => self.write::<Progress>(key, replica),
            // A kind from a newer version: kept as it came, never read here.
            _ => self.put(key, &replica.encode()),
        }
    }
}
