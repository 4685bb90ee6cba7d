//! A remembered venue, so the next record at the same hall is one tap away.

use serde::{Deserialize, Serialize};

use crate::document::{Context, Document};
use crate::id::Id;
use crate::validate::{Issue, Issues, MAX_SHORT_TEXT};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub id: Id,
    #[serde(rename = "nm", default)]
    pub name: String,
    #[serde(rename = "ar", default)]
    pub area: String,
}

impl Document for Venue {
    const KIND: &'static str = "venue";
    const VERSION: u32 = 1;

    fn id(&self) -> Id {
        self.id
    }

    fn validate(&self, _context: &Context) -> Result<(), Vec<Issue>> {
        let mut issues = Issues::new();
        issues.text("name", "The venue's name", &self.name, MAX_SHORT_TEXT);
        issues.optional_text("area", "The area", &self.area, MAX_SHORT_TEXT);
        issues.into_result()
    }
}
