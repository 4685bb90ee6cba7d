//! What the store's tests share: a backend over memory that outlives the store opened on it (so
//! a test can throw a store away, as a crash does, and open another over what it wrote, or open
//! two at once, as two tabs do), with faults to inject.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use fieldbook_local::{cost, Backend, Store, WriteError};

/// localStorage as a test controls it. Clones share the same entries.
#[derive(Clone, Default)]
pub struct Disk(Rc<RefCell<State>>);

#[derive(Default)]
struct State {
    entries: BTreeMap<String, String>,
    /// Refuse a write that would take the entries past this many bytes (counted as browsers
    /// count localStorage: UTF-16 code units of keys and values).
    quota: Option<u64>,
    /// Writes left before the device "dies": every later write and removal is lost.
    writes_left: Option<usize>,
    /// The next write throws something other than a full quota.
    throw_next: bool,
    /// Removals count towards `writes_left` too (see [`Disk::crash_after_changes`]).
    removals_count: bool,
}

impl Disk {
    pub fn new() -> Disk {
        Disk::default()
    }

    /// A store over these entries, as the app opens it at start-up.
    pub fn open(&self, now_ms: u64) -> Store {
        Store::open(Box::new(self.clone()), now_ms, |bytes| bytes.fill(7))
    }

    /// Refuse writes past `bytes` in all.
    pub fn set_quota(&self, bytes: Option<u64>) {
        self.0.borrow_mut().quota = bytes;
    }

    /// The quota set to what is used now, so that the next write that grows anything fails.
    pub fn fill(&self) {
        let used = self.used();
        self.set_quota(Some(used));
    }

    pub fn used(&self) -> u64 {
        let state = self.0.borrow();
        state.entries.iter().map(|(k, v)| cost(k, v)).sum()
    }

    /// Let `writes` more writes through, then lose every one after, as a device that dies.
    pub fn crash_after(&self, writes: usize) {
        self.0.borrow_mut().writes_left = Some(writes);
    }

    /// [`Disk::crash_after`], counting removals as well as writes: to crash between the
    /// removals of a clean-up and the write after them.
    pub fn crash_after_changes(&self, changes: usize) {
        let mut state = self.0.borrow_mut();
        state.writes_left = Some(changes);
        state.removals_count = true;
    }

    /// Whether the crash set by [`Disk::crash_after`] has happened.
    pub fn crashed(&self) -> bool {
        self.0.borrow().writes_left == Some(0)
    }

    /// Back from the dead: writes work again (open a new store to carry on).
    pub fn revive(&self) {
        self.0.borrow_mut().writes_left = None;
        self.0.borrow_mut().removals_count = false;
    }

    pub fn throw_next_write(&self) {
        self.0.borrow_mut().throw_next = true;
    }

    /// Overwrite an entry with something no reader can decode.
    pub fn garble(&self, key: &str) {
        self.0
            .borrow_mut()
            .entries
            .insert(key.to_owned(), "{\"not\": a record".to_owned());
    }

    pub fn raw(&self, key: &str) -> Option<String> {
        self.0.borrow().entries.get(key).cloned()
    }

    pub fn put_raw(&self, key: &str, value: &str) {
        self.0
            .borrow_mut()
            .entries
            .insert(key.to_owned(), value.to_owned());
    }

    pub fn keys(&self) -> Vec<String> {
        self.0.borrow().entries.keys().cloned().collect()
    }
}

impl Backend for Disk {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        let mut state = self.0.borrow_mut();
        match state.writes_left {
            Some(0) => return Err(WriteError::Refused("the device is off".into())),
            Some(ref mut left) => *left -= 1,
            None => {}
        }
        if std::mem::take(&mut state.throw_next) {
            return Err(WriteError::Refused("the browser threw".into()));
        }
        if let Some(quota) = state.quota {
            let old = state.entries.get(key).map_or(0, |old| cost(key, old));
            let used: u64 = state.entries.iter().map(|(k, v)| cost(k, v)).sum();
            if used - old + cost(key, value) > quota {
                return Err(WriteError::Full);
            }
        }
        state.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        let mut state = self.0.borrow_mut();
        if state.writes_left == Some(0) {
            return;
        }
        if state.removals_count {
            if let Some(ref mut left) = state.writes_left {
                *left -= 1;
            }
        }
        state.entries.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        Disk::keys(self)
    }
}
