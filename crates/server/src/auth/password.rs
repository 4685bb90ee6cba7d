//! Passwords, hashed with argon2id and a random salt; only the hash is stored. Each check costs
//! about 19 MiB and a core's worth of time, so only a few run at once, server-wide.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// How many passwords are checked at once: enough to keep two cores busy, and a memory peak of
/// a few argon2 blocks however many sign-ins arrive together.
const AT_ONCE: usize = 2;
/// How long a sign-in waits for its turn before it is told the server is busy.
const WAIT_FOR_TURN: Duration = Duration::from_secs(10);

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password with a fresh salt")
        .to_string()
}

/// False for a wrong password and for a hash this server cannot read alike.
fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Checks passwords a few at a time, and counts how many it has checked.
pub struct PasswordChecks {
    turns: Arc<Semaphore>,
    checked: AtomicU64,
}

impl Default for PasswordChecks {
    fn default() -> Self {
        Self {
            turns: Arc::new(Semaphore::new(AT_ONCE)),
            checked: AtomicU64::new(0),
        }
    }
}

impl PasswordChecks {
    /// Whether `password` matches `hash`, once a turn is free; [`AppError::Busy`] if none comes.
    pub(crate) async fn verify(&self, password: String, hash: String) -> Result<bool, AppError> {
        let turn = tokio::time::timeout(WAIT_FOR_TURN, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Busy)?;
        self.checked.fetch_add(1, Ordering::Relaxed);
        // The turn goes with the check: if the client hangs up, the hash still runs to its end,
        // and still holds its turn until then.
        tokio::task::spawn_blocking(move || {
            let matches = verify_password(&password, &hash);
            drop(turn);
            matches
        })
        .await
        .map_err(|error| AppError::Internal(error.to_string()))
    }

    /// How many passwords have been checked since the server started.
    pub fn checked(&self) -> u64 {
        self.checked.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_check_that_waits_too_long_for_its_turn_is_told_the_server_is_busy() {
        let checks = PasswordChecks::default();
        let _taken = checks
            .turns
            .clone()
            .acquire_many_owned(AT_ONCE as u32)
            .await;
        let hash = hash_password("correct horse");
        let answer = checks.verify("correct horse".into(), hash).await;
        assert!(matches!(answer, Err(AppError::Busy)), "{answer:?}");
        assert_eq!(checks.checked(), 0);
    }

    #[test]
    fn the_hash_checks_the_password_and_nothing_else() {
        let hash = hash_password("correct horse");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("Correct horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
        assert_ne!(
            hash,
            hash_password("correct horse"),
            "each hash has its own salt"
        );
    }
}
