//! Kill the server with SIGKILL in the middle of a stream of pushes, start it again on the same
//! file, and find every change it acknowledged before it died.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use fieldbook_core::protocol::PushRequest;
use fieldbook_core::Id;
use support::*;

#[test]
fn every_change_acknowledged_before_a_kill_is_there_after_a_restart() {
    let database = database();
    let db = &database.address;
    accounts(db);
    let server = start(db);
    let token = login(&server, "sam");
    let url = format!("{}/api/v1/sync/push", server.url);
    let acknowledged = Mutex::new(Vec::<Id>::new());
    let dead = AtomicBool::new(false);

    std::thread::scope(|scope| {
        scope.spawn(|| {
            let agent = agent();
            for batch in 0.. {
                let changes: Vec<_> = (0..20)
                    .map(|n| engagement(batch * 20 + n, "sam", device(1), 1_000).1)
                    .collect();
                let ids: Vec<Id> = changes.iter().map(|change| change.id).collect();
                let body = serde_json::to_string(&PushRequest {
                    device_id: device(1),
                    batch_id: format!("crash-{batch}"),
                    changes,
                })
                .unwrap();
                let sent = agent
                    .post(&url)
                    .set("Authorization", &format!("Bearer {token}"))
                    .set("Content-Type", "application/json")
                    .send_string(&body);
                match sent {
                    Ok(response) if response.status() == 200 => {
                        acknowledged.lock().unwrap().extend(ids)
                    }
                    // The server died mid-request: that batch was never acknowledged.
                    _ => break,
                }
                if dead.load(Ordering::SeqCst) && batch > 1_000 {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(1_500));
        dead.store(true, Ordering::SeqCst);
        server.kill();
    });

    let acknowledged = acknowledged.into_inner().unwrap();
    assert!(
        acknowledged.len() >= 100,
        "pushes were under way: {}",
        acknowledged.len()
    );
    let restarted = start(db);
    let token = login(&restarted, "sam");
    let stored: std::collections::BTreeSet<Id> =
        pull_all(&restarted, &token, 1000).into_iter().collect();
    let missing: Vec<&Id> = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged changes lost",
        missing.len()
    );
    println!(
        "{} changes acknowledged before the kill; all there after the restart",
        acknowledged.len()
    );
}
