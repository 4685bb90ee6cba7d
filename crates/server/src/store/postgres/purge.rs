//! The purge in PostgreSQL: records past their retention date, and deleted records and list
//! items past the undo period, each rewritten as a server-stamped change that every phone pulls.

use chrono::NaiveDate;
use fieldbook_core::DeviceId;
use postgres::{Client, GenericClient};

use super::protection::decode;
use super::{audit, begin_writing, sync};
use crate::protection::{self, ServerClock, UNDO_DAYS};
use crate::store::{Purged, Result};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

pub fn purge(
    client: &mut Client,
    device: DeviceId,
    actor: &str,
    today: NaiveDate,
    now_ms: u64,
) -> Result<Purged> {
    // A writer: it numbers the changes it makes, as a push does.
    let mut transaction = begin_writing(client)?;
    let mut clock = ServerClock::new(device);
    let mut purged = Purged::default();
    let expired = sync::changes(
        &mut transaction,
        "SELECT kind, id, replica, seq FROM documents
         WHERE retain_until IS NOT NULL AND retain_until < $1 ORDER BY seq",
        &[&today.to_string()],
    )?;
    for (change, _) in expired {
        let mut replica = decode(&change)?;
        protection::expire(&mut replica, &mut clock, now_ms);
        store(&mut transaction, &change.id.to_string(), &replica, true)?;
        purged.expired += 1;
    }
    // Only documents with a tombstone somewhere, of the record or of a list item, can have
    // anything to clear.
    let deleted_before_ms = now_ms.saturating_sub(UNDO_DAYS * DAY_MS);
    let with_tombstones = sync::changes(
        &mut transaction,
        "SELECT kind, id, replica, seq FROM documents
         WHERE strpos(replica, '\"_del\"') > 0 ORDER BY seq",
        &[],
    )?;
    for (change, _) in with_tombstones {
        let mut replica = decode(&change)?;
        let cleared =
            protection::clear_deleted(&mut replica, deleted_before_ms, &mut clock, now_ms);
        if cleared.any() {
            let contact_gone = cleared.document;
            store(
                &mut transaction,
                &change.id.to_string(),
                &replica,
                contact_gone,
            )?;
            purged.cleared_records += usize::from(cleared.document);
            purged.cleared_items += cleared.elements;
        }
    }
    audit::record_now(
        &mut transaction,
        now_ms,
        actor,
        "purge",
        "records past their retention date or deleted before the undo period",
        &format!(
            "contact details removed from {} records past their retention date (before \
             {today}); content cleared from {} records and {} list items deleted more than \
             {UNDO_DAYS} days ago",
            purged.expired, purged.cleared_records, purged.cleared_items
        ),
    )?;
    transaction.commit()?;
    Ok(purged)
}

/// Store the rewritten document as the latest change, for every device to pull: the one that
/// wrote it last too, which does not hold this version. With its contact details gone, it has
/// no retention date left to keep.
fn store(
    client: &mut impl GenericClient,
    id: &str,
    replica: &fieldbook_core::Replica,
    contact_gone: bool,
) -> Result<()> {
    let seq = sync::last_seq(client)? + 1;
    client.execute(
        "UPDATE documents SET replica = $2, seq = $3, deleted = $4, last_device = NULL,
           retain_until = CASE WHEN $5 THEN NULL ELSE retain_until END WHERE id = $1",
        &[
            &id,
            &replica.encode(),
            &(seq as i64),
            &replica.is_deleted(),
            &contact_gone,
        ],
    )?;
    Ok(())
}
