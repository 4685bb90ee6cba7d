//! Session tokens: `<id>.<secret>`, both random. The server keeps the id and a SHA-256 of the
//! secret, so a copy of the database signs nobody in, and compares hashes in constant time.

use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::store::TokenRecord;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// A session unused for this long ends: long enough for a fortnight without signal, with a
/// week to spare, while a lost phone's session does not last for months.
pub const IDLE_LIFETIME_MS: u64 = 21 * DAY_MS;
/// No session lasts longer than this, however often it is used.
pub const MAX_LIFETIME_MS: u64 = 90 * DAY_MS;
/// Use is written down at most this often, so that most requests only read.
pub const USE_NOTED_EVERY_MS: u64 = 60 * 1000;

/// When a stored session ends if it is not used again.
pub fn ends_at(token: &TokenRecord) -> u64 {
    token
        .expires_ms
        .min(token.last_used_ms.saturating_add(IDLE_LIFETIME_MS))
}

/// A token as presented by a client.
pub struct Token {
    pub id: String,
    secret: String,
}

/// A new token: what to give the client, its id, and the hash to store.
pub fn new_token() -> (String, String, Vec<u8>) {
    let random = |length: usize| {
        let mut bytes = vec![0u8; length];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    };
    let (id, secret) = (random(12), random(32));
    let hash = hash(&secret);
    (format!("{id}.{secret}"), id, hash)
}

fn hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

impl Token {
    pub fn matches(&self, stored_hash: &[u8]) -> bool {
        hash(&self.secret).ct_eq(stored_hash).into()
    }
}

impl FromStr for Token {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let (id, secret) = text.split_once('.').ok_or(())?;
        if id.is_empty() || secret.is_empty() {
            return Err(());
        }
        Ok(Token {
            id: id.to_owned(),
            secret: secret.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_when_unused_for_a_while_or_at_its_cap() {
        let token = |last_used_ms| TokenRecord {
            username: "sam".into(),
            secret_hash: Vec::new(),
            expires_ms: MAX_LIFETIME_MS,
            revoked: false,
            created_ms: 0,
            last_used_ms,
            label: String::new(),
        };
        assert_eq!(ends_at(&token(0)), IDLE_LIFETIME_MS);
        assert_eq!(ends_at(&token(10 * DAY_MS)), 31 * DAY_MS);
        assert_eq!(ends_at(&token(80 * DAY_MS)), MAX_LIFETIME_MS);
    }

    #[test]
    fn a_token_matches_its_own_hash_only() {
        let (token, id, stored) = new_token();
        let presented: Token = token.parse().unwrap();
        assert_eq!(presented.id, id);
        assert!(presented.matches(&stored));
        let (other, _, _) = new_token();
        assert!(!other.parse::<Token>().unwrap().matches(&stored));
        assert!("no-dot".parse::<Token>().is_err());
        assert!(".x".parse::<Token>().is_err());
    }
}
