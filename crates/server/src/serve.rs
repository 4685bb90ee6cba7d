//! `fieldbook-server serve`: open the store, bind the port, print where it is (and, while there
//! is no administrator, a set-up link) and answer until Ctrl-C, with limits that keep slow or
//! idle clients from holding the server: a time to send each request's header, a time between
//! pieces of its body, and a cap on open connections. It purges at start and daily, and forgets
//! sign-in failures a day old then too.

use std::io::{ErrorKind, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::auth::limiter;
use crate::cli::ServeArgs;
use crate::store::{self, Store};
use crate::{app_with, now_ms, setup, Settings};

/// How long connections still open at shutdown may take to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    // Handlers' panics are caught and answered as a 500, which needs unwinding. The workspace's
    // release profile aborts on panic (it is sized for the app's download); a server built with
    // it would stop on any one failing request. (`cargo bench` builds the binary that way too,
    // which is why this is a refusal to serve and not a compile error.)
    if cfg!(panic = "abort") {
        bail!(
            "this build aborts on panic, so one failing request would stop the server; \
             build it with `cargo build -p fieldbook-server --profile server`, not --release"
        );
    }
    let store = store::open(&args.db)?;
    if !args.dist.join("index.html").is_file() {
        tracing::warn!(
            "no built app at {}; serving the API only (build it with `trunk build`)",
            args.dist.display()
        );
    }
    let settings = Settings {
        trusted_proxy: args.trusted_proxy,
        ..Settings::default()
    };
    let body_timeout = Duration::from_secs(args.body_timeout_secs);
    let router = app_with(store.clone(), &args.dist, settings)
        .layer(RequestBodyTimeoutLayer::new(body_timeout));
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    runtime.block_on(async {
        let listener = bind(args.addr).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let mut said = format!("Fieldbook is running at {base}/\n");
        // A store call blocks, so it runs off the async threads, as the handlers' do.
        let opened = store.clone();
        let code = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
            if opened.has_admin()? {
                return Ok(None);
            }
            Ok(Some(setup::issue(opened.as_ref(), now_ms())?))
        })
        .await??;
        if let Some(code) = code {
            said.push_str(&setup::invitation(&base, &code));
            said.push('\n');
        }
        // One write, so that a script reading the first line finds the link beside it; and
        // a reader that has gone away is no reason to stop serving.
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(said.as_bytes())
            .and_then(|()| stdout.flush());
        drop(stdout);
        let limits = Limits {
            header_timeout: Duration::from_secs(args.header_timeout_secs),
            connections: Arc::new(Semaphore::new(args.max_connections)),
        };
        tokio::spawn(purge_daily(store.clone()));
        accept(listener, router, limits).await;
        Ok(())
    })
}

/// Purge now and every day after, so contact details go on their retention date without anyone
/// having to remember `fieldbook-server purge`; and forget the sign-in failures that no longer
/// count, so that the table holds about a day's.
async fn purge_daily(store: Arc<dyn Store>) {
    let mut every_day = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
    loop {
        every_day.tick().await;
        let store = store.clone();
        let today = chrono::Utc::now().date_naive();
        let done = tokio::task::spawn_blocking(move || {
            let purged = store.purge("server", today, now_ms());
            (purged, limiter::forget_old(store.as_ref(), now_ms()))
        })
        .await;
        let (purged, forgotten) = match done {
            Ok(done) => done,
            Err(error) => {
                tracing::error!(%error, "the daily purge stopped");
                continue;
            }
        };
        match purged {
            Ok(purged) => tracing::info!(?purged, "purged"),
            Err(error) => tracing::error!(%error, "the daily purge failed"),
        }
        match forgotten {
            Ok(forgotten) => tracing::info!(forgotten, "forgot sign-in failures a day old"),
            Err(error) => tracing::error!(%error, "forgetting old sign-in failures failed"),
        }
    }
}

struct Limits {
    /// The time a client has to send a request's header, and so also how long an idle
    /// keep-alive connection stays open: hyper times both from when it waits for a header.
    header_timeout: Duration,
    connections: Arc<Semaphore>,
}

/// Accept connections until Ctrl-C, each in its own task, at most `limits.connections` at once;
/// past that, new clients wait in the listen queue.
async fn accept(listener: TcpListener, router: Router, limits: Limits) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    loop {
        let permit = tokio::select! {
            permit = limits.connections.clone().acquire_owned() => {
                permit.expect("the connection semaphore is never closed")
            }
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Usually out of file descriptors: wait rather than spin.
                    tracing::warn!("could not accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            // The login rate limit needs each client's address.
            request.extensions_mut().insert(ConnectInfo(remote));
            router.clone().oneshot(request)
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!("connection from {remote} ended: {error}");
            }
            drop(permit);
        });
    }
    tracing::info!("shutting down");
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after {SHUTDOWN_GRACE:?}");
    }
}

async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    match TcpListener::bind(addr).await {
        Ok(listener) => Ok(listener),
        Err(error) if error.kind() == ErrorKind::AddrInUse => bail!(
            "{addr} is already in use; is another server running there? \
             Stop it, or choose another address with --addr or FIELDBOOK_ADDR"
        ),
        Err(error) => Err(error).with_context(|| format!("could not listen on {addr}")),
    }
}

async fn shutdown_signal() {
    // If the handler cannot be installed the server simply runs until it is killed.
    let _ = tokio::signal::ctrl_c().await;
}
