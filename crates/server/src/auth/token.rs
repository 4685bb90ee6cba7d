//! Session tokens: `<id>.<secret>`, both random. The server keeps the id and a SHA-256 of the
//! secret, so a copy of the database signs nobody in, and compares hashes in constant time.

use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How long a session lasts: long enough for a fortnight without signal.
pub const TOKEN_LIFETIME_MS: u64 = 30 * 24 * 60 * 60 * 1000;

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
