//! The routed pages, one per file.

mod coordinate;
mod not_found;
mod record;
mod settings;
mod sign_in;
mod sync_problems;
mod team;
mod training;

pub use coordinate::{Coordinate, Dashboard, HalfYearReport};
pub use not_found::NotFound;
pub use record::{EditEngagement, EngagementDetail, NewEngagement, Record, YouSaid};
pub use settings::Settings;
pub use sign_in::SignIn;
pub use sync_problems::SyncProblems;
pub use team::{ReviewRecord, TeamRecords};
pub use training::{Competency, Frameworks, Portfolio, Review, Training};
