//! How the loop's parts read on screen, the same on a record and in "You said, we did".

use fieldbook_core::model::Feedback;
use fieldbook_core::vocab;

/// Feedback as "what was said (how, when)".
pub fn told(feedback: &Feedback) -> String {
    format!(
        "{} ({}, {})",
        feedback.text,
        vocab::feedback_channels().label(&feedback.channel),
        feedback.given_on.format("%-d %b %Y")
    )
}
