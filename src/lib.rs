//! Fieldbook's Leptos client. Components live here, not in `main.rs`, so browser tests can mount them.

mod app;
pub mod components;
mod download;
mod focus;
pub mod journaling;
pub mod local_time;
pub mod online;
pub mod pages;
mod persistence;
pub mod random;
mod service_worker;
pub mod state;
pub mod storage;
pub mod sync;

pub use app::App;
