//! Fieldbook's domain: what the app and the server must agree on, with no browser or I/O dependencies.

pub mod health;

pub use health::Health;

/// The version of Fieldbook that this build carries; app, server and core are released together.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
