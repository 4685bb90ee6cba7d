//! Vocabularies as data: the codes records store, and the labels people read.
//!
//! The lists ship as JSON files inside the crate. Records keep stable codes; a code this
//! version does not know (from a newer vocabulary, or an organisation's own) is kept and
//! shown as the code itself, never rejected or dropped.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Term {
    pub code: String,
    pub label: String,
}

/// One controlled list, in its display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    pub name: &'static str,
    pub terms: Vec<Term>,
}

impl Vocabulary {
    fn load(name: &'static str, json: &str) -> Self {
        let terms: Vec<Term> = serde_json::from_str(json)
            .unwrap_or_else(|error| panic!("the built-in {name} vocabulary is malformed: {error}"));
        Self { name, terms }
    }

    pub fn contains(&self, code: &str) -> bool {
        self.terms.iter().any(|term| term.code == code)
    }

    /// The label for `code`, or the code itself when this version does not know it.
    pub fn label<'a>(&'a self, code: &'a str) -> Cow<'a, str> {
        self.terms
            .iter()
            .find(|term| term.code == code)
            .map_or(Cow::Borrowed(code), |term| {
                Cow::Borrowed(term.label.as_str())
            })
    }

    /// The position of `code` in the list, for ordered vocabularies such as levels.
    pub fn rank(&self, code: &str) -> Option<usize> {
        self.terms.iter().position(|term| term.code == code)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|term| term.code.as_str())
    }
}

macro_rules! vocabularies {
    ($($(#[$doc:meta])* $fn:ident => $file:literal,)*) => {
        $(
            $(#[$doc])*
            pub fn $fn() -> &'static Vocabulary {
                static LIST: LazyLock<Vocabulary> = LazyLock::new(|| {
                    Vocabulary::load(stringify!($fn), include_str!(concat!("data/", $file)))
                });
                &LIST
            }
        )*

        /// Every built-in vocabulary.
        pub fn all() -> Vec<&'static Vocabulary> {
            vec![$($fn()),*]
        }
    };
}

vocabularies! {
    /// How people were heard (Salford's Community Action Plans list the methods).
    methods => "methods.json",
    /// Stockport's three strands of community development.
    strands => "strands.json",
    /// The IAP2 spectrum of participation, from low to high.
    levels => "levels.json",
    /// Northumberland's Stronger Communities building blocks.
    themes => "themes.json",
    age_bands => "age_bands.json",
    seldom_heard => "seldom_heard.json",
    action_statuses => "action_statuses.json",
    feedback_channels => "feedback_channels.json",
    /// Community Development Exchange's five dimensions of an empowered community.
    empowerment_dimensions => "empowerment_dimensions.json",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_loads_with_unique_codes() {
        for vocabulary in all() {
            assert!(!vocabulary.terms.is_empty(), "{}", vocabulary.name);
            let mut codes: Vec<_> = vocabulary.codes().collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), vocabulary.terms.len(), "{}", vocabulary.name);
        }
    }

    #[test]
    fn unknown_codes_are_shown_as_themselves() {
        assert_eq!(methods().label("walkabout"), "Estate walkabout");
        assert_eq!(methods().label("hackathon"), "hackathon");
        assert!(!methods().contains("hackathon"));
    }

    #[test]
    fn levels_are_ordered_low_to_high() {
        assert_eq!(levels().rank("inform"), Some(0));
        assert_eq!(levels().rank("empower"), Some(4));
    }
}
