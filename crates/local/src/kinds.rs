//! The document types the store keeps, each in its own collection.

use std::collections::BTreeMap;

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::replica::Stored;
use fieldbook_core::{Document, Id, Stamp};

use crate::per_doc::PerDoc;

/// Documents of one type, by id, as last read from or written to storage.
pub type Collection<D> = BTreeMap<Id, Stored<D>>;

/// Every collection the store holds.
#[derive(Default)]
pub struct Collections {
    pub engagements: Collection<Engagement>,
    pub venues: Collection<Venue>,
    pub progress: Collection<Progress>,
}

/// A document type the store knows, and where its collection is.
pub trait Kind: Document {
    fn collection(collections: &Collections) -> &Collection<Self>;
    fn collection_mut(collections: &mut Collections) -> &mut Collection<Self>;
}

macro_rules! kind {
    ($type:ty, $field:ident) => {
        impl Kind for $type {
            fn collection(collections: &Collections) -> &Collection<Self> {
                &collections.$field
            }
            fn collection_mut(collections: &mut Collections) -> &mut Collection<Self> {
                &mut collections.$field
            }
        }
    };
}

kind!(Engagement, engagements);
kind!(Venue, venues);
kind!(Progress, progress);

impl Collections {
    /// Read one stored entry into its collection. `Ok(false)` means the kind is not one this
    /// version knows (a newer app wrote it).
    pub fn load(
        &mut self,
        kind: &str,
        json: &str,
    ) -> Result<bool, fieldbook_core::replica::DecodeError> {
        fn insert<D: Kind>(
            collections: &mut Collections,
            json: &str,
        ) -> Result<bool, fieldbook_core::replica::DecodeError> {
            let stored = fieldbook_core::Replica::decode_doc::<D>(json)?;
            D::collection_mut(collections).insert(stored.doc.id(), stored);
            Ok(true)
        }
        match kind {
            Engagement::KIND => insert::<Engagement>(self, json),
            Venue::KIND => insert::<Venue>(self, json),
            Progress::KIND => insert::<Progress>(self, json),
            _ => Ok(false),
        }
    }

    /// Whether `kind` is one this version reads.
    pub fn knows(&self, kind: &str) -> bool {
        [Engagement::KIND, Venue::KIND, Progress::KIND].contains(&kind)
    }

    /// Forget one document, for when another tab removed its entry.
    pub fn forget(&mut self, kind: &str, id: Id) {
        match kind {
            Engagement::KIND => drop(self.engagements.remove(&id)),
            Venue::KIND => drop(self.venues.remove(&id)),
            Progress::KIND => drop(self.progress.remove(&id)),
            _ => {}
        }
    }

    /// When one document last changed, if it is stored.
    pub fn stamp(&self, kind: &str, id: Id) -> Option<fieldbook_core::Stamp> {
        match kind {
            Engagement::KIND => self.engagements.get(&id).map(|stored| stored.updated),
            Venue::KIND => self.venues.get(&id).map(|stored| stored.updated),
            Progress::KIND => self.progress.get(&id).map(|stored| stored.updated),
            _ => None,
        }
    }

    /// Every document's key and when it last changed, for working out what is unsynced.
    pub fn stamps(&self) -> impl Iterator<Item = (&'static str, Id, fieldbook_core::Stamp)> + '_ {
        fn of<D: Kind>(
            collection: &Collection<D>,
        ) -> impl Iterator<Item = (&'static str, Id, fieldbook_core::Stamp)> + '_ {
            collection
                .iter()
                .map(|(id, stored)| (D::KIND, *id, stored.updated))
        }
        of(&self.engagements)
            .chain(of(&self.venues))
            .chain(of(&self.progress))
    }

    /// Every document's key and when it last changed, beside its value in `per_doc` if it has
    /// one. Each kind's documents are walked along with its values, both in id order: a step
    /// per document rather than a lookup, for the counts of unsynced documents that are redrawn
    /// at every save.
    pub fn stamps_with<'a, T>(
        &'a self,
        per_doc: &'a PerDoc<T>,
    ) -> impl Iterator<Item = (&'static str, Id, Stamp, Option<&'a T>)> + 'a {
        fn of<'a, D: Kind, T>(
            collection: &'a Collection<D>,
            per_doc: &'a PerDoc<T>,
        ) -> impl Iterator<Item = (&'static str, Id, Stamp, Option<&'a T>)> + 'a {
            let mut values = per_doc.of_kind(D::KIND).peekable();
            collection.iter().map(move |(id, stored)| {
                while values.next_if(|(other, _)| other < id).is_some() {}
                let value = values.next_if(|(other, _)| other == id).map(|(_, v)| v);
                (D::KIND, *id, stored.updated, value)
            })
        }
        of(&self.engagements, per_doc)
            .chain(of(&self.venues, per_doc))
            .chain(of(&self.progress, per_doc))
    }
}

#[cfg(test)]
mod tests {
    use fieldbook_core::sample;

    use super::*;

    fn stamp(wall_ms: u64) -> Stamp {
        Stamp {
            wall_ms,
            counter: 0,
            device: Id::from_random([7; 16]),
        }
    }

    #[test]
    fn each_document_is_walked_beside_its_own_value_and_no_other() {
        let mut docs = Collections::default();
        let engagements: Vec<Engagement> = (0..6).map(sample::engagement).collect();
        for (n, engagement) in engagements.iter().enumerate() {
            docs.engagements.insert(
                engagement.id,
                Stored {
                    doc: engagement.clone(),
                    deleted: false,
                    updated: stamp(n as u64),
                },
            );
        }
        let venue = Venue {
            id: Id::from_random([1; 16]),
            name: "Hall".into(),
            area: String::new(),
        };
        docs.venues.insert(
            venue.id,
            Stored {
                doc: venue.clone(),
                deleted: false,
                updated: stamp(9),
            },
        );
        let mut ids: Vec<Id> = engagements.iter().map(|e| e.id).collect();
        ids.sort();
        // Values for every other engagement, for documents not stored (before, between and
        // after the stored ones), and one under another kind with the venue's id.
        let mut values = PerDoc::default();
        for id in ids.iter().step_by(2) {
            values.insert(Engagement::KIND, *id, format!("e {id}"));
        }
        values.insert(Engagement::KIND, Id::from_random([0; 16]), "gone".into());
        values.insert(Engagement::KIND, Id::from_random([255; 16]), "gone".into());
        values.insert(Progress::KIND, venue.id, "another kind".into());

        let walked: Vec<(&str, Id, Option<String>)> = docs
            .stamps_with(&values)
            .map(|(kind, id, _, value)| (kind, id, value.cloned()))
            .collect();
        let looked_up: Vec<(&str, Id, Option<String>)> = docs
            .stamps()
            .map(|(kind, id, _)| (kind, id, values.get(kind, id).cloned()))
            .collect();
        assert_eq!(walked, looked_up);
        assert_eq!(walked.iter().filter(|(_, _, v)| v.is_some()).count(), 3);
        assert_eq!(walked.last(), Some(&(Venue::KIND, venue.id, None)));
    }
}
