//! The command line: subcommands and their flags, each with an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::BoolishValueParser;
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
    /// Manage user accounts. There is no default account or password.
    User {
        #[command(flatten)]
        db: DbArg,
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage teams (areas). Users belong to teams; coordinators see their teams' records.
    Team {
        #[command(flatten)]
        db: DbArg,
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Print a new set-up link, for making the first administrator in a browser. Refused once
    /// there is an administrator.
    SetupLink {
        #[command(flatten)]
        db: DbArg,
        /// The address the server listens on, for the link.
        #[arg(long, env = "FIELDBOOK_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Remove the personal data of records past their retention date, and delete them; clear
    /// what records and list items deleted more than 30 days ago held, keeping the deletes.
    Purge {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from FIELDBOOK_PASSWORD, or asked for on the terminal.
    Add {
        username: String,
        /// outreach, learner, coordinator or admin.
        #[arg(long)]
        role: String,
        /// A team the user belongs to; repeat for several.
        #[arg(long = "team")]
        teams: Vec<String>,
    },
    /// List every account with its role, teams and whether it is disabled.
    List,
    /// Disable an account and sign it out everywhere.
    Disable { username: String },
    /// Let a disabled account sign in again.
    Enable { username: String },
    /// Give a user another role: outreach, learner, coordinator or admin.
    SetRole { username: String, role: String },
    /// Replace the teams a user belongs to; no --team leaves them in none.
    SetTeams {
        username: String,
        /// A team the user belongs to; repeat for several.
        #[arg(long = "team")]
        teams: Vec<String>,
    },
    /// Set a new password (from FIELDBOOK_PASSWORD or the terminal); signs out every session.
    ResetPassword { username: String },
    /// Print a one-time link, valid for 72 hours, with which the user sets their own password;
    /// their earlier links stop working. Nothing changes until it is used.
    PasswordLink {
        username: String,
        /// The address the server listens on, for the link.
        #[arg(long, env = "FIELDBOOK_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Print every record that names the user, as JSON.
    Export { username: String },
    /// Replace the user's name with a pseudonym in every record, the account and the audit log,
    /// clear their contact details and disable the account. Recorded in the audit log.
    Erase { username: String },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Add a team.
    Add { name: String },
    /// Rename a team, for its members and the frameworks published to it too.
    Rename { old: String, new: String },
}

#[derive(Debug, Clone, Args)]
pub struct DbArg {
    /// The database: a SQLite file (it and its folder are created if missing), or a PostgreSQL
    /// address, `postgres://user:password@host/database`.
    // Global, so it may follow the subcommand too (`user add sam … --db F`), as people type it.
    #[arg(
        long,
        global = true,
        env = "FIELDBOOK_DB",
        default_value = "./data/fieldbook.sqlite"
    )]
    pub db: String,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, env = "FIELDBOOK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The database: a SQLite file (it and its folder are created if missing), or a PostgreSQL
    /// address, `postgres://user:password@host/database`, which several servers may share.
    #[arg(long, env = "FIELDBOOK_DB", default_value = "./data/fieldbook.sqlite")]
    pub db: String,
    /// The folder holding the built app (trunk's output).
    #[arg(long, env = "FIELDBOOK_DIST", default_value = "./dist")]
    pub dist: PathBuf,
    /// Take each client's address from the last hop of X-Forwarded-For, for login limits. Set
    /// it only when a reverse proxy that sets that header is the only way to reach the server.
    #[arg(long, env = "FIELDBOOK_TRUSTED_PROXY", value_parser = BoolishValueParser::new())]
    pub trusted_proxy: bool,
    /// Seconds a client has to send a request's header; an idle connection closes after it too.
    #[arg(long, env = "FIELDBOOK_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Seconds a request body may pause between pieces before the request fails.
    #[arg(long, env = "FIELDBOOK_BODY_TIMEOUT", default_value_t = 30)]
    pub body_timeout_secs: u64,
    /// The most connections open at once; more wait to be accepted.
    #[arg(long, env = "FIELDBOOK_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
}
