//! `fieldbook-server`: Fieldbook's reference sync server.
//!
//! It answers the JSON API under `/api` from a SQLite file (or a PostgreSQL database, for several
//! server processes) and serves the built app from a folder,
//! so one command runs the whole thing:
//!
//! ```text
//! fieldbook-server serve --addr 127.0.0.1:8080 --db ./data/fieldbook.sqlite --dist ./dist
//! ```
//!
//! Every flag can also be set by its environment variable (`FIELDBOOK_ADDR`, `FIELDBOOK_DB`,
//! `FIELDBOOK_DIST`). While the database has no administrator, `serve` prints a one-time set-up
//! link for making one in a browser. Accounts are managed here too (`fieldbook-server user add
//! sam --role outreach --team Brinnington`); `fieldbook-server --help` lists the rest.

use std::process::ExitCode;

use clap::Parser;
use fieldbook_server::cli::{Cli, Command};

/// A push decodes, merges, checks and re-encodes each record through many small strings and
/// maps; with glibc's allocator, allocating and freeing them took about a third of the server's
/// time, and mimalloc makes that a small part.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Logs go to stderr: stdout says only where the server is, for scripts that start it.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "fieldbook_server=info,tower_http=warn".into()),
        )
        .init();
    let outcome = match cli.command {
        Command::Serve(args) => fieldbook_server::serve::run(args),
        Command::User { db, command } => fieldbook_server::admin::user(&db, command),
        Command::Team { db, command } => fieldbook_server::admin::team(&db, command),
        Command::SetupLink { db, addr } => fieldbook_server::admin::setup_link(&db, addr),
        Command::Purge { db } => fieldbook_server::admin::purge(&db),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fieldbook-server: {error:#}");
            ExitCode::FAILURE
        }
    }
}
