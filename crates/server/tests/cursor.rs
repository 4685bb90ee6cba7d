//! The pull cursor with concurrent writers, the trap of a database with several writers: store
//! handles of their own on one database (as several server processes have) push at once while
//! readers page through with cursors. Were a sequence number to become visible after a reader had
//! passed it, that reader would never see the change; every reader must see every change, once.

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

use fieldbook_core::protocol::{PushRequest, Status};
use fieldbook_core::roles::{Role, User};
use fieldbook_server::now_ms;
use support::{accounts, database, device, engagement};

const WRITERS: u8 = 6;
const BATCHES: u64 = 25;
const PER_BATCH: u64 = 8;
const READERS: usize = 3;

fn user(username: &str, role: Role) -> User {
    User {
        username: username.into(),
        role,
        teams: vec!["Brinnington".into()],
    }
}

#[test]
fn readers_paging_beside_many_writers_see_every_change_once() {
    let database = database();
    accounts(&database.address);
    let (sam, cath) = (user("sam", Role::Outreach), user("cath", Role::Coordinator));
    let writing_done = AtomicBool::new(false);
    let total = usize::from(WRITERS) * (BATCHES * PER_BATCH) as usize;
    std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let (store, sam) = (database.store(), &sam);
                scope.spawn(move || {
                    for batch in 0..BATCHES {
                        let first = (u64::from(writer) * BATCHES + batch) * PER_BATCH;
                        let changes = (first..first + PER_BATCH)
                            .map(|n| engagement(n, "sam", device(writer), 1_000 + n).1)
                            .collect();
                        let request = PushRequest {
                            device_id: device(writer),
                            batch_id: format!("{writer}-{batch}"),
                            changes,
                        };
                        let answer = store.push(sam, &request, now_ms()).unwrap();
                        assert!(answer.results.iter().all(|r| r.status == Status::Applied));
                    }
                })
            })
            .collect();
        let readers: Vec<_> = (0..READERS)
            .map(|_| {
                let (store, cath, writing_done) = (database.store(), &cath, &writing_done);
                scope.spawn(move || {
                    let (mut after, mut seen) = (0, BTreeSet::new());
                    loop {
                        // Read before the pull: a pull begun after the last push sees it all.
                        let finished = writing_done.load(Ordering::SeqCst);
                        let page = store.pull(cath, None, after, 7).unwrap();
                        for change in page.changes {
                            assert!(seen.insert(change.id), "{} pulled twice", change.id);
                        }
                        after = page.last_seq;
                        if finished && !page.has_more {
                            return seen;
                        }
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        writing_done.store(true, Ordering::SeqCst);
        for reader in readers {
            assert_eq!(
                reader.join().unwrap().len(),
                total,
                "a reader missed changes"
            );
        }
    });
    assert_eq!(database.store().last_seq().unwrap(), total as u64);
}
