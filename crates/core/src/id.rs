//! Identifiers: document ids are random UUIDs, written as 22 characters of base64url to keep
//! stored records small; element ids (a priority within one engagement) are 64 bits: the second
//! it was made and 32 random bits.
//!
//! Core never draws randomness itself: callers pass the bytes in, so it runs anywhere and tests
//! are repeatable.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A document id: a version 4 UUID.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(uuid::Uuid);

/// An element id, unique within its list in one document.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementId(u64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a valid id")]
pub struct BadId(pub String);

impl Id {
    /// A UUID v4 from 16 random bytes supplied by the caller.
    pub fn from_random(bytes: [u8; 16]) -> Self {
        Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }

    pub fn as_uuid(&self) -> uuid::Uuid {
        self.0
    }
}

impl ElementId {
    /// An element id for something created at `now_ms`, with 32 random bits from the caller.
    /// Seconds lead, so a list sorted by id is in the order its elements were made.
    pub fn new(now_ms: u64, random: [u8; 4]) -> Self {
        let seconds = (now_ms / 1000).min(u64::from(u32::MAX));
        Self((seconds << 32) | u64::from(u32::from_be_bytes(random)))
    }
}

fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode<const N: usize>(text: &str) -> Option<[u8; N]> {
    // Decoding into a stack buffer: ids are read by the thousand when records load.
    let mut buffer = [0u8; 24];
    let length = URL_SAFE_NO_PAD.decode_slice(text, &mut buffer).ok()?;
    buffer.get(..length)?.try_into().ok()
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(self.0.as_bytes()))
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

impl FromStr for Id {
    type Err = BadId;

    /// Accepts the compact form, and the hyphenated form other systems are likelier to send.
    fn from_str(text: &str) -> Result<Self, BadId> {
        if text.len() == 22 {
            if let Some(bytes) = decode::<16>(text) {
                return Ok(Self(uuid::Uuid::from_bytes(bytes)));
            }
        }
        uuid::Uuid::try_parse(text)
            .map(Self)
            .map_err(|_| BadId(text.to_owned()))
    }
}

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(&self.0.to_be_bytes()))
    }
}

impl fmt::Debug for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ElementId({self})")
    }
}

impl FromStr for ElementId {
    type Err = BadId;

    fn from_str(text: &str) -> Result<Self, BadId> {
        decode::<8>(text)
            .map(|bytes| Self(u64::from_be_bytes(bytes)))
            .ok_or_else(|| BadId(text.to_owned()))
    }
}

macro_rules! string_serde {
    ($type:ty) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

string_serde!(Id);
string_serde!(ElementId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_a_v4_uuid_in_22_characters() {
        let id = Id::from_random([0xab; 16]);
        assert_eq!(id.as_uuid().get_version_num(), 4);
        let text = id.to_string();
        assert_eq!(text.len(), 22);
        assert_eq!(text.parse::<Id>().unwrap(), id);
        assert_eq!(id.as_uuid().to_string().parse::<Id>().unwrap(), id);
    }

    #[test]
    fn element_id_round_trips() {
        for (ms, random) in [
            (0, [0u8; 4]),
            (u64::MAX, [255; 4]),
            (1_700_000_000_000, [1, 2, 3, 4]),
        ] {
            let id = ElementId::new(ms, random);
            assert_eq!(id.to_string().len(), 11);
            assert_eq!(id.to_string().parse::<ElementId>().unwrap(), id);
        }
    }

    #[test]
    fn element_ids_sort_by_creation_time() {
        let earlier = ElementId::new(1_700_000_000_000, [255; 4]);
        let later = ElementId::new(1_700_000_001_000, [0; 4]);
        assert!(earlier < later);
    }

    #[test]
    fn rejects_bad_ids() {
        for text in [
            "",
            "short",
            "!!!!!!!!!!!!!!!!!!!!!!",
            "AAAAAAAAAAAAAAAAAAAAA/",
        ] {
            assert!(text.parse::<Id>().is_err(), "{text}");
        }
        assert!(
            "AAAAAAAAAAB".parse::<ElementId>().is_err(),
            "stray low bits"
        );
    }
}
