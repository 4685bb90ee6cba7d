//! One-time codes, for set-up and password links: 140 random bits from the operating system, as
//! the session tokens' are, written in Crockford's 32-letter alphabet (no letters easily mistaken
//! for others) in groups of four, so that a person can copy one from a terminal to a phone by
//! hand if they must. The database keeps only a SHA-256 of each.

use rand::RngCore;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// 28 letters of 5 bits each.
const LETTERS: usize = 28;

pub fn new_code() -> String {
    let mut bytes = [0u8; LETTERS];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    // 256 is a multiple of 32, so each letter is equally likely.
    let letters: Vec<char> = bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(byte % 32)]))
        .collect();
    letters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The hash a code is kept and found by. Case, spaces and dashes do not matter, and the letters
/// the alphabet leaves out read as the digits they look like, so a code copied by hand still
/// works.
pub fn hash(typed: &str) -> Vec<u8> {
    let canonical: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|letter| match letter.to_ascii_lowercase() {
            'i' | 'l' => '1',
            'o' => '0',
            letter => letter,
        })
        .collect();
    Sha256::digest(canonical.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_seven_groups_of_four_from_the_alphabet() {
        let code = new_code();
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 7, "{code}");
        assert!(groups
            .iter()
            .all(|group| group.len() == 4 && group.bytes().all(|b| ALPHABET.contains(&b))));
        assert_ne!(new_code(), code);
    }

    #[test]
    fn a_code_copied_by_hand_has_the_same_hash() {
        let code = "0a1b-c2d3-e4f5-g6h7-j8k9-m0n1-p2q3";
        assert_eq!(hash(code), hash("OA1B C2D3 E4F5 G6H7 J8K9 M0N1 P2Q3"));
        assert_eq!(hash(code), hash("0aib-c2d3-e4f5-g6h7-j8k9-m0nl-p2q3"));
        assert_ne!(hash(code), hash("0a1b-c2d3-e4f5-g6h7-j8k9-m0n1-p2q4"));
    }
}
