//! The screens, one per file, and the page for whoever cannot use any of them.

mod audit;
mod devices;
mod frameworks;
mod not_found;
mod organisation;
mod people;
mod person;
mod protection;
mod sign_in_first;
mod teams;

pub use audit::Audit;
pub use frameworks::Frameworks;
pub use not_found::NotFound;
pub use organisation::Organisation;
pub use people::People;
pub use person::Person;
pub use sign_in_first::SignInFirst;
pub use teams::Teams;

use leptos::prelude::*;

use crate::api::Failure;

/// A list that could not be fetched, said in words.
fn failed(failure: Failure) -> AnyView {
    view! { <p class="error">{format!("This could not be loaded. {failure}")}</p> }.into_any()
}
