//! Property tests of merging: replicas that make random edits and exchange them in any order,
//! with duplicates and re-deliveries, end up the same, and no edit is lost except to a later
//! edit of the same field or element.

use std::collections::BTreeMap;

use fieldbook_core::{Clock, Context, Document, ElementId, Id, Issue, Replica, Stamp};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// A small document with plain fields and one element list: enough to exercise every rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Note {
    id: Id,
    #[serde(default)]
    a: Option<i64>,
    #[serde(default)]
    b: Option<i64>,
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Item {
    i: ElementId,
    #[serde(default)]
    x: Option<i64>,
    #[serde(default)]
    y: Option<i64>,
}

impl Document for Note {
    const KIND: &'static str = "note";
    const VERSION: u32 = 1;
    const LISTS: &'static [&'static str] = &["items"];

    fn id(&self) -> Id {
        self.id
    }

    fn validate(&self, _: &Context) -> Result<(), Vec<Issue>> {
        Ok(())
    }
}

#[derive(Debug, Clone)]
enum Edit {
    SetA(i64),
    SetB(i64),
    SetItem { item: u8, y: bool, value: i64 },
    RemoveItem(u8),
    Delete,
    Restore,
}

#[derive(Debug, Clone)]
enum Step {
    Edit {
        replica: usize,
        edit: Edit,
    },
    /// Send the sender's whole state, or only what is newer than a stamp it has seen.
    Deliver {
        from: usize,
        to: usize,
        delta: bool,
    },
}

const REPLICAS: usize = 3;

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (1..100i64).prop_map(Edit::SetA),
        (1..100i64).prop_map(Edit::SetB),
        (0..4u8, any::<bool>(), 1..100i64).prop_map(|(item, y, value)| Edit::SetItem {
            item,
            y,
            value
        }),
        (0..4u8).prop_map(Edit::RemoveItem),
        Just(Edit::Delete),
        Just(Edit::Restore),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        3 => (0..REPLICAS, edit()).prop_map(|(replica, edit)| Step::Edit { replica, edit }),
        2 => (0..REPLICAS, 0..REPLICAS, any::<bool>()).prop_map(|(from, to, delta)| Step::Deliver { from, to, delta }),
    ];
    proptest::collection::vec(step, 1..60)
}

fn device(n: usize) -> Id {
    Id::from_random([n as u8 + 1; 16])
}

/// Element ids shared by all replicas, so they edit the same elements concurrently.
fn item_id(item: u8) -> ElementId {
    ElementId::new(1_000_000, [item; 4])
}

struct World {
    replicas: Vec<Replica>,
    clocks: Vec<Clock>,
    /// Every write made, by path: (stamp, value).
    writes: BTreeMap<String, Vec<(Stamp, serde_json::Value)>>,
    /// What each receiver had seen of each sender at its last delivery.
    seen: BTreeMap<(usize, usize), Stamp>,
    now: u64,
}

impl World {
    fn new() -> Self {
        let id = Id::from_random([9; 16]);
        let mut clocks: Vec<Clock> = (0..REPLICAS).map(|n| Clock::new(device(n))).collect();
        let origin = Replica::create(
            &Note {
                id,
                a: None,
                b: None,
                items: vec![],
            },
            clocks[0].tick(1),
        );
        for clock in &mut clocks {
            clock.observe(origin.created());
        }
        World {
            replicas: vec![origin; REPLICAS],
            clocks,
            writes: BTreeMap::new(),
            seen: BTreeMap::new(),
            now: 1,
        }
    }

    fn apply(&mut self, step: &Step) {
        // Wall clocks that sometimes stand still or jump, as phones' do.
        self.now += [0, 1, 5][self.writes.len() % 3];
        match *step {
            Step::Edit { replica, ref edit } => self.edit(replica, edit),
            Step::Deliver { from, to, delta } => {
                let since = self.seen.get(&(from, to)).copied();
                let message = match (delta, since) {
                    (true, Some(stamp)) => self.replicas[from].since(stamp),
                    _ => self.replicas[from].clone(),
                };
                self.seen.insert((from, to), self.replicas[from].updated());
                self.receive(to, &message);
            }
        }
    }

    fn receive(&mut self, to: usize, message: &Replica) {
        self.replicas[to].merge(message);
        self.clocks[to].observe(message.updated());
    }

    fn edit(&mut self, n: usize, edit: &Edit) {
        let stamp = self.clocks[n].tick(self.now);
        let before: BTreeMap<String, Stamp> = self.replicas[n]
            .entries()
            .map(|(path, r)| (path, r.stamp))
            .collect();
        let replica = &mut self.replicas[n];
        let mut note: Note = replica.to_doc().unwrap();
        match *edit {
            Edit::SetA(value) => note.a = Some(value),
            Edit::SetB(value) => note.b = Some(value),
            Edit::SetItem { item, y, value } => {
                let id = item_id(item);
                let index = match note.items.iter().position(|it| it.i == id) {
                    Some(index) => index,
                    None => {
                        note.items.push(Item {
                            i: id,
                            x: None,
                            y: None,
                        });
                        note.items.len() - 1
                    }
                };
                let slot = if y {
                    &mut note.items[index].y
                } else {
                    &mut note.items[index].x
                };
                *slot = Some(value);
            }
            Edit::RemoveItem(item) => note.items.retain(|it| it.i != item_id(item)),
            Edit::Delete => replica.delete(stamp),
            Edit::Restore => replica.restore(stamp),
        }
        if !matches!(edit, Edit::Delete | Edit::Restore) {
            replica.update(&note, stamp);
        }
        for (path, register) in replica.entries() {
            if before.get(&path) != Some(&register.stamp) {
                self.writes
                    .entry(path)
                    .or_default()
                    .push((register.stamp, register.value.clone()));
            }
        }
    }

    /// Everyone sends everything to everyone, in a fixed but arbitrary order, twice.
    fn settle(&mut self) {
        for _ in 0..2 {
            for from in (0..REPLICAS).rev() {
                for to in 0..REPLICAS {
                    let message = self.replicas[from].clone();
                    self.receive(to, &message);
                }
            }
        }
    }
}

fn world_after(steps: &[Step]) -> World {
    let mut world = World::new();
    for step in steps {
        world.apply(step);
    }
    world
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn replicas_converge_whatever_the_order(steps in steps()) {
        let mut world = world_after(&steps);
        world.settle();
        let first = &world.replicas[0];
        for other in &world.replicas[1..] {
            prop_assert_eq!(first, other);
            prop_assert_eq!(first.to_doc::<Note>().unwrap(), other.to_doc::<Note>().unwrap());
        }
    }

    #[test]
    fn an_edit_is_lost_only_to_a_later_edit_of_the_same_field(steps in steps()) {
        let mut world = world_after(&steps);
        world.settle();
        let settled: BTreeMap<String, _> = world.replicas[0].entries().collect();
        for (path, writes) in &world.writes {
            let latest = writes.iter().max_by_key(|(stamp, _)| *stamp).unwrap();
            let register = settled.get(path).expect("every written field survives");
            prop_assert_eq!(register.stamp, latest.0, "{}", path);
            prop_assert_eq!(&register.value, &latest.1, "{}", path);
        }
        // An element edited after it was removed is visible again.
        let note: Note = world.replicas[0].to_doc().unwrap();
        for item in 0..4u8 {
            let id = item_id(item);
            let latest = |key: &str| {
                world.writes.get(&format!("items/{id}/{key}")).and_then(|w| w.iter().map(|(s, _)| *s).max())
            };
            let edited = latest("x").max(latest("y"));
            let removed = world
                .writes
                .get(&format!("items/{id}/_del"))
                .and_then(|w| w.iter().filter(|(_, v)| *v == serde_json::Value::Bool(true)).map(|(s, _)| *s).max());
            if let (Some(edited), Some(removed)) = (edited, removed) {
                if edited > removed {
                    prop_assert!(note.items.iter().any(|it| it.i == id), "item {} was revived", item);
                }
            }
        }
    }

    #[test]
    fn merge_is_commutative_associative_and_idempotent(a in steps(), b in steps(), c in steps()) {
        let pick = |steps: &[Step], n: usize| world_after(steps).replicas[n].clone();
        let (a, b, c) = (pick(&a, 0), pick(&b, 1), pick(&c, 2));
        let merged = |x: &Replica, y: &Replica| { let mut out = x.clone(); out.merge(y); out };
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        prop_assert_eq!(merged(&a, &a), a.clone());
        let ab = merged(&a, &b);
        prop_assert_eq!(merged(&ab, &b), ab);
    }

    #[test]
    fn the_compact_encoding_round_trips(steps in steps()) {
        for replica in world_after(&steps).replicas {
            let json = replica.encode();
            let fast = Replica::decode_doc::<Note>(&json).unwrap();
            prop_assert_eq!(&fast.doc, &replica.to_doc::<Note>().unwrap());
            prop_assert_eq!(fast.deleted, replica.is_deleted());
            prop_assert_eq!(fast.updated, replica.updated());
            prop_assert_eq!(Replica::decode(&json).unwrap(), replica);
        }
    }
}

#[test]
fn absorbing_says_whether_anything_changed_and_whether_the_sender_lost_a_field() {
    let device = |n: u8| Id::from_random([n; 16]);
    let (mut phone, mut server_clock) = (Clock::new(device(1)), Clock::new(device(2)));
    let note = Note {
        id: device(9),
        a: Some(1),
        b: Some(1),
        items: Vec::new(),
    };
    let sent = Replica::create(&note, phone.tick(1_000));
    let mut server = sent.clone();
    let again = server.absorb(&sent);
    assert!(
        !again.changed && !again.lost,
        "the same copy twice is a duplicate"
    );

    // The server has a later edit of `a`; the phone, not yet knowing, edits `a` and `b` earlier.
    let mut later = note.clone();
    later.a = Some(2);
    server.update(&later, server_clock.tick(3_000));
    let mut stale = sent.clone();
    let mut edited = note.clone();
    edited.a = Some(3);
    edited.b = Some(3);
    stale.update(&edited, phone.tick(2_000));
    let result = server.absorb(&stale);
    assert!(result.changed, "b is new to the server");
    assert!(result.lost, "a lost to the server's later edit");
    let merged: Note = server.to_doc().unwrap();
    assert_eq!((merged.a, merged.b), (Some(2), Some(3)));
}

#[test]
fn a_field_lost_to_a_later_edit_elsewhere_is_listed_and_can_be_brought_back() {
    let device = |n: u8| Id::from_random([n; 16]);
    let note = Note {
        id: device(9),
        a: Some(1),
        b: Some(1),
        items: Vec::new(),
    };
    let created = Replica::create(&note, Clock::new(device(1)).tick(1_000));
    let (mut mine, mut theirs) = (created.clone(), created.clone());
    let mut my_edit = note.clone();
    my_edit.a = Some(2);
    my_edit.b = Some(2);
    mine.update(&my_edit, Clock::new(device(1)).tick(2_000));
    let mut their_edit = note.clone();
    their_edit.a = Some(3);
    theirs.update(&their_edit, Clock::new(device(2)).tick(3_000));
    let mut merged = mine.clone();
    merged.merge(&theirs);
    let lost = merged.lost_fields(&mine, device(1));
    assert_eq!(lost.len(), 1, "only a lost; b merged cleanly");
    assert_eq!(
        (lost[0].path.as_str(), &lost[0].mine, &lost[0].theirs),
        ("a", &serde_json::json!(2), &serde_json::json!(3))
    );
    assert!(merged.rewrite("a", lost[0].mine.clone(), Clock::new(device(1)).tick(4_000)));
    let resolved: Note = merged.to_doc().unwrap();
    assert_eq!((resolved.a, resolved.b), (Some(2), Some(2)));
    assert!(merged.lost_fields(&mine, device(1)).is_empty(), "resolved");
    assert!(!merged.rewrite(
        "nope/x",
        serde_json::json!(1),
        Clock::new(device(1)).tick(5_000)
    ));
}
