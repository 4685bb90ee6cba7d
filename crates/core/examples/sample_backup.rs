//! Writes a backup file of realistic sample engagements to standard output, to load a phone with
//! many records for the storage benchmark: `cargo run -p fieldbook-core --example sample_backup -- 5000`.

use fieldbook_core::backup::Backup;
use fieldbook_core::{sample, Clock, Id, Replica};

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .map(|text| text.parse().expect("the count is a whole number"))
        .unwrap_or(5_000);
    let device = Id::from_random([0x5a; 16]);
    let mut clock = Clock::new(device);
    let documents: Vec<String> = (0..count)
        .map(|n| {
            Replica::create(&sample::engagement(n), clock.tick(1_790_000_000_000 + n)).encode()
        })
        .collect();
    let backup = Backup::new(
        1_790_000_000_000 + count,
        device,
        documents.iter().map(String::as_str),
        &[],
    );
    println!("{}", backup.to_json());
}
