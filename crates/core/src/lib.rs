//! Fieldbook's domain: what the app and the server must agree on, with no browser or I/O
//! dependencies. Time and randomness are always passed in.

pub mod backup;
mod day;
pub mod document;
pub mod find;
pub mod form;
pub mod framework;
pub mod health;
pub mod id;
pub mod intake;
mod json_error;
pub mod keeping;
pub mod model;
pub mod organisation;
pub mod pack;
pub mod permissions;
pub mod progress;
pub mod protocol;
pub mod replica;
pub mod report;
pub mod roles;
pub mod sample;
pub mod sort;
pub mod stamp;
pub mod validate;
pub mod vocab;
pub mod window;

pub use document::{Context, Document};
pub use health::Health;
pub use id::{ElementId, Id};
pub use replica::Replica;
pub use stamp::{Clock, DeviceId, Stamp};
pub use validate::{Issue, Issues};

/// The version of Fieldbook that this build carries; app, server and core are released together.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
