//! A coordinator's window on the team's records: their own always, and the team's engagements
//! of the last few months (the rule is core's [`fieldbook_core::window`]), so the phone never
//! fills with the team's history. A pulled engagement outside the window that this phone does
//! not hold is not stored; one it holds that falls out is removed once the server has all of
//! it. Removing is not deleting: nothing is sent, and the server keeps it. If it is edited
//! again it comes back at the next pull.

use chrono::NaiveDate;
use fieldbook_core::model::Engagement;
use fieldbook_core::permissions::{reach, Act};
use fieldbook_core::replica::Stored;
use fieldbook_core::window::{self, TeamWindow};
use fieldbook_core::{Document, Id};

use crate::{keys, SaveError, Store};

impl Store {
    /// The first day of the team's engagements to hold on `today`; None where no window
    /// applies: only a signed-in user who may see team mates' engagements pulls them.
    pub fn team_cutoff(&self, today: NaiveDate) -> Option<NaiveDate> {
        let session = self.session.as_ref()?;
        let sees_team = reach(session.user.role, Act::ViewEngagement).covers(false, true);
        sees_team.then(|| self.settings.team_window.cutoff(today))
    }

    /// Keep `window` as the setting and apply it: a narrower one removes what falls out (as
    /// [`Store::keep_window`]); a wider one makes the next pull bring back the older records.
    /// Returns how many records were removed.
    pub fn set_team_window(
        &mut self,
        window: TeamWindow,
        today: NaiveDate,
    ) -> Result<usize, SaveError> {
        if self.settings.team_window != window {
            let mut settings = self.settings.clone();
            settings.team_window = window;
            self.save_settings(&settings)?;
        }
        self.keep_window(today)
    }

    /// Move the window to `today`, then remove the team's engagements outside it that the
    /// server holds as they are here. Run at each sync and when the setting changes. If the
    /// window reaches further back than before (a wider setting, a clock put back), the pull
    /// starts again from zero: it brings back what was left out, and merging what is here
    /// already changes nothing. Returns how many records were removed.
    pub fn keep_window(&mut self, today: NaiveDate) -> Result<usize, SaveError> {
        let cutoff = self.team_cutoff(today);
        let before = self.sync.window;
        let wider = match (before, cutoff) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(before), Some(cutoff)) => cutoff < before,
        };
        self.sync.window = cutoff;
        if wider {
            // Written before anything else: a crash must not lose the word to pull again.
            self.sync.cursor = None;
            self.sync.refill = true;
            if let Err(error) = self.write_sync() {
                self.sync.window = before;
                return Err(error);
            }
        }
        let removed = self.trim();
        if removed > 0 || (before != cutoff && !wider) {
            // The records are gone either way; the window is written at the next sync.
            let _ = self.write_sync();
        }
        Ok(removed)
    }

    /// Remove the held engagements outside the window that are fully synced. The removals
    /// come first, each standing alone, and the caller writes the sync state after, as
    /// [`Store::remove_synced_older_than`] does; a crash between leaves acknowledgements that
    /// start-up prunes.
    fn trim(&mut self) -> usize {
        let Some(cutoff) = self.sync.window else {
            return 0;
        };
        let doomed: Vec<Id> = self
            .docs
            .engagements
            .iter()
            .filter(|(id, stored)| !self.holds(cutoff, stored) && self.settled(**id, stored))
            .map(|(id, _)| *id)
            .collect();
        for id in &doomed {
            self.remove_entry(&keys::doc(Engagement::KIND, id));
            self.docs.engagements.remove(id);
            self.sync.acked.remove(Engagement::KIND, *id);
        }
        if !doomed.is_empty() {
            self.recount();
        }
        doomed.len()
    }

    /// Whether an engagement this phone does not hold yet is to be stored when pulled.
    pub(crate) fn takes(&self, engagement: &Stored<Engagement>) -> bool {
        self.sync
            .window
            .is_none_or(|cutoff| self.holds(cutoff, engagement))
    }

    fn holds(&self, cutoff: NaiveDate, stored: &Stored<Engagement>) -> bool {
        let username = self
            .session
            .as_ref()
            .map_or("", |s| s.user.username.as_str());
        window::holds(cutoff, username, &stored.doc, stored.updated.wall_ms)
    }

    /// Safe to remove: the server holds it as it is here, and nothing here is waiting on it
    /// (a refusal, a conflict to settle, a held copy, a damaged entry, an edit in progress).
    fn settled(&self, id: Id, stored: &Stored<Engagement>) -> bool {
        let kind = Engagement::KIND;
        let key = keys::doc(kind, id);
        self.sync.is_synced(kind, id, stored.updated)
            && self.sync.rejected.get(kind, id).is_none()
            && !self
                .sync
                .conflicts
                .iter()
                .any(|c| c.kind == kind && c.id == id)
            && !self
                .sync
                .held
                .iter()
                .any(|held| held.change.kind == kind && held.change.id == id)
            && !self.quarantined.iter().any(|entry| entry.key == key)
            && !self.backend.has(&keys::draft(&format!("{kind}/{id}")))
    }

    /// Whether the pull under way starts again from zero to bring back what a narrower window
    /// left out: it then asks for this phone's own last writes too.
    pub fn refilling(&self) -> bool {
        self.sync.refill
    }

    /// A pull reached the end: whatever a wider window asked to bring back is here.
    pub fn pulled_to_end(&mut self) -> Result<(), SaveError> {
        if !self.sync.refill {
            return Ok(());
        }
        self.sync.refill = false;
        self.write_sync()
    }
}
