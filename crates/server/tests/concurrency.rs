//! Ten devices push a thousand changes each at once; every change is stored exactly once, and
//! pulls page through all of them in order.

mod support;

use std::collections::BTreeSet;

use fieldbook_core::protocol::Cursor;
use support::*;

const DEVICES: u8 = 10;
const PER_DEVICE: u64 = 1000;
const BATCH: usize = 100;

#[test]
fn ten_devices_push_at_once_and_every_change_is_there_once_in_order() {
    let server = server();
    let sam = login(&server, "sam");
    std::thread::scope(|scope| {
        for d in 0..DEVICES {
            let (server, sam) = (&server, &sam);
            scope.spawn(move || {
                let changes: Vec<_> = (0..PER_DEVICE)
                    .map(|n| {
                        engagement(u64::from(d) * PER_DEVICE + n, "sam", device(d), 1_000 + n).1
                    })
                    .collect();
                for (index, batch) in changes.chunks(BATCH).enumerate() {
                    let answer = push(
                        server,
                        sam,
                        device(d),
                        &format!("{d}-{index}"),
                        batch.to_vec(),
                    );
                    assert_eq!(answer.status, 200, "{}", answer.body);
                    assert!(statuses(&answer).iter().all(|status| status == "applied"));
                }
            });
        }
    });

    let total = usize::from(DEVICES) * PER_DEVICE as usize;
    let mut cursor = String::new();
    let mut seen = BTreeSet::new();
    let mut last_seq = 0;
    loop {
        let page = pull(&server, &sam, &cursor, 700);
        assert_eq!(page.status, 200);
        for change in page.body["changes"].as_array().unwrap() {
            assert!(
                seen.insert(change["id"].as_str().unwrap().to_owned()),
                "pulled once"
            );
        }
        cursor = page.body["next_cursor"].as_str().unwrap().to_owned();
        let seq = cursor.parse::<Cursor>().unwrap().seq;
        assert!(seq > last_seq || !page.body["has_more"].as_bool().unwrap());
        last_seq = seq;
        if !page.body["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(seen.len(), total);
    assert_eq!(
        last_seq, total as u64,
        "sequence numbers have no gaps or repeats"
    );
}
