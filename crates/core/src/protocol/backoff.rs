//! How long to wait before trying to sync again after a failure: doubling from a few seconds, up
//! to ten minutes, never giving up, with jitter so a team's phones do not all retry together
//! when the office Wi-Fi comes back.

/// The first retry's wait.
const FIRST_MS: u64 = 5_000;
/// The longest wait.
pub const MAX_MS: u64 = 10 * 60 * 1000;

/// The wait after `failures` failures in a row (1 or more). `jitter` is a random number in
/// [0, 1): the wait is between half and all of the doubled delay.
pub fn backoff_ms(failures: u32, jitter: f64) -> u64 {
    let doubled = FIRST_MS.saturating_mul(1u64 << failures.saturating_sub(1).min(20));
    let ceiling = doubled.min(MAX_MS) as f64;
    (ceiling * (0.5 + jitter.clamp(0.0, 1.0) / 2.0)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_with_jitter_up_to_ten_minutes_and_never_stop() {
        assert_eq!(backoff_ms(1, 0.0), 2_500);
        assert_eq!(backoff_ms(1, 0.999_999), 4_999);
        assert_eq!(backoff_ms(2, 0.0), 5_000);
        assert_eq!(backoff_ms(3, 0.0), 10_000);
        for failures in [8, 9, 50, u32::MAX] {
            let wait = backoff_ms(failures, 0.999_999);
            assert!((MAX_MS / 2..MAX_MS).contains(&wait), "{failures}: {wait}");
        }
    }
}
