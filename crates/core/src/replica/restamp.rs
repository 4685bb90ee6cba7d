//! Bringing back writes stamped by a clock that ran ahead: the server refuses stamps more than
//! [`MAX_AHEAD_MS`] past its own clock, so a phone whose date was wrong when it saved must
//! stamp those writes again once its clock is right.

use super::Replica;
use crate::stamp::Stamp;

/// How far past the server's clock a stamp may be: a day, for time zones and clocks that are
/// slightly off. Anything later is refused, because it would win every later edit everywhere.
pub const MAX_AHEAD_MS: u64 = 86_400_000;

impl Replica {
    /// Give every write stamped after `limit_ms` the stamp `stamp` instead, keeping its value.
    /// True if anything changed. Safe because no other copy holds such stamps: the server
    /// refused them, so they never left this device.
    pub fn restamp_after(&mut self, limit_ms: u64, stamp: Stamp) -> bool {
        let mut changed = false;
        if self.created.wall_ms > limit_ms {
            self.created = stamp;
            changed = true;
        }
        let lists = self
            .lists
            .values_mut()
            .flat_map(|elements| elements.values_mut());
        for fields in std::iter::once(&mut self.fields).chain(lists) {
            for register in fields.values_mut() {
                if register.stamp.wall_ms > limit_ms {
                    register.stamp = stamp;
                    changed = true;
                }
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use crate::id::Id;
    use crate::model::Engagement;
    use crate::sample;
    use crate::stamp::Stamp;
    use crate::Replica;

    fn stamp(wall_ms: u64) -> Stamp {
        Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([3; 16]),
        }
    }

    #[test]
    fn only_writes_past_the_limit_take_the_new_stamp() {
        let record = sample::engagement(1);
        let mut replica = Replica::create(&record, stamp(1_000));
        let mut edited = record.clone();
        edited.notes = "Written with the clock a year ahead".into();
        replica.update(&edited, stamp(40_000_000_000));

        assert!(replica.restamp_after(2_000, stamp(1_500)));
        assert_eq!(replica.updated(), stamp(1_500));
        assert_eq!(replica.created(), stamp(1_000), "the creation was on time");
        assert_eq!(replica.to_doc::<Engagement>().unwrap(), edited);
        assert!(!replica.restamp_after(2_000, stamp(1_600)), "nothing left");
    }
}
