//! What must hold once the simulation's faults stop and every phone has settled: each phone
//! holds what the server lets it see, no completed save is lost unexplained, every refusal and
//! conflict is one the operations can earn.

use std::collections::{BTreeMap, BTreeSet};

use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::{Document, Replica};
use fieldbook_local::{keys, Kind, Store};
use serde_json::Value;

use crate::server::everything;
use crate::world::{World, Write};

/// Refusals the simulated operations can earn; any other code is a bug.
const EXPECTED_REFUSALS: &[&str] = &["not_assessor", "own_work", "not_yours", "invalid"];

/// Each document as a person sees it: its content and whether it is deleted.
fn shown<D: Kind>(replica: &Replica) -> (Value, bool) {
    let doc: D = replica.to_doc().unwrap();
    (serde_json::to_value(doc).unwrap(), replica.is_deleted())
}

fn held_by(store: &Store) -> BTreeMap<String, (Value, bool)> {
    fn of<D: Kind + serde::Serialize>(store: &Store) -> Vec<(String, (Value, bool))> {
        store
            .docs::<D>()
            .values()
            .map(|s| {
                (
                    keys::doc(D::KIND, s.doc.id()),
                    (serde_json::to_value(&s.doc).unwrap(), s.deleted),
                )
            })
            .collect()
    }
    of::<Engagement>(store)
        .into_iter()
        .chain(of::<Venue>(store))
        .collect()
}

/// The end state against the history; returns how many conflicts, refusals and overwritten
/// saves it found explained.
pub async fn check(world: &World<'_>) -> [(&'static str, usize); 3] {
    let (mut conflicts, mut refusals, mut overwritten) = (0, 0, 0);
    let server = world.server;
    // The server's whole copy: the coordinator sees every record of the team.
    let all = everything(server, &world.template.tokens["cath"]).await;
    let mut replicas = BTreeMap::new();
    for change in &all {
        let key = keys::doc(&change.kind, change.id);
        let replica = Replica::decode(change.replica.get()).unwrap();
        assert!(
            replicas.insert(key.clone(), replica).is_none(),
            "{key} pulled twice"
        );
    }
    for (index, phone) in world.phones.iter().enumerate() {
        let visible = everything(server, &world.template.tokens[phone.user]).await;
        let store = phone.store.borrow();
        let refused: BTreeSet<String> = store
            .rejected()
            .map(|(kind, id, _)| keys::doc(kind, id))
            .collect();
        for (kind, id, rejected) in store.rejected() {
            let key = keys::doc(kind, id);
            refusals += 1;
            assert!(
                EXPECTED_REFUSALS.contains(&rejected.reason.code.as_str()),
                "phone {index}: {key} refused for a reason no operation earns: {:?}",
                rejected.reason
            );
        }
        assert!(
            store.quarantined().is_empty(),
            "phone {index} quarantined entries"
        );
        assert!(store.held().is_empty(), "phone {index} held changes back");
        assert!(
            store.outbox().is_empty(),
            "phone {index} still has changes to send"
        );
        // The same documents, the same content, the same deletes, as the server holds for
        // what this person may see.
        let mut expected = BTreeMap::new();
        for change in &visible {
            let replica = Replica::decode(change.replica.get()).unwrap();
            let shown = match change.kind.as_str() {
                Engagement::KIND => shown::<Engagement>(&replica),
                _ => shown::<Venue>(&replica),
            };
            expected.insert(keys::doc(&change.kind, change.id), shown);
        }
        let held = held_by(&store);
        for key in expected.keys().chain(held.keys()).collect::<BTreeSet<_>>() {
            if refused.contains(key) {
                continue;
            }
            assert_eq!(
                held.get(key),
                expected.get(key),
                "phone {index} ({}) differs from the server on {key}",
                phone.user
            );
        }
        // Every conflict names a field this phone wrote that lost to a later write.
        for conflict in store.conflicts() {
            let key = keys::doc(&conflict.kind, conflict.id);
            let path = &conflict.field.path;
            let mine = writes_of(world, &key, path, &conflict.field.mine);
            let theirs = writes_of(world, &key, path, &conflict.field.theirs);
            let explained = mine
                .iter()
                .filter(|w| world.phones[w.phone].store.borrow().device() == store.device())
                .any(|mine| {
                    // A write stamped far ahead was stamped again before it could lose.
                    mine.ahead || theirs.iter().any(|theirs| theirs.stamp > mine.stamp)
                });
            assert!(
                explained,
                "phone {index}: unexplained conflict {conflict:?}"
            );
            conflicts += 1;
        }
    }
    // Nothing lost: each completed save is on the server, or lost only to a later write, or
    // its phone holds the server's refusal of that record.
    for write in &world.writes {
        let explained = world.phones[write.phone]
            .store
            .borrow()
            .rejected()
            .any(|(kind, id, _)| keys::doc(kind, id) == write.key);
        let Some(replica) = replicas.get(&write.key) else {
            assert!(explained, "a save is missing from the server: {write:?}");
            continue;
        };
        let stored: BTreeMap<String, _> = replica.entries().collect();
        for (path, value) in &write.registers {
            let kept = stored.get(path).is_some_and(|register| {
                register.stamp > write.stamp
                    || (register.stamp == write.stamp && register.value == *value)
                    || (write.ahead
                        && (register.value == *value || register.stamp.wall_ms >= write.at_ms))
            });
            assert!(
                kept || explained,
                "{path} of a save is missing from the server: {write:?}"
            );
            overwritten += usize::from(stored.get(path).is_some_and(|r| r.stamp > write.stamp));
        }
    }
    [
        ("conflicts, each explained", conflicts),
        ("refusals, each expected", refusals),
        ("fields saved then overwritten later", overwritten),
    ]
}

/// The completed saves that wrote `value` at `path` of the document under `key`.
fn writes_of<'a>(world: &'a World<'_>, key: &str, path: &str, value: &Value) -> Vec<&'a Write> {
    world
        .writes
        .iter()
        .filter(|w| w.key == key && w.registers.iter().any(|(p, v)| p == path && v == value))
        .collect()
}
