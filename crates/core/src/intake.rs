//! What a server admits into its store from a push: records of a bounded size, stamped by a
//! clock that is not ahead of its own, at a schema version it knows with only the fields that
//! version has, and changed only in ways the sender may. Each refusal has a code for machines
//! and a sentence for the person whose phone sent it; the record stays on the phone.

use crate::document::Document;
use crate::permissions::write::Denied;
use crate::replica::{Replica, MAX_AHEAD_MS};

/// The largest record, as encoded: a realistic engagement is about 2 KiB.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
/// The most entries one list of a record may hold, deleted ones included.
pub const MAX_LIST_ENTRIES: usize = 200;

const HOUR_MS: u64 = 60 * 60 * 1000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// Why a pushed change was not stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(
        "This record is {bytes} bytes; a record may be at most {MAX_RECORD_BYTES}. Split it or \
         shorten its text."
    )]
    TooLarge { bytes: usize },
    #[error(
        "The list {list} of this record has {count} entries; a list may have at most \
         {MAX_LIST_ENTRIES}."
    )]
    TooManyEntries { list: String, count: usize },
    #[error(
        "This phone's clock is ahead of the server's by {}; set the phone's date and time and \
         sync again.",
        duration(*.ahead_ms)
    )]
    ClockAhead { ahead_ms: u64 },
    #[error(
        "This {kind} is at schema version {version}, which this server does not know (it knows \
         1 to {known}); update Fieldbook on this phone and the server, then sync again."
    )]
    UnknownVersion {
        kind: &'static str,
        version: u32,
        known: u32,
    },
    #[error(
        "This {kind} has fields that its schema version does not have: {}.",
        .paths.join(", ")
    )]
    UnknownFields {
        kind: &'static str,
        paths: Vec<String>,
    },
    #[error("This {kind} does not fit its schema: {message}")]
    Unreadable { kind: &'static str, message: String },
    #[error(
        "The server already keeps a record of another kind ({stored}) under this id, so this \
         {sent} was not stored; records of different kinds never share an id."
    )]
    KindMismatch { stored: String, sent: String },
    #[error(transparent)]
    Denied(#[from] Denied),
}

/// Every code a [`Refusal`] is sent with: the sync protocol's documentation lists each.
pub const CODES: [&str; 11] = [
    "too_large",
    "clock_ahead",
    "unknown_version",
    "unknown_fields",
    "invalid",
    "kind_mismatch",
    "not_yours",
    "own_work",
    "not_assessor",
    "other_team",
    "review_by_other",
];

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::TooLarge { .. } | Refusal::TooManyEntries { .. } => "too_large",
            Refusal::ClockAhead { .. } => "clock_ahead",
            Refusal::UnknownVersion { .. } => "unknown_version",
            Refusal::UnknownFields { .. } => "unknown_fields",
            Refusal::Unreadable { .. } => "invalid",
            Refusal::KindMismatch { .. } => "kind_mismatch",
            Refusal::Denied(denied) => denied.code(),
        }
    }
}

impl From<Refusal> for crate::protocol::Reason {
    fn from(refusal: Refusal) -> Self {
        crate::protocol::Reason {
            code: refusal.code().to_owned(),
            message: refusal.to_string(),
            issues: Vec::new(),
        }
    }
}

/// A record's encoded size, before merging and after.
pub fn check_size(bytes: usize) -> Result<(), Refusal> {
    if bytes > MAX_RECORD_BYTES {
        return Err(Refusal::TooLarge { bytes });
    }
    Ok(())
}

pub fn check_lists(replica: &Replica) -> Result<(), Refusal> {
    match replica.longest_list() {
        Some((list, count)) if count > MAX_LIST_ENTRIES => Err(Refusal::TooManyEntries {
            list: list.to_owned(),
            count,
        }),
        _ => Ok(()),
    }
}

/// A stamp far ahead of the server's clock `now_ms` would win every later edit of its field on
/// every device, and move the clocks of phones that pull it.
pub fn check_clock(replica: &Replica, now_ms: u64) -> Result<(), Refusal> {
    let latest = replica.updated().wall_ms;
    if latest > now_ms.saturating_add(MAX_AHEAD_MS) {
        return Err(Refusal::ClockAhead {
            ahead_ms: latest - now_ms,
        });
    }
    Ok(())
}

/// Versions start at 1; one newer than this build's cannot be checked, so it is not stored.
pub fn check_version<D: Document>(replica: &Replica) -> Result<(), Refusal> {
    let version = replica.version();
    if version == 0 || version > D::VERSION {
        return Err(Refusal::UnknownVersion {
            kind: D::KIND,
            version,
            known: D::VERSION,
        });
    }
    Ok(())
}

/// Fields `D` does not know, among those `sent` wrote, in the `merged` result. Only the sent
/// ones count, so a record stored before these checks does not lock its owner out.
pub fn check_fields<D: Document>(merged: &Replica, sent: &Replica) -> Result<(), Refusal> {
    let unknown = merged
        .unknown_paths::<D>()
        .map_err(|error| Refusal::Unreadable {
            kind: D::KIND,
            message: error.to_string(),
        })?;
    if unknown.is_empty() {
        // The common case; naming every sent path costs an allocation each.
        return Ok(());
    }
    let sent_paths: std::collections::BTreeSet<String> =
        sent.entries().map(|(path, _)| path).collect();
    let paths: Vec<String> = unknown
        .into_iter()
        .filter(|path| sent_paths.contains(path))
        .collect();
    if paths.is_empty() {
        Ok(())
    } else {
        Err(Refusal::UnknownFields {
            kind: D::KIND,
            paths,
        })
    }
}

/// A span of time as a person says it: hours up to two days, days after that.
fn duration(ms: u64) -> String {
    let days = ms / DAY_MS;
    if days >= 2 {
        format!("{days} days")
    } else {
        let hours = ms / HOUR_MS;
        format!("{hours} hour{}", if hours == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Engagement;
    use crate::{sample, Id, Stamp};

    fn replica_at(wall_ms: u64) -> Replica {
        Replica::create(
            &sample::engagement(1),
            Stamp {
                wall_ms,
                counter: 0,
                device: Id::from_random([1; 16]),
            },
        )
    }

    #[test]
    fn a_clock_a_day_ahead_is_allowed_and_more_is_explained() {
        let now = 1_780_000_000_000;
        assert_eq!(check_clock(&replica_at(now + DAY_MS), now), Ok(()));
        let refusal = check_clock(&replica_at(now + 365 * DAY_MS), now).unwrap_err();
        assert_eq!(refusal.code(), "clock_ahead");
        assert_eq!(
            refusal.to_string(),
            "This phone's clock is ahead of the server's by 365 days; set the phone's date and \
             time and sync again."
        );
        let hours = check_clock(&replica_at(now + DAY_MS + 2 * HOUR_MS), now).unwrap_err();
        assert!(hours.to_string().contains("by 26 hours;"), "{hours}");
    }

    #[test]
    fn only_versions_from_one_to_this_builds_are_known() {
        let current = replica_at(1_000);
        assert_eq!(check_version::<Engagement>(&current), Ok(()));
        for version in [0, Engagement::VERSION + 1, 99] {
            let mut wire: serde_json::Value = serde_json::from_str(&current.encode()).unwrap();
            wire["v"] = version.into();
            let replica = Replica::decode(&wire.to_string()).unwrap();
            assert_eq!(
                check_version::<Engagement>(&replica).map_err(|r| r.code()),
                Err("unknown_version"),
                "{version}"
            );
        }
    }

    #[test]
    fn sizes_are_capped() {
        assert_eq!(check_size(MAX_RECORD_BYTES), Ok(()));
        assert_eq!(
            check_size(MAX_RECORD_BYTES + 1).unwrap_err().code(),
            "too_large"
        );
        assert_eq!(check_lists(&replica_at(1_000)), Ok(()));
    }

    #[test]
    fn every_code_is_listed_and_documented() {
        let protocol = include_str!("../../../docs/sync-protocol.md");
        for code in CODES {
            assert!(
                protocol.contains(&format!("`{code}`")),
                "{code} is documented"
            );
        }
        let refusal = Refusal::KindMismatch {
            stored: "engagement".into(),
            sent: "progress".into(),
        };
        assert!(CODES.contains(&refusal.code()));
    }
}
