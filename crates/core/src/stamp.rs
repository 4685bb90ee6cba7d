//! Hybrid logical clock stamps: when a field was written, in an order every replica agrees on.
//!
//! A stamp is wall-clock milliseconds, a counter for writes within the same millisecond (or
//! while the wall clock lags a stamp already seen), and the device that wrote it. Stamps
//! compare in that order, so two devices never produce equal stamps.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::id::Id;

/// Which device wrote something. Devices are named by a random id made at install time.
pub type DeviceId = Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub wall_ms: u64,
    pub counter: u32,
    pub device: DeviceId,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, self.device).cmp(&(other.wall_ms, other.counter, other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One device's clock. It never goes backwards, even when the wall clock does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    device: DeviceId,
    last_wall_ms: u64,
    last_counter: u32,
}

impl Clock {
    pub fn new(device: DeviceId) -> Self {
        Self {
            device,
            last_wall_ms: 0,
            last_counter: 0,
        }
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// A stamp for a local write at wall-clock time `now_ms`, later than every stamp this
    /// clock has issued or observed.
    pub fn tick(&mut self, now_ms: u64) -> Stamp {
        if now_ms > self.last_wall_ms {
            self.last_wall_ms = now_ms;
            self.last_counter = 0;
        } else {
            self.last_counter += 1;
        }
        Stamp {
            wall_ms: self.last_wall_ms,
            counter: self.last_counter,
            device: self.device,
        }
    }

    /// Take account of a stamp from another device, so later local writes order after it.
    pub fn observe(&mut self, seen: Stamp) {
        if (seen.wall_ms, seen.counter) > (self.last_wall_ms, self.last_counter) {
            self.last_wall_ms = seen.wall_ms;
            self.last_counter = seen.counter;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(n: u8) -> DeviceId {
        Id::from_random([n; 16])
    }

    #[test]
    fn ticks_increase_even_when_the_wall_clock_goes_back() {
        let mut clock = Clock::new(device(1));
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(900);
        let d = clock.tick(2_000);
        assert!(a < b && b < c && c < d);
        assert_eq!((c.wall_ms, c.counter), (1_000, 2));
        assert_eq!((d.wall_ms, d.counter), (2_000, 0));
    }

    #[test]
    fn observed_stamps_push_the_clock_forward() {
        let mut mine = Clock::new(device(1));
        let mut theirs = Clock::new(device(2));
        let remote = theirs.tick(5_000);
        mine.observe(remote);
        assert!(mine.tick(1_000) > remote);
    }

    #[test]
    fn the_device_breaks_ties() {
        let a = Clock::new(device(1)).tick(10);
        let b = Clock::new(device(2)).tick(10);
        assert_ne!(a, b);
        assert!(a < b);
    }
}
