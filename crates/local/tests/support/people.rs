//! What people do in the simulation: record, correct, review, delete and restore engagements,
//! keep venues, settle conflicts, and now and then send something the server must refuse. Each
//! choice comes from the seed; each save that returns Ok is noted for the final checks.

use chrono::{NaiveDate, NaiveTime};
use fieldbook_core::model::{Engagement, Feedback, Priority, RecordReview, ReviewState, Venue};
use fieldbook_core::roles::Role;
use fieldbook_core::{sample, ElementId, Id, Replica, Stamp};
use fieldbook_local::{keys, Kind};
use rand::Rng;

use crate::world::{World, Write, FAR_AHEAD_MS};

const VENUES: &[&str] = &[
    "St Mary's Church Hall",
    "Brinnington Library",
    "Lancashire Hill Community Centre",
];
const CONCERNS: &[&str] = &["Street lighting", "Bus times", "Litter", "Youth club"];

impl World<'_> {
    /// One thing a person does on `phone`, chosen by the seed.
    pub fn act(&mut self, phone: usize) {
        let roll = self.rng.gen_range(0..100);
        let role = self.role(phone);
        let coordinator = role == Role::Coordinator;
        match roll {
            // A coordinator mostly reviews and corrects their team's records.
            0..=39 if coordinator => self.review(phone),
            0..=14 => self.create(phone),
            15..=44 => self.edit(phone, Self::edit_field),
            45..=66 => self.edit(phone, Self::edit_list),
            67..=76 => self.delete_or_restore(phone),
            77..=92 => self.venue(phone),
            93..=96 => self.resolve(phone),
            _ => self.refused(phone),
        }
    }

    fn create(&mut self, phone: usize) {
        let user = self.phones[phone].user;
        let mut record = sample::engagement(self.rng.gen());
        record.id = Id::from_random(self.rng.gen());
        record.author = user.into();
        record.feedback.clear();
        self.save(phone, None, &record, "create");
    }

    /// An engagement this phone's person may edit, chosen by the seed (the store's order is
    /// an id order, so the choice is the same every run).
    fn pick(&mut self, phone: usize, filter: impl Fn(&Engagement) -> bool) -> Option<Engagement> {
        let store = self.phones[phone].store.borrow();
        let live: Vec<Engagement> = store
            .docs::<Engagement>()
            .values()
            .filter(|stored| !stored.deleted && filter(&stored.doc))
            .map(|stored| stored.doc.clone())
            .collect();
        drop(store);
        if live.is_empty() {
            return None;
        }
        let index = self.rng.gen_range(0..live.len());
        Some(live[index].clone())
    }

    fn edit(
        &mut self,
        phone: usize,
        change: fn(&mut Self, usize, &mut Engagement) -> &'static str,
    ) {
        let user = self.phones[phone].user;
        let coordinator = self.role(phone) == Role::Coordinator;
        let Some(base) = self.pick(phone, |e| coordinator || e.author == user) else {
            return self.create(phone);
        };
        let mut edited = base.clone();
        let what = change(self, phone, &mut edited);
        self.save(phone, Some(&base), &edited, what);
    }

    fn edit_field(&mut self, phone: usize, record: &mut Engagement) -> &'static str {
        let n: u32 = self.rng.gen_range(0..1000);
        match self.rng.gen_range(0..4) {
            0 => record.notes = format!("Note {n} from {}", self.phones[phone].user),
            1 => record.venue = VENUES[n as usize % VENUES.len()].into(),
            2 => record.duration_minutes = Some(15 + n % 200),
            _ => record.start_time = NaiveTime::from_hms_opt(8 + n % 12, 30 * (n % 2), 0),
        }
        "edit a field"
    }

    fn edit_list(&mut self, phone: usize, record: &mut Engagement) -> &'static str {
        let now = self.phones[phone].now();
        let referenced = |record: &Engagement, id: ElementId| {
            record.actions.iter().any(|a| a.priority == Some(id))
                || record.feedback.iter().any(|f| f.answers.contains(&id))
        };
        match self.rng.gen_range(0..5) {
            0 if record.priorities.len() < 8 => {
                record.priorities.push(Priority {
                    id: ElementId::new(now, self.rng.gen()),
                    text: CONCERNS[self.rng.gen_range(0..CONCERNS.len())].into(),
                    theme: None,
                });
                "add a priority"
            }
            1 if !record.priorities.is_empty() => {
                let i = self.rng.gen_range(0..record.priorities.len());
                record.priorities[i].text = format!("Concern {}", self.rng.gen_range(0..1000));
                "edit a priority"
            }
            2 => {
                let free: Vec<usize> = (0..record.priorities.len())
                    .filter(|&i| !referenced(record, record.priorities[i].id))
                    .collect();
                if free.is_empty() {
                    return "nothing to remove";
                }
                record
                    .priorities
                    .remove(free[self.rng.gen_range(0..free.len())]);
                "remove a priority"
            }
            3 if !record.priorities.is_empty() && record.feedback.len() < 4 => {
                let answers = record.priorities[self.rng.gen_range(0..record.priorities.len())].id;
                record.feedback.push(Feedback {
                    id: ElementId::new(now, self.rng.gen()),
                    text: "Told the group what happened".into(),
                    given_on: record.date,
                    channel: "meeting".into(),
                    answers: vec![answers],
                });
                "add feedback"
            }
            _ if !record.feedback.is_empty() => {
                record
                    .feedback
                    .remove(self.rng.gen_range(0..record.feedback.len()));
                "remove feedback"
            }
            _ => "nothing to change",
        }
    }

    /// A coordinator reviews a team mate's record (a record of their own they edit instead).
    fn review(&mut self, phone: usize) {
        let by = self.phones[phone].user;
        let Some(base) = self.pick(phone, |e| e.author != by) else {
            return self.edit(phone, Self::edit_field);
        };
        let mut edited = base.clone();
        let issues = self.rng.gen_bool(0.5);
        edited.review = Some(RecordReview {
            state: if issues {
                ReviewState::HasIssues
            } else {
                ReviewState::LooksRight
            },
            comment: if issues {
                format!("Check the numbers ({})", self.rng.gen_range(0..100))
            } else {
                String::new()
            },
            by: by.into(),
            on: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
        });
        self.save(phone, Some(&base), &edited, "review");
    }

    /// Something the server refuses, as a person with an old or tampered app might send: an
    /// outreach worker reviewing their own record, or a coordinator renaming a team mate's
    /// venue. Each must end up in that phone's `rejected()`.
    fn refused(&mut self, phone: usize) {
        let user = self.phones[phone].user;
        if self.role(phone) == Role::Coordinator {
            let theirs: Vec<Venue> = {
                let store = self.phones[phone].store.borrow();
                store
                    .docs::<Venue>()
                    .values()
                    .filter(|v| self.venue_owners.get(&v.doc.id).is_some_and(|o| *o != user))
                    .map(|v| v.doc.clone())
                    .collect()
            };
            if theirs.is_empty() {
                return;
            }
            let base = theirs[self.rng.gen_range(0..theirs.len())].clone();
            let mut edited = base.clone();
            edited.name = format!("{} (renamed)", base.name);
            self.save(
                phone,
                Some(&base),
                &edited,
                "refused: rename a mate's venue",
            );
        } else if let Some(base) = self.pick(phone, |e| e.author == user) {
            let mut edited = base.clone();
            edited.review = Some(RecordReview {
                state: ReviewState::LooksRight,
                comment: String::new(),
                by: user.into(),
                on: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            });
            self.save(phone, Some(&base), &edited, "refused: review own record");
        }
    }

    fn delete_or_restore(&mut self, phone: usize) {
        let user = self.phones[phone].user;
        let coordinator = self.role(phone) == Role::Coordinator;
        let ids: Vec<(Id, bool)> = self.phones[phone]
            .store
            .borrow()
            .docs::<Engagement>()
            .values()
            .filter(|s| coordinator || s.doc.author == user)
            .map(|s| (s.doc.id, s.deleted))
            .collect();
        if ids.is_empty() {
            return;
        }
        let (id, deleted) = ids[self.rng.gen_range(0..ids.len())];
        let p = &self.phones[phone];
        let before = self.stamp::<Engagement>(phone, id);
        let now = p.now();
        let result = if deleted {
            p.store.borrow_mut().restore::<Engagement>(id, now)
        } else {
            p.store.borrow_mut().delete::<Engagement>(id, now)
        };
        let what = if deleted { "restore" } else { "delete" };
        self.finish::<Engagement>(phone, id, before, result.is_ok(), what);
    }

    fn venue(&mut self, phone: usize) {
        let user = self.phones[phone].user;
        let mine: Vec<Venue> = self.phones[phone]
            .store
            .borrow()
            .docs::<Venue>()
            .values()
            .filter(|v| self.venue_owners.get(&v.doc.id) == Some(&user) && !v.deleted)
            .map(|v| v.doc.clone())
            .collect();
        if mine.is_empty() || self.rng.gen_bool(0.4) {
            let venue = Venue {
                id: Id::from_random(self.rng.gen()),
                name: VENUES[self.rng.gen_range(0..VENUES.len())].into(),
                area: "Brinnington".into(),
            };
            self.venue_owners.insert(venue.id, user);
            self.save(phone, None, &venue, "keep a venue");
        } else {
            let base = mine[self.rng.gen_range(0..mine.len())].clone();
            let mut edited = base.clone();
            edited.area = format!("Area {}", self.rng.gen_range(0..100));
            self.save(phone, Some(&base), &edited, "edit a venue");
        }
    }

    /// Settle the first conflict in Sync problems: keep what the merge kept, or bring this
    /// phone's value back.
    pub fn resolve(&mut self, phone: usize) {
        let first = self.phones[phone]
            .store
            .borrow()
            .conflicts()
            .first()
            .cloned();
        let Some(conflict) = first else {
            return self.edit(phone, Self::edit_field);
        };
        let use_mine = self.rng.gen_bool(0.5);
        let p = &self.phones[phone];
        let now = p.now();
        let before = p
            .store
            .borrow()
            .docs::<Engagement>()
            .get(&conflict.id)
            .map(|s| s.updated);
        let result = p.store.borrow_mut().resolve(0, use_mine, now);
        let what = if use_mine {
            "resolve: mine"
        } else {
            "resolve: theirs"
        };
        match conflict.kind.as_str() {
            "engagement" => {
                self.finish::<Engagement>(phone, conflict.id, before, result.is_ok(), what)
            }
            _ => self.finish::<Venue>(phone, conflict.id, before, result.is_ok(), what),
        }
    }

    fn stamp<D: Kind>(&self, phone: usize, id: Id) -> Option<Stamp> {
        self.phones[phone]
            .store
            .borrow()
            .docs::<D>()
            .get(&id)
            .map(|s| s.updated)
    }

    fn save<D: Kind>(&mut self, phone: usize, base: Option<&D>, edited: &D, what: &'static str) {
        let id = edited.id();
        let before = self.stamp::<D>(phone, id);
        let now = self.phones[phone].now();
        let result = self.phones[phone]
            .store
            .borrow_mut()
            .save(base, edited, now);
        self.finish::<D>(phone, id, before, result.is_ok(), what);
    }

    /// Note a completed save: the registers it wrote, read back from storage.
    fn finish<D: Kind>(
        &mut self,
        phone: usize,
        id: Id,
        before: Option<Stamp>,
        ok: bool,
        what: &'static str,
    ) {
        self.note(format!("{phone} {what} {id}: {ok}"));
        if !ok {
            self.count("saves refused by storage");
            return;
        }
        self.count(what);
        let key = keys::doc(D::KIND, id);
        let json = self.phones[phone].store.borrow().entry(&key).unwrap();
        let replica = Replica::decode(&json).unwrap();
        let stamp = replica.updated();
        if before == Some(stamp) {
            return; // Nothing changed.
        }
        let registers = replica
            .entries()
            .filter(|(_, register)| register.stamp == stamp)
            .map(|(path, register)| (path, register.value.clone()))
            .collect();
        self.writes.push(Write {
            phone,
            key,
            stamp,
            registers,
            ahead: stamp.wall_ms >= FAR_AHEAD_MS,
            at_ms: self.clock.get(),
        });
    }
}
