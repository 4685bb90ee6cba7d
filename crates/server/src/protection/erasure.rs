//! Erasure: an erased user's name is replaced by a pseudonym wherever a record names them, and
//! the contact details they recorded are cleared.

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::{Document, Replica};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{edit, ServerClock};

/// Makes erased users' pseudonyms with this server's secret key. One name always gives the same
/// pseudonym here, so an erased person's records still group together in reports; without the
/// key, nobody can find whose it was by hashing likely usernames.
pub struct Pseudonyms {
    key: Vec<u8>,
}

impl Pseudonyms {
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    /// The name that replaces `username`: 64 bits of a keyed hash, too many to collide among
    /// the people one server holds.
    pub fn of(&self, username: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(username.as_bytes());
        let digest = mac.finalize().into_bytes();
        format!("erased-{}", crate::hex(&digest[..8]))
    }
}

/// Replace `username` with `pseudonym` wherever the document names them: as its author or
/// learner, as a reviewer, as an action's lead or in a venue's name; and clear the contact
/// details they recorded. True if anything changed.
pub fn erase(
    replica: &mut Replica,
    username: &str,
    pseudonym: &str,
    clock: &mut ServerClock,
    now_ms: u64,
) -> bool {
    let rename = |text: &mut String| match names(text, username, pseudonym) {
        Some(renamed) => {
            *text = renamed;
            true
        }
        None => false,
    };
    match replica.kind() {
        Engagement::KIND => edit(replica, clock, now_ms, |record: &mut Engagement| {
            let mut changed = false;
            if record.author == username {
                record.author = pseudonym.to_owned();
                record.contact = None;
                changed = true;
            }
            if let Some(review) = record.review.as_mut() {
                changed |= rename(&mut review.by);
            }
            for action in &mut record.actions {
                changed |= rename(&mut action.lead);
            }
            changed | rename(&mut record.venue)
        }),
        Progress::KIND => edit(replica, clock, now_ms, |progress: &mut Progress| {
            let mut changed = false;
            if progress.learner == username {
                progress.learner = pseudonym.to_owned();
                changed = true;
            }
            if let Some(review) = progress.review.as_mut() {
                changed |= rename(&mut review.by);
            }
            changed
        }),
        Venue::KIND => edit(replica, clock, now_ms, |venue: &mut Venue| {
            rename(&mut venue.name) | rename(&mut venue.area)
        }),
        _ => false,
    }
}

/// `text` with every mention of `username` as a word of its own (any case, so "Sam's flat"
/// names sam but "Samira" does not) replaced by `pseudonym`; None if it has none.
pub fn names(text: &str, username: &str, pseudonym: &str) -> Option<String> {
    if username.is_empty() {
        return None;
    }
    let starts_word = |at: usize| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let ends_word = |at: usize| !text[at..].chars().next().is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = false;
    let mut at = 0;
    while at < text.len() {
        let end = at + username.len();
        let here = text
            .get(at..end)
            .is_some_and(|word| word.eq_ignore_ascii_case(username));
        if here && starts_word(at) && ends_word(end) {
            out.push_str(&text[copied..at]);
            out.push_str(pseudonym);
            copied = end;
            at = end;
            found = true;
        } else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found.then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use fieldbook_core::model::{Action, Contact, RecordReview, ReviewState};
    use fieldbook_core::{sample, Id, Stamp};

    use super::*;

    fn clock() -> ServerClock {
        ServerClock::new(Id::from_random([5; 16]))
    }

    fn stamp(wall_ms: u64) -> Stamp {
        Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([1; 16]),
        }
    }

    #[test]
    fn erasure_renames_author_reviewer_lead_and_venue_and_clears_contact_details() {
        let mut record = sample::engagement(1);
        record.author = "sam".into();
        record.venue = "Sam's flat".into();
        record.contact = Some(Contact {
            details: "07700 900123".into(),
            consent_on: record.date,
            retain_until: record.date + chrono::Days::new(30),
        });
        record.actions.push(Action {
            lead: "SAM".into(),
            ..record.actions[0].clone()
        });
        record.actions.last_mut().unwrap().id = fieldbook_core::ElementId::new(1, [7; 4]);
        record.review = Some(RecordReview {
            state: ReviewState::LooksRight,
            comment: String::new(),
            by: "sam".into(),
            on: record.date,
        });
        let mut replica = Replica::create(&record, stamp(5_000));
        assert!(erase(&mut replica, "sam", "erased-1", &mut clock(), 1_000));
        let erased: Engagement = replica.to_doc().unwrap();
        assert_eq!(erased.author, "erased-1");
        assert_eq!(erased.contact, None);
        assert_eq!(erased.review.unwrap().by, "erased-1");
        assert_eq!(erased.venue, "erased-1's flat");
        assert!(erased
            .actions
            .iter()
            .any(|action| action.lead == "erased-1"));
        assert!(replica.updated() > stamp(5_000), "the erasure wins");
        assert!(!replica.encode().to_lowercase().contains("sam"));
        assert!(
            !erase(&mut replica, "sam", "erased-1", &mut clock(), 2_000),
            "only once"
        );
    }

    #[test]
    fn erasing_a_deleted_record_leaves_it_deleted() {
        let mut record = sample::engagement(2);
        record.author = "sam".into();
        let mut replica = Replica::create(&record, stamp(1_000));
        replica.delete(stamp(2_000));
        assert!(erase(&mut replica, "sam", "erased-1", &mut clock(), 3_000));
        assert!(replica.is_deleted());
    }

    #[test]
    fn a_name_is_matched_as_a_word_in_any_case() {
        assert_eq!(
            names("Sam and sam.", "sam", "x").as_deref(),
            Some("x and x.")
        );
        assert_eq!(names("Samira, Bassam", "sam", "x"), None);
        assert_eq!(names("Café sam", "sam", "x").as_deref(), Some("Café x"));
        assert_eq!(names("anything", "", "x"), None);
    }

    #[test]
    fn pseudonyms_depend_on_the_servers_key() {
        let here = Pseudonyms::new(b"one server's key");
        let there = Pseudonyms::new(b"another key");
        assert_eq!(here.of("sam"), here.of("sam"));
        assert_ne!(here.of("sam"), here.of("sal"));
        assert_ne!(here.of("sam"), there.of("sam"));
        assert!(here.of("sam").starts_with("erased-"));
    }
}
