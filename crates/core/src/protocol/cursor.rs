//! Pull cursors: the server's epoch and a position in its change sequence, written
//! `<epoch>.<seq>`. The epoch changes when a server's data is replaced (a restore, a new
//! database), so a cursor from before then is refused rather than silently skipping changes.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub epoch: String,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a pull cursor; pull again from the start, with no cursor")]
pub struct CursorError(pub String);

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.epoch, self.seq)
    }
}

impl FromStr for Cursor {
    type Err = CursorError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || CursorError(text.to_owned());
        let (epoch, seq) = text.rsplit_once('.').ok_or_else(bad)?;
        if epoch.is_empty() {
            return Err(bad());
        }
        Ok(Cursor {
            epoch: epoch.to_owned(),
            seq: seq.parse().map_err(|_| bad())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_nonsense_is_refused() {
        let cursor = Cursor {
            epoch: "a-b_c".into(),
            seq: 42,
        };
        assert_eq!(cursor.to_string(), "a-b_c.42");
        assert_eq!("a-b_c.42".parse::<Cursor>(), Ok(cursor));
        for bad in ["", "42", ".4", "e.x", "e.-1"] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad}");
        }
    }
}
