//! The schema's history. Append new migrations; never edit one that has shipped.

use rusqlite_migration::{Migrations, M};

const STEPS: &[M<'static>] = &[
    // 1: a key-value table for facts about this server, such as its sync epoch.
    M::up("CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"),
];

/// The schema version a freshly migrated database reports.
#[cfg(test)]
pub const LATEST: u32 = STEPS.len() as u32;

pub fn all() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::all().validate().unwrap();
    }
}
