//! Fieldbook's Leptos client. Components live here, not in `main.rs`, so browser tests can mount them.

mod app;
pub mod components;
pub mod online;
mod pages;
mod service_worker;

pub use app::App;
