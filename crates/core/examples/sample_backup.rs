//! Writes a backup file of realistic sample engagements to standard output, to load a phone with
//! many records: `cargo run -p fieldbook-core --example sample_backup -- 5000 [AUTHOR [FIRST
//! [brief]]]`. AUTHOR replaces the sample author (a server accepts only the signed-in user's own
//! records); FIRST numbers the records from there, so several phones can hold different ones;
//! `brief` leaves out the notes, so that more records fit in one browser's storage.

use fieldbook_core::backup::Backup;
use fieldbook_core::{sample, Clock, Id, Replica};

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args
        .next()
        .map(|text| text.parse().expect("the count is a whole number"))
        .unwrap_or(5_000);
    let author = args.next();
    let first: u64 = args
        .next()
        .map(|text| text.parse().expect("the first number is a whole number"))
        .unwrap_or(0);
    let brief = args.next().as_deref() == Some("brief");
    let device = Id::from_random([0x5a; 16]);
    let mut clock = Clock::new(device);
    let documents: Vec<String> = (first..first + count)
        .map(|n| {
            let mut record = sample::engagement(n);
            if let Some(author) = &author {
                record.author.clone_from(author);
            }
            if brief {
                record.notes.clear();
            }
            Replica::create(&record, clock.tick(1_790_000_000_000 + n)).encode()
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
