//! Backups: every document and imported framework out as one JSON file, and such a file merged
//! back in, with a report of what it changed.

use fieldbook_core::backup::{plan_import, Backup, BackupError, ImportReport};
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
    /// whole), and every imported framework.
    pub fn export(&self, now_ms: u64) -> String {
        let documents: Vec<String> = self
            .backend
            .keys()
            .iter()
            .filter(|key| keys::parse_doc(key).is_some())
            .filter_map(|key| self.backend.get(key))
            .collect();
        let frameworks: Vec<_> = self.frameworks().cloned().collect();
        Backup::new(
            now_ms,
            self.device(),
            documents.iter().map(String::as_str),
            &frameworks,
        )
        .to_json()
    }

    /// Merge a backup file into this store. Every entry is checked; bad ones are reported and
    /// skipped, the rest merged with what is here, so nothing is duplicated and no edit lost.
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
        Ok(Imported {
            report: plan.report,
            stopped,
        })
    }
}
