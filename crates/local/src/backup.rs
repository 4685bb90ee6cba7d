//! Backups: every document and imported framework out as one JSON file, and such a file merged
//! back in, with a report of what it changed.

use fieldbook_core::backup::{
    plan_import, Acknowledged, Backup, BackupError, ImportReport, ServerCopy,
};
use fieldbook_core::{Context, Replica};

use crate::{keys, SaveError, Store};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub report: ImportReport,
    /// Set when storage filled up part-way: how many documents were not written, and why.
    /// Everything written before stays, and importing the same file again finishes the job.
    pub stopped: Option<(usize, SaveError)>,
}

impl Store {
    /// The backup file's text: every document as stored (those from newer versions included,
    /// whole), every imported framework, and, signed in, which documents the server holds as
    /// they are here.
    pub fn export(&self, now_ms: u64) -> String {
        let documents: Vec<String> = self
            .backend
            .keys()
            .iter()
            .filter(|key| keys::parse_doc(key).is_some())
            .filter_map(|key| self.backend.get(key))
            .collect();
        let frameworks: Vec<_> = self.frameworks().cloned().collect();
        let backup = Backup::new(
            now_ms,
            self.device(),
            documents.iter().map(String::as_str),
            &frameworks,
        );
        match self.server_copy() {
            Some(server) => backup.with_server(server).to_json(),
            None => backup.to_json(),
        }
    }

    /// The documents the signed-in server holds as they are here, for a backup.
    fn server_copy(&self) -> Option<ServerCopy> {
        let mut server = ServerCopy::new(&self.session.as_ref()?.server);
        for (kind, id, stamp) in self.docs.stamps() {
            if let Some(acked) = self
                .sync
                .acked
                .get(kind, id)
                .filter(|acked| **acked >= stamp)
            {
                server.insert(kind, id, *acked);
            }
        }
        Some(server)
    }

    /// Merge a backup file into this store. Every entry is checked; bad ones are reported and
    /// skipped, the rest merged with what is here, so nothing is duplicated and no edit lost.
    /// Documents the backup's server holds as they now are here count as synced, if this phone
    /// syncs with that server or is not signed in yet (see [`Store::keep_acknowledged`]).
    pub fn import(
        &mut self,
        json: &str,
        context: &Context,
        now_ms: u64,
    ) -> Result<Imported, BackupError> {
        let backend = &self.backend;
        let plan = plan_import(
            json,
            |kind, id| {
                backend
                    .get(&keys::doc(kind, id))
                    .and_then(|stored| Replica::decode(&stored).ok())
            },
            context,
        )?;
        // Whether each document was synced here, read before the import changes it.
        let synced_here: Vec<bool> = plan
            .acknowledged
            .iter()
            .flat_map(|acked| &acked.documents)
            .map(|doc| {
                self.docs
                    .stamp(&doc.kind, doc.id)
                    .is_some_and(|stamp| self.sync.is_synced(&doc.kind, doc.id, stamp))
            })
            .collect();
        let mut stopped = None;
        for (done, replica) in plan.writes.iter().enumerate() {
            let key = keys::doc(replica.kind(), replica.id());
            let json = replica.encode();
            if let Err(error) = self.put(&key, &json) {
                stopped = Some((plan.writes.len() - done, error));
                break;
            }
            let kind = replica.kind().to_owned();
            self.load_doc(&key, &kind, json, now_ms);
            self.observe(replica.updated());
        }
        if stopped.is_none() {
            for framework in &plan.frameworks {
                if let Err(error) = self.save_framework(framework) {
                    stopped = Some((0, error));
                    break;
                }
            }
        }
        // Last, so a crash before it leaves the documents unacknowledged: offered to the server
        // again, never wrongly marked synced. Importing the file again keeps them.
        if let (None, Some(acked)) = (&stopped, &plan.acknowledged) {
            if let Err(error) = self.keep_acknowledged(acked, &synced_here) {
                stopped = Some((0, error));
            }
        }
        Ok(Imported {
            report: plan.report,
            stopped,
        })
    }

    /// Keep what the backup says its server holds, where that server is this phone's (or this
    /// phone is not signed in yet, as a new phone restoring a backup is) and the copy here is
    /// all on that server: nothing beyond the backup's copy, or what more there is was synced
    /// from here. Anything else stays "only on this phone" and is offered at the next sync,
    /// which costs a push the server answers as a duplicate, never a lost record.
    fn keep_acknowledged(
        &mut self,
        acked: &Acknowledged,
        synced_here: &[bool],
    ) -> Result<(), SaveError> {
        if self
            .session
            .as_ref()
            .is_some_and(|session| session.server != acked.origin)
        {
            return Ok(());
        }
        let mut kept = 0;
        for (doc, synced_here) in acked.documents.iter().zip(synced_here) {
            if !(doc.covered || *synced_here) {
                continue;
            }
            let stamp = match self.sync.acked.get(&doc.kind, doc.id) {
                Some(here) if *here > doc.stamp => *here,
                _ => doc.stamp,
            };
            if self.sync.acked.get(&doc.kind, doc.id) != Some(&stamp) {
                self.sync.acked.insert(&doc.kind, doc.id, stamp);
                kept += 1;
            }
        }
        if kept > 0 {
            self.write_sync()?;
        }
        Ok(())
    }
}
