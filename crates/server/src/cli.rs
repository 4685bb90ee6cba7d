//! The command line: subcommands and their flags, each with an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "fieldbook-server",
    version,
    about = "Fieldbook's reference sync server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the JSON API and the built app.
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, env = "FIELDBOOK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The SQLite database file; it and its folder are created if missing.
    #[arg(long, env = "FIELDBOOK_DB", default_value = "./data/fieldbook.sqlite")]
    pub db: PathBuf,
    /// The folder holding the built app (trunk's output).
    #[arg(long, env = "FIELDBOOK_DIST", default_value = "./dist")]
    pub dist: PathBuf,
}
