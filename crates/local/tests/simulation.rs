//! A deterministic simulation of sync (docs/simulation.md): phones with the real store and sync
//! engine, the real server in process, and a seed that chooses every operation and fault. After
//! the faults stop, every phone must hold what the server holds, and every completed save must
//! be on the server or explained by a refusal.
//!
//! `FIELDBOOK_SEED=<n>` replays one seed; `FIELDBOOK_SEEDS=<count>` sets how many run.

#[path = "support/checks.rs"]
mod checks;
#[path = "support/people.rs"]
mod people;
#[path = "support/server.rs"]
mod server;
mod support;
#[path = "support/world.rs"]
mod world;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use checks::check;
use server::{everything, Network, Server, Template};
use world::World;

/// About a minute in a debug build on two busy cores (8 to 13 seeds/s measured).
const DEFAULT_SEEDS: u64 = 600;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|value| {
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {value:?}"))
    })
}

#[test]
fn sync_converges_under_faults() {
    let template = runtime().block_on(Template::make());
    let seeds: Vec<u64> = match env("FIELDBOOK_SEED") {
        Some(seed) => vec![seed],
        None => (0..env("FIELDBOOK_SEEDS").unwrap_or(DEFAULT_SEEDS)).collect(),
    };
    // Seeds are independent, so each core takes every other one; within a seed, everything
    // runs on one thread, in the order the seed says.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(seeds.len());
    let failed = AtomicBool::new(false);
    let started = Instant::now();
    let results: Vec<Result<BTreeMap<&'static str, usize>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (seeds, template, failed) = (&seeds, &template, &failed);
                scope.spawn(move || run_seeds(seeds, worker, workers, template, failed))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut totals: BTreeMap<&'static str, usize> = BTreeMap::new();
    for result in results {
        for (what, n) in result.unwrap_or_else(|failure| panic!("{failure}")) {
            *totals.entry(what).or_default() += n;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{} seeds in {seconds:.1} s on {workers} threads ({:.1} seeds/s)",
        seeds.len(),
        seeds.len() as f64 / seconds
    );
    for (what, n) in &totals {
        eprintln!("  {what}: {n}");
    }
    assert_eq!(totals["seeds"], seeds.len());
    assert!(totals["syncs done"] > 0);
}

/// Every `workers`th seed from `first`, until one fails (here or in another worker).
fn run_seeds(
    seeds: &[u64],
    first: usize,
    workers: usize,
    template: &Template,
    failed: &AtomicBool,
) -> Result<BTreeMap<&'static str, usize>, String> {
    let runtime = runtime();
    let mut totals = BTreeMap::new();
    for &seed in seeds.iter().skip(first).step_by(workers) {
        if failed.load(Ordering::Relaxed) {
            break;
        }
        eprintln!("seed {seed}");
        let run = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime.block_on(simulate(seed, template))
        }));
        match run {
            Ok(outcome) => {
                for (what, n) in outcome.counts {
                    *totals.entry(what).or_default() += n;
                }
            }
            Err(panic) => {
                failed.store(true, Ordering::Relaxed);
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                return Err(format!(
                    "seed {seed} failed: {message}\nreplay: FIELDBOOK_SEED={seed} cargo test -p \
                     fieldbook-local --test simulation -- --nocapture"
                ));
            }
        }
    }
    Ok(totals)
}

#[test]
fn a_seed_replays_exactly() {
    let runtime = runtime();
    let template = runtime.block_on(Template::make());
    for seed in [3, 11] {
        let first = runtime.block_on(simulate(seed, &template));
        let second = runtime.block_on(simulate(seed, &template));
        assert!(first.trace.len() > 20, "seed {seed} did something");
        assert_eq!(
            first.trace, second.trace,
            "seed {seed} ran the same way twice"
        );
        assert_eq!(
            first.server, second.server,
            "seed {seed} ended the same way twice"
        );
    }
}

/// What one seed did, for the figures and for checking that a replay is exact.
struct Outcome {
    trace: Vec<String>,
    server: Vec<String>,
    counts: BTreeMap<&'static str, usize>,
}

async fn simulate(seed: u64, template: &Template) -> Outcome {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let server = Server::new(template);
    let network = Network::new(ChaCha8Rng::seed_from_u64(rng.gen()), rng.gen_range(5..40));
    let clock = Cell::new(0);
    // Two or three people; sam sometimes has a second phone, which must see what the first
    // one wrote although the server leaves a device's own writes out of its pulls.
    let mut users = vec!["sam", "cath"];
    if rng.gen_bool(0.6) {
        users.push("sal");
    }
    if rng.gen_bool(0.4) {
        users.push("sam");
    }
    let world_rng = ChaCha8Rng::seed_from_u64(rng.gen());
    let mut world = World::new(world_rng, &users, &server, &network, template, &clock);
    world.verbose = std::env::var("FIELDBOOK_SEED").is_ok();
    let steps = world.rng.gen_range(10..40);
    let mut quota_until: Vec<Option<usize>> = vec![None; users.len()];
    for step in 0..steps {
        clock.set(clock.get() + world.rng.gen_range(1..20_000));
        inject_faults(&mut world, step, &mut quota_until).await;
        let phone = world.rng.gen_range(0..users.len());
        if world.rng.gen_range(0..100) < 60 {
            world.act(phone);
        } else {
            world.sync(phone, 10).await;
        }
        for phone in 0..users.len() {
            if world.phones[phone].disk.crashed() {
                world.note(format!("{phone} died"));
                world.count("crashes");
                world.phones[phone].restart();
            }
        }
    }
    heal(&mut world).await;
    settle(&mut world).await;
    // People settle some of the conflicts sync found, some with their own value, which must
    // then win everywhere.
    for phone in 0..world.phones.len() {
        while !world.phones[phone].store.borrow().conflicts().is_empty() && world.rng.gen_bool(0.5)
        {
            world.resolve(phone);
        }
    }
    settle(&mut world).await;
    let found = check(&world).await;
    let server_state = everything(&server, &template.tokens["cath"])
        .await
        .into_iter()
        .map(|change| change.replica.get().to_owned())
        .collect();
    let mut counts = world.counts.clone();
    for (fault, n) in network.faults.borrow().iter() {
        *counts.entry(fault).or_default() += n;
    }
    counts.insert("epoch resets", server.restores.get());
    counts.insert("seeds", 1);
    counts.extend(found);
    Outcome {
        trace: world.trace,
        server: server_state,
        counts,
    }
}

/// Storage faults and the server's data being replaced, chosen by the seed at each step.
async fn inject_faults(world: &mut World<'_>, step: usize, quota_until: &mut [Option<usize>]) {
    let phones = world.phones.len();
    let roll = world.rng.gen_range(0..100);
    let phone = world.rng.gen_range(0..phones);
    let disk = world.phones[phone].disk.clone();
    match roll {
        0..=3 => {
            let writes = world.rng.gen_range(0..6);
            disk.crash_after(writes);
            world.note(format!("{phone} dies after {writes} writes"));
        }
        4..=7 if quota_until[phone].is_none() => {
            let room = world.rng.gen_range(0..2_000);
            disk.set_quota(Some(disk.used() + room));
            quota_until[phone] = Some(step + world.rng.gen_range(1..8));
            world.note(format!("{phone} storage full"));
            world.count("storage full");
        }
        8..=9 if !world.server.has_backup() => {
            world.server.back_up();
            world.note("server backed up".into());
        }
        10..=12 if world.server.has_backup() && world.server.restores.get() < 2 => {
            world.server.restore();
            world.note("server restored from its backup".into());
        }
        13..=14 => {
            let ahead = !world.phones[phone].ahead.get();
            world.phones[phone].ahead.set(ahead);
            let now = if ahead {
                "decades ahead"
            } else {
                "right again"
            };
            world.note(format!("{phone} clock {now}"));
            world.count("clocks set wrong or right");
        }
        15..=30 if world.network.has_late() => {
            world.network.deliver_one_late(world.server).await;
            world.note("a late push arrived".into());
        }
        _ => {}
    }
    for (phone, until) in quota_until.iter_mut().enumerate() {
        if *until == Some(step) {
            world.phones[phone].disk.set_quota(None);
            *until = None;
        }
    }
}

/// The faults stop: late pushes arrive, storage has room, and every phone starts again from
/// what its storage holds.
async fn heal(world: &mut World<'_>) {
    world.network.fault_percent.set(0);
    while world.network.has_late() {
        world.network.deliver_one_late(world.server).await;
    }
    for phone in &world.phones {
        phone.ahead.set(false);
        phone.disk.set_quota(None);
        phone.restart();
    }
}

/// Sync every phone, round after round, until a whole round moves nothing.
async fn settle(world: &mut World<'_>) {
    for _ in 0..8 {
        let mut quiet = true;
        for phone in 0..world.phones.len() {
            match world.sync(phone, 0).await {
                Some(Ok(report)) => quiet &= report.pushed == 0 && report.pulled == 0,
                other => panic!("phone {phone} could not sync once faults stopped: {other:?}"),
            }
        }
        if quiet {
            return;
        }
    }
    panic!(
        "sync never settled: {:?}",
        &world.trace[world.trace.len() - 8..]
    );
}
