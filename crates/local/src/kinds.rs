//! The document types the store keeps, each in its own collection.

use std::collections::BTreeMap;

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::progress::Progress;
use fieldbook_core::replica::Stored;
use fieldbook_core::{Document, Id};

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
}
