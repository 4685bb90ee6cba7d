//! Login rate limits: after too many failures in a window, an account, or an address, must
//! wait. Kept in memory: a restart forgets, which only ever lets a legitimate user in sooner.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per account in the window.
const PER_ACCOUNT: usize = 5;
/// Failures allowed per address in the window: an office shares one address.
const PER_ADDRESS: usize = 20;
const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// How long until `account` from `address` may try again, if it must wait.
    pub fn wait(&self, account: &str, address: &str, now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        [
            (key("user", account), PER_ACCOUNT),
            (key("addr", address), PER_ADDRESS),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let times = failures.get_mut(&key)?;
            while times
                .front()
                .is_some_and(|at| now.duration_since(*at) >= WINDOW)
            {
                times.pop_front();
            }
            (times.len() >= limit).then(|| WINDOW - now.duration_since(times[0]))
        })
        .max()
    }

    pub fn failed(&self, account: &str, address: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for key in [key("user", account), key("addr", address)] {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A success clears the account's failures, not the address's.
    pub fn succeeded(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&key("user", account));
    }
}

fn key(kind: &str, value: &str) -> String {
    format!("{kind}:{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_account_for_the_window_then_it_opens() {
        let limiter = LoginLimiter::default();
        let start = Instant::now();
        for n in 0..5 {
            assert_eq!(limiter.wait("sam", "10.0.0.1", start), None, "attempt {n}");
            limiter.failed("sam", "10.0.0.1", start);
        }
        assert!(
            limiter.wait("sam", "10.0.0.9", start).is_some(),
            "from anywhere"
        );
        assert_eq!(
            limiter.wait("alex", "10.0.0.9", start),
            None,
            "others are not locked"
        );
        assert_eq!(limiter.wait("sam", "10.0.0.1", start + WINDOW), None);
    }

    #[test]
    fn an_address_trying_many_accounts_is_limited() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for n in 0..20 {
            limiter.failed(&format!("user{n}"), "10.0.0.2", now);
        }
        assert!(limiter.wait("someone-new", "10.0.0.2", now).is_some());
        assert_eq!(limiter.wait("someone-new", "10.0.0.3", now), None);
    }
}
