//! Fieldbook's administration in the browser, served at `/admin/`: people, teams, data
//! protection, the audit log and publishing frameworks, over the server's admin API. It signs in
//! with the session the phone app saved on this origin.

mod api;
mod app;
mod components;
mod download;
mod pages;
mod session;
mod when;

pub use app::App;
