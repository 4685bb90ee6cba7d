//! The routed pages, one per file.

mod coordinate;
mod not_found;
mod record;
mod settings;
mod training;

pub use coordinate::{Coordinate, Dashboard, HalfYearReport};
pub use not_found::NotFound;
pub use record::{EditEngagement, EngagementDetail, NewEngagement, Record, YouSaid};
pub use settings::Settings;
pub use training::{Competency, Frameworks, Portfolio, Review, Training};
