//! `fieldbook-server serve`: open the store, bind the port and answer until Ctrl-C.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{bail, Context};
use tokio::net::TcpListener;

use crate::app;
use crate::cli::ServeArgs;
use crate::store::SqliteStore;

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let store = Arc::new(SqliteStore::open(&args.db)?);
    if !args.dist.join("index.html").is_file() {
        tracing::warn!(
            "no built app at {}; serving the API only (build it with `trunk build`)",
            args.dist.display()
        );
    }
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    runtime.block_on(async {
        let listener = bind(args.addr).await?;
        println!("Fieldbook is running at http://{}/", listener.local_addr()?);
        // Connection info gives the login rate limit each client's address.
        let service = app(store, &args.dist).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("the server stopped with an error")
    })
}

async fn bind(addr: std::net::SocketAddr) -> anyhow::Result<TcpListener> {
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
    tracing::info!("shutting down");
}
