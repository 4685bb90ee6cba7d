//! Splitting an outbox into pushes the server accepts: at most its number of changes, and a
//! body under its byte limit.

use super::Change;

/// Room for the rest of the request: the device and batch ids and the JSON around them.
const ENVELOPE_BYTES: usize = 512;
/// Each change's kind, id and punctuation around its replica.
const PER_CHANGE_BYTES: usize = 96;

/// Consecutive runs of `changes`, each within both limits. A change too big for any push on its
/// own still goes, alone, so the server can say why it refuses it.
pub fn batches(changes: Vec<Change>, max_changes: usize, max_bytes: usize) -> Vec<Vec<Change>> {
    let mut batches = Vec::new();
    let mut current: Vec<Change> = Vec::new();
    let mut bytes = ENVELOPE_BYTES;
    for change in changes {
        let size = change.replica.get().len() + PER_CHANGE_BYTES;
        let full = current.len() >= max_changes.max(1) || bytes + size > max_bytes;
        if full && !current.is_empty() {
            batches.push(std::mem::take(&mut current));
            bytes = ENVELOPE_BYTES;
        }
        bytes += size;
        current.push(change);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

#[cfg(test)]
mod tests {
    use serde_json::value::RawValue;

    use super::*;
    use crate::Id;

    fn change(n: u8, size: usize) -> Change {
        Change {
            kind: "venue".into(),
            id: Id::from_random([n; 16]),
            replica: RawValue::from_string(format!("\"{}\"", "x".repeat(size))).unwrap(),
        }
    }

    #[test]
    fn batches_keep_to_the_count_and_the_bytes_and_the_order() {
        let changes: Vec<Change> = (0..10).map(|n| change(n, 100)).collect();
        let by_count = batches(changes.clone(), 4, 1_000_000);
        assert_eq!(by_count.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 2]);
        let by_bytes = batches(
            changes.clone(),
            500,
            ENVELOPE_BYTES + 3 * (102 + PER_CHANGE_BYTES),
        );
        assert_eq!(
            by_bytes.iter().map(Vec::len).collect::<Vec<_>>(),
            [3, 3, 3, 1]
        );
        let ids: Vec<Id> = by_bytes.into_iter().flatten().map(|c| c.id).collect();
        assert_eq!(ids, changes.iter().map(|c| c.id).collect::<Vec<_>>());
    }

    #[test]
    fn an_oversized_change_goes_alone() {
        let found = batches(
            vec![change(1, 10), change(2, 5_000), change(3, 10)],
            500,
            2_000,
        );
        assert_eq!(found.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 1]);
        assert!(batches(Vec::new(), 500, 2_000).is_empty());
    }
}
