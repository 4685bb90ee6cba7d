//! Forms: what people type, kept exactly as typed, and turned into documents only on save. A
//! draft is a form, so a half-typed number or date survives a closed tab and an error alike.

mod contact;
mod engagement;
mod follow_up;
mod parse;

pub use contact::ContactForm;
pub use engagement::EngagementForm;
pub use follow_up::{ActionForm, FeedbackForm, PriorityForm};
