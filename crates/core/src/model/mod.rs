//! The outreach side's documents: engagements, what was heard and done about it, and venues.

mod engagement;
mod follow_up;
mod reach;
mod venue;

pub use engagement::{Contact, Engagement, RecordReview, ReviewState};
pub use follow_up::{Action, Feedback, Priority, ACTION_DONE, ACTION_DROPPED};
pub use reach::Reach;
pub use venue::Venue;
