//! Login rate limits: each failed sign-in to an account, and from an address, makes the next
//! attempt wait longer (a growing delay with a cap, never a lock-out). Wrong set-up codes count
//! the same way, as guesses at one account of their own; wrong password links, as guesses at an
//! account of each client's own. The failures are kept in the database, so that every server
//! process on it shares the limits and a restart forgets nothing; this module is the policy over
//! them, each step one [`Store::update_failures`] transaction. Every function here blocks: call
//! it off the async threads.

use std::net::IpAddr;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::store::{Failures, Result, Store};

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
const FIRST_DELAY_MS: u64 = 1000;
/// The longest delay: a forgotten password never locks a person out for longer than this.
const LONGEST_DELAY_MS: u64 = 15 * 60 * 1000;
/// A key with no failure for this long is forgotten. It is long, so that waiting out the
/// longest delay does not hand an attacker a fresh set of free attempts.
const FORGET_AFTER_MS: u64 = 24 * 60 * 60 * 1000;
/// The most keys kept: a flood of made-up usernames from many addresses must not grow the table
/// without bound. Rows on disk are cheap (100,000 take about 20 MB in SQLite), and the more are
/// kept, the bigger the flood it takes to push out a guessed-at account's failures.
const MAX_KEYS: usize = 100_000;

/// Which one-time code a client is trying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    SetUp,
    PasswordLink,
}

/// Accounts are keyed by a hash of the name typed, so a megabyte of username costs 64 hex
/// digits. Every guess at the set-up code, whatever was typed, counts against the one code key.
/// There is a password link for each person, so guesses at them count against each client: one
/// client guessing cannot slow everyone else's links.
fn account_key(username: &str) -> String {
    format!(
        "account:{}",
        crate::hex(&Sha256::digest(username.as_bytes()))
    )
}

fn address_key(address: IpAddr) -> String {
    format!("address:{address}")
}

fn code_key(kind: CodeKind, address: IpAddr) -> String {
    match kind {
        CodeKind::SetUp => "setup".to_owned(),
        CodeKind::PasswordLink => format!("link:{address}"),
    }
}

/// When the next attempt may start.
fn open_at(failures: Failures, allowance: Allowance) -> u64 {
    let Some(over) = failures.count.checked_sub(allowance.free) else {
        return failures.last_ms;
    };
    let delay = FIRST_DELAY_MS
        .checked_mul(2u64.saturating_pow(over))
        .unwrap_or(LONGEST_DELAY_MS)
        .min(LONGEST_DELAY_MS);
    failures.last_ms + delay
}

/// Reserve one attempt for `username` from `address` at `now_ms`, counting it as a failure
/// before the password is checked, so that simultaneous attempts cannot all slip under the
/// limit. Refused (the inner error) with how long to wait when either key must wait.
pub fn reserve(
    store: &dyn Store,
    username: &str,
    address: IpAddr,
    now_ms: u64,
) -> Result<std::result::Result<(), Duration>> {
    reserve_for(store, account_key(username), address, now_ms)
}

/// [`reserve`] an attempt at a one-time code from `address`.
pub fn reserve_code(
    store: &dyn Store,
    kind: CodeKind,
    address: IpAddr,
    now_ms: u64,
) -> Result<std::result::Result<(), Duration>> {
    reserve_for(store, code_key(kind, address), address, now_ms)
}

fn reserve_for(
    store: &dyn Store,
    subject: String,
    address: IpAddr,
    now_ms: u64,
) -> Result<std::result::Result<(), Duration>> {
    // A one-time code is one secret, like one account's password.
    let allowances = [PER_ACCOUNT, PER_ADDRESS];
    let mut verdict = Ok(());
    let mut added = false;
    store.update_failures(&[subject, address_key(address)], &mut |failures| {
        for slot in failures.iter_mut() {
            if slot.is_some_and(|f| now_ms.saturating_sub(f.last_ms) >= FORGET_AFTER_MS) {
                *slot = None;
            }
        }
        // Another server's clock may run a little ahead of this one's: a failure it stamped in
        // the future counts as now, so that no wait is longer than the cap.
        let wait_ms = failures
            .iter()
            .zip(allowances)
            .filter_map(|(slot, allowance)| {
                slot.map(|f| {
                    let f = Failures {
                        last_ms: f.last_ms.min(now_ms),
                        ..f
                    };
                    open_at(f, allowance).saturating_sub(now_ms)
                })
            })
            .max()
            .unwrap_or_default();
        if wait_ms > 0 {
            verdict = Err(Duration::from_millis(wait_ms));
            return;
        }
        added = failures.iter().any(Option::is_none);
        for slot in failures.iter_mut() {
            let f = slot.get_or_insert(Failures {
                count: 0,
                last_ms: now_ms,
            });
            f.count = f.count.saturating_add(1);
            f.last_ms = f.last_ms.max(now_ms);
        }
    })?;
    if added {
        make_room(store, now_ms)?;
    }
    Ok(verdict)
}

/// The password was wrong. The attempt already counts; the wait starts now, when the answer is
/// given, not when the check began.
pub fn failed(store: &dyn Store, username: &str, address: IpAddr, now_ms: u64) -> Result<()> {
    failed_for(store, account_key(username), address, now_ms)
}

/// The code was wrong, used or out of date.
pub fn failed_code(store: &dyn Store, kind: CodeKind, address: IpAddr, now_ms: u64) -> Result<()> {
    failed_for(store, code_key(kind, address), address, now_ms)
}

fn failed_for(store: &dyn Store, subject: String, address: IpAddr, now_ms: u64) -> Result<()> {
    store.update_failures(&[subject, address_key(address)], &mut |failures| {
        for f in failures.iter_mut().flatten() {
            f.last_ms = f.last_ms.max(now_ms);
        }
    })
}

/// The password was right: the account's failures are forgotten, and the address gets its
/// reserved attempt back, so an office's many good sign-ins never count against it.
pub fn succeeded(store: &dyn Store, username: &str, address: IpAddr) -> Result<()> {
    succeeded_for(store, account_key(username), address)
}

/// The code was right: as for a right password.
pub fn succeeded_code(store: &dyn Store, kind: CodeKind, address: IpAddr) -> Result<()> {
    succeeded_for(store, code_key(kind, address), address)
}

fn succeeded_for(store: &dyn Store, subject: String, address: IpAddr) -> Result<()> {
    store.update_failures(&[subject, address_key(address)], &mut |failures| {
        failures[0] = None;
        give_back(&mut failures[1]);
    })
}

/// The password could not be checked (the server was busy): the attempt does not count.
pub fn not_checked(store: &dyn Store, username: &str, address: IpAddr) -> Result<()> {
    let keys = [account_key(username), address_key(address)];
    store.update_failures(&keys, &mut |failures| {
        failures.iter_mut().for_each(give_back)
    })
}

fn give_back(slot: &mut Option<Failures>) {
    if let Some(f) = slot {
        f.count = f.count.saturating_sub(1);
        if f.count == 0 {
            *slot = None;
        }
    }
}

/// Forget the keys with no failure for [`FORGET_AFTER_MS`] or more at `now_ms`, which reserving
/// would treat as new anyway; how many went. The server does it daily, so that the table holds
/// only a day's failures while there is no flood.
pub fn forget_old(store: &dyn Store, now_ms: u64) -> Result<usize> {
    store.forget_failures((now_ms + 1).saturating_sub(FORGET_AFTER_MS))
}

/// Keep the table under [`MAX_KEYS`] after a reserve adds a key: forgotten keys go first, then
/// those with no failure in the last 12 hours, 6, 3, … until there is room. Each halving leaves
/// room for many new keys, so a flood pays for a count per new key (cheap: SQLite counts rows
/// from its index) and a trim now and then; and the keys pushed out are the quietest. The daily
/// purge forgets old keys the rest of the time; a cap alone would keep a day's keys forever.
fn make_room(store: &dyn Store, now_ms: u64) -> Result<()> {
    let mut quiet_ms = FORGET_AFTER_MS;
    while quiet_ms > 0 && store.failure_keys()? > MAX_KEYS {
        store.forget_failures(now_ms.saturating_sub(quiet_ms))?;
        quiet_ms /= 2;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    const FIRST_DELAY: Duration = Duration::from_millis(FIRST_DELAY_MS);
    /// Some time in 2026, so that a day before it is still after the epoch.
    const START_MS: u64 = 1_780_000_000_000;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    fn store() -> (SqliteStore, tempfile::TempDir) {
        let folder = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&folder.path().join("db.sqlite")).unwrap();
        (store, folder)
    }

    #[test]
    fn after_the_free_attempts_each_failure_doubles_the_wait_up_to_the_cap() {
        let (store, _folder) = store();
        let mut now = START_MS;
        for n in 0..PER_ACCOUNT.free {
            assert_eq!(reserve(&store, "sam", ip(1), now).unwrap(), Ok(()), "{n}");
        }
        let mut waits = Vec::new();
        for _ in 0..15 {
            let wait = reserve(&store, "sam", ip(2), now).unwrap().unwrap_err();
            waits.push(wait.as_secs());
            now += wait.as_millis() as u64;
            assert_eq!(reserve(&store, "sam", ip(2), now).unwrap(), Ok(()));
        }
        assert_eq!(&waits[..5], &[1, 2, 4, 8, 16]);
        assert_eq!(*waits.last().unwrap(), LONGEST_DELAY_MS / 1000);
        assert_eq!(
            reserve(&store, "alex", ip(3), now).unwrap(),
            Ok(()),
            "others go on"
        );
    }

    #[test]
    fn the_wait_starts_when_the_wrong_answer_is_given() {
        let (store, _folder) = store();
        for _ in 0..PER_ACCOUNT.free {
            reserve(&store, "sam", ip(1), START_MS).unwrap().unwrap();
        }
        // Checking took ten seconds; the next guess still waits a full second after that.
        let answered = START_MS + 10_000;
        failed(&store, "sam", ip(1), answered).unwrap();
        assert_eq!(
            reserve(&store, "sam", ip(1), answered).unwrap(),
            Err(FIRST_DELAY)
        );
    }

    #[test]
    fn a_failure_stamped_ahead_of_this_clock_waits_no_longer_than_the_cap() {
        let (store, _folder) = store();
        let ahead = START_MS + 60 * 60 * 1000;
        for _ in 0..(PER_ACCOUNT.free + 20) {
            let _ = reserve(&store, "sam", ip(1), ahead).unwrap();
            failed(&store, "sam", ip(1), ahead).unwrap();
        }
        let wait = reserve(&store, "sam", ip(1), START_MS)
            .unwrap()
            .unwrap_err();
        assert!(wait <= Duration::from_millis(LONGEST_DELAY_MS), "{wait:?}");
    }

    #[test]
    fn a_day_without_failures_forgets_them() {
        let (store, _folder) = store();
        for _ in 0..(PER_ACCOUNT.free + 5) {
            let _ = reserve(&store, "sam", ip(1), START_MS).unwrap();
            failed(&store, "sam", ip(1), START_MS).unwrap();
        }
        let next_day = START_MS + FORGET_AFTER_MS;
        for n in 0..PER_ACCOUNT.free {
            assert_eq!(
                reserve(&store, "sam", ip(1), next_day).unwrap(),
                Ok(()),
                "{n}"
            );
        }
    }

    #[test]
    fn an_attempt_the_server_was_too_busy_to_check_does_not_count() {
        let (store, _folder) = store();
        for _ in 0..PER_ACCOUNT.free {
            reserve(&store, "sam", ip(1), START_MS).unwrap().unwrap();
        }
        not_checked(&store, "sam", ip(1)).unwrap();
        assert_eq!(reserve(&store, "sam", ip(1), START_MS).unwrap(), Ok(()));
        assert!(reserve(&store, "sam", ip(1), START_MS).unwrap().is_err());
    }

    #[test]
    fn a_success_forgets_the_account_and_refunds_the_address() {
        let (store, _folder) = store();
        let now = START_MS;
        for _ in 0..PER_ACCOUNT.free {
            reserve(&store, "sam", ip(1), now).unwrap().unwrap();
        }
        succeeded(&store, "sam", ip(1)).unwrap();
        assert_eq!(reserve(&store, "sam", ip(1), now).unwrap(), Ok(()));
        // Many people signing in from one office never slow each other down.
        for n in 0..(PER_ADDRESS.free * 3) {
            let name = format!("user{n}");
            reserve(&store, &name, ip(9), now).unwrap().unwrap();
            succeeded(&store, &name, ip(9)).unwrap();
        }
        assert_eq!(reserve(&store, "late", ip(9), now).unwrap(), Ok(()));
    }

    #[test]
    fn an_address_trying_many_accounts_must_wait() {
        let (store, _folder) = store();
        for n in 0..PER_ADDRESS.free {
            let name = format!("user{n}");
            reserve(&store, &name, ip(2), START_MS).unwrap().unwrap();
        }
        assert!(reserve(&store, "someone-new", ip(2), START_MS)
            .unwrap()
            .is_err());
        let elsewhere = reserve(&store, "someone-new", ip(3), START_MS).unwrap();
        assert_eq!(elsewhere, Ok(()));
    }

    #[test]
    fn guesses_at_the_set_up_code_wait_like_guesses_at_one_password() {
        let (store, _folder) = store();
        let now = START_MS;
        for n in 0..PER_ACCOUNT.free {
            let address = ip(n as u8);
            reserve_code(&store, CodeKind::SetUp, address, now)
                .unwrap()
                .unwrap();
            failed_code(&store, CodeKind::SetUp, address, now).unwrap();
        }
        // From any address: the code is one secret, so spreading guesses out does not help.
        assert_eq!(
            reserve_code(&store, CodeKind::SetUp, ip(99), now).unwrap(),
            Err(FIRST_DELAY)
        );
        let sign_in = reserve(&store, "sam", ip(99), now).unwrap();
        assert_eq!(sign_in, Ok(()), "sign-ins go on");
        let later = now + FIRST_DELAY_MS;
        reserve_code(&store, CodeKind::SetUp, ip(99), later)
            .unwrap()
            .unwrap();
        succeeded_code(&store, CodeKind::SetUp, ip(99)).unwrap();
        let again = reserve_code(&store, CodeKind::SetUp, ip(99), later).unwrap();
        assert_eq!(again, Ok(()));
    }

    #[test]
    fn guesses_at_password_links_wait_per_client() {
        let (store, _folder) = store();
        let kind = CodeKind::PasswordLink;
        for _ in 0..PER_ACCOUNT.free {
            reserve_code(&store, kind, ip(1), START_MS)
                .unwrap()
                .unwrap();
            failed_code(&store, kind, ip(1), START_MS).unwrap();
        }
        let guessing = reserve_code(&store, kind, ip(1), START_MS).unwrap();
        assert_eq!(guessing, Err(FIRST_DELAY));
        let other = reserve_code(&store, kind, ip(2), START_MS).unwrap();
        assert_eq!(other, Ok(()), "another client's link still works");
    }

    #[test]
    fn a_daily_forgetting_takes_only_keys_quiet_for_a_day() {
        let (store, _folder) = store();
        reserve(&store, "yesterday", ip(1), START_MS)
            .unwrap()
            .unwrap();
        let next_day = START_MS + FORGET_AFTER_MS;
        reserve(&store, "today", ip(2), next_day - 1)
            .unwrap()
            .unwrap();
        assert_eq!(store.failure_keys().unwrap(), 4);
        assert_eq!(forget_old(&store, next_day).unwrap(), 2);
        assert_eq!(store.failure_keys().unwrap(), 2);
        // What is left is today's, as it was.
        store
            .update_failures(&[account_key("today")], &mut |failures| {
                assert_eq!(failures[0].map(|f| f.count), Some(1));
            })
            .unwrap();
    }

    #[test]
    fn a_flood_of_names_from_many_addresses_keeps_the_table_bounded() {
        let (store, _folder) = store();
        // A day's flood has filled the table, its keys spread over the day up to now.
        let now = START_MS;
        let keys: Vec<String> = (0..MAX_KEYS as u64)
            .map(|n| format!("account:flood{n}"))
            .collect();
        store
            .update_failures(&keys, &mut |failures| {
                for (n, slot) in (0u64..).zip(failures.iter_mut()) {
                    *slot = Some(Failures {
                        count: 1,
                        last_ms: now - (n % 86_400) * 1000,
                    });
                }
            })
            .unwrap();
        // The account being guessed at now keeps its failures through the trim, which takes
        // the quieter half of the flood, not all of it.
        for _ in 0..PER_ACCOUNT.free {
            reserve(&store, "sam", ip(1), now).unwrap().unwrap();
        }
        let kept = store.failure_keys().unwrap();
        assert!((MAX_KEYS / 3..=MAX_KEYS).contains(&kept), "{kept}");
        for n in 0..100u32 {
            let address = IpAddr::from((n + 1000).to_be_bytes());
            reserve(&store, &format!("nobody{n}"), address, now)
                .unwrap()
                .unwrap();
            assert!(store.failure_keys().unwrap() <= MAX_KEYS);
        }
        assert!(reserve(&store, "sam", ip(2), now).unwrap().is_err());
    }
}
