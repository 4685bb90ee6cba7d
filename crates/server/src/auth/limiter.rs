//! Login rate limits: each failed sign-in to an account, and from an address, makes the next
//! attempt wait longer (a growing delay with a cap, never a lock-out). Wrong set-up codes count
//! the same way, as guesses at one account of their own; wrong password links, as guesses at an
//! account of each client's own. Kept in memory and bounded: a restart
//! forgets, which only ever lets a legitimate user in sooner.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// How many failures a key may have before each further attempt must wait.
#[derive(Debug, Clone, Copy)]
struct Allowance {
    free: u32,
}

/// A person mistyping their own password gets a few tries with no delay.
const PER_ACCOUNT: Allowance = Allowance { free: 5 };
/// An address can be a whole office behind one router, so it gets more.
const PER_ADDRESS: Allowance = Allowance { free: 30 };
/// The first delay once the free attempts are used; each further failure doubles it.
const FIRST_DELAY: Duration = Duration::from_secs(1);
/// The longest delay: a forgotten password never locks a person out for longer than this.
const LONGEST_DELAY: Duration = Duration::from_secs(15 * 60);
/// A key with no failure for this long is forgotten. It is long, so that waiting out the
/// longest delay does not hand an attacker a fresh set of free attempts.
const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// The most keys kept. Past this, forgotten keys go, then the quietest ones, so that a flood
/// of made-up usernames cannot grow the map without bound.
const MAX_KEYS: usize = 10_000;

/// Accounts are keyed by a hash of the name typed, so a megabyte of username costs 32 bytes.
/// Every guess at the set-up code, whatever was typed, counts against the one code key. There
/// is a password link for each person, so guesses at them count against each client: one
/// client guessing cannot slow everyone else's links.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account([u8; 32]),
    Address(IpAddr),
    SetUpCode,
    PasswordLink(IpAddr),
}

/// Which one-time code a client is trying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    SetUp,
    PasswordLink,
}

impl Key {
    fn code(kind: CodeKind, address: IpAddr) -> Self {
        match kind {
            CodeKind::SetUp => Key::SetUpCode,
            CodeKind::PasswordLink => Key::PasswordLink(address),
        }
    }
}

impl Key {
    fn account(username: &str) -> Self {
        Key::Account(Sha256::digest(username.as_bytes()).into())
    }
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// When the next attempt may start.
    fn open_at(&self, allowance: Allowance) -> Instant {
        let Some(over) = self.count.checked_sub(allowance.free) else {
            return self.last;
        };
        let delay = FIRST_DELAY
            .checked_mul(2u32.saturating_pow(over))
            .unwrap_or(LONGEST_DELAY)
            .min(LONGEST_DELAY);
        self.last + delay
    }
}

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<Key, Failures>>,
}

impl LoginLimiter {
    /// Reserve one attempt for `username` from `address`, counting it as a failure before the
    /// password is checked, so that simultaneous attempts cannot all slip under the limit.
    /// Refused with how long to wait when either key must wait.
    pub fn reserve(&self, username: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        self.reserve_for(Key::account(username), address, now)
    }

    /// [`reserve`](Self::reserve) an attempt at a one-time code from `address`.
    pub fn reserve_code(
        &self,
        kind: CodeKind,
        address: IpAddr,
        now: Instant,
    ) -> Result<(), Duration> {
        self.reserve_for(Key::code(kind, address), address, now)
    }

    fn reserve_for(&self, subject: Key, address: IpAddr, now: Instant) -> Result<(), Duration> {
        // A one-time code is one secret, like one account's password.
        let keys = [(subject, PER_ACCOUNT), (Key::Address(address), PER_ADDRESS)];
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for (key, _) in &keys {
            if failures
                .get(key)
                .is_some_and(|f| now.saturating_duration_since(f.last) >= FORGET_AFTER)
            {
                failures.remove(key);
            }
        }
        let wait = keys
            .iter()
            .filter_map(|(key, allowance)| failures.get(key).map(|f| f.open_at(*allowance)))
            .map(|open_at| open_at.saturating_duration_since(now))
            .max()
            .unwrap_or_default();
        if !wait.is_zero() {
            return Err(wait);
        }
        for (key, _) in keys {
            if !failures.contains_key(&key) {
                make_room(&mut failures, now);
            }
            let entry = failures.entry(key).or_insert(Failures {
                count: 0,
                last: now,
            });
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
        }
        Ok(())
    }

    /// The password was wrong. The attempt already counts; the wait starts now, when the
    /// answer is given, not when the check began.
    pub fn failed(&self, username: &str, address: IpAddr, now: Instant) {
        self.failed_for(Key::account(username), address, now);
    }

    /// The code was wrong, used or out of date.
    pub fn failed_code(&self, kind: CodeKind, address: IpAddr, now: Instant) {
        self.failed_for(Key::code(kind, address), address, now);
    }

    fn failed_for(&self, subject: Key, address: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for key in [subject, Key::Address(address)] {
            if let Some(entry) = failures.get_mut(&key) {
                entry.last = entry.last.max(now);
            }
        }
    }

    /// The password was right: the account's failures are forgotten, and the address gets its
    /// reserved attempt back, so an office's many good sign-ins never count against it.
    pub fn succeeded(&self, username: &str, address: IpAddr) {
        self.succeeded_for(Key::account(username), address);
    }

    /// The code was right: as for a right password.
    pub fn succeeded_code(&self, kind: CodeKind, address: IpAddr) {
        self.succeeded_for(Key::code(kind, address), address);
    }

    fn succeeded_for(&self, subject: Key, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&subject);
        give_back(&mut failures, Key::Address(address));
    }

    /// The password could not be checked (the server was busy): the attempt does not count.
    pub fn not_checked(&self, username: &str, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        give_back(&mut failures, Key::account(username));
        give_back(&mut failures, Key::Address(address));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.failures.lock().unwrap().len()
    }
}

fn give_back(failures: &mut HashMap<Key, Failures>, key: Key) {
    if let Some(entry) = failures.get_mut(&key) {
        entry.count = entry.count.saturating_sub(1);
        if entry.count == 0 {
            failures.remove(&key);
        }
    }
}

/// Keep the map under [`MAX_KEYS`] before a new key goes in: forgotten keys go first, then a
/// tenth of the map, quietest first, so that a flood pays for one sort per thousand new keys.
fn make_room(failures: &mut HashMap<Key, Failures>, now: Instant) {
    if failures.len() < MAX_KEYS {
        return;
    }
    failures.retain(|_, f| now.saturating_duration_since(f.last) < FORGET_AFTER);
    if failures.len() < MAX_KEYS {
        return;
    }
    let mut by_age: Vec<(Instant, Key)> = failures
        .iter()
        .map(|(key, f)| (f.last, key.clone()))
        .collect();
    by_age.sort_unstable_by_key(|(last, _)| *last);
    for (_, key) in by_age.into_iter().take(MAX_KEYS / 10) {
        failures.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn after_the_free_attempts_each_failure_doubles_the_wait_up_to_the_cap() {
        let limiter = LoginLimiter::default();
        let mut now = Instant::now();
        for n in 0..PER_ACCOUNT.free {
            assert_eq!(limiter.reserve("sam", ip(1), now), Ok(()), "attempt {n}");
        }
        let mut waits = Vec::new();
        for _ in 0..15 {
            let wait = limiter.reserve("sam", ip(2), now).unwrap_err();
            waits.push(wait.as_secs());
            now += wait;
            assert_eq!(limiter.reserve("sam", ip(2), now), Ok(()));
        }
        assert_eq!(&waits[..5], &[1, 2, 4, 8, 16]);
        assert_eq!(*waits.last().unwrap(), LONGEST_DELAY.as_secs());
        assert_eq!(limiter.reserve("alex", ip(3), now), Ok(()), "others go on");
    }

    #[test]
    fn the_wait_starts_when_the_wrong_answer_is_given() {
        let limiter = LoginLimiter::default();
        let start = Instant::now();
        for _ in 0..PER_ACCOUNT.free {
            limiter.reserve("sam", ip(1), start).unwrap();
        }
        // Checking took ten seconds; the next guess still waits a full second after that.
        let answered = start + Duration::from_secs(10);
        limiter.failed("sam", ip(1), answered);
        assert_eq!(limiter.reserve("sam", ip(1), answered), Err(FIRST_DELAY));
    }

    #[test]
    fn a_day_without_failures_forgets_them() {
        let limiter = LoginLimiter::default();
        let start = Instant::now();
        for _ in 0..(PER_ACCOUNT.free + 5) {
            let _ = limiter.reserve("sam", ip(1), start);
            limiter.failed("sam", ip(1), start);
        }
        let next_day = start + FORGET_AFTER;
        for n in 0..PER_ACCOUNT.free {
            assert_eq!(
                limiter.reserve("sam", ip(1), next_day),
                Ok(()),
                "attempt {n}"
            );
        }
    }

    #[test]
    fn an_attempt_the_server_was_too_busy_to_check_does_not_count() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT.free {
            limiter.reserve("sam", ip(1), now).unwrap();
        }
        limiter.not_checked("sam", ip(1));
        assert_eq!(limiter.reserve("sam", ip(1), now), Ok(()));
        assert!(limiter.reserve("sam", ip(1), now).is_err());
    }

    #[test]
    fn a_success_forgets_the_account_and_refunds_the_address() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT.free {
            limiter.reserve("sam", ip(1), now).unwrap();
        }
        limiter.succeeded("sam", ip(1));
        assert_eq!(limiter.reserve("sam", ip(1), now), Ok(()));
        // Many people signing in from one office never slow each other down.
        for n in 0..(PER_ADDRESS.free * 3) {
            let name = format!("user{n}");
            limiter.reserve(&name, ip(9), now).unwrap();
            limiter.succeeded(&name, ip(9));
        }
        assert_eq!(limiter.reserve("late", ip(9), now), Ok(()));
    }

    #[test]
    fn an_address_trying_many_accounts_must_wait() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for n in 0..PER_ADDRESS.free {
            limiter.reserve(&format!("user{n}"), ip(2), now).unwrap();
        }
        assert!(limiter.reserve("someone-new", ip(2), now).is_err());
        assert_eq!(limiter.reserve("someone-new", ip(3), now), Ok(()));
    }

    #[test]
    fn guesses_at_the_set_up_code_wait_like_guesses_at_one_password() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for n in 0..PER_ACCOUNT.free {
            limiter
                .reserve_code(CodeKind::SetUp, ip(n as u8), now)
                .unwrap();
            limiter.failed_code(CodeKind::SetUp, ip(n as u8), now);
        }
        // From any address: the code is one secret, so spreading guesses out does not help.
        assert_eq!(
            limiter.reserve_code(CodeKind::SetUp, ip(99), now),
            Err(FIRST_DELAY)
        );
        assert_eq!(
            limiter.reserve("sam", ip(99), now),
            Ok(()),
            "sign-ins go on"
        );
        let later = now + FIRST_DELAY;
        limiter
            .reserve_code(CodeKind::SetUp, ip(99), later)
            .unwrap();
        limiter.succeeded_code(CodeKind::SetUp, ip(99));
        assert_eq!(limiter.reserve_code(CodeKind::SetUp, ip(99), later), Ok(()));
    }

    #[test]
    fn guesses_at_password_links_wait_per_client() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT.free {
            limiter
                .reserve_code(CodeKind::PasswordLink, ip(1), now)
                .unwrap();
            limiter.failed_code(CodeKind::PasswordLink, ip(1), now);
        }
        let guessing = limiter.reserve_code(CodeKind::PasswordLink, ip(1), now);
        assert_eq!(guessing, Err(FIRST_DELAY));
        assert_eq!(
            limiter.reserve_code(CodeKind::PasswordLink, ip(2), now),
            Ok(()),
            "another client's link still works"
        );
    }

    #[test]
    fn the_map_stays_bounded_under_a_flood_of_names() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for n in 0..(MAX_KEYS as u32 + 500) {
            let address = IpAddr::from(n.to_be_bytes());
            limiter
                .reserve(&format!("nobody{n}"), address, now)
                .unwrap();
        }
        assert!(limiter.len() <= MAX_KEYS);
    }
}
