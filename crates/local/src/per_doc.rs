//! A value per document, by kind and then id: what sync remembers of each document, looked up
//! without building the document's storage key, as the sync bar does for every document on
//! every redraw.

use std::collections::BTreeMap;

use fieldbook_core::Id;

/// A value per document. Kinds are few, so the outer map stays tiny; only a kind seen for the
/// first time allocates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerDoc<T>(BTreeMap<String, BTreeMap<Id, T>>);

impl<T> Default for PerDoc<T> {
    fn default() -> Self {
        PerDoc(BTreeMap::new())
    }
}

impl<T> PerDoc<T> {
    pub fn get(&self, kind: &str, id: Id) -> Option<&T> {
        self.0.get(kind)?.get(&id)
    }

    pub fn insert(&mut self, kind: &str, id: Id, value: T) -> Option<T> {
        match self.0.get_mut(kind) {
            Some(ids) => ids.insert(id, value),
            None => {
                self.0
                    .insert(kind.to_owned(), BTreeMap::from([(id, value)]));
                None
            }
        }
    }

    pub fn remove(&mut self, kind: &str, id: Id) -> Option<T> {
        let ids = self.0.get_mut(kind)?;
        let value = ids.remove(&id);
        if ids.is_empty() {
            self.0.remove(kind);
        }
        value
    }

    /// Keep only the documents `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, Id) -> bool) {
        for (kind, ids) in &mut self.0 {
            ids.retain(|id, _| keep(kind, *id));
        }
        self.0.retain(|_, ids| !ids.is_empty());
    }

    /// One kind's values, in id order.
    pub fn of_kind(&self, kind: &str) -> impl Iterator<Item = (Id, &T)> {
        self.0
            .get(kind)
            .into_iter()
            .flat_map(|ids| ids.iter().map(|(id, value)| (*id, value)))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Id, &T)> {
        self.0.iter().flat_map(|(kind, ids)| {
            ids.iter()
                .map(move |(id, value)| (kind.as_str(), *id, value))
        })
    }

    pub fn len(&self) -> usize {
        self.0.values().map(BTreeMap::len).sum()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<T> FromIterator<(String, Id, T)> for PerDoc<T> {
    fn from_iter<I: IntoIterator<Item = (String, Id, T)>>(items: I) -> Self {
        let mut per_doc = PerDoc::default();
        for (kind, id, value) in items {
            per_doc.insert(&kind, id, value);
        }
        per_doc
    }
}
