//! A server whose data is replaced (restored from a backup) must get back every record a phone
//! holds, even from a phone whose pushes were answered but whose pull never finished: it has no
//! cursor, so no pull ever answers it 409. Found by the simulation (seed 53).

#[path = "support/server.rs"]
mod server;
mod support;

use std::cell::{Cell, RefCell};

use fieldbook_core::framework::Framework;
use fieldbook_core::model::Engagement;
use fieldbook_core::protocol::{Info, PullResponse, PushRequest, PushResponse};
use fieldbook_core::{sample, Id};
use fieldbook_local::sync::{sync_once, Failure, Host, Transport};
use fieldbook_local::{Session, Store};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use server::{everything, Client, Network, Server, Template};
use support::Disk;

struct Phone {
    store: RefCell<Store>,
    batches: Cell<u8>,
}

impl Host for Phone {
    fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        f(&self.store.borrow())
    }

    fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.store.borrow_mut())
    }

    fn now_ms(&self) -> u64 {
        1_790_000_000_000
    }

    fn batch_id(&self) -> Id {
        self.batches.set(self.batches.get() + 1);
        Id::from_random([self.batches.get(); 16])
    }

    async fn breathe(&self) {}
}

/// A connection whose pulls never get through, as on a phone that loses signal right after
/// its pushes are answered.
struct PullsFail<'a>(Client<'a>);

impl Transport for PullsFail<'_> {
    async fn info(&self) -> Result<Info, Failure> {
        self.0.info().await
    }

    async fn push(&self, request: &PushRequest) -> Result<PushResponse, Failure> {
        self.0.push(request).await
    }

    async fn pull(&self, _: Option<&str>, _: usize, _: &str) -> Result<PullResponse, Failure> {
        Err(Failure::Network("signal lost".into()))
    }

    async fn frameworks(&self) -> Result<Vec<Framework>, Failure> {
        self.0.frameworks().await
    }
}

#[tokio::test(flavor = "current_thread")]
async fn records_acknowledged_before_a_restore_are_sent_again_without_a_cursor() {
    let template = Template::make().await;
    let server = Server::new(&template);
    server.back_up();
    let network = Network::new(ChaCha8Rng::seed_from_u64(0), 0);
    let disk = Disk::new();
    let phone = Phone {
        store: RefCell::new(Store::open(Box::new(disk.clone()), 0, |b| b.fill(1))),
        batches: Cell::new(0),
    };
    let token = &template.tokens["sam"];
    phone
        .store
        .borrow_mut()
        .save_session(&Session {
            server: "http://simulated".into(),
            token: token.clone(),
            expires_at_ms: u64::MAX,
            user: server::user("sam"),
            expired: false,
        })
        .unwrap();
    let mut record = sample::engagement(1);
    record.author = "sam".into();
    phone
        .store
        .borrow_mut()
        .save(None, &record, phone.now_ms())
        .unwrap();
    let alive = || true;
    let client = || Client {
        server: &server,
        network: &network,
        token,
        alive: &alive,
        page: 300,
        max_changes: 500,
    };

    let cut_off = sync_once(&phone, &PullsFail(client())).await;
    assert!(cut_off.is_err(), "the pull fails");
    assert!(phone.store.borrow().is_synced::<Engagement>(record.id));
    assert_eq!(phone.store.borrow().cursor(), None);

    server.restore();
    sync_once(&phone, &client()).await.unwrap();

    let held = everything(&server, token).await;
    assert!(
        held.iter().any(|change| change.id == record.id),
        "the restored server has the record again"
    );
    assert!(phone.store.borrow().is_synced::<Engagement>(record.id));
}
