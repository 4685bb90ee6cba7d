//! Pieces the screens share, one per file.

mod allowed;
mod one_time_link;
mod status;
mod team_choice;

pub use allowed::Allowed;
pub use one_time_link::OneTimeLink;
pub use status::{Said, Status};
pub use team_choice::TeamChoice;
